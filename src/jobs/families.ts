import * as l10n from '@vscode/l10n';
import type { AtlasClient, CallOptions } from '../atlas/client';
import {
  GET_RESTORE_JOB_OPERATION,
  LIST_RESTORE_JOBS_OPERATION,
  REQUIRED_ROLE_BY_FAMILY,
  SERVERLESS_RESTORE_SUNSET,
  type OperationId,
} from '../atlas/operations';
import type { Page, PageOptions } from '../atlas/paging';
import type {
  AnyRestoreJob,
  DedicatedCluster,
  FlexCluster,
  RestoreJobFamily,
  ServerlessInstance,
} from '../atlas/types';

/**
 * The one table of what differs between the four restore-job families and the three kinds of cluster
 * they belong to. The tree, the panel and the commands read it instead of switching over families, so
 * a fifth family is one more row here (plus its types in src/atlas/types.ts and how its document reads
 * in facts/status/delivery). Labels are functions: the l10n bundle is loaded after this module.
 */
export type ClusterKind = 'dedicated' | 'serverless' | 'flex';

export interface FamilySpec {
  family: RestoreJobFamily;
  /** "Cloud backup": the family's name for people. */
  label(): string;
  /** "cloud backup restore jobs": what a list of its jobs holds, for failure rows. */
  jobsWhat(): string;
  listOperation: OperationId;
  getOperation: OperationId;
  /** The least Atlas role that may list its jobs. */
  requiredRole: string;
  /** The kind of cluster whose jobs these are. */
  clusterKind: ClusterKind;
  /** 'YYYY-MM-DD' from which Atlas answers 410 Gone for its jobs: a retired row, not a failure. */
  retiredOn?: string;
}

function family(
  id: RestoreJobFamily,
  clusterKind: ClusterKind,
  label: () => string,
  jobsWhat: () => string,
  retiredOn?: string,
): FamilySpec {
  return {
    family: id,
    label,
    jobsWhat,
    listOperation: LIST_RESTORE_JOBS_OPERATION[id],
    getOperation: GET_RESTORE_JOB_OPERATION[id],
    requiredRole: REQUIRED_ROLE_BY_FAMILY[id],
    clusterKind,
    retiredOn,
  };
}

export const FAMILIES: Readonly<Record<RestoreJobFamily, FamilySpec>> = {
  legacy: family('legacy', 'dedicated', () => l10n.t('Legacy backup'), () => l10n.t('legacy backup restore jobs')),
  cloudBackup: family('cloudBackup', 'dedicated', () => l10n.t('Cloud backup'), () => l10n.t('cloud backup restore jobs')),
  serverless: family('serverless', 'serverless', () => l10n.t('Serverless backup'), () => l10n.t('serverless restore jobs'), SERVERLESS_RESTORE_SUNSET),
  flex: family('flex', 'flex', () => l10n.t('Flex backup'), () => l10n.t('flex restore jobs')),
};

export const FAMILY_IDS = Object.keys(FAMILIES) as readonly RestoreJobFamily[];

export function isRestoreJobFamily(value: unknown): value is RestoreJobFamily {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(FAMILIES, value);
}

export function familyLabel(family: RestoreJobFamily): string {
  return FAMILIES[family].label();
}

/** The document of each kind of cluster, as its own list operation returns it. */
export interface ClusterOfKind {
  dedicated: DedicatedCluster;
  serverless: ServerlessInstance;
  flex: FlexCluster;
}

export type ClusterDoc = { [K in ClusterKind]: { kind: K; cluster: ClusterOfKind[K] } }[ClusterKind];

export interface ClusterKindSpec<K extends ClusterKind = ClusterKind> {
  kind: K;
  /** A codicon id. */
  icon: string;
  /** "Dedicated": the first word of a cluster row's description. */
  label(): string;
  /** "dedicated clusters": what a project's list of them holds, for failure rows. */
  listWhat(): string;
  /** One page of the project's clusters of this kind. */
  listClusters(client: AtlasClient, groupId: string, opts: PageOptions): Promise<Page<ClusterOfKind[K]>>;
  /** The family listed directly under such a cluster. */
  jobsFamily: RestoreJobFamily;
  /** Whether its legacy backup jobs are listed too, in a group of their own. */
  hasLegacyGroup: boolean;
}

function clusterKind<K extends ClusterKind>(
  kind: K,
  icon: string,
  jobsFamily: RestoreJobFamily,
  label: () => string,
  listWhat: () => string,
  listClusters: ClusterKindSpec<K>['listClusters'],
): ClusterKindSpec<K> {
  // Legacy backup lives beside its own family's jobs, on the kind of cluster the table gives it.
  const hasLegacyGroup = jobsFamily !== 'legacy' && FAMILIES.legacy.clusterKind === kind;
  return { kind, icon, label, listWhat, listClusters, jobsFamily, hasLegacyGroup };
}

/** In the order a project lists them. */
export const CLUSTER_KINDS: { readonly [K in ClusterKind]: ClusterKindSpec<K> } = {
  dedicated: clusterKind('dedicated', 'database', 'cloudBackup', () => l10n.t('Dedicated'), () => l10n.t('dedicated clusters'), (client, groupId, opts) =>
    client.listClusters(groupId, opts),
  ),
  flex: clusterKind('flex', 'layers', 'flex', () => l10n.t('Flex'), () => l10n.t('flex clusters'), (client, groupId, opts) =>
    client.listFlexClusters(groupId, opts),
  ),
  serverless: clusterKind('serverless', 'cloud', 'serverless', () => l10n.t('Serverless'), () => l10n.t('serverless instances'), (client, groupId, opts) =>
    client.listServerlessInstances(groupId, opts),
  ),
};

export const CLUSTER_KIND_IDS = Object.keys(CLUSTER_KINDS) as readonly ClusterKind[];

/** One page of a family's jobs, each tagged with its family so the rest of the code can tell them apart. */
export async function listJobsOfFamily(
  client: AtlasClient,
  family: RestoreJobFamily,
  groupId: string,
  clusterName: string,
  opts: PageOptions & { batchId?: string },
): Promise<Page<AnyRestoreJob>> {
  const page = await client.listRestoreJobs(family, groupId, clusterName, opts);
  return { ...page, results: page.results.map((job) => ({ family, job }) as AnyRestoreJob) };
}

/** One job of a family, tagged with its family. */
export async function getJobOfFamily(
  client: AtlasClient,
  family: RestoreJobFamily,
  groupId: string,
  clusterName: string,
  jobId: string,
  opts: CallOptions = {},
): Promise<AnyRestoreJob> {
  return { family, job: await client.getRestoreJob(family, groupId, clusterName, jobId, opts) } as AnyRestoreJob;
}
