import * as vscode from 'vscode';
import type { AnyRestoreJob } from '../atlas/types';
import type { ConnectionInfo } from '../connections/model';
import { formatDateTime, formatRelative, shortId } from '../format/time';
import { jobFacts, type JobFacts } from '../jobs/facts';
import type { ClusterKind } from '../jobs/families';
import { jobRefAt, type JobRef } from '../jobs/jobRef';
import { STATUS_ICONS } from '../jobs/statusIcons';
import { familyLabel } from '../jobs/families';
import { deliveryKindLabel, statusLabel } from '../jobs/labels';
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
  readonly facts: JobFacts;

  constructor(
    readonly parent: TreeNode,
    readonly location: JobLocation,
    readonly job: AnyRestoreJob,
    private readonly services: ExplorerServices,
    /** Rows inside a sharded batch are told apart by shard, not by time. */
    private readonly labelOverride?: string,
  ) {
    this.facts = jobFacts(job, services.now());
    this.id = `${parent.id}/${job.family}:${this.facts.id}`;
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
    const label = this.labelOverride ?? (f.requestedAt ? formatDateTime(f.requestedAt, tz) : shortId(f.id));
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    const parts = [statusLabel(f.status), deliveryKindLabel(f.deliveryKind)];
    if (this.hasUrl && f.delivery.expired && f.status !== 'expired') parts.push(vscode.l10n.t('link expired'));
    item.description = parts.join(' · ');
    const icon = STATUS_ICONS[f.status];
    item.iconPath = new vscode.ThemeIcon(icon.icon, new vscode.ThemeColor(icon.color));
    item.tooltip = this.tooltip();
    item.contextValue = ['job', `family:${f.family}`, this.hasUrl ? 'hasUrl' : 'noUrl'].join(' ');
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
    const f = this.facts;
    const tz = this.services.settings().timeZone;
    const now = this.services.now();
    const when = (d: Date | undefined) => (d ? `${formatDateTime(d, tz)} (${formatRelative(d, now)})` : undefined);
    const tip = new Tooltip(`${familyLabel(f.family)} · ${statusLabel(f.status)}`, STATUS_ICONS[f.status].icon.replace('~spin', ''))
      .row(vscode.l10n.t('Job'), f.id)
      .row(vscode.l10n.t('Atlas status'), f.atlasStatus)
      .row(vscode.l10n.t('Requested'), when(f.requestedAt))
      .row(vscode.l10n.t('Scheduled'), when(f.scheduledAt))
      .row(vscode.l10n.t('Finished'), when(f.finishedAt))
      .row(vscode.l10n.t('Delivery'), `${deliveryKindLabel(f.deliveryKind)}${f.atlasDeliveryKind ? ` (${f.atlasDeliveryKind})` : ''}`)
      .row(vscode.l10n.t('Snapshot'), f.snapshotId ? `${f.snapshotId}${f.snapshotAt ? ` · ${formatDateTime(f.snapshotAt, tz)}` : ''}` : undefined)
      .row(vscode.l10n.t('Point in time'), f.pointInTimeAt ? formatDateTime(f.pointInTimeAt, tz) : undefined)
      .row(
        vscode.l10n.t('Target'),
        f.targetClusterName || f.targetProjectId ? [f.targetClusterName, f.targetProjectId].filter(Boolean).join(' · ') : undefined,
      )
      .row(vscode.l10n.t('Batch'), f.batchId);
    if (this.hasUrl) {
      const links = f.delivery.links.length + f.delivery.privateLinks.length;
      const expiry = f.delivery.expiresAt
        ? f.delivery.expired
          ? vscode.l10n.t('expired {0}', formatRelative(f.delivery.expiresAt, now))
          : vscode.l10n.t('expires {0}', formatRelative(f.delivery.expiresAt, now))
        : f.delivery.expired
          ? vscode.l10n.t('expired')
          : undefined;
      tip.row(vscode.l10n.t('Download links'), [String(links), expiry].filter(Boolean).join(' · '));
    }
    if (f.hashes.length) tip.row(vscode.l10n.t('File hashes'), String(f.hashes.length));
    return tip.markdown;
  }
}
