import * as l10n from '@vscode/l10n';
import type { AnyRestoreJob, RestoreJobFamily } from '../atlas/types';
import { parseDate } from '../format/time';
import { componentLabel } from './componentLabel';
import { deliveryInfo, type DeliveryInfo } from './delivery';
import { objectIdTime } from './objectIdTime';
import { lookup, readBoolean, readNumber, readObject, readObjects, readRaw, readString, type Fields } from './read';
import { statusOf, type JobStatus } from './status';

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

/** One entry of a legacy job's `hashes`, with only the fields that are text. */
export interface FileHash {
  fileName?: string;
  hash?: string;
  typeName?: string;
}

/**
 * The facts the tree and the details panel show about a job, derived once from whichever
 * family's document it is. Dates are Date objects; formatting belongs to the UI. Never throws:
 * a field of the wrong type counts as missing, and a document that cannot be shown as a normal row
 * says why in `problem`.
 */
export interface JobFacts {
  family: RestoreJobFamily;
  /** The job's id, or '' when the document has none. */
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
  /** A legacy job of a sharded restore: its shard or config-server replica set, as far as the job tells. */
  componentLabel?: string;
  encryptionEnabled?: boolean;
  delivery: DeliveryInfo;
  hashes: FileHash[];
  /**
   * Why the document cannot be shown as a normal row (localized, short: "no delivery details"); the
   * tree then shows it as a row of its own, and its siblings as usual.
   */
  problem?: string;
}

/** Seconds since the epoch, when they make a date JavaScript can hold. */
function seconds(value: unknown): Date | undefined {
  const n = readNumber(value);
  const date = n === undefined ? undefined : new Date(n * 1000);
  return date && !Number.isNaN(date.getTime()) ? date : undefined;
}

const LEGACY_METHOD: ReadonlyMap<string, DeliveryKind> = new Map<string, DeliveryKind>([
  ['HTTP', 'http'],
  ['CLIENT_PIT_HTTP', 'clientPitHttp'],
  ['CLIENT_PIT_SCP', 'clientPitScp'],
  ['SCP', 'scp'],
  ['QUERY', 'query'],
  ['AUTOMATED_RESTORE', 'automatedRestore'],
  ['THIRD_PARTY_COPY', 'thirdPartyCopy'],
]);

const CLOUD_TYPE: ReadonlyMap<string, DeliveryKind> = new Map<string, DeliveryKind>([
  ['automated', 'automatedRestore'],
  ['download', 'download'],
  ['pointInTime', 'pointInTime'],
]);

const FLEX_TYPE: ReadonlyMap<string, DeliveryKind> = new Map<string, DeliveryKind>([
  ['RESTORE', 'restore'],
  ['DOWNLOAD', 'download'],
]);

function flagsOf(job: Fields): string {
  const flags = [
    readBoolean(job.cancelled) && 'cancelled',
    readBoolean(job.failed) && 'failed',
    readBoolean(job.expired) && 'expired',
    readString(job.finishedAt) && 'finished',
  ].filter(Boolean);
  return flags.length ? flags.join(', ') : 'running';
}

function hashesOf(value: unknown): FileHash[] {
  return readObjects(value).map(({ item }) => {
    const hash: FileHash = {};
    for (const key of ['fileName', 'hash', 'typeName'] as const) {
      const text = readString(item[key]);
      if (text !== undefined) hash[key] = text;
    }
    return hash;
  });
}

/** Delivery kind, Atlas's value for it, and the fields only some families have. */
type FamilyFacts = Omit<JobFacts, 'family' | 'id' | 'status' | 'delivery'>;

function legacyFacts(job: Fields): FamilyFacts {
  const d = readObject(job.delivery);
  const method = readRaw(d?.methodName);
  const hashes = hashesOf(job.hashes);
  const batchId = readString(job.batchId);
  const clusterName = readString(job.clusterName);
  const facts: FamilyFacts = {
    requestedAt: parseDate(job.created) ?? objectIdTime(readString(job.id)),
    atlasStatus: readRaw(job.statusName) ?? 'UNKNOWN',
    deliveryKind: lookup(LEGACY_METHOD, method) ?? 'unknown',
    atlasDeliveryKind: method,
    snapshotId: readString(job.snapshotId),
    snapshotAt: parseDate(readObject(job.timestamp)?.date),
    targetProjectId: readString(d?.targetGroupId),
    targetClusterName: readString(d?.targetClusterName),
    batchId,
    clusterName,
    encryptionEnabled: readBoolean(job.encryptionEnabled),
    hashes,
  };
  if (batchId) {
    facts.componentLabel = componentLabel({
      urls: [readString(d?.urlV2), readString(d?.url)].filter((u): u is string => u !== undefined),
      hashFileNames: hashes.flatMap((h) => (h.fileName ? [h.fileName] : [])),
      clusterName,
      clusterId: readString(job.clusterId),
    });
  }
  if (!d) facts.problem = l10n.t('no delivery details');
  return facts;
}

function cloudFacts(job: Fields): FamilyFacts {
  const type = readRaw(job.deliveryType);
  return {
    requestedAt: objectIdTime(readString(job.id)),
    finishedAt: parseDate(job.finishedAt),
    atlasStatus: flagsOf(job),
    deliveryKind: lookup(CLOUD_TYPE, type) ?? 'unknown',
    atlasDeliveryKind: type,
    snapshotId: readString(job.snapshotId),
    snapshotAt: parseDate(job.timestamp),
    pointInTimeAt: seconds(job.pointInTimeUTCSeconds) ?? parseDate(readObject(job.desiredTimestamp)?.date),
    targetProjectId: readString(job.targetGroupId),
    targetClusterName: readString(job.targetClusterName),
    hashes: [],
  };
}

function flexFacts(job: Fields): FamilyFacts {
  const type = readRaw(job.deliveryType);
  return {
    requestedAt: objectIdTime(readString(job.id)),
    scheduledAt: parseDate(job.restoreScheduledDate),
    finishedAt: parseDate(job.restoreFinishedDate),
    atlasStatus: readRaw(job.status) ?? 'UNKNOWN',
    deliveryKind: lookup(FLEX_TYPE, type) ?? 'unknown',
    atlasDeliveryKind: type,
    snapshotId: readString(job.snapshotId),
    snapshotAt: parseDate(job.snapshotFinishedDate),
    targetProjectId: readString(job.targetProjectId),
    targetClusterName: readString(job.targetDeploymentItemName),
    clusterName: readString(job.instanceName),
    hashes: [],
  };
}

const FAMILY_FACTS: Readonly<Record<RestoreJobFamily, (job: Fields) => FamilyFacts>> = {
  legacy: legacyFacts,
  cloudBackup: cloudFacts,
  serverless: cloudFacts,
  flex: flexFacts,
};

/** Longer is no id Atlas makes, and more than a panel's saved state takes back (see parseJobRef). */
const MAX_ID_LENGTH = 512;

export function jobFacts(item: AnyRestoreJob, now: Date = new Date()): JobFacts {
  const delivery = deliveryInfo(item, now);
  const status = statusOf(item, delivery);
  const job = readObject(item.job);
  const read = Object.prototype.hasOwnProperty.call(FAMILY_FACTS, item.family) ? FAMILY_FACTS[item.family] : undefined;
  if (!job || !read) {
    return { family: item.family, id: '', status, atlasStatus: 'UNKNOWN', deliveryKind: 'unknown', delivery, hashes: [], problem: l10n.t('not a restore job document') };
  }
  const rawId = readString(job.id);
  const id = rawId !== undefined && rawId.length <= MAX_ID_LENGTH ? rawId : '';
  const facts: JobFacts = { family: item.family, id, status, delivery, ...withoutUndefined(read(job)) };
  // The most basic problem wins: without an id the job cannot even be fetched again.
  if (!id) facts.problem = rawId === undefined ? l10n.t('no id') : l10n.t('id too long');
  return facts;
}

/**
 * The facts with only the fields that have a value, so that tests and JSON see no `key: undefined`. A loop
 * rather than Object.fromEntries(Object.entries(…)): this runs for every job of every list a search reads,
 * and the entry arrays were a third of jobFacts' time (bench: search suite).
 */
function withoutUndefined<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const key in value) if (value[key] !== undefined) out[key] = value[key];
  return out as T;
}

/** Newest first; jobs without a known time go last, by id so the order is stable. */
export function compareNewestFirst(a: JobFacts, b: JobFacts): number {
  const ta = a.requestedAt?.getTime() ?? -Infinity;
  const tb = b.requestedAt?.getTime() ?? -Infinity;
  if (ta !== tb) return tb - ta;
  return b.id.localeCompare(a.id);
}
