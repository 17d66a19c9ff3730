import type { AnyRestoreJob, RestoreJobFamily, RestoreJobFileHash } from '../atlas/types';
import { parseDate } from '../format/time';
import { deliveryInfo, type DeliveryInfo } from './delivery';
import { objectIdTime } from './objectIdTime';
import { jobStatus, type JobStatus } from './status';

/** How the restored data reaches the user, across the families' different enums. */
export type DeliveryKind =
  | 'download'
  | 'automatedRestore'
  | 'pointInTime'
  | 'restore'
  | 'http'
  | 'clientPitHttp'
  | 'clientPitScp'
  | 'scp'
  | 'query'
  | 'thirdPartyCopy'
  | 'unknown';

/**
 * The facts the tree and the details panel show about a job, derived once from whichever
 * family's document it is. Dates are Date objects; formatting belongs to the UI.
 */
export interface JobFacts {
  family: RestoreJobFamily;
  id: string;
  /** When the restore was requested: legacy `created`, else the time inside the ObjectId. */
  requestedAt?: Date;
  finishedAt?: Date;
  scheduledAt?: Date;
  status: JobStatus;
  /** Atlas's own words for the state, e.g. `FINISHED`, `COMPLETED`, or the flags that are set. */
  atlasStatus: string;
  deliveryKind: DeliveryKind;
  /** The enum value Atlas sent for the delivery kind. */
  atlasDeliveryKind?: string;
  snapshotId?: string;
  /** When the restored snapshot (or point in time) was taken. */
  snapshotAt?: Date;
  pointInTimeAt?: Date;
  targetProjectId?: string;
  targetClusterName?: string;
  batchId?: string;
  clusterName?: string;
  encryptionEnabled?: boolean;
  delivery: DeliveryInfo;
  hashes: RestoreJobFileHash[];
}

function seconds(value: number | undefined): Date | undefined {
  return value === undefined ? undefined : new Date(value * 1000);
}

const LEGACY_METHOD: Record<string, DeliveryKind> = {
  HTTP: 'http',
  CLIENT_PIT_HTTP: 'clientPitHttp',
  CLIENT_PIT_SCP: 'clientPitScp',
  SCP: 'scp',
  QUERY: 'query',
  AUTOMATED_RESTORE: 'automatedRestore',
  THIRD_PARTY_COPY: 'thirdPartyCopy',
};

const CLOUD_TYPE: Record<string, DeliveryKind> = {
  automated: 'automatedRestore',
  download: 'download',
  pointInTime: 'pointInTime',
};

const FLEX_TYPE: Record<string, DeliveryKind> = {
  RESTORE: 'restore',
  DOWNLOAD: 'download',
};

function flagsOf(job: { cancelled?: boolean; failed?: boolean; expired?: boolean; finishedAt?: string }): string {
  const flags = [
    job.cancelled && 'cancelled',
    job.failed && 'failed',
    job.expired && 'expired',
    job.finishedAt && 'finished',
  ].filter(Boolean);
  return flags.length ? flags.join(', ') : 'running';
}

export function jobFacts(item: AnyRestoreJob, now: Date = new Date()): JobFacts {
  const status = jobStatus(item);
  const delivery = deliveryInfo(item, now);
  switch (item.family) {
    case 'legacy': {
      const job = item.job;
      return {
        family: 'legacy',
        id: job.id ?? '',
        requestedAt: parseDate(job.created) ?? objectIdTime(job.id),
        status,
        atlasStatus: job.statusName ?? 'UNKNOWN',
        deliveryKind: LEGACY_METHOD[job.delivery.methodName] ?? 'unknown',
        atlasDeliveryKind: job.delivery.methodName,
        snapshotId: job.snapshotId,
        snapshotAt: parseDate(job.timestamp?.date),
        targetProjectId: job.delivery.targetGroupId,
        targetClusterName: job.delivery.targetClusterName,
        batchId: job.batchId,
        clusterName: job.clusterName,
        encryptionEnabled: job.encryptionEnabled,
        delivery,
        hashes: job.hashes ?? [],
      };
    }
    case 'cloudBackup':
    case 'serverless': {
      const job = item.job;
      return {
        family: item.family,
        id: job.id ?? '',
        requestedAt: objectIdTime(job.id),
        finishedAt: parseDate(job.finishedAt),
        status,
        atlasStatus: flagsOf(job),
        deliveryKind: CLOUD_TYPE[job.deliveryType] ?? 'unknown',
        atlasDeliveryKind: job.deliveryType,
        snapshotId: job.snapshotId,
        snapshotAt: parseDate(job.timestamp),
        pointInTimeAt: seconds(job.pointInTimeUTCSeconds) ?? parseDate(job.desiredTimestamp?.date),
        targetProjectId: job.targetGroupId,
        targetClusterName: job.targetClusterName,
        delivery,
        hashes: [],
      };
    }
    case 'flex': {
      const job = item.job;
      return {
        family: 'flex',
        id: job.id ?? '',
        requestedAt: objectIdTime(job.id),
        scheduledAt: parseDate(job.restoreScheduledDate),
        finishedAt: parseDate(job.restoreFinishedDate),
        status,
        atlasStatus: job.status ?? 'UNKNOWN',
        deliveryKind: (job.deliveryType && FLEX_TYPE[job.deliveryType]) || 'unknown',
        atlasDeliveryKind: job.deliveryType,
        snapshotId: job.snapshotId,
        snapshotAt: parseDate(job.snapshotFinishedDate),
        targetProjectId: job.targetProjectId,
        targetClusterName: job.targetDeploymentItemName,
        clusterName: job.instanceName,
        delivery,
        hashes: [],
      };
    }
  }
}

/** Newest first; jobs without a known time go last, by id so the order is stable. */
export function compareNewestFirst(a: JobFacts, b: JobFacts): number {
  const ta = a.requestedAt?.getTime() ?? -Infinity;
  const tb = b.requestedAt?.getTime() ?? -Infinity;
  if (ta !== tb) return tb - ta;
  return b.id.localeCompare(a.id);
}
