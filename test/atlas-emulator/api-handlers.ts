/**
 * What each of the 14 operations returns, given validated parameters and an authenticated principal.
 * Access rules come from the spec's x-rolesRequirements; paging and envelopes are applied by the caller.
 */
import type { ProjectRole } from './contract';
import { ApiFailure, failures } from './api-errors';
import type { SpecMediaType, SpecOperation } from './spec-document';
import type { ClusterKind, EmulatorStore, RestoreFamily } from './store';
import {
  clusterView20230101,
  clusterView20230201,
  clusterView20240805,
  flexView,
  organizationView,
  projectView,
  serverlessInstancesListed,
  serverlessView,
} from './views';

export type Params = Record<string, string | number | boolean>;
export type HandlerResult = { kind: 'list'; items: unknown[] } | { kind: 'single'; item: unknown };

export interface HandlerInput {
  operation: SpecOperation;
  mediaType: SpecMediaType;
  params: Params;
  principal: string;
  store: EmulatorStore;
  /** The emulator's date, 'YYYY-MM-DD' (the serverless instance list is empty from 2026-01-15). */
  today: string;
}

/** The spec's role names (x-rolesRequirements) → the emulator's project roles. */
export const ROLE_FOR_REQUIREMENT: Readonly<Record<string, ProjectRole>> = {
  'Project Read Only': 'GROUP_READ_ONLY',
  'Project Backup Manager': 'GROUP_BACKUP_MANAGER',
  'Project Owner': 'GROUP_OWNER',
};

const RESTORE_OPS: Record<string, { family: RestoreFamily; single: boolean }> = {
  listGroupClusterRestoreJobs: { family: 'legacy', single: false },
  getGroupClusterRestoreJob: { family: 'legacy', single: true },
  listGroupClusterBackupRestoreJobs: { family: 'cloudBackup', single: false },
  getGroupClusterBackupRestoreJob: { family: 'cloudBackup', single: true },
  listGroupServerlessBackupRestoreJobs: { family: 'serverless', single: false },
  getGroupServerlessBackupRestoreJob: { family: 'serverless', single: true },
  listGroupFlexClusterBackupRestoreJobs: { family: 'flex', single: false },
  getGroupFlexClusterBackupRestoreJob: { family: 'flex', single: true },
};

const DEPLOYMENT_WORDS: Record<ClusterKind, { code: string; noun: string }> = {
  dedicated: { code: 'CLUSTER_NOT_FOUND', noun: 'cluster' },
  serverless: { code: 'SERVERLESS_INSTANCE_NOT_FOUND', noun: 'serverless instance' },
  flex: { code: 'FLEX_CLUSTER_NOT_FOUND', noun: 'flex cluster' },
};

function prefixFilter<T extends { name: string }>(items: T[], name: unknown): T[] {
  if (typeof name !== 'string' || name === '') return items;
  const lower = name.toLowerCase();
  return items.filter((i) => i.name.toLowerCase().startsWith(lower));
}

/** Picks the media type for an Accept header, or the 406/410 to answer. */
export function negotiate(operation: SpecOperation, accept: string | undefined, today: string): SpecMediaType | ApiFailure {
  const offered = (accept ?? '')
    .split(',')
    .map((s) => (s.split(';')[0] ?? '').trim().toLowerCase())
    .filter((s) => s !== '');
  let gone = false;
  for (const m of offered) {
    const listed = operation.mediaTypes.find((mt) => mt.mediaType.toLowerCase() === m);
    if (!listed) continue;
    // The sunset date is the day the version is removed: from that day on it answers 410.
    if (listed.sunset && today >= listed.sunset) {
      gone = true;
      continue;
    }
    return listed;
  }
  return gone ? failures.gone() : failures.notAcceptable(operation.mediaTypes.map((m) => m.mediaType));
}

/** Checks the operation's role requirement; throws 404/403 ApiFailures. */
export function authorize({ operation, params, principal, store }: HandlerInput): void {
  const groupId = params.groupId as string | undefined;
  if (groupId !== undefined) {
    if (!store.project(groupId)) throw failures.notFound('GROUP_NOT_FOUND', `No project with ID ${groupId} exists.`);
    if (!store.canSeeProject(principal, groupId)) throw failures.forbidden(`You have no role in project ${groupId}.`);
  }
  for (const requirement of operation.roles) {
    const role = ROLE_FOR_REQUIREMENT[requirement];
    if (role && groupId !== undefined && !store.hasProjectRole(principal, groupId, role)) {
      throw failures.forbidden(`This operation requires the ${requirement} role in project ${groupId}.`);
    }
  }
}

export function handle(input: HandlerInput): HandlerResult {
  const { operation, mediaType, params, principal, store, today } = input;
  const groupId = params.groupId as string;
  switch (operation.operationId) {
    case 'listOrgs':
      return {
        kind: 'list',
        items: prefixFilter(store.organizations().filter((o) => store.isOrgMember(principal, o.id)), params.name).map((o) => organizationView(store, o)),
      };
    case 'listGroups':
      return { kind: 'list', items: store.projects().filter((p) => store.canSeeProject(principal, p.id)).map((p) => projectView(store, p, today)) };
    case 'getOrgGroups': {
      const orgId = params.orgId as string;
      if (!store.organization(orgId)) throw failures.notFound('ORG_NOT_FOUND', `No organization with ID ${orgId} exists.`);
      if (!store.isOrgMember(principal, orgId)) throw failures.forbidden(`This operation requires the Organization Member role in organization ${orgId}.`);
      const visible = store.projects(orgId).filter((p) => store.canSeeProject(principal, p.id));
      return { kind: 'list', items: prefixFilter(visible, params.name).map((p) => projectView(store, p, today)) };
    }
    case 'listGroupClusters': {
      const view = { '2023-01-01': clusterView20230101, '2023-02-01': clusterView20230201 }[mediaType.version] ?? clusterView20240805;
      return { kind: 'list', items: store.clusters(groupId, 'dedicated').map((c) => store.servedCluster(c, view(store, c))) };
    }
    case 'listGroupServerlessInstances': {
      // "…until January 15, 2026 after which this endpoint will begin returning an empty list" (the spec).
      const listed = serverlessInstancesListed(today) ? store.clusters(groupId, 'serverless') : [];
      return { kind: 'list', items: listed.map((c) => store.servedCluster(c, serverlessView(store, c))) };
    }
    case 'listGroupFlexClusters':
      return { kind: 'list', items: store.clusters(groupId, 'flex').map((c) => store.servedCluster(c, flexView(store, c))) };
  }
  const restore = RESTORE_OPS[operation.operationId];
  if (!restore) throw new ApiFailure(500, 'UNEXPECTED_ERROR', `Operation ${operation.operationId} is not emulated.`);
  const name = (params.clusterName ?? params.name) as string;
  const kind: ClusterKind = restore.family === 'cloudBackup' || restore.family === 'legacy' ? 'dedicated' : restore.family;
  if (!store.cluster(groupId, kind, name)) {
    const w = DEPLOYMENT_WORDS[kind];
    throw failures.notFound(w.code, `No ${w.noun} named ${name} exists in project ${groupId}.`);
  }
  const jobs = store.restoreJobs(groupId, name, restore.family) as { id?: string; batchId?: string }[];
  if (!restore.single) {
    const batchId = params.batchId;
    const served = jobs.map((j) => store.servedJob(j));
    return { kind: 'list', items: batchId === undefined ? served : served.filter((j) => j.batchId === batchId) };
  }
  const jobId = (params.jobId ?? params.restoreJobId) as string;
  const job = jobs.find((j) => j.id === jobId);
  if (!job) throw failures.notFound('RESTORE_JOB_NOT_FOUND', `No restore job with ID ${jobId} exists for ${name}.`);
  return { kind: 'single', item: store.servedJob(job) };
}
