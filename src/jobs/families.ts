import * as l10n from '@vscode/l10n';
import type { AtlasClient, CallOptions } from '../atlas/client';
import { GET_RESTORE_JOB_OPERATION, LIST_RESTORE_JOBS_OPERATION, REQUIRED_ROLE_BY_FAMILY, type OperationId } from '../atlas/operations';
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
}

export const FAMILIES: Readonly<Record<RestoreJobFamily, FamilySpec>> = {
  legacy: {
    family: 'legacy',
    label: () => l10n.t('Legacy backup'),
    jobsWhat: () => l10n.t('legacy backup restore jobs'),
    listOperation: LIST_RESTORE_JOBS_OPERATION.legacy,
    getOperation: GET_RESTORE_JOB_OPERATION.legacy,
    requiredRole: REQUIRED_ROLE_BY_FAMILY.legacy,
    clusterKind: 'dedicated',
  },
  cloudBackup: {
    family: 'cloudBackup',
    label: () => l10n.t('Cloud backup'),
    jobsWhat: () => l10n.t('cloud backup restore jobs'),
    listOperation: LIST_RESTORE_JOBS_OPERATION.cloudBackup,
    getOperation: GET_RESTORE_JOB_OPERATION.cloudBackup,
    requiredRole: REQUIRED_ROLE_BY_FAMILY.cloudBackup,
    clusterKind: 'dedicated',
  },
  serverless: {
    family: 'serverless',
    label: () => l10n.t('Serverless backup'),
    jobsWhat: () => l10n.t('serverless restore jobs'),
    listOperation: LIST_RESTORE_JOBS_OPERATION.serverless,
    getOperation: GET_RESTORE_JOB_OPERATION.serverless,
    requiredRole: REQUIRED_ROLE_BY_FAMILY.serverless,
    clusterKind: 'serverless',
  },
  flex: {
    family: 'flex',
    label: () => l10n.t('Flex backup'),
    jobsWhat: () => l10n.t('flex restore jobs'),
    listOperation: LIST_RESTORE_JOBS_OPERATION.flex,
    getOperation: GET_RESTORE_JOB_OPERATION.flex,
    requiredRole: REQUIRED_ROLE_BY_FAMILY.flex,
    clusterKind: 'flex',
  },
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

/** In the order a project lists them. */
export const CLUSTER_KINDS: { readonly [K in ClusterKind]: ClusterKindSpec<K> } = {
  dedicated: {
    kind: 'dedicated',
    icon: 'database',
    label: () => l10n.t('Dedicated'),
    listWhat: () => l10n.t('dedicated clusters'),
    listClusters: (client, groupId, opts) => client.listClusters(groupId, opts),
    jobsFamily: 'cloudBackup',
    hasLegacyGroup: true,
  },
  flex: {
    kind: 'flex',
    icon: 'layers',
    label: () => l10n.t('Flex'),
    listWhat: () => l10n.t('flex clusters'),
    listClusters: (client, groupId, opts) => client.listFlexClusters(groupId, opts),
    jobsFamily: 'flex',
    hasLegacyGroup: false,
  },
  serverless: {
    kind: 'serverless',
    icon: 'cloud',
    label: () => l10n.t('Serverless'),
    listWhat: () => l10n.t('serverless instances'),
    listClusters: (client, groupId, opts) => client.listServerlessInstances(groupId, opts),
    jobsFamily: 'serverless',
    hasLegacyGroup: false,
  },
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
