/**
 * What one principal sees through the API on a given day: the organizations and projects the lists
 * answer, the deployments the three cluster lists answer (no serverless instance from 2026-01-15), and
 * the restore jobs of every list that answers 200 (not 403 for a missing role, not 410 past a sunset) —
 * counted like `store.counts()` counts everything. The demo prints these, so its numbers match the tree.
 * Restore jobs are counted from the plans, without generating them.
 */
import { ApiFailure } from './api-errors';
import { authorize, handle, negotiate, type Params } from './api-handlers';
import { loadSpec } from './spec-document';
import { type ClusterKind, type ClusterRecord, type EmulatorStore, FAMILIES_BY_KIND, type RestoreFamily } from './store';

export type StoreCounts = ReturnType<EmulatorStore['counts']>;

const CLUSTER_LISTS: Record<ClusterKind, string> = {
  dedicated: 'listGroupClusters',
  serverless: 'listGroupServerlessInstances',
  flex: 'listGroupFlexClusters',
};

const JOB_LISTS: Record<RestoreFamily, string> = {
  legacy: 'listGroupClusterRestoreJobs',
  cloudBackup: 'listGroupClusterBackupRestoreJobs',
  serverless: 'listGroupServerlessBackupRestoreJobs',
  flex: 'listGroupFlexClusterBackupRestoreJobs',
};

export function visibleCounts(store: EmulatorStore, principal: string, today: string): StoreCounts {
  const spec = loadSpec();
  /** The items a list answers (any version the spec lists), or undefined when it answers an error; `count` skips the handler. */
  const list = (operationId: string, params: Params, count?: () => number): number | unknown[] | undefined => {
    const operation = spec.byId.get(operationId);
    if (!operation) throw new Error(`No operation ${operationId} in the spec`);
    const mediaType = negotiate(operation, operation.mediaTypes.map((m) => m.mediaType).join(', '), today);
    if (mediaType instanceof ApiFailure) return undefined;
    const input = { operation, mediaType, params, principal, store, today };
    try {
      authorize(input);
      if (count) return count();
      const result = handle(input);
      return result.kind === 'list' ? result.items : undefined;
    } catch (e) {
      if (e instanceof ApiFailure) return undefined;
      throw e;
    }
  };
  const items = (operationId: string, params: Params = {}) => (list(operationId, params) as unknown[] | undefined) ?? [];

  const clusters = { dedicated: 0, serverless: 0, flex: 0 };
  const restoreJobs: Record<RestoreFamily, number> = { legacy: 0, cloudBackup: 0, serverless: 0, flex: 0 };
  const projects = items('listGroups') as { id: string }[];
  for (const project of projects) {
    for (const kind of Object.keys(CLUSTER_LISTS) as ClusterKind[]) {
      const listed = (items(CLUSTER_LISTS[kind], { groupId: project.id }) as { name?: unknown }[])
        .map((c) => (typeof c.name === 'string' ? store.cluster(project.id, kind, c.name) : undefined))
        .filter((c): c is ClusterRecord => c !== undefined);
      clusters[kind] += listed.length;
      for (const cluster of listed) {
        for (const family of FAMILIES_BY_KIND[kind]) {
          const n = list(JOB_LISTS[family], { groupId: project.id, clusterName: cluster.name }, () => store.restoreJobCount(cluster, family));
          restoreJobs[family] += typeof n === 'number' ? n : 0;
        }
      }
    }
  }
  const totalClusters = clusters.dedicated + clusters.serverless + clusters.flex;
  return {
    organizations: items('listOrgs').length,
    projects: projects.length,
    clusters,
    totalClusters,
    restoreJobs,
    totalRestoreJobs: Object.values(restoreJobs).reduce((a, b) => a + b, 0),
  };
}
