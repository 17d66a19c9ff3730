import * as vscode from 'vscode';
import type { LegacyRestoreJob } from '../atlas/types';
import { formatDateTime, shortId } from '../format/time';
import { displayText } from '../format/text';
import { compareNewestFirst, jobFacts } from '../jobs/facts';
import { batchStatus, type JobStatus } from '../jobs/status';
import { STATUS_ICONS } from '../jobs/statusIcons';
import { statusLabel } from '../jobs/labels';
import { JobNode, type JobLocation } from './jobNode';
import { uniqueRows } from './jobRows';
import { failureNode } from './errorNodes';
import type { ExplorerServices, TreeNode } from './treeNode';

/**
 * The legacy jobs of one sharded restore: Atlas makes one job per shard and one for the config
 * server, all sharing a batchId. The row sums them up; its children are the per-shard jobs.
 */
/** Fetches every job of a batch when the loaded pages may hold only part of it. */
export interface WholeBatchSource {
  wholeBatch(batchId: string): Promise<LegacyRestoreJob[]>;
}

export class BatchNode implements TreeNode {
  readonly id: string;
  jobs: JobNode[];
  private failure: unknown;

  constructor(
    readonly parent: TreeNode,
    readonly batchId: string,
    readonly location: JobLocation,
    jobs: readonly LegacyRestoreJob[],
    private readonly services: ExplorerServices,
    /** Set while the list behind the batch has pages not loaded yet. */
    private readonly partOf?: WholeBatchSource,
  ) {
    this.id = `${parent.id}/batch:${batchId}`;
    this.jobs = this.nodes(jobs);
  }

  /** Each job labelled by its shard or config server, as far as the job itself tells it. */
  private nodes(jobs: readonly LegacyRestoreJob[]): JobNode[] {
    const label = (node: JobNode) => node.facts.componentLabel ?? node.facts.clusterName ?? shortId(node.facts.id);
    return uniqueRows(jobs, (job, suffix) => {
      const item = { family: 'legacy', job } as const;
      const facts = jobFacts(item, this.services.now());
      const component = facts.componentLabel ?? facts.clusterName;
      return new JobNode(this, this.location, item, this.services, component && displayText(component), suffix, facts);
    }).sort((a, b) => label(a).localeCompare(label(b)) || compareNewestFirst(a.facts, b.facts));
  }

  /** The newest time among the batch, for ordering it among single jobs. */
  get requestedAt(): Date | undefined {
    const times = this.jobs.map((j) => j.facts.requestedAt?.getTime()).filter((t): t is number => t !== undefined);
    return times.length ? new Date(Math.max(...times)) : undefined;
  }

  get status(): JobStatus {
    return batchStatus(this.jobs.map((j) => j.facts.status));
  }

  treeItem(): vscode.TreeItem {
    const tz = this.services.settings().timeZone;
    const when = this.requestedAt;
    const item = new vscode.TreeItem(
      when ? vscode.l10n.t('{0} · sharded restore', formatDateTime(when, tz)) : vscode.l10n.t('Sharded restore'),
      vscode.TreeItemCollapsibleState.Collapsed,
    );
    item.id = this.id;
    const status = this.status;
    item.description = vscode.l10n.t('{0} jobs · {1} · batch {2}', this.jobs.length, statusLabel(status), shortId(this.batchId));
    const icon = STATUS_ICONS[status];
    item.iconPath = new vscode.ThemeIcon(icon.icon, new vscode.ThemeColor(icon.color));
    const md = new vscode.MarkdownString();
    md.appendText(
      vscode.l10n.t(
        'One restore of a sharded cluster: Atlas made one legacy restore job per shard and one for the config server, sharing batch {0}.',
        this.batchId,
      ),
    );
    item.tooltip = md;
    item.contextValue = this.jobs.some((j) => j.hasUrl) ? 'jobGroup batch hasUrl' : 'jobGroup batch';
    return item;
  }

  async children(): Promise<TreeNode[]> {
    if (this.partOf) {
      try {
        const whole = await this.services.withProgress(() => this.partOf!.wholeBatch(this.batchId));
        const loaded = new Set(this.jobs.map((j) => j.facts.id));
        if (whole.some((job) => !loaded.has(job.id ?? ''))) {
          const byId = new Map([...this.jobs.map((j) => [j.facts.id, j.job.job as LegacyRestoreJob] as const), ...whole.map((j) => [j.id ?? '', j] as const)]);
          this.jobs = this.nodes([...byId.values()]);
          // The row's count and state were drawn from part of the batch.
          this.services.changed(this);
        }
        this.failure = undefined;
      } catch (error) {
        this.failure = error;
      }
    }
    const failure =
      this.failure === undefined
        ? undefined
        : failureNode(this.failure, {
            id: `${this.id}/failure`,
            parent: this,
            what: vscode.l10n.t('the rest of this sharded restore'),
            connectionId: this.location.connection.id,
            retry: () => this.services.changed(this),
          });
    return failure ? [...this.jobs, failure] : this.jobs;
  }
}
