import * as vscode from 'vscode';
import type { LegacyRestoreJob } from '../atlas/types';
import { formatDateTime, shortId } from '../format/time';
import { compareNewestFirst } from '../jobs/facts';
import type { JobStatus } from '../jobs/status';
import { STATUS_ICONS } from '../jobs/statusIcons';
import { statusLabel } from '../jobs/labels';
import { JobNode, type JobLocation } from './jobNode';
import type { ExplorerServices, TreeNode } from './treeNode';

/**
 * The legacy jobs of one sharded restore: Atlas makes one job per shard and one for the config
 * server, all sharing a batchId. The row sums them up; its children are the per-shard jobs.
 */
export class BatchNode implements TreeNode {
  readonly id: string;
  readonly jobs: JobNode[];

  constructor(
    readonly parent: TreeNode,
    readonly batchId: string,
    location: JobLocation,
    jobs: readonly LegacyRestoreJob[],
    private readonly services: ExplorerServices,
  ) {
    this.id = `${parent.id}/batch:${batchId}`;
    this.jobs = jobs
      .map((job) => new JobNode(this, location, { family: 'legacy', job }, services, job.clusterName))
      .sort((a, b) => (a.facts.clusterName ?? '').localeCompare(b.facts.clusterName ?? '') || compareNewestFirst(a.facts, b.facts));
  }

  /** The newest time among the batch, for ordering it among single jobs. */
  get requestedAt(): Date | undefined {
    const times = this.jobs.map((j) => j.facts.requestedAt?.getTime()).filter((t): t is number => t !== undefined);
    return times.length ? new Date(Math.max(...times)) : undefined;
  }

  get status(): JobStatus {
    const statuses = this.jobs.map((j) => j.facts.status);
    // The batch is only as far along as its slowest shard, and broken if any shard broke.
    for (const s of ['broken', 'failed', 'killed', 'cancelled', 'inProgress', 'queued', 'pending', 'expired'] as const) {
      if (statuses.includes(s)) return s;
    }
    return 'completed';
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
    item.contextValue = 'jobGroup batch';
    return item;
  }

  async children(): Promise<TreeNode[]> {
    return this.jobs;
  }
}
