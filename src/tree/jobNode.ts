import * as vscode from 'vscode';
import type { AnyRestoreJob } from '../atlas/types';
import type { ConnectionInfo } from '../connections/model';
import { displayText } from '../format/text';
import { formatDateTime, shortId } from '../format/time';
import { jobFacts, type JobFacts } from '../jobs/facts';
import type { ClusterKind } from '../jobs/families';
import { jobRefAt, type JobRef } from '../jobs/jobRef';
import { isSettled } from '../jobs/status';
import { STATUS_ICONS } from '../jobs/statusIcons';
import { familyLabel } from '../jobs/families';
import { deliveryKindText, jobProblemLabel, jobStatusText } from '../jobs/labels';
import { jobSummaryRows, jobSummaryTitle } from '../jobs/summaryRows';
import { Tooltip } from './tooltip';
import type { ExplorerServices, TreeNode } from './treeNode';

/** Where a job lives; enough to fetch it again and to name it. */
export interface JobLocation {
  connection: ConnectionInfo;
  groupId: string;
  projectName: string;
  clusterName: string;
  clusterKind: ClusterKind;
}

export class JobNode implements TreeNode {
  readonly id: string;
  private current: AnyRestoreJob;
  private currentFacts: JobFacts;

  constructor(
    readonly parent: TreeNode,
    readonly location: JobLocation,
    job: AnyRestoreJob,
    private readonly services: ExplorerServices,
    /** Rows inside a sharded batch are told apart by shard, not by time. */
    private readonly labelOverride?: string,
    /** Makes the row's id unique where the document's own id is missing or repeated. */
    idSuffix = '',
  ) {
    this.current = job;
    this.currentFacts = jobFacts(job, services.now());
    this.id = `${parent.id}/${job.family}:${this.currentFacts.id}${idSuffix}`;
    // The list may be older than what following has fetched since: show the newest document.
    const newest = this.currentFacts.id ? services.watch?.current(this.ref, job) : undefined;
    if (newest && newest !== job) this.update(newest);
  }

  get job(): AnyRestoreJob {
    return this.current;
  }

  get facts(): JobFacts {
    return this.currentFacts;
  }

  /** A newer document of this job (following fetched it): the row shows it in place, keeping its id. */
  update(job: AnyRestoreJob): void {
    this.current = job;
    this.currentFacts = jobFacts(job, this.services.now());
  }

  get hasUrl(): boolean {
    return this.facts.delivery.links.length > 0 || this.facts.delivery.privateLinks.length > 0;
  }

  /** The reference the details panel and commands use. */
  get ref(): JobRef {
    return jobRefAt(this.location, this.job.family, this.facts.id);
  }

  treeItem(): vscode.TreeItem {
    const f = this.facts;
    const tz = this.services.settings().timeZone;
    // A document that cannot be read as a job is its own row, saying why; its siblings show as usual.
    const label = f.problem
      ? jobProblemLabel(f)
      : (this.labelOverride ?? (f.requestedAt ? formatDateTime(f.requestedAt, tz) : shortId(displayText(f.id))));
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    const parts = [jobStatusText(f), deliveryKindText(f)];
    if (this.hasUrl && f.delivery.expired && f.status !== 'expired' && f.status !== 'downloadLimitReached') parts.push(vscode.l10n.t('link expired'));
    item.description = parts.join(' · ');
    const icon = f.problem ? { icon: 'warning', color: 'problemsWarningIcon.foreground' } : STATUS_ICONS[f.status];
    item.iconPath = new vscode.ThemeIcon(icon.icon, new vscode.ThemeColor(icon.color));
    item.tooltip = this.tooltip();
    const following = this.services.watch?.isFollowed(this.ref) ? ['watched'] : [];
    const running = !isSettled(f.status) && f.id ? ['unsettled'] : [];
    item.contextValue = ['job', `family:${f.family}`, this.hasUrl ? 'hasUrl' : 'noUrl', ...(f.delivery.links.length > 1 ? ['multiFile'] : []), ...(f.problem ? ['problem'] : []), ...running, ...following].join(' ');
    item.command = {
      command: 'atlasRestoreJobs.openJobDetails',
      title: vscode.l10n.t('Open Job Details'),
      arguments: [this],
    };
    item.accessibilityInformation = {
      label: vscode.l10n.t('{0} restore job requested {1}, {2}', familyLabel(f.family), label, item.description),
    };
    return item;
  }

  private tooltip(): vscode.MarkdownString {
    const tip = new Tooltip(jobSummaryTitle(this.facts), STATUS_ICONS[this.facts.status].icon.replace('~spin', ''));
    for (const row of jobSummaryRows(this.facts, this.services.now(), this.services.settings().timeZone)) tip.row(row.name, row.value);
    return tip.markdown;
  }
}
