import * as vscode from 'vscode';
import { isAtlasError } from '../atlas';
import type { LegacyRestoreJob } from '../atlas/types';
import { FAMILIES } from '../jobs/families';
import { BatchNode } from './batchNode';
import { JobNode, type JobLocation } from './jobNode';
import { listChildren } from './listChildren';
import { MessageNode } from './messageNode';
import { PagedList } from './pagedList';
import type { ExplorerServices, TreeNode } from './treeNode';

/**
 * "Legacy backup" under a dedicated cluster: the restore jobs of Atlas's retired backup system,
 * kept apart from cloud backup jobs so that nobody mistakes one for the other.
 */
export class LegacyGroupNode implements TreeNode {
  readonly id: string;
  readonly list: PagedList<LegacyRestoreJob>;

  constructor(
    readonly parent: TreeNode,
    private readonly location: JobLocation,
    private readonly services: ExplorerServices,
  ) {
    this.id = `${parent.id}/legacy`;
    this.list = new PagedList(
      async (pageNum, itemsPerPage, includeCount) => {
        const client = await services.clients.get(location.connection);
        return client.listRestoreJobs('legacy', location.groupId, location.clusterName, {
          pageNum,
          itemsPerPage,
          includeCount,
        });
      },
      () => services.settings().pageSize,
    );
  }

  /** Whether the cluster should show this group at all: only when legacy jobs exist or failed to load. */
  get worthShowing(): boolean {
    const error = this.list.error;
    // Clusters that never had legacy backup may answer 404 here; that is "none", not a failure.
    if (error !== undefined) return !(isAtlasError(error) && error.kind === 'notFound');
    return this.list.items.length > 0;
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(FAMILIES.legacy.label(), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('archive');
    const total = this.list.totalCount ?? this.list.items.length;
    item.description = this.list.error !== undefined ? vscode.l10n.t('could not load') : vscode.l10n.t('{0} restore jobs', total);
    const md = new vscode.MarkdownString();
    md.appendText(
      vscode.l10n.t(
        'Restore jobs of the legacy backup system, which Atlas replaced with cloud backup. Sharded restores are grouped by batch.',
      ),
    );
    item.tooltip = md;
    item.contextValue = 'jobGroup legacy';
    return item;
  }

  async children(): Promise<TreeNode[]> {
    await this.services.withProgress(() => this.list.ensureFirstPage());
    return listChildren({
      owner: this,
      list: this.list,
      services: this.services,
      connectionId: this.location.connection.id,
      what: FAMILIES.legacy.jobsWhat(),
      idPrefix: this.id,
      toNodes: (items) => this.rows(items),
      empty: () => new MessageNode(`${this.id}/empty`, this, { kind: 'empty', label: vscode.l10n.t('No legacy backup restore jobs') }),
    });
  }

  reset(): void {
    this.list.reset();
  }

  private rows(items: readonly LegacyRestoreJob[]): TreeNode[] {
    const batches = new Map<string, LegacyRestoreJob[]>();
    const singles: JobNode[] = [];
    for (const job of items) {
      if (job.batchId) {
        const batch = batches.get(job.batchId) ?? [];
        batch.push(job);
        batches.set(job.batchId, batch);
      } else {
        singles.push(new JobNode(this, this.location, { family: 'legacy', job }, this.services));
      }
    }
    const rows: { at: number; node: TreeNode }[] = [
      ...singles.map((node) => ({ at: node.facts.requestedAt?.getTime() ?? -Infinity, node })),
      ...[...batches].map(([batchId, jobs]) => {
        const node = new BatchNode(this, batchId, this.location, jobs, this.services);
        return { at: node.requestedAt?.getTime() ?? -Infinity, node };
      }),
    ];
    rows.sort((a, b) => b.at - a.at || compareIds(a.node, b.node));
    return rows.map((r) => r.node);
  }
}

function compareIds(a: TreeNode, b: TreeNode): number {
  return b.id.localeCompare(a.id);
}

