import * as vscode from 'vscode';
import { listKey } from '../cache/pageCache';
import { listJobsOfFamily } from '../jobs/families';
import { collectAll, isAtlasError } from '../atlas';
import type { LegacyRestoreJob } from '../atlas/types';
import { jobFacts } from '../jobs/facts';
import { FAMILIES } from '../jobs/families';
import { BatchNode } from './batchNode';
import { JobNode, type JobLocation } from './jobNode';
import { uniqueRows } from './jobRows';
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
  /** Whole batches fetched by batchId, for batches the loaded pages hold only part of. */
  private readonly wholeBatches = new Map<string, Promise<LegacyRestoreJob[]>>();

  constructor(
    readonly parent: TreeNode,
    private readonly location: JobLocation,
    private readonly services: ExplorerServices,
  ) {
    this.id = `${parent.id}/legacy`;
    this.list = new PagedList(
      async (pageNum, itemsPerPage, includeCount) => {
        const key = listKey.jobs(location.connection.id, location.groupId, location.clusterName, 'legacy');
        // The same pages as the search's, which tags each job with its family.
        const page = await services.pages.page(key, pageNum, itemsPerPage, async () => {
          const client = await services.clients.get(location.connection);
          return listJobsOfFamily(client, 'legacy', location.groupId, location.clusterName, { pageNum, itemsPerPage, includeCount });
        });
        return { ...page, results: page.results.map((r) => r.job as LegacyRestoreJob) };
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
    this.services.pages.forget(listKey.jobs(this.location.connection.id, this.location.groupId, this.location.clusterName, 'legacy'));
    this.list.reset();
    this.wholeBatches.clear();
  }

  /**
   * Every job of one batch, through the legacy endpoint's own batchId filter: the jobs of a sharded restore
   * need not sit on one page, and a batch must never look smaller than it is. Fetched once until refresh;
   * a failed fetch is forgotten so that expanding again retries.
   */
  wholeBatch(batchId: string): Promise<LegacyRestoreJob[]> {
    let batch = this.wholeBatches.get(batchId);
    if (!batch) {
      batch = (async () => {
        const client = await this.services.clients.get(this.location.connection);
        const { groupId, clusterName } = this.location;
        return collectAll(client.allPages((o) => client.listRestoreJobs('legacy', groupId, clusterName, { ...o, batchId })));
      })();
      batch.catch(() => this.wholeBatches.delete(batchId));
      this.wholeBatches.set(batchId, batch);
    }
    return batch;
  }

  private rows(items: readonly LegacyRestoreJob[]): TreeNode[] {
    const batches = new Map<string, LegacyRestoreJob[]>();
    const loose: LegacyRestoreJob[] = [];
    for (const job of items) {
      // The batch id as the facts read it: Atlas's value may be anything, and only a string names a batch.
      const batchId = jobFacts({ family: 'legacy', job }).batchId;
      if (batchId) {
        const batch = batches.get(batchId) ?? [];
        batch.push(job);
        batches.set(batchId, batch);
      } else {
        loose.push(job);
      }
    }
    const singles = uniqueRows(loose, (job, suffix) => new JobNode(this, this.location, { family: 'legacy', job }, this.services, undefined, suffix));
    const rows: { at: number; node: TreeNode }[] = [
      ...singles.map((node) => ({ at: node.facts.requestedAt?.getTime() ?? -Infinity, node })),
      ...[...batches].map(([batchId, jobs]) => {
        // Once every page is in, the batch is whole; before that, expanding it fetches the rest.
        const node = new BatchNode(this, batchId, this.location, jobs, this.services, this.list.hasMore ? this : undefined);
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

