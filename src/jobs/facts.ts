import * as l10n from '@vscode/l10n';
import type { AnyRestoreJob, RestoreJobFamily } from '../atlas/types';
import { parseDate } from '../format/time';
import { componentLabel } from './componentLabel';
import { deliveryInfo, type DeliveryInfo } from './delivery';
import { objectIdTime } from './objectIdTime';
import { lookup, readBoolean, readNumber, readObject, readRaw, readString, type Fields } from './read';
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
  let flags = '';
  if (job.cancelled === true) flags = 'cancelled';
  if (job.failed === true) flags += flags ? ', failed' : 'failed';
  if (job.expired === true) flags += flags ? ', expired' : 'expired';
  if (readString(job.finishedAt)) flags += flags ? ', finished' : 'finished';
  return flags || 'running';
}

function hashesOf(value: unknown): FileHash[] {
  const hashes: FileHash[] = [];
  if (!Array.isArray(value)) return hashes;
  for (const entry of value as unknown[]) {
    const item = readObject(entry);
    if (!item) continue;
    const hash: FileHash = {};
    const fileName = readString(item.fileName);
    if (fileName !== undefined) hash.fileName = fileName;
    const text = readString(item.hash);
    if (text !== undefined) hash.hash = text;
    const typeName = readString(item.typeName);
    if (typeName !== undefined) hash.typeName = typeName;
    hashes.push(hash);
  }
  return hashes;
}

/**
 * Fills in the facts after family, id, status and delivery: each family's own fields, in JobFacts' order,
 * each only when it has a value, so that tests and JSON see no `key: undefined`. Straight into the one
 * object jobFacts returns, one plain `if` a field: this runs for every job of every list a search reads,
 * and building a second object to spread and filter was a third of jobFacts' time, a generic setter a
 * tenth (bench: search suite, per-page table).
 */
type FamilyReader = (job: Fields, facts: JobFacts, rawId: string | undefined) => void;

function legacyFacts(job: Fields, facts: JobFacts, rawId: string | undefined): void {
  const d = readObject(job.delivery);
  const method = readRaw(d?.methodName);
  const hashes = hashesOf(job.hashes);
  const batchId = readString(job.batchId);
  const clusterName = readString(job.clusterName);
  const requestedAt = parseDate(job.created) ?? objectIdTime(rawId);
  if (requestedAt !== undefined) facts.requestedAt = requestedAt;
  facts.atlasStatus = readRaw(job.statusName) ?? 'UNKNOWN';
  facts.deliveryKind = lookup(LEGACY_METHOD, method) ?? 'unknown';
  if (method !== undefined) facts.atlasDeliveryKind = method;
  const snapshotId = readString(job.snapshotId);
  if (snapshotId !== undefined) facts.snapshotId = snapshotId;
  const snapshotAt = parseDate(readObject(job.timestamp)?.date);
  if (snapshotAt !== undefined) facts.snapshotAt = snapshotAt;
  const targetProjectId = readString(d?.targetGroupId);
  if (targetProjectId !== undefined) facts.targetProjectId = targetProjectId;
  const targetClusterName = readString(d?.targetClusterName);
  if (targetClusterName !== undefined) facts.targetClusterName = targetClusterName;
  if (batchId !== undefined) facts.batchId = batchId;
  if (clusterName !== undefined) facts.clusterName = clusterName;
  const encryptionEnabled = readBoolean(job.encryptionEnabled);
  if (encryptionEnabled !== undefined) facts.encryptionEnabled = encryptionEnabled;
  facts.hashes = hashes;
  if (batchId) {
    const clues = {
      urls: [readString(d?.urlV2), readString(d?.url)].filter((u): u is string => u !== undefined),
      hashFileNames: hashes.flatMap((h) => (h.fileName ? [h.fileName] : [])),
      clusterName,
      clusterId: readString(job.clusterId),
    };
    const label = componentLabel(clues);
    if (label !== undefined) facts.componentLabel = label;
  }
  if (!d) facts.problem = l10n.t('no delivery details');
}

function cloudFacts(job: Fields, facts: JobFacts, rawId: string | undefined): void {
  const type = readRaw(job.deliveryType);
  const requestedAt = objectIdTime(rawId);
  if (requestedAt !== undefined) facts.requestedAt = requestedAt;
  const finishedAt = parseDate(job.finishedAt);
  if (finishedAt !== undefined) facts.finishedAt = finishedAt;
  facts.atlasStatus = flagsOf(job);
  facts.deliveryKind = lookup(CLOUD_TYPE, type) ?? 'unknown';
  if (type !== undefined) facts.atlasDeliveryKind = type;
  const snapshotId = readString(job.snapshotId);
  if (snapshotId !== undefined) facts.snapshotId = snapshotId;
  const snapshotAt = parseDate(job.timestamp);
  if (snapshotAt !== undefined) facts.snapshotAt = snapshotAt;
  const pointInTimeAt = seconds(job.pointInTimeUTCSeconds) ?? parseDate(readObject(job.desiredTimestamp)?.date);
  if (pointInTimeAt !== undefined) facts.pointInTimeAt = pointInTimeAt;
  const targetProjectId = readString(job.targetGroupId);
  if (targetProjectId !== undefined) facts.targetProjectId = targetProjectId;
  const targetClusterName = readString(job.targetClusterName);
  if (targetClusterName !== undefined) facts.targetClusterName = targetClusterName;
  facts.hashes = [];
}

function flexFacts(job: Fields, facts: JobFacts, rawId: string | undefined): void {
  const type = readRaw(job.deliveryType);
  const requestedAt = objectIdTime(rawId);
  if (requestedAt !== undefined) facts.requestedAt = requestedAt;
  const scheduledAt = parseDate(job.restoreScheduledDate);
  if (scheduledAt !== undefined) facts.scheduledAt = scheduledAt;
  const finishedAt = parseDate(job.restoreFinishedDate);
  if (finishedAt !== undefined) facts.finishedAt = finishedAt;
  facts.atlasStatus = readRaw(job.status) ?? 'UNKNOWN';
  facts.deliveryKind = lookup(FLEX_TYPE, type) ?? 'unknown';
  if (type !== undefined) facts.atlasDeliveryKind = type;
  const snapshotId = readString(job.snapshotId);
  if (snapshotId !== undefined) facts.snapshotId = snapshotId;
  const snapshotAt = parseDate(job.snapshotFinishedDate);
  if (snapshotAt !== undefined) facts.snapshotAt = snapshotAt;
  const targetProjectId = readString(job.targetProjectId);
  if (targetProjectId !== undefined) facts.targetProjectId = targetProjectId;
  const targetClusterName = readString(job.targetDeploymentItemName);
  if (targetClusterName !== undefined) facts.targetClusterName = targetClusterName;
  const clusterName = readString(job.instanceName);
  if (clusterName !== undefined) facts.clusterName = clusterName;
  facts.hashes = [];
}

const FAMILY_FACTS: Readonly<Record<RestoreJobFamily, FamilyReader>> = {
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
  // The family's reader sets atlasStatus, deliveryKind and hashes, after the optional facts that come first.
  const facts = { family: item.family, id, status, delivery } as JobFacts;
  read(job, facts, rawId);
  // The most basic problem wins: without an id the job cannot even be fetched again.
  if (!id) facts.problem = rawId === undefined ? l10n.t('no id') : l10n.t('id too long');
  return facts;
}

/** Newest first; jobs without a known time go last, by id so the order is stable. */
export function compareNewestFirst(a: JobFacts, b: JobFacts): number {
  const ta = a.requestedAt?.getTime() ?? -Infinity;
  const tb = b.requestedAt?.getTime() ?? -Infinity;
  if (ta !== tb) return tb - ta;
  return b.id.localeCompare(a.id);
}
