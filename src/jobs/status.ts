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

export function jobStatus(item: AnyRestoreJob): JobStatus {
  switch (item.family) {
    case 'legacy':
      switch (item.job.statusName) {
        case 'FINISHED':
          return 'completed';
        case 'BROKEN':
          return 'broken';
        case 'KILLED':
          return 'killed';
        default:
          return 'inProgress';
      }
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
      switch (item.job.status) {
        case 'PENDING':
          return 'pending';
        case 'QUEUED':
          return 'queued';
        case 'COMPLETED':
          return 'completed';
        case 'FAILED':
          return 'failed';
        default:
          return 'inProgress';
      }
  }
}

/** Settled states never change again, so there is nothing to poll for. */
export function isSettled(status: JobStatus): boolean {
  return status !== 'pending' && status !== 'queued' && status !== 'inProgress';
}
