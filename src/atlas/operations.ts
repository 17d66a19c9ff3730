import type { RestoreJobFamily } from './types';

/** The spec's operationIds (after Atlas's late-2025 rename) of every call the client makes. */
export type OperationId =
  | 'listOrgs'
  | 'listGroups'
  | 'getOrgGroups'
  | 'listGroupClusters'
  | 'listGroupServerlessInstances'
  | 'listGroupFlexClusters'
  | 'listGroupClusterRestoreJobs'
  | 'getGroupClusterRestoreJob'
  | 'listGroupClusterBackupRestoreJobs'
  | 'getGroupClusterBackupRestoreJob'
  | 'listGroupServerlessBackupRestoreJobs'
  | 'getGroupServerlessBackupRestoreJob'
  | 'listGroupFlexClusterBackupRestoreJobs'
  | 'getGroupFlexClusterBackupRestoreJob';

export interface OperationSpec {
  id: OperationId;
  method: 'GET';
  /** Path template including the `/api/atlas/v2` prefix, with the spec's parameter names. */
  path: string;
  /** The resource version this client sends (`x-xgen-version`). */
  version: string;
  /** `application/vnd.atlas.<version>+json` */
  accept: string;
  /** `x-rolesRequirements` of the spec, when it names one. */
  requiredRole?: string;
  deprecated: boolean;
  /** `x-sunset` of the media type this client sends, 'YYYY-MM-DD'. */
  sunset?: string;
  family?: RestoreJobFamily;
  /** Whether the operation is a paginated list (`itemsPerPage`, `pageNum`, `includeCount`). */
  paged: boolean;
  /** What the operation does, for messages: "list cloud backup restore jobs". */
  action: string;
}

export const SERVERLESS_RESTORE_SUNSET = '2026-01-22';

function op(
  id: OperationId,
  path: string,
  version: string,
  rest: Omit<OperationSpec, 'id' | 'method' | 'path' | 'version' | 'accept'>,
): OperationSpec {
  return { id, method: 'GET', path, version, accept: `application/vnd.atlas.${version}+json`, ...rest };
}

const V2 = '/api/atlas/v2';

/**
 * The one table of operations, read from `test/atlas-openapi/v2.yaml` (unit tests compare it with the spec).
 *
 * Accept versions: each operation sends exactly one version its 200 response lists in the spec —
 * 2023-01-01 for organizations, projects and the legacy, cloud backup and serverless restore jobs;
 * 2024-08-05 for dedicated clusters (2023-01-01 and 2023-02-01 are listed too but sunset on 2027-07-01);
 * 2024-11-13 for flex clusters and flex restore jobs. The Korean seed pages show
 * `application/vnd.atlas.2023-10-01+json` (legacy restore jobs) and `…2023-02-01+json` (serverless restore
 * jobs) in their examples, but the spec lists only the versions above for those operations; whether Atlas
 * maps an unlisted date to an older resource version is not documented, so we send the listed one, as
 * MongoDB's own Go SDK does.
 */
export const OPERATIONS: Readonly<Record<OperationId, OperationSpec>> = Object.freeze({
  listOrgs: op('listOrgs', `${V2}/orgs`, '2023-01-01', {
    deprecated: false,
    paged: true,
    action: 'list organizations',
  }),
  listGroups: op('listGroups', `${V2}/groups`, '2023-01-01', {
    deprecated: false,
    paged: true,
    action: 'list projects',
  }),
  getOrgGroups: op('getOrgGroups', `${V2}/orgs/{orgId}/groups`, '2023-01-01', {
    requiredRole: 'Organization Member',
    deprecated: false,
    paged: true,
    action: 'list the projects of this organization',
  }),
  listGroupClusters: op('listGroupClusters', `${V2}/groups/{groupId}/clusters`, '2024-08-05', {
    requiredRole: 'Project Read Only',
    deprecated: false,
    paged: true,
    action: 'list clusters',
  }),
  listGroupServerlessInstances: op('listGroupServerlessInstances', `${V2}/groups/{groupId}/serverless`, '2023-01-01', {
    requiredRole: 'Project Read Only',
    deprecated: true,
    sunset: '2027-01-18',
    paged: true,
    action: 'list serverless instances',
  }),
  listGroupFlexClusters: op('listGroupFlexClusters', `${V2}/groups/{groupId}/flexClusters`, '2024-11-13', {
    requiredRole: 'Project Read Only',
    deprecated: false,
    paged: true,
    action: 'list flex clusters',
  }),
  listGroupClusterRestoreJobs: op(
    'listGroupClusterRestoreJobs',
    `${V2}/groups/{groupId}/clusters/{clusterName}/restoreJobs`,
    '2023-01-01',
    { requiredRole: 'Project Read Only', deprecated: true, family: 'legacy', paged: true, action: 'list legacy backup restore jobs' },
  ),
  getGroupClusterRestoreJob: op(
    'getGroupClusterRestoreJob',
    `${V2}/groups/{groupId}/clusters/{clusterName}/restoreJobs/{jobId}`,
    '2023-01-01',
    { requiredRole: 'Project Read Only', deprecated: true, family: 'legacy', paged: false, action: 'read a legacy backup restore job' },
  ),
  listGroupClusterBackupRestoreJobs: op(
    'listGroupClusterBackupRestoreJobs',
    `${V2}/groups/{groupId}/clusters/{clusterName}/backup/restoreJobs`,
    '2023-01-01',
    {
      requiredRole: 'Project Backup Manager',
      deprecated: false,
      family: 'cloudBackup',
      paged: true,
      action: 'list cloud backup restore jobs',
    },
  ),
  getGroupClusterBackupRestoreJob: op(
    'getGroupClusterBackupRestoreJob',
    `${V2}/groups/{groupId}/clusters/{clusterName}/backup/restoreJobs/{restoreJobId}`,
    '2023-01-01',
    {
      requiredRole: 'Project Backup Manager',
      deprecated: false,
      family: 'cloudBackup',
      paged: false,
      action: 'read a cloud backup restore job',
    },
  ),
  listGroupServerlessBackupRestoreJobs: op(
    'listGroupServerlessBackupRestoreJobs',
    `${V2}/groups/{groupId}/serverless/{clusterName}/backup/restoreJobs`,
    '2023-01-01',
    {
      requiredRole: 'Project Owner',
      deprecated: true,
      sunset: SERVERLESS_RESTORE_SUNSET,
      family: 'serverless',
      paged: true,
      action: 'list serverless restore jobs',
    },
  ),
  getGroupServerlessBackupRestoreJob: op(
    'getGroupServerlessBackupRestoreJob',
    `${V2}/groups/{groupId}/serverless/{clusterName}/backup/restoreJobs/{restoreJobId}`,
    '2023-01-01',
    {
      requiredRole: 'Project Owner',
      deprecated: true,
      sunset: SERVERLESS_RESTORE_SUNSET,
      family: 'serverless',
      paged: false,
      action: 'read a serverless restore job',
    },
  ),
  listGroupFlexClusterBackupRestoreJobs: op(
    'listGroupFlexClusterBackupRestoreJobs',
    `${V2}/groups/{groupId}/flexClusters/{name}/backup/restoreJobs`,
    '2024-11-13',
    { requiredRole: 'Project Read Only', deprecated: false, family: 'flex', paged: true, action: 'list flex restore jobs' },
  ),
  getGroupFlexClusterBackupRestoreJob: op(
    'getGroupFlexClusterBackupRestoreJob',
    `${V2}/groups/{groupId}/flexClusters/{name}/backup/restoreJobs/{restoreJobId}`,
    '2024-11-13',
    { requiredRole: 'Project Read Only', deprecated: false, family: 'flex', paged: false, action: 'read a flex restore job' },
  ),
});

export const REQUIRED_ROLE_BY_FAMILY: Readonly<Record<RestoreJobFamily, string>> = Object.freeze({
  legacy: 'Project Read Only',
  cloudBackup: 'Project Backup Manager',
  serverless: 'Project Owner',
  flex: 'Project Read Only',
});

/** How one family's restore-job endpoints name things: the client reads this instead of switching over families. */
export interface RestoreJobEndpoints {
  list: OperationId;
  get: OperationId;
  /** The path parameter holding the cluster's name: the flex endpoints call it `name`. */
  clusterParam: 'clusterName' | 'name';
  /** The path parameter holding the job's id: the legacy endpoint calls it `jobId`. */
  jobParam: 'jobId' | 'restoreJobId';
  /** What the family's cluster is called in messages: "serverless instance". */
  clusterWord: string;
}

export const RESTORE_JOB_ENDPOINTS: Readonly<Record<RestoreJobFamily, Readonly<RestoreJobEndpoints>>> = Object.freeze({
  legacy: {
    list: 'listGroupClusterRestoreJobs',
    get: 'getGroupClusterRestoreJob',
    clusterParam: 'clusterName',
    jobParam: 'jobId',
    clusterWord: 'cluster',
  },
  cloudBackup: {
    list: 'listGroupClusterBackupRestoreJobs',
    get: 'getGroupClusterBackupRestoreJob',
    clusterParam: 'clusterName',
    jobParam: 'restoreJobId',
    clusterWord: 'cluster',
  },
  serverless: {
    list: 'listGroupServerlessBackupRestoreJobs',
    get: 'getGroupServerlessBackupRestoreJob',
    clusterParam: 'clusterName',
    jobParam: 'restoreJobId',
    clusterWord: 'serverless instance',
  },
  flex: {
    list: 'listGroupFlexClusterBackupRestoreJobs',
    get: 'getGroupFlexClusterBackupRestoreJob',
    clusterParam: 'name',
    jobParam: 'restoreJobId',
    clusterWord: 'flex cluster',
  },
});

/** The family's endpoints; undefined for anything that is not a family (callers may pass unchecked strings). */
export function restoreJobEndpoints(family: string): Readonly<RestoreJobEndpoints> | undefined {
  // Own keys only: `in` would take 'toString' for a family.
  if (!Object.prototype.hasOwnProperty.call(RESTORE_JOB_ENDPOINTS, family)) return undefined;
  return RESTORE_JOB_ENDPOINTS[family as RestoreJobFamily];
}

function byFamily<T>(pick: (e: RestoreJobEndpoints) => T): Readonly<Record<RestoreJobFamily, T>> {
  const entries = Object.entries(RESTORE_JOB_ENDPOINTS).map(([family, e]) => [family, pick(e)]);
  return Object.freeze(Object.fromEntries(entries) as Record<RestoreJobFamily, T>);
}

/** Views of the table for code that needs one column of it (src/jobs/families.ts, the operation tests). */
export const LIST_RESTORE_JOBS_OPERATION: Readonly<Record<RestoreJobFamily, OperationId>> = byFamily((e) => e.list);

export const GET_RESTORE_JOB_OPERATION: Readonly<Record<RestoreJobFamily, OperationId>> = byFamily((e) => e.get);

/** Fills a path template; every value is percent-encoded whatever validation already allowed through. */
export function expandPath(template: string, params: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`Missing path parameter ${name} for ${template}`);
    return encodeURIComponent(value);
  });
}
