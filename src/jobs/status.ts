import type { AnyRestoreJob } from '../atlas/types';
import { deliveryInfo, type DeliveryInfo } from './delivery';
import { lookup, readBoolean, readObject, readRaw, readString, type Fields } from './read';

/**
 * One vocabulary of job states across the four families, so that the tree, the details panel
 * and the icons agree. Each family reports progress differently: legacy jobs have `statusName`
 * (and `delivery.statusName` for how the download went), cloud backup and serverless jobs only flags
 * plus `finishedAt` and their links, flex jobs a `status` enum. A value the extension does not know is
 * `unknown` — shown as Atlas wrote it, never mapped to another state.
 */
export type JobStatus =
  | 'pending'
  | 'queued'
  | 'inProgress'
  | 'ready'
  | 'completed'
  | 'failed'
  | 'broken'
  | 'interrupted'
  | 'cancelled'
  | 'killed'
  | 'expired'
  | 'downloadLimitReached'
  | 'unknown';

const LEGACY_STATUS: ReadonlyMap<string, JobStatus> = new Map<string, JobStatus>([
  ['IN_PROGRESS', 'inProgress'],
  ['FINISHED', 'completed'],
  ['BROKEN', 'broken'],
  ['KILLED', 'killed'],
]);

/** A FINISHED legacy job whose delivery went wrong ends as its delivery did. */
const LEGACY_DELIVERY_OUTCOME: ReadonlyMap<string, JobStatus> = new Map<string, JobStatus>([
  ['FAILED', 'failed'],
  ['INTERRUPTED', 'interrupted'],
  ['EXPIRED', 'expired'],
  ['MAX_DOWNLOADS_EXCEEDED', 'downloadLimitReached'],
]);

const FLEX_STATUS: ReadonlyMap<string, JobStatus> = new Map<string, JobStatus>([
  ['PENDING', 'pending'],
  ['QUEUED', 'queued'],
  ['RUNNING', 'inProgress'],
  ['COMPLETED', 'completed'],
  ['FAILED', 'failed'],
]);

function legacyStatus(job: Fields): JobStatus {
  const status = lookup(LEGACY_STATUS, readRaw(job.statusName)) ?? 'unknown';
  if (status !== 'completed') return status;
  return lookup(LEGACY_DELIVERY_OUTCOME, readRaw(readObject(job.delivery)?.statusName)) ?? 'completed';
}

function cloudStatus(job: Fields, delivery: DeliveryInfo): JobStatus {
  // Order matters: a cancelled or failed job may also carry finishedAt or links.
  if (readBoolean(job.cancelled) === true) return 'cancelled';
  if (readBoolean(job.failed) === true) return 'failed';
  if (readBoolean(job.expired) === true) return 'expired';
  // A download job is ready as soon as Atlas lists its link (the Atlas CLI's `watch` stops there
  // too), finishedAt or not — until the link expires.
  if (readRaw(job.deliveryType) === 'download' && delivery.links.length + delivery.privateLinks.length > 0) {
    return delivery.expired ? 'expired' : 'ready';
  }
  if (readString(job.finishedAt)) return 'completed';
  return 'inProgress';
}

/** The status of a job whose delivery has been read already (jobFacts reads it once for both). */
export function statusOf(item: AnyRestoreJob, delivery: DeliveryInfo): JobStatus {
  const job = readObject(item.job);
  if (!job) return 'unknown';
  switch (item.family) {
    case 'legacy':
      return legacyStatus(job);
    case 'cloudBackup':
    case 'serverless':
      return cloudStatus(job, delivery);
    case 'flex':
      return lookup(FLEX_STATUS, readRaw(job.status)) ?? 'unknown';
    default:
      return 'unknown';
  }
}

export function jobStatus(item: AnyRestoreJob, now: Date = new Date()): JobStatus {
  return statusOf(item, deliveryInfo(item, now));
}

/**
 * Settled states never change again, so there is nothing to poll for. `unknown` is not settled: a state
 * the extension cannot read may still move on, so it is worth polling — a bounded number of times.
 */
export function isSettled(status: JobStatus): boolean {
  return status !== 'pending' && status !== 'queued' && status !== 'inProgress' && status !== 'unknown';
}

/**
 * What a sharded restore's batch row shows: it is only as far along as its slowest job, and broken or
 * failed if any job is. In this order, the first status any job has; `completed` when all completed.
 */
const BATCH_ORDER: readonly JobStatus[] = [
  'broken',
  'failed',
  'interrupted',
  'killed',
  'cancelled',
  'inProgress',
  'queued',
  'pending',
  'unknown',
  'downloadLimitReached',
  'expired',
  'ready',
];

export function batchStatus(statuses: readonly JobStatus[]): JobStatus {
  return BATCH_ORDER.find((s) => statuses.includes(s)) ?? 'completed';
}
