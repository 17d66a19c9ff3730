/**
 * One restore job as the Restore History panel and its incident note see it: when it was requested,
 * when it was ready or over, how long that took, and what came of it. Pure (no `vscode`), so the
 * statistics are unit-tested in plain Node. Built from a job's document and the facts jobFacts read from
 * it; never throws, whatever the document holds: what cannot be read is left out.
 */
import * as l10n from '@vscode/l10n';
import type { AnyRestoreJob, RestoreJobFamily } from '../atlas/types';
import type { JobFacts } from '../jobs/facts';
import { parseDate } from '../format/time';
import { readNumber, readObject } from '../jobs/read';
import type { JobStatus } from '../jobs/status';
import { STATUS_ICONS } from '../jobs/statusIcons';

export type Outcome = 'succeeded' | 'failed' | 'cancelled' | 'running' | 'unknown';

export const OUTCOMES: readonly Outcome[] = ['succeeded', 'failed', 'cancelled', 'running', 'unknown'];

const OUTCOME_OF: Readonly<Record<JobStatus, Outcome>> = {
  // The restore worked; a link running out (or used up) later does not undo that.
  ready: 'succeeded',
  completed: 'succeeded',
  expired: 'succeeded',
  downloadLimitReached: 'succeeded',
  failed: 'failed',
  broken: 'failed',
  interrupted: 'failed',
  cancelled: 'cancelled',
  killed: 'cancelled',
  pending: 'running',
  queued: 'running',
  inProgress: 'running',
  unknown: 'unknown',
};

/**
 * ready/completed/expired/downloadLimitReached → succeeded (the restore worked; a link running out later
 * does not undo it); failed/broken/interrupted → failed; cancelled/killed → cancelled;
 * pending/queued/inProgress → running; unknown (or anything else) → unknown.
 */
export function outcomeOf(status: JobStatus): Outcome {
  return Object.prototype.hasOwnProperty.call(OUTCOME_OF, status) ? OUTCOME_OF[status] : 'unknown';
}

/**
 * The status whose icon and colour (STATUS_ICONS, the one status → icon/colour map) stand for an
 * outcome, so the timeline colours a mark by its outcome: an expired download is a green success there,
 * though its own row in the tree is grey.
 */
export const OUTCOME_STATUS: Readonly<Record<Outcome, JobStatus>> = {
  succeeded: 'completed',
  failed: 'failed',
  cancelled: 'cancelled',
  running: 'inProgress',
  unknown: 'unknown',
};

/** The theme colour id of an outcome (e.g. `testing.iconPassed`), from STATUS_ICONS. */
export function outcomeColor(outcome: Outcome): string {
  return STATUS_ICONS[OUTCOME_STATUS[outcome] ?? 'unknown'].color;
}

/** The codicon of an outcome, from STATUS_ICONS. */
export function outcomeIcon(outcome: Outcome): string {
  return STATUS_ICONS[OUTCOME_STATUS[outcome] ?? 'unknown'].icon;
}

/** The localized name of an outcome: "Succeeded", "Failed", … */
export function outcomeLabel(outcome: Outcome): string {
  switch (outcome) {
    case 'succeeded':
      return l10n.t('Succeeded');
    case 'failed':
      return l10n.t('Failed');
    case 'cancelled':
      return l10n.t('Cancelled');
    case 'running':
      return l10n.t('Running');
    default:
      return l10n.t('Unknown');
  }
}

export interface HistoryJob {
  /** Caller-given, opaque (used to open the job's details on click). */
  key: string;
  family: RestoreJobFamily;
  /** Caller-given: the cluster whose list the job came from. */
  clusterName: string;
  /** facts.id ('' when none). */
  id: string;
  status: JobStatus;
  atlasStatus: string;
  outcome: Outcome;
  requestedAt?: Date;
  /**
   * When it was ready/finished: facts.finishedAt (cloud backup, serverless, flex); for a legacy job,
   * delivery.expires − delivery.expirationHours hours (the spec: expirationHours is "Number of hours after
   * the restore job completes that indicates when the URL … expires"), only when both are valid
   * numbers/dates. A job still running has none, whatever its document says.
   */
  endedAt?: Date;
  /** endedAt − requestedAt, only when both are known and endedAt ≥ requestedAt. */
  durationMs?: number;
  batchId?: string;
  /** Legacy shard / config server label (facts.componentLabel). */
  componentLabel?: string;
}

const HOUR = 3600_000;

/** A Date that holds a time (never an Invalid Date, never something else). */
function validDate(value: unknown): Date | undefined {
  return value instanceof Date && !Number.isNaN(value.getTime()) ? value : undefined;
}

/** A legacy job's completion: its link's expiry less the hours the link lasts after completion. */
function legacyEnd(item: AnyRestoreJob): Date | undefined {
  const delivery = readObject(readObject(item?.job)?.delivery);
  const expires = parseDate(delivery?.expires);
  const hours = readNumber(delivery?.expirationHours);
  if (expires === undefined || hours === undefined || hours < 0) return undefined;
  return validDate(new Date(expires.getTime() - hours * HOUR));
}

function knownStatus(value: unknown): JobStatus {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(OUTCOME_OF, value) ? (value as JobStatus) : 'unknown';
}

function text(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

export function historyJob(job: AnyRestoreJob, facts: JobFacts, where: { key: string; clusterName: string }): HistoryJob {
  const status = knownStatus(facts?.status);
  const outcome = outcomeOf(status);
  const family = (facts?.family ?? job?.family) as RestoreJobFamily;
  const result: HistoryJob = {
    key: text(where?.key, ''),
    family,
    clusterName: text(where?.clusterName, ''),
    id: text(facts?.id, ''),
    status,
    atlasStatus: text(facts?.atlasStatus, ''),
    outcome,
  };
  const requestedAt = validDate(facts?.requestedAt);
  if (requestedAt) result.requestedAt = requestedAt;
  if (outcome !== 'running') {
    const endedAt = family === 'legacy' ? legacyEnd(job) : validDate(facts?.finishedAt);
    if (endedAt) {
      result.endedAt = endedAt;
      if (requestedAt && endedAt.getTime() >= requestedAt.getTime()) result.durationMs = endedAt.getTime() - requestedAt.getTime();
    }
  }
  if (typeof facts?.batchId === 'string' && facts.batchId) result.batchId = facts.batchId;
  if (typeof facts?.componentLabel === 'string' && facts.componentLabel) result.componentLabel = facts.componentLabel;
  return result;
}

/** Newest first; equal times by id, then key, so the order is stable. */
export function compareHistoryNewestFirst(a: HistoryJob, b: HistoryJob): number {
  const ta = a.requestedAt?.getTime() ?? -Infinity;
  const tb = b.requestedAt?.getTime() ?? -Infinity;
  if (ta !== tb) return tb - ta;
  if (a.id !== b.id) return a.id < b.id ? 1 : -1;
  return a.key < b.key ? 1 : a.key > b.key ? -1 : 0;
}

const DAY = 24 * HOUR;

/**
 * The jobs requested within `days` days before `now` — requestedAt in (now − days, now], by absolute time
 * (a day is 24 hours whatever the zone's daylight saving does): a job exactly `days` old is out — newest
 * first. Jobs without requestedAt are counted in `undated`; jobs dated after `now` (a clock behind
 * Atlas's, by seconds or minutes) are left out of the window too, and counted in `future` so the UI can
 * say so.
 */
export function inWindow(jobs: readonly HistoryJob[], now: Date, days: number): { jobs: HistoryJob[]; undated: number; future: number } {
  const end = now.getTime();
  const start = end - days * DAY;
  const within: HistoryJob[] = [];
  let undated = 0;
  let future = 0;
  for (const job of jobs) {
    const t = validDate(job.requestedAt)?.getTime();
    if (t === undefined) undated++;
    else if (t > end) future++;
    else if (t > start) within.push(job);
  }
  within.sort(compareHistoryNewestFirst);
  return { jobs: within, undated, future };
}
