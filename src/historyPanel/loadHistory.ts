/**
 * Loads the restore jobs a history is drawn from: every family of every cluster in scope, through the
 * page cache the tree and the search share (what the tree has loaded is not fetched again, and what is
 * fetched here fills it), with the client's concurrent paging. No `vscode` here: it is tried in plain
 * Node against the emulator.
 */
import { isAtlasError, type AtlasClient, type Page } from '../atlas';
import type { AnyRestoreJob, RestoreJobFamily } from '../atlas/types';
import { FROM_COPY, listKey, type PageCache } from '../cache/pageCache';
import { clusterNameOf } from '../jobs/clusterSummary';
import { jobFacts, type JobFacts } from '../jobs/facts';
import type { JobRef } from '../jobs/jobRef';
import { CLUSTER_KINDS, CLUSTER_KIND_IDS, FAMILIES, listJobsOfFamily, type ClusterDoc, type ClusterKind } from '../jobs/families';
import { keptFacts, keptJob } from '../offline/keptJobs';

/** A cluster the history covers. */
export interface HistoryCluster {
  name: string;
  kind: ClusterKind;
}

/** What a history is of: one cluster, or every cluster of a project (`cluster` absent). */
export interface HistoryScope {
  connectionId: string;
  connectionLabel: string;
  groupId: string;
  projectName?: string;
  cluster?: HistoryCluster;
}

/** The history of a job's cluster (the details panel's Restore History button). */
export function historyScopeOfJob(ref: JobRef): HistoryScope {
  const scope: HistoryScope = {
    connectionId: ref.connectionId,
    connectionLabel: ref.connectionLabel,
    groupId: ref.groupId,
    cluster: { name: ref.clusterName, kind: FAMILIES[ref.family].clusterKind },
  };
  if (ref.projectName !== undefined) scope.projectName = ref.projectName;
  return scope;
}

/** One history panel per scope: the key leaves out the labels, which may change. */
export function historyScopeKey(scope: HistoryScope): string {
  return JSON.stringify([scope.connectionId, scope.groupId, scope.cluster?.kind ?? null, scope.cluster?.name ?? null]);
}

export interface LoadedJob {
  job: AnyRestoreJob;
  facts: JobFacts;
  clusterName: string;
  clusterKind: ClusterKind;
}

/** A list that could not be loaded: the rest of the history is still drawn. */
export interface HistoryProblem {
  clusterName?: string;
  /** A family, or 'clusters' when the project's clusters of a kind could not be listed. */
  what: RestoreJobFamily | 'clusters';
  kind?: ClusterKind;
  error: unknown;
}

export interface HistoryLoad {
  jobs: LoadedJob[];
  problems: HistoryProblem[];
  /** Families Atlas answered 410 for (serverless, after its sunset): not a failure, but said. */
  retired: RestoreJobFamily[];
  /** Lists read, and pages fetched or taken from the cache. */
  lists: number;
  /**
   * Set when Atlas could not be reached and jobs came from the offline copy (the lists the tree had kept):
   * when the oldest of those lists was kept.
   */
  offlineAsOf?: Date;
}

export interface HistoryLoadOptions {
  client: AtlasClient;
  pages: PageCache;
  pageSize: number;
  /** Jobs requested before this (ms) are outside the window: a whole page of them ends a list early. */
  since: number;
  now: Date;
  /** Whether legacy backup jobs are listed beside a dedicated cluster's own (setting showLegacyBackupJobs). */
  legacy: boolean;
  signal?: AbortSignal;
  /** Lists finished of the lists known so far, as they finish. */
  progress?(done: number, total: number): void;
}

function familiesOf(kind: ClusterKind, legacy: boolean): RestoreJobFamily[] {
  const spec = CLUSTER_KINDS[kind];
  return spec.hasLegacyGroup && legacy ? [spec.jobsFamily, 'legacy'] : [spec.jobsFamily];
}

/**
 * A cluster list or a job list, page after page through the cache, each item turned by `map` (the cache
 * keeps Atlas's items, as the tree and the search expect them); `keepGoing` may end it after any page.
 */
async function listThroughCache<T, U>(
  o: HistoryLoadOptions,
  key: string,
  fetch: (p: { itemsPerPage?: number; pageNum?: number; includeCount?: boolean; signal?: AbortSignal }) => Promise<Page<T>>,
  map: (item: T) => U,
  keepGoing: (page: U[]) => boolean = () => true,
): Promise<U[]> {
  const items: U[] = [];
  const signal = o.signal ? { signal: o.signal } : {};
  const pages = o.client.allPages((p) => o.pages.page(key, p.pageNum ?? 1, p.itemsPerPage ?? o.pageSize, () => fetch({ ...p, ...signal }), FROM_COPY), {
    itemsPerPage: o.pageSize,
    ...signal,
  });
  // Leaving the loop early cancels the pages still in flight (allPages).
  for await (const page of pages) {
    const mapped = page.map(map);
    items.push(...mapped);
    if (!keepGoing(mapped)) break;
  }
  return items;
}

/**
 * Atlas lists restore jobs newest first, but does not promise it: a list ends early only after a whole
 * page of jobs that all carry a request time before the window, so a list in another order loses nothing.
 */
function stillInWindow(since: number): (page: LoadedJob[]) => boolean {
  return (page) => page.length === 0 || page.some((j) => j.facts.requestedAt === undefined || j.facts.requestedAt.getTime() >= since);
}

/** Loads the jobs of the scope. Never throws for Atlas's answers: a failing list becomes a problem. Throws when aborted. */
export async function loadHistory(scope: HistoryScope, o: HistoryLoadOptions): Promise<HistoryLoad> {
  const result: HistoryLoad = { jobs: [], problems: [], retired: [], lists: 0 };
  let total = 0;
  let done = 0;
  const tell = () => o.progress?.(done, total);

  const loadCluster = async (cluster: HistoryCluster) => {
    const families = familiesOf(cluster.kind, o.legacy);
    total += families.length;
    tell();
    await Promise.all(
      families.map(async (family) => {
        try {
          const key = listKey.jobs(scope.connectionId, scope.groupId, cluster.name, family);
          const keep = stillInWindow(o.since);
          const jobs = await listThroughCache(
            o,
            key,
            (p) => listJobsOfFamily(o.client, family, scope.groupId, cluster.name, p),
            (job): LoadedJob => ({ job, facts: keptFacts(job, jobFacts(job, o.now)), clusterName: cluster.name, clusterKind: cluster.kind }),
            keep,
          );
          result.jobs.push(...jobs);
          result.lists++;
        } catch (error) {
          if (o.signal?.aborted) throw error;
          if (FAMILIES[family].retiredOn && isAtlasError(error) && error.kind === 'gone') {
            if (!result.retired.includes(family)) result.retired.push(family);
          } else {
            result.problems.push({ clusterName: cluster.name, what: family, kind: cluster.kind, error });
          }
        } finally {
          done++;
          tell();
        }
      }),
    );
  };

  if (scope.cluster) {
    await loadCluster(scope.cluster);
  } else {
    await Promise.all(
      CLUSTER_KIND_IDS.map(async (kind) => {
        let docs: ClusterDoc[];
        try {
          const key = listKey.clusters(scope.connectionId, scope.groupId, kind);
          docs = await listThroughCache(
            o,
            key,
            (p) => CLUSTER_KINDS[kind].listClusters(o.client, scope.groupId, p) as Promise<Page<ClusterDoc['cluster']>>,
            (cluster) => ({ kind, cluster }) as ClusterDoc,
          );
        } catch (error) {
          if (o.signal?.aborted) throw error;
          // Serverless instances are retired too: their list answering 410 is no failure.
          if (kind === 'serverless' && isAtlasError(error) && error.kind === 'gone') return;
          result.problems.push({ what: 'clusters', kind, error });
          return;
        }
        const names = new Set<string>();
        await Promise.all(
          docs.map((doc) => {
            const name = clusterNameOf(doc);
            if (!name || names.has(name)) return undefined;
            names.add(name);
            return loadCluster({ name, kind });
          }),
        );
      }),
    );
  }
  for (const { job } of result.jobs) {
    const asOf = keptJob(job.job)?.asOf;
    if (asOf && (!result.offlineAsOf || asOf.getTime() < result.offlineAsOf.getTime())) result.offlineAsOf = asOf;
  }
  // The tree's order: newest first, each list's own order kept for equal times.
  result.jobs.sort((a, b) => (b.facts.requestedAt?.getTime() ?? -Infinity) - (a.facts.requestedAt?.getTime() ?? -Infinity));
  return result;
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= 512;
}

/**
 * Webview state comes back from disk after a reload and was written by page code, so it is checked field
 * by field and copied, never trusted as it is.
 */
export function parseHistoryScope(value: unknown): HistoryScope | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (!isNonEmptyString(v.connectionId) || typeof v.connectionLabel !== 'string' || !isNonEmptyString(v.groupId)) return undefined;
  if (v.projectName !== undefined && typeof v.projectName !== 'string') return undefined;
  const scope: HistoryScope = { connectionId: v.connectionId, connectionLabel: v.connectionLabel, groupId: v.groupId };
  if (typeof v.projectName === 'string') scope.projectName = v.projectName;
  if (v.cluster !== undefined) {
    const c = v.cluster as Record<string, unknown> | null;
    if (typeof c !== 'object' || c === null || !isNonEmptyString(c.name) || typeof c.kind !== 'string' || !CLUSTER_KIND_IDS.includes(c.kind as ClusterKind)) return undefined;
    scope.cluster = { name: c.name, kind: c.kind as ClusterKind };
  }
  return scope;
}
