import * as vscode from 'vscode';
import { listKey } from '../cache/pageCache';
import { listJobsOfFamily } from '../jobs/families';
import { collectAll, isAtlasError } from '../atlas';
import type { LegacyRestoreJob } from '../atlas/types';
import { jobFacts, type JobFacts } from '../jobs/facts';
import { FAMILIES } from '../jobs/families';
import { BatchNode, type WholeBatchSource } from './batchNode';
import { JobNode, type JobLocation } from './jobNode';
import { uniqueRows } from './jobRows';
import { listChildren } from './listChildren';
import { MessageNode } from './messageNode';
import { PagedList } from './pagedList';
import { TREE_LIST, type ExplorerServices, type TreeNode } from './treeNode';

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
        }, TREE_LIST);
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
    // Once every page is in, each batch is whole; before that, expanding one fetches the rest.
    return legacyJobRows(this, this.location, items, this.services, this.list.hasMore ? this : undefined);
  }
}

/**
 * Rows of legacy jobs, newest first: the jobs of one sharded restore (one batchId) under a batch row, the
 * others each a row. The Legacy backup group's, and the search's under a result's cluster. `partOf`, when
 * `items` may hold only part of a batch, fetches the rest as the batch row is expanded.
 */
export function legacyJobRows(
  parent: TreeNode,
  location: JobLocation,
  items: readonly LegacyRestoreJob[],
  services: ExplorerServices,
  partOf?: WholeBatchSource,
): TreeNode[] {
  const batches = new Map<string, LegacyRestoreJob[]>();
  const loose: LegacyRestoreJob[] = [];
  // A single job's row takes the facts read here instead of reading the document again.
  const factsOf = new Map<LegacyRestoreJob, JobFacts>();
  for (const job of items) {
    // The batch id as the facts read it: Atlas's value may be anything, and only a string names a batch.
    const facts = jobFacts({ family: 'legacy', job }, services.now());
    const batchId = facts.batchId;
    if (batchId) {
      const batch = batches.get(batchId) ?? [];
      batch.push(job);
      batches.set(batchId, batch);
    } else {
      loose.push(job);
      factsOf.set(job, facts);
    }
  }
  const singles = uniqueRows(loose, (job, suffix) => new JobNode(parent, location, { family: 'legacy', job }, services, undefined, suffix, factsOf.get(job)));
  const rows: { at: number; node: TreeNode }[] = [
    ...singles.map((node) => ({ at: node.facts.requestedAt?.getTime() ?? -Infinity, node })),
    ...[...batches].map(([batchId, jobs]) => {
      const node = new BatchNode(parent, batchId, location, jobs, services, partOf);
      return { at: node.requestedAt?.getTime() ?? -Infinity, node };
    }),
  ];
  rows.sort((a, b) => b.at - a.at || compareIds(a.node, b.node));
  return rows.map((r) => r.node);
}

function compareIds(a: TreeNode, b: TreeNode): number {
  return b.id.localeCompare(a.id);
}

