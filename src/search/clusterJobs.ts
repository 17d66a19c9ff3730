import { collectAll, type AtlasClient, type Page, type PageOptions } from '../atlas';
import type { AnyRestoreJob, RestoreJobFamily } from '../atlas/types';
import { listKey, type PageCache, type PageUse } from '../cache/pageCache';
import { CLUSTER_KINDS, listJobsOfFamily, type ClusterKind } from '../jobs/families';

/** The families listed under a kind of cluster: its own, and legacy backup beside it on a dedicated cluster. */
export function familiesOfKind(kind: ClusterKind): RestoreJobFamily[] {
  const spec = CLUSTER_KINDS[kind];
  return spec.hasLegacyGroup ? [spec.jobsFamily, 'legacy'] : [spec.jobsFamily];
}

/** Sends one request when its turn comes (see RequestGate); without one, at once. */
export type Turn = <T>(signal: AbortSignal | undefined, send: () => Promise<T>) => Promise<T>;

/** How one list is paged through the cache; see cachedList. */
export interface CachedListOptions {
  key: string;
  pageSize: number;
  signal?: AbortSignal;
  turn?: Turn;
  /** See CallOptions.maxRateLimitWaitMs; the client's default when absent. */
  maxRateLimitWaitMs?: number;
  /** How the list takes part in the offline copy (see PageUse); not at all when absent. */
  use?: PageUse;
  /** The retries the next request may make, asked as each is sent; the client's own when absent or undefined. */
  maxRetries?: () => number | undefined;
}

/**
 * Every page of one list, through the page cache the tree shares. A page the cache has costs no turn;
 * `signal` stops the listing, and goes with each request `fetch` makes of `p`, as does `maxRateLimitWaitMs`.
 */
export function cachedList<T>(client: AtlasClient, pages: PageCache, list: CachedListOptions, fetch: (p: PageOptions) => Promise<Page<T>>): Promise<T[]> {
  const turn: Turn = list.turn ?? ((_, send) => send());
  const signal = list.signal ? { signal: list.signal } : {};
  const wait = list.maxRateLimitWaitMs !== undefined ? { maxRateLimitWaitMs: list.maxRateLimitWaitMs } : {};
  const retries = () => {
    const maxRetries = list.maxRetries?.();
    return maxRetries === undefined ? {} : { maxRetries };
  };
  return collectAll(
    client.allPages((p) => pages.page(list.key, p.pageNum ?? 1, p.itemsPerPage ?? list.pageSize, () => turn(p.signal, () => fetch({ ...p, ...signal, ...wait, ...retries() })), list.use), {
      itemsPerPage: list.pageSize,
      ...signal,
    }),
  );
}

/** Every page of one family's jobs of a cluster, through the page cache. */
export function allJobsOfFamily(
  client: AtlasClient,
  pages: PageCache,
  where: { connectionId: string; groupId: string; clusterName: string; family: RestoreJobFamily } & Omit<CachedListOptions, 'key'>,
): Promise<AnyRestoreJob[]> {
  const { connectionId, groupId, clusterName, family, ...list } = where;
  const key = listKey.jobs(connectionId, groupId, clusterName, family);
  return cachedList(client, pages, { key, ...list }, (p) => listJobsOfFamily(client, family, groupId, clusterName, p));
}
