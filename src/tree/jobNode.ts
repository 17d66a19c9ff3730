import * as vscode from 'vscode';
import type { AnyRestoreJob } from '../atlas/types';
import type { ConnectionInfo } from '../connections/model';
import { jobFacts, type JobFacts } from '../jobs/facts';
import type { ClusterKind } from '../jobs/families';
import { jobRefAt, type JobRef } from '../jobs/jobRef';
import { jobHoverMarkdown, jobRowParts } from '../jobs/jobRow';
import { asOfText, keptFacts, keptJob, type KeptJobInfo } from '../offline/keptJobs';
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
    /** jobFacts of `job`, when the caller has them already: they are read once per job, not once per use. */
    facts?: JobFacts,
  ) {
    this.current = job;
    this.currentFacts = facts ?? jobFacts(job, services.now());
    this.id = `${parent.id}/${job.family}:${this.currentFacts.id}${idSuffix}`;
    // The list may be older than what following has fetched since: show the newest document. A kept copy is
    // not news to following, which would otherwise take it for the job's latest state.
    const newest = this.currentFacts.id && !this.kept ? services.watch?.current(this.ref, job, this.currentFacts) : undefined;
    if (newest && newest !== job) this.update(newest);
  }

  /** Set when the row shows the offline copy of the job rather than what Atlas answered. */
  get kept(): KeptJobInfo | undefined {
    return keptJob(this.current.job);
  }

  get job(): AnyRestoreJob {
    return this.current;
  }

  get facts(): JobFacts {
    return keptFacts(this.current, this.currentFacts);
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

  /** Without its hover: VS Code asks for that through resolveTreeItem (see tooltip) when the row is hovered. */
  treeItem(): vscode.TreeItem {
    const row = jobRowParts(this.facts, this.services.settings().timeZone, this.labelOverride);
    const item = new vscode.TreeItem(row.label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    const kept = this.kept;
    // Where a link would be: the copy has none, so the row says why rather than looking linkless.
    item.description = kept ? `${row.description} · ${vscode.l10n.t('offline')}` : row.description;
    item.iconPath = new vscode.ThemeIcon(row.icon.icon, new vscode.ThemeColor(row.icon.color));
    const flags = [row.contextValue];
    if (this.services.watch?.isFollowed(this.ref)) flags.push('watched');
    if (kept) flags.push('offline');
    item.contextValue = flags.join(' ');
    item.command = {
      command: 'atlasRestoreJobs.openJobDetails',
      title: vscode.l10n.t('Open Job Details'),
      arguments: [this],
    };
    item.accessibilityInformation = { label: kept ? `${row.accessibilityLabel}, ${vscode.l10n.t('offline')}` : row.accessibilityLabel };
    return item;
  }

  /**
   * The row's hover: most of what a row costs (a dozen localized names, every date formatted twice), so
   * it is built for the one row hovered, not for every row of every page shown (bench: search suite).
   */
  tooltip(): vscode.MarkdownString {
    const { timeZone } = this.services.settings();
    const hover = new vscode.MarkdownString(jobHoverMarkdown(this.facts, this.services.now(), timeZone), true);
    const kept = this.kept;
    if (kept) {
      const asOf = asOfText(kept.asOf, this.services.now(), timeZone);
      hover.appendMarkdown(`\n\n$(debug-disconnect) ${vscode.l10n.t('Offline copy of {0}: delivery links are not kept offline.', asOf)}`);
    }
    return hover;
  }
}
