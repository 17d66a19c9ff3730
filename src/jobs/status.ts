import type { AnyRestoreJob } from '../atlas/types';

/**
 * One vocabulary of job states across the four families, so that the tree, the details panel
 * and the icons agree. Each family reports progress differently: legacy jobs have `statusName`,
 * cloud backup and serverless jobs only flags plus `finishedAt`, flex jobs a `status` enum.
 */
export type JobStatus =
  | 'pending'
  | 'queued'
  | 'inProgress'
  | 'completed'
  | 'failed'
  | 'broken'
  | 'cancelled'
  | 'killed'
  | 'expired';

/** Atlas's legacy `statusName` and flex `status` values this extension names; any other is still running. */
const LEGACY_STATUS: ReadonlyMap<string, JobStatus> = new Map([
  ['FINISHED', 'completed'],
  ['BROKEN', 'broken'],
  ['KILLED', 'killed'],
]);

const FLEX_STATUS: ReadonlyMap<string, JobStatus> = new Map([
  ['PENDING', 'pending'],
  ['QUEUED', 'queued'],
  ['COMPLETED', 'completed'],
  ['FAILED', 'failed'],
]);

export function jobStatus(item: AnyRestoreJob): JobStatus {
  switch (item.family) {
    case 'legacy':
      return LEGACY_STATUS.get(item.job.statusName ?? '') ?? 'inProgress';
    case 'cloudBackup':
    case 'serverless': {
      const job = item.job;
      // Order matters: a cancelled or failed job may also carry finishedAt.
      if (job.cancelled) return 'cancelled';
      if (job.failed) return 'failed';
      if (job.expired) return 'expired';
      if (job.finishedAt) return 'completed';
      return 'inProgress';
    }
    case 'flex':
      return FLEX_STATUS.get(item.job.status ?? '') ?? 'inProgress';
  }
}

/** Settled states never change again, so there is nothing to poll for. */
export function isSettled(status: JobStatus): boolean {
  return status !== 'pending' && status !== 'queued' && status !== 'inProgress';
}
