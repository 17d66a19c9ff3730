/**
 * A restore job's document in another state, per family, as the spec's field descriptions say Atlas
 * writes it (the generated variants in job-factory.ts follow the same rules):
 *
 *   running    legacy `statusName` IN_PROGRESS, `delivery.statusName` IN_PROGRESS, no links or hashes;
 *              cloud backup / serverless: no `finishedAt`, `deliveryUrl: []` for a download, every flag false;
 *              flex `status` QUEUED (a scheduled run, until a fifth of it) or RUNNING, no `restoreFinishedDate`.
 *   finished   legacy FINISHED, delivery READY, and for an HTTP download (`HTTP`, `CLIENT_PIT_HTTP`)
 *              `url`, `urlV2`, `expires` (`expirationHours` after it finished), `authHeader`/`authValue`, `hashes`;
 *              cloud backup / serverless `finishedAt`, and for a download `deliveryUrl` (one per replica set
 *              of a sharded cluster, with `components`, and `privateDownloadDeliveryUrls` through a private
 *              endpoint) and `expiresAt`; flex COMPLETED with `restoreFinishedDate`, and `snapshotUrl` for DOWNLOAD.
 *   failed     legacy BROKEN with delivery FAILED; cloud backup / serverless `failed: true`; flex FAILED with
 *              `restoreFinishedDate`.
 *   cancelled  legacy KILLED with delivery INTERRUPTED; cloud backup / serverless `cancelled: true`; flex has
 *              no such state (its `status` enum has none), so asking for it throws.
 *
 * Every change starts from the running document, so a job can be moved from any state to any other.
 * Times are the `at` given: the emulator clock's time when the job settles.
 */
import type { CloudBackupRestoreJob, FlexRestoreJob, LegacyRestoreJob } from '../../src/atlas/types';
import { DAY_MS } from './clock';
import {
  addLegacyDownload,
  flexSnapshotUrl,
  isoSeconds,
  type JobContext,
  type JobOf,
  legacyFileName,
  replicaSetId,
  type RestoreFamily,
  setCloudDownload,
  type VariantOf,
} from './job-factory';
import { hex } from './prng';

export type JobState = 'running' | 'finished' | 'failed' | 'cancelled';
export const JOB_STATES: readonly JobState[] = ['running', 'finished', 'failed', 'cancelled'];

const HOUR_MS = 3_600_000;
/** How long the links of a job that settles here stay valid (cloud backup, serverless, flex). */
const LINKS_VALID_MS = 3 * DAY_MS;

/** For a running flex job: QUEUED (a scheduled run's first fifth) or RUNNING. */
export type FlexRunPhase = 'QUEUED' | 'RUNNING';

/** The variant of a job that was just requested and runs: the same delivery method or type, a running status. */
export function runningVariant<F extends RestoreFamily>(family: F, variant: VariantOf[F]): VariantOf[F] {
  switch (family) {
    case 'legacy': {
      const v = variant as VariantOf['legacy'];
      return { method: v.method, delivery: 'IN_PROGRESS', status: 'IN_PROGRESS' } as VariantOf[F];
    }
    case 'cloudBackup':
    case 'serverless': {
      const v = variant as VariantOf['cloudBackup'];
      return { ...v, state: 'inProgress' } as VariantOf[F];
    }
    default:
      return { status: 'QUEUED', deliveryType: (variant as VariantOf['flex']).deliveryType } as VariantOf[F];
  }
}

function legacyInState(ctx: JobContext, job: LegacyRestoreJob, state: JobState, at: number): LegacyRestoreJob {
  const next = structuredClone(job);
  const delivery = next.delivery;
  for (const k of ['url', 'urlV2', 'expires', 'authHeader', 'authValue'] as const) delete delivery[k];
  delete next.hashes;
  const [status, deliveryStatus] = (
    {
      running: ['IN_PROGRESS', 'IN_PROGRESS'],
      finished: ['FINISHED', 'READY'],
      failed: ['BROKEN', 'FAILED'],
      cancelled: ['KILLED', 'INTERRUPTED'],
    } as const
  )[state];
  next.statusName = status;
  delivery.statusName = deliveryStatus;
  const downloadable = delivery.methodName === 'HTTP' || delivery.methodName === 'CLIENT_PIT_HTTP';
  if (state === 'finished' && downloadable && next.id) {
    delivery.expirationHours ??= 24;
    delivery.maxDownloads ??= 1;
    const pointInTime = Date.parse(next.timestamp?.date ?? next.created ?? new Date(at).toISOString());
    const replicaSet = next.batchId ? ctx.replicaSets.find((rs) => replicaSetId(ctx.clusterId, rs) === next.clusterId) : undefined;
    next.hashes = addLegacyDownload(ctx, next.id, delivery, {
      fileName: legacyFileName(ctx, next.snapshotId ?? next.id, pointInTime, replicaSet),
      expires: at + delivery.expirationHours * HOUR_MS,
      authValue: hex(ctx.rng, 40),
      exhausted: false,
    });
  }
  return next;
}

function cloudInState<J extends CloudBackupRestoreJob>(ctx: JobContext, family: 'cloudBackup' | 'serverless', job: J, state: JobState, at: number): J {
  const next = structuredClone(job);
  for (const k of ['finishedAt', 'expiresAt', 'privateDownloadDeliveryUrls', 'components'] as const) delete next[k];
  next.cancelled = state === 'cancelled';
  next.expired = false;
  next.failed = state === 'failed';
  if (state === 'finished') next.finishedAt = isoSeconds(at);
  if (next.deliveryType === 'download') {
    const ready = state === 'finished' ? { finished: at, expiresAt: at + LINKS_VALID_MS } : undefined;
    setCloudDownload(ctx, family, next, next.snapshotId ?? next.id ?? '', ready);
    if (family === 'serverless') delete next.components;
  }
  return next;
}

function flexInState(ctx: JobContext, job: FlexRestoreJob, state: JobState, at: number, phase: FlexRunPhase): FlexRestoreJob {
  if (state === 'cancelled') {
    throw new Error('A flex restore job cannot be cancelled: the spec\'s status enum has no such state (PENDING, QUEUED, RUNNING, FAILED, COMPLETED)');
  }
  const next = structuredClone(job);
  delete next.restoreFinishedDate;
  delete next.snapshotUrl;
  next.status = state === 'running' ? phase : state === 'finished' ? 'COMPLETED' : 'FAILED';
  if (state === 'running') return next;
  next.restoreFinishedDate = isoSeconds(at);
  if (state === 'finished' && next.deliveryType === 'DOWNLOAD' && next.id) {
    const listed = next.expirationDate ? Date.parse(next.expirationDate) : Number.NaN;
    const expires = listed > at ? listed : at + LINKS_VALID_MS;
    next.expirationDate = isoSeconds(expires);
    next.snapshotUrl = flexSnapshotUrl(ctx, next.id, next.snapshotId ?? next.id, at, expires);
  }
  return next;
}

/**
 * A copy of `job` in `state` (the original is left alone). `ctx` is the job's cluster context; its
 * `rng` draws the new download key and file sizes. A finished download registers its files through
 * `ctx.addFile`; the caller drops the files of the document it replaces.
 */
export function jobInState<F extends RestoreFamily>(
  family: F,
  ctx: JobContext,
  job: JobOf[F],
  state: JobState,
  at: number,
  phase: FlexRunPhase = 'RUNNING',
): JobOf[F] {
  switch (family) {
    case 'legacy':
      return legacyInState(ctx, job as LegacyRestoreJob, state, at) as JobOf[F];
    case 'cloudBackup':
    case 'serverless':
      return cloudInState(ctx, family, job as CloudBackupRestoreJob, state, at) as JobOf[F];
    default:
      return flexInState(ctx, job as FlexRestoreJob, state, at, phase) as JobOf[F];
  }
}
