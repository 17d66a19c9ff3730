/**
 * Builds one restore job of each family from a "variant" (status × delivery kind) and a per-job PRNG.
 * Dates are relative to the store's anchor (noon UTC of "today"): every job was created at least two
 * days earlier, links that must be expired ended more than a day before the anchor, links that must be
 * valid end at least three days after it — so the answer does not depend on the hour a test runs.
 */
import type {
  CloudBackupDeliveryType,
  CloudBackupRestoreJob,
  FlexRestoreJob,
  FlexRestoreJobStatus,
  LegacyDeliveryMethodName,
  LegacyDeliveryStatusName,
  LegacyJobStatusName,
  LegacyRestoreJob,
  PrivateDownloadDeliveryUrl,
  ServerlessRestoreJob,
} from '../../src/atlas/types';
import { DAY_MS } from './clock';
import { type DownloadFile, type DownloadKey, LEGACY_AUTH_HEADER } from './download-files';
import type { DownloadSigner } from './download-signer';
import { fileDigest } from './file-bytes';
import type { FileMark } from './file-marks';
import { forkRng, hashString, hex, objectId, randInt, type Rng, stampObjectId, textObjectId, uuid } from './prng';

const HOUR_MS = 3_600_000;

export type RestoreFamily = 'legacy' | 'cloudBackup' | 'serverless' | 'flex';

/**
 * An explicit request time and time to ready, for jobs laid out on purpose (the demo's restore history):
 * `createdAt` in ms since the epoch, `readyAfterMs` from the request to the job's completion. Without it
 * a job's times are drawn relative to the anchor as usual.
 */
export interface JobTiming {
  createdAt: number;
  readyAfterMs: number;
}

export interface LegacyVariant {
  status: LegacyJobStatusName;
  method: LegacyDeliveryMethodName;
  delivery: LegacyDeliveryStatusName;
  /** Member of a sharded restore batch: one job per shard plus one for the config server. */
  batch?: { batchId: string; replicaSetName: string };
  fileName?: string;
  encrypted?: boolean;
  /**
   * When it was requested and how long it took. An HTTP download's link then expires `expirationHours`
   * after the job completed, as the spec defines the field (`expires` = createdAt + readyAfterMs +
   * expirationHours h, exactly), so each job of a batch has its own `expires`.
   */
  timing?: JobTiming;
}
export type CloudState = 'cancelled' | 'expired' | 'failed' | 'finished' | 'inProgress';
export interface CloudVariant {
  deliveryType: CloudBackupDeliveryType;
  state: CloudState;
  /** pointInTime jobs name their moment either in seconds or as an oplog position. */
  pit?: 'seconds' | 'oplog';
  /** When it was requested and, once it ended (finished or expired), `finishedAt` = createdAt + readyAfterMs. */
  timing?: JobTiming;
}
export interface FlexVariant {
  status: FlexRestoreJobStatus;
  deliveryType: 'RESTORE' | 'DOWNLOAD';
  linkExpired?: boolean;
}
export interface VariantOf {
  legacy: LegacyVariant;
  cloudBackup: CloudVariant;
  serverless: CloudVariant;
  flex: FlexVariant;
}
export interface JobOf {
  legacy: LegacyRestoreJob;
  cloudBackup: CloudBackupRestoreJob;
  serverless: ServerlessRestoreJob;
  flex: FlexRestoreJob;
}

export const LEGACY_METHODS: LegacyDeliveryMethodName[] = [
  'HTTP',
  'AUTOMATED_RESTORE',
  'CLIENT_PIT_HTTP',
  'QUERY',
  'THIRD_PARTY_COPY',
  'CLIENT_PIT_SCP',
  'SCP',
];
export const LEGACY_DELIVERY_STATUSES: LegacyDeliveryStatusName[] = [
  'READY',
  'EXPIRED',
  'IN_PROGRESS',
  'NOT_STARTED',
  'PENDING',
  'FAILED',
  'INTERRUPTED',
  'MAX_DOWNLOADS_EXCEEDED',
];
/** The job status that goes with a delivery status: together they cover every job status per method. */
export const LEGACY_STATUS_FOR_DELIVERY: Record<LegacyDeliveryStatusName, LegacyJobStatusName> = {
  READY: 'FINISHED',
  EXPIRED: 'FINISHED',
  MAX_DOWNLOADS_EXCEEDED: 'FINISHED',
  IN_PROGRESS: 'IN_PROGRESS',
  NOT_STARTED: 'IN_PROGRESS',
  PENDING: 'IN_PROGRESS',
  FAILED: 'BROKEN',
  INTERRUPTED: 'KILLED',
};
export const LEGACY_VARIANTS: LegacyVariant[] = LEGACY_METHODS.flatMap((method) =>
  LEGACY_DELIVERY_STATUSES.map((delivery) => ({ method, delivery, status: LEGACY_STATUS_FOR_DELIVERY[delivery] })),
);

export const CLOUD_DELIVERY_TYPES: CloudBackupDeliveryType[] = ['download', 'automated', 'pointInTime'];
export const CLOUD_STATES: CloudState[] = ['finished', 'inProgress', 'expired', 'failed', 'cancelled'];
export const CLOUD_VARIANTS: CloudVariant[] = CLOUD_DELIVERY_TYPES.flatMap((deliveryType) =>
  CLOUD_STATES.map((state, i) => ({
    deliveryType,
    state,
    ...(deliveryType === 'pointInTime' ? { pit: i % 2 === 0 ? ('seconds' as const) : ('oplog' as const) } : {}),
  })),
);

export const FLEX_STATUSES: FlexRestoreJobStatus[] = ['COMPLETED', 'RUNNING', 'QUEUED', 'PENDING', 'FAILED'];
export const FLEX_VARIANTS: FlexVariant[] = [
  ...(['DOWNLOAD', 'RESTORE'] as const).flatMap((deliveryType) => FLEX_STATUSES.map((status) => ({ status, deliveryType }))),
  { status: 'COMPLETED', deliveryType: 'DOWNLOAD', linkExpired: true },
];

export const DEFAULT_VARIANTS: { [F in RestoreFamily]: VariantOf[F][] } = {
  legacy: LEGACY_VARIANTS,
  cloudBackup: CLOUD_VARIANTS,
  serverless: CLOUD_VARIANTS,
  flex: FLEX_VARIANTS,
};

/** What a job builder needs to know about where the job lives. */
export interface JobContext {
  seed: number;
  baseUrl: string;
  anchor: number;
  signer: DownloadSigner;
  groupId: string;
  clusterId: string;
  clusterName: string;
  /** Replica set names of a sharded cluster (shards, then the config server); one name for a replica set. */
  replicaSets: string[];
  privateEndpointId?: string;
  /** Another deployment in the same project, as the target of automated restores. */
  targetName: string;
  targetId: string;
  index: number;
  rng: Rng;
  fileSize: [number, number];
  addFile(file: DownloadFile): void;
  /**
   * When a job that runs now was requested (the emulator clock, see lifecycle.ts): its creation time and
   * what it is relative to. Without it the job was requested days before the anchor.
   */
  requestedAt?: number;
  /** This job's files are special (file-marks.ts): another size, a redirected `urlV2`. */
  fileMark?: FileMark;
}

export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

function stamp(ms: number): string {
  return isoSeconds(ms).replace(/[-:]/g, '').replace('Z', '');
}

/**
 * When job #index was created: at least two days before the anchor, older as the index grows — or when
 * it was requested (a job that runs now), or the variant's explicit time.
 */
function createdAt(ctx: JobContext, timing?: JobTiming): number {
  if (ctx.requestedAt !== undefined) return ctx.requestedAt;
  if (timing) return timing.createdAt;
  return ctx.anchor - 2 * DAY_MS - ctx.index * HOUR_MS - Math.floor(ctx.rng() * 30) * 60_000;
}

function validUntil(ctx: JobContext, rng: Rng = ctx.rng): number {
  return (ctx.requestedAt ?? ctx.anchor) + 3 * DAY_MS + Math.floor(rng() * 48) * HOUR_MS;
}

function apiPath(ctx: JobContext, family: RestoreFamily, jobId: string): string {
  const g = `/api/atlas/v2/groups/${ctx.groupId}`;
  const c = encodeURIComponent(ctx.clusterName);
  switch (family) {
    case 'legacy':
      return `${g}/clusters/${c}/restoreJobs/${jobId}`;
    case 'cloudBackup':
      return `${g}/clusters/${c}/backup/restoreJobs/${jobId}`;
    case 'serverless':
      return `${g}/serverless/${c}/backup/restoreJobs/${jobId}`;
    case 'flex':
      return `${g}/flexClusters/${c}/backup/restoreJobs/${jobId}`;
  }
}

function selfLinks(ctx: JobContext, family: RestoreFamily, jobId: string) {
  return [{ href: `${ctx.baseUrl}${apiPath(ctx, family, jobId)}`, rel: 'self' }];
}

function makeFile(ctx: JobContext, key: DownloadKey, fileName: string, expiresAt: number, extra: Partial<DownloadFile> = {}): DownloadFile {
  // Drawn even when the mark sets the size: the job's later values come from the same stream.
  const drawn = randInt(ctx.rng, ctx.fileSize[0], ctx.fileSize[1]);
  const size = ctx.fileMark?.bytes ?? drawn;
  const file: DownloadFile = {
    key,
    fileName,
    size,
    sha1: fileDigest(ctx.seed, key, size),
    expiresAt,
    ...extra,
    ...(ctx.fileMark?.storageRedirect && key.family === 'legacy' ? { storageRedirect: true } : {}),
  };
  ctx.addFile(file);
  return file;
}

/**
 * A legacy job; one of a sharded batch restores one replica set (a shard or the config server): its
 * `clusterId` is that replica set's own id — "the cluster that the restore job represents" — while
 * `clusterName` stays the sharded cluster's, which contains the snapshots. Its download file is named
 * `<clusterName>-<replicaSetName>-<restore point>.tar.gz`, and so is its one hash. The jobs of a batch
 * come from one restore request: one created time, restore point, expiry, download limit and key.
 */
export function buildLegacyJob(ctx: JobContext, v: LegacyVariant): LegacyRestoreJob {
  const rng = ctx.rng;
  // What the jobs of one batch share comes from the batch's own stream; a lone job uses its own.
  const shared = v.batch ? forkRng(ctx.seed, `batch:${v.batch.batchId}`) : rng;
  const randomId = objectId(rng);
  const randomSnapshotId = objectId(rng);
  // The jobs of one batch were created together, by one restore request.
  const created =
    v.timing && ctx.requestedAt === undefined
      ? v.timing.createdAt
      : v.batch
        ? ctx.anchor - 2 * DAY_MS - (hashString(v.batch.batchId) % 30) * 60_000
        : createdAt(ctx);
  const pointInTime = created - (v.batch ? 6 : randInt(rng, 1, 20)) * HOUR_MS;
  const id = stampObjectId(randomId, created);
  const snapshotId = stampObjectId(randomSnapshotId, pointInTime);
  const downloadable = v.method === 'HTTP' || v.method === 'CLIENT_PIT_HTTP';
  const withUrl = downloadable && ['READY', 'EXPIRED', 'MAX_DOWNLOADS_EXCEEDED'].includes(v.delivery);
  const delivery: LegacyRestoreJob['delivery'] = { methodName: v.method, statusName: v.delivery };
  let hashes: LegacyRestoreJob['hashes'];
  if (downloadable) {
    delivery.expirationHours = pick3(shared, [1, 24, 48]);
    delivery.maxDownloads = pick3(shared, [1, 3, 5]);
  }
  if (withUrl) {
    let expires: number;
    if (v.timing && ctx.requestedAt === undefined) {
      // "Number of hours after the restore job completes that indicates when the URL … expires".
      expires = created + v.timing.readyAfterMs + delivery.expirationHours! * HOUR_MS;
    } else {
      expires = v.delivery === 'EXPIRED' ? created + 3 * HOUR_MS : validUntil(ctx, shared);
    }
    const authValue = hex(rng, 40);
    const fileName = v.fileName ?? legacyFileName(ctx, snapshotId, pointInTime, v.batch?.replicaSetName);
    if (!v.timing || ctx.requestedAt !== undefined) delivery.expirationHours = Math.max(1, Math.ceil((expires - created) / HOUR_MS));
    hashes = addLegacyDownload(ctx, id, delivery, { fileName, expires, authValue, exhausted: v.delivery === 'MAX_DOWNLOADS_EXCEEDED' });
  }
  if (v.method === 'AUTOMATED_RESTORE') {
    delivery.targetClusterId = ctx.targetId;
    delivery.targetClusterName = ctx.targetName;
    delivery.targetGroupId = ctx.groupId;
  }
  const encrypted = v.encrypted ?? (v.batch ? hashString(v.batch.batchId) % 5 === 0 : ctx.index % 5 === 0);
  const job: LegacyRestoreJob = {
    ...(v.batch ? { batchId: v.batch.batchId } : {}),
    clusterId: v.batch ? replicaSetId(ctx.clusterId, v.batch.replicaSetName) : ctx.clusterId,
    clusterName: ctx.clusterName,
    created: isoSeconds(created),
    delivery,
    ...(v.method === 'AUTOMATED_RESTORE' ? { deploymentJobId: objectId(rng) } : {}),
    encryptionEnabled: encrypted,
    groupId: ctx.groupId,
    ...(hashes ? { hashes } : {}),
    id,
    links: selfLinks(ctx, 'legacy', id),
    ...(encrypted ? { masterKeyUUID: uuid(shared) } : {}),
    snapshotId,
    statusName: v.status,
    timestamp: { date: isoSeconds(pointInTime), increment: Math.floor(pointInTime / 1000) },
  };
  return job;
}

/** A legacy download's file name: `<clusterName>-<replicaSetName or snapshotId>-<restore point>.tar.gz`. */
export function legacyFileName(ctx: JobContext, snapshotId: string, pointInTime: number, replicaSetName?: string): string {
  return `${ctx.clusterName}-${replicaSetName ?? snapshotId}-${stamp(pointInTime)}.tar.gz`;
}

/**
 * Registers a legacy HTTP download's file and puts its links on `delivery` (`expires`, `authHeader`,
 * `authValue`, `url`, `urlV2`); returns the job's `hashes` (one entry: the `.tar.gz`).
 */
export function addLegacyDownload(
  ctx: JobContext,
  id: string,
  delivery: LegacyRestoreJob['delivery'],
  f: { fileName: string; expires: number; authValue: string; exhausted: boolean },
): NonNullable<LegacyRestoreJob['hashes']> {
  const key: DownloadKey = { family: 'legacy', groupId: ctx.groupId, clusterName: ctx.clusterName, jobId: id, part: '0' };
  const file = makeFile(ctx, key, f.fileName, f.expires, { authHeader: LEGACY_AUTH_HEADER, authValue: f.authValue, exhausted: f.exhausted });
  delivery.expires = isoSeconds(f.expires);
  delivery.authHeader = LEGACY_AUTH_HEADER;
  delivery.authValue = f.authValue;
  delivery.url = ctx.signer.legacyUrlV1(key, f.fileName, f.expires, f.authValue);
  delivery.urlV2 = ctx.signer.legacyUrlV2(key, f.fileName, f.expires);
  return [{ fileName: f.fileName, hash: file.sha1, links: selfLinks(ctx, 'legacy', id), typeName: 'SHA1' }];
}

/** The id of one replica set (shard or config server) of a cluster, as its legacy restore jobs name it. */
export function replicaSetId(clusterId: string, replicaSetName: string): string {
  return textObjectId(`${clusterId}:replicaSet:${replicaSetName}`);
}

function pick3<T>(rng: Rng, items: [T, T, T]): T {
  return items[Math.floor(rng() * 3)] as T;
}

export function buildCloudJob(ctx: JobContext, v: CloudVariant, family: 'cloudBackup'): CloudBackupRestoreJob;
export function buildCloudJob(ctx: JobContext, v: CloudVariant, family: 'serverless'): ServerlessRestoreJob;
export function buildCloudJob(ctx: JobContext, v: CloudVariant, family: 'cloudBackup' | 'serverless') {
  const rng = ctx.rng;
  const randomId = objectId(rng);
  const randomSnapshotId = objectId(rng);
  const created = createdAt(ctx, v.timing);
  const drawnLength = randInt(rng, 5, 90) * 60_000;
  const finished = created + (v.timing && ctx.requestedAt === undefined ? v.timing.readyAfterMs : drawnLength);
  const id = stampObjectId(randomId, created);
  const snapshotId = stampObjectId(randomSnapshotId, created);
  const ended = v.state === 'finished' || v.state === 'expired';
  const job: CloudBackupRestoreJob = {
    cancelled: v.state === 'cancelled',
    deliveryType: v.deliveryType,
    expired: v.state === 'expired',
    failed: v.state === 'failed',
    id,
    links: selfLinks(ctx, family, id),
    snapshotId,
    targetClusterName: ctx.clusterName,
    targetGroupId: ctx.groupId,
    timestamp: isoSeconds(created),
  };
  if (ended) job.finishedAt = isoSeconds(finished);
  const expiresAt = v.state === 'expired' ? finished + 4 * HOUR_MS : validUntil(ctx);
  if (v.deliveryType === 'download') {
    setCloudDownload(ctx, family, job, snapshotId, ended ? { finished, expiresAt } : undefined);
  } else {
    if (v.deliveryType === 'automated' || v.deliveryType === 'pointInTime') {
      job.targetClusterName = ctx.targetName;
      job.targetGroupId = ctx.groupId;
    }
    if (v.state === 'expired') job.expiresAt = isoSeconds(expiresAt);
  }
  if (v.deliveryType === 'pointInTime') {
    const moment = Math.floor((created - randInt(rng, 1, 72) * HOUR_MS) / 1000);
    job.desiredTimestamp = { date: isoSeconds(moment * 1000), increment: moment };
    if (v.pit === 'oplog') {
      job.oplogTs = moment;
      job.oplogInc = randInt(rng, 1, 40);
    } else {
      job.pointInTimeUTCSeconds = moment;
    }
    delete job.snapshotId;
  }
  if (family === 'cloudBackup' && v.deliveryType === 'download') {
    // A download has no target deployment; only the serverless schema requires the target fields.
    delete job.targetClusterName;
    delete job.targetGroupId;
  }
  if (family === 'serverless') {
    delete job.components;
    delete job.privateDownloadDeliveryUrls;
    return job as ServerlessRestoreJob;
  }
  return job;
}

/**
 * A cloud backup or serverless download's links, one file per replica set of a sharded cluster (with
 * `components` and, through a private endpoint, `privateDownloadDeliveryUrls`) once `ready` — or, while
 * it runs, an empty `deliveryUrl` (and the sharded cluster's components without links).
 */
export function setCloudDownload(
  ctx: JobContext,
  family: 'cloudBackup' | 'serverless',
  job: CloudBackupRestoreJob,
  snapshotId: string,
  ready: { finished: number; expiresAt: number } | undefined,
): void {
  const sharded = family === 'cloudBackup' && ctx.replicaSets.length > 1;
  const parts = sharded ? ctx.replicaSets : [ctx.replicaSets[0] ?? ctx.clusterName];
  if (!ready) {
    job.deliveryUrl = [];
    if (sharded) job.components = parts.map((rs) => ({ replicaSetName: rs }));
    return;
  }
  const { finished, expiresAt } = ready;
  const urls = parts.map((rs, i) => {
    const key: DownloadKey = { family, groupId: ctx.groupId, clusterName: ctx.clusterName, jobId: job.id!, part: String(i) };
    const fileName = `${rs}-${snapshotId}-${stamp(finished)}.tar.gz`;
    makeFile(ctx, key, fileName, expiresAt);
    return { rs, url: ctx.signer.s3Url(key, fileName, finished, expiresAt) };
  });
  job.deliveryUrl = urls.map((u) => u.url);
  job.expiresAt = isoSeconds(expiresAt);
  if (family === 'cloudBackup' && ctx.privateEndpointId) {
    const priv = (u: string): PrivateDownloadDeliveryUrl => ({ deliveryUrl: u, endpointId: ctx.privateEndpointId });
    job.privateDownloadDeliveryUrls = urls.map((u) => priv(u.url));
    if (sharded) job.components = urls.map((u) => ({ downloadUrl: u.url, privateDownloadDeliveryUrls: [priv(u.url)], replicaSetName: u.rs }));
  } else if (sharded) {
    job.components = urls.map((u) => ({ downloadUrl: u.url, replicaSetName: u.rs }));
  }
}

/** Registers a completed flex download's file and returns its pre-signed `snapshotUrl`. */
export function flexSnapshotUrl(ctx: JobContext, id: string, snapshotId: string, done: number, expires: number): string {
  const key: DownloadKey = { family: 'flex', groupId: ctx.groupId, clusterName: ctx.clusterName, jobId: id, part: '0' };
  const fileName = `${ctx.clusterName}-${snapshotId}.tar.gz`;
  makeFile(ctx, key, fileName, expires);
  return ctx.signer.s3Url(key, fileName, done, expires);
}

export function buildFlexJob(ctx: JobContext, v: FlexVariant): FlexRestoreJob {
  const rng = ctx.rng;
  const randomId = objectId(rng);
  const randomSnapshotId = objectId(rng);
  const scheduled = createdAt(ctx);
  const id = stampObjectId(randomId, scheduled);
  const snapshotFinished = scheduled - randInt(rng, 1, 24) * HOUR_MS;
  const snapshotId = stampObjectId(randomSnapshotId, snapshotFinished);
  const job: FlexRestoreJob = {
    deliveryType: v.deliveryType,
    id,
    instanceName: ctx.clusterName,
    links: selfLinks(ctx, 'flex', id),
    projectId: ctx.groupId,
    restoreScheduledDate: isoSeconds(scheduled),
    snapshotFinishedDate: isoSeconds(snapshotFinished),
    snapshotId,
    status: v.status,
  };
  const done = scheduled + randInt(rng, 2, 40) * 60_000;
  if (v.status === 'COMPLETED' || v.status === 'FAILED') job.restoreFinishedDate = isoSeconds(done);
  if (v.deliveryType === 'DOWNLOAD') {
    const expires = v.linkExpired ? done + 6 * HOUR_MS : validUntil(ctx);
    job.expirationDate = isoSeconds(expires);
    if (v.status === 'COMPLETED') job.snapshotUrl = flexSnapshotUrl(ctx, id, snapshotId, done, expires);
  } else {
    job.targetDeploymentItemName = ctx.targetName;
    job.targetProjectId = ctx.groupId;
  }
  return job;
}

export function buildJob<F extends RestoreFamily>(family: F, ctx: JobContext, variant: VariantOf[F]): JobOf[F] {
  switch (family) {
    case 'legacy':
      return buildLegacyJob(ctx, variant as LegacyVariant) as JobOf[F];
    case 'cloudBackup':
      return buildCloudJob(ctx, variant as CloudVariant, 'cloudBackup') as JobOf[F];
    case 'serverless':
      return buildCloudJob(ctx, variant as CloudVariant, 'serverless') as JobOf[F];
    default:
      return buildFlexJob(ctx, variant as FlexVariant) as JobOf[F];
  }
}
