import { collectAll, type AtlasClient } from '../atlas';
import type { AnyRestoreJob, RestoreJobFamily } from '../atlas/types';
import { listKey, type PageCache } from '../cache/pageCache';
import { CLUSTER_KINDS, listJobsOfFamily, type ClusterKind } from '../jobs/families';

/** The families listed under a kind of cluster: its own, and legacy backup beside it on a dedicated cluster. */
export function familiesOfKind(kind: ClusterKind): RestoreJobFamily[] {
  const spec = CLUSTER_KINDS[kind];
  return spec.hasLegacyGroup ? [spec.jobsFamily, 'legacy'] : [spec.jobsFamily];
}

/** Sends one request when its turn comes (see RequestGate); without one, at once. */
export type Turn = <T>(signal: AbortSignal | undefined, send: () => Promise<T>) => Promise<T>;

/**
 * Every page of one family's jobs of a cluster, through the page cache the tree shares. A page the cache
 * has costs no turn.
 */
export function allJobsOfFamily(
  client: AtlasClient,
  pages: PageCache,
  where: { connectionId: string; groupId: string; clusterName: string; family: RestoreJobFamily; pageSize: number; signal?: AbortSignal; turn?: Turn },
): Promise<AnyRestoreJob[]> {
  const key = listKey.jobs(where.connectionId, where.groupId, where.clusterName, where.family);
  const turn: Turn = where.turn ?? ((_, send) => send());
  return collectAll(
    client.allPages(
      (p) =>
        pages.page(key, p.pageNum ?? 1, p.itemsPerPage ?? where.pageSize, () =>
          turn(p.signal, () => listJobsOfFamily(client, where.family, where.groupId, where.clusterName, { ...p, ...(where.signal ? { signal: where.signal } : {}) })),
        ),
      { itemsPerPage: where.pageSize, ...(where.signal ? { signal: where.signal } : {}) },
    ),
  );
}
