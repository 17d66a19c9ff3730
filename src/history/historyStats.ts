/**
 * The numbers that matter in an incident, over the restores of a window: how many ended how, how long
 * a restore takes to be ready (median, 90th percentile, the longest), when the last one worked, the share
 * that failed, and for a sharded cluster how long each part of the latest batch took. Pure: the panel and
 * the incident note both show these, and the unit tests check them in plain Node.
 */
import * as l10n from '@vscode/l10n';
import { shortId } from '../format/time';
import { OUTCOMES, type HistoryJob, type Outcome } from './historyJob';

export interface BatchPart {
  /** The shard or config server (facts.componentLabel), else the job's short id; unique within the batch. */
  label: string;
  job: HistoryJob;
  /** How long the part took to be ready or to end (the job's durationMs). */
  durationMs?: number;
  /** A part still running: how long it has been going, now − requestedAt. */
  runningForMs?: number;
}

export interface LatestBatch {
  batchId: string;
  /** The earliest request time of its jobs. */
  requestedAt?: Date;
  /** Ordered by label, numbers in labels by value (shard-2 before shard-10). */
  parts: BatchPart[];
  /** The label of the part that took, or is taking, longest (durationMs, or runningForMs for a running part). */
  slowest?: string;
}

export interface HistoryStats {
  total: number;
  byOutcome: Record<Outcome, number>;
  /** Durations are taken over succeeded jobs that have a duration. */
  timed: number;
  /**
   * Jobs left out of durations, and why — the UI and the note say so. `noEndTime`: succeeded, but without
   * a usable end time (none known, no request time, or an end before the request). `unknown`: the outcome
   * is not known. Always timed + running + noEndTime + failedOrCancelled + unknown = total.
   */
  leftOut: { running: number; noEndTime: number; failedOrCancelled: number; unknown: number };
  /** Even count: mean of the two middle values; odd: the middle one. */
  medianMs?: number;
  /** The 90th percentile by nearest rank (see percentile): a duration that one of the jobs really took. */
  p90Ms?: number;
  longest?: HistoryJob;
  /** The succeeded job with the latest endedAt (or requestedAt when it has no endedAt). */
  lastSuccess?: HistoryJob;
  /** now − its endedAt/requestedAt (0 when that is after now). */
  lastSuccessAgoMs?: number;
  /** failed ÷ (succeeded + failed + cancelled); undefined when none of those. */
  failedShare?: number;
  /** The newest legacy batch (batchId with ≥ 2 jobs) among the jobs: its per-job lengths, slowest marked. */
  latestBatch?: LatestBatch;
}

/** The median of sorted values: even count, the mean of the two middle values; odd, the middle one. */
export function median(sortedAscending: readonly number[]): number | undefined {
  const n = sortedAscending.length;
  if (n === 0) return undefined;
  const mid = Math.floor(n / 2);
  return n % 2 === 1 ? sortedAscending[mid] : (sortedAscending[mid - 1] + sortedAscending[mid]) / 2;
}

/**
 * The p-th percentile (p in percent, 0–100) of sorted values by the nearest-rank method: the smallest
 * value such that at least p % of the values are less than or equal to it, i.e. the value of rank
 * ⌈p/100 · n⌉ (1-based; rank 1 for p = 0). It is always one of the values, never an interpolation
 * between two, so "90 % of restores were ready within the p90" is true of the jobs as they are. With
 * fewer than 10 values the 90th percentile is the largest. Undefined for no values, or p outside 0–100.
 */
export function percentile(sortedAscending: readonly number[], p: number): number | undefined {
  const n = sortedAscending.length;
  if (n === 0 || !(p >= 0 && p <= 100)) return undefined;
  const rank = Math.max(1, Math.ceil((p / 100) * n));
  return sortedAscending[Math.min(n, rank) - 1];
}

/** When a job counts as having worked: when it was ready, else (no end known) when it was requested. */
function successTime(job: HistoryJob): number | undefined {
  return (job.endedAt ?? job.requestedAt)?.getTime();
}

const collator = new Intl.Collator('en', { numeric: true });

function partLabel(job: HistoryJob): string {
  if (job.componentLabel) return job.componentLabel;
  return job.id ? l10n.t('job {0}', shortId(job.id)) : l10n.t('job without id');
}

function batchOf(batchId: string, jobs: readonly HistoryJob[], now: Date): LatestBatch {
  const seen = new Map<string, number>();
  const parts = jobs.map((job): BatchPart => {
    let label = partLabel(job);
    const count = (seen.get(label) ?? 0) + 1;
    seen.set(label, count);
    if (count > 1) label = `${label} (${count})`;
    const part: BatchPart = { label, job };
    if (job.durationMs !== undefined) part.durationMs = job.durationMs;
    else if (job.outcome === 'running' && job.requestedAt && now.getTime() >= job.requestedAt.getTime()) {
      part.runningForMs = now.getTime() - job.requestedAt.getTime();
    }
    return part;
  });
  parts.sort((a, b) => collator.compare(a.label, b.label));
  const batch: LatestBatch = { batchId, parts };
  const requested = jobs.flatMap((j) => (j.requestedAt ? [j.requestedAt.getTime()] : []));
  if (requested.length) batch.requestedAt = new Date(Math.min(...requested));
  let slowest: BatchPart | undefined;
  for (const part of parts) {
    const length = part.durationMs ?? part.runningForMs;
    if (length !== undefined && (slowest === undefined || length > (slowest.durationMs ?? slowest.runningForMs ?? -1))) slowest = part;
  }
  if (slowest) batch.slowest = slowest.label;
  return batch;
}

/** The batch (batchId with at least two jobs) requested last; equal times by batchId. */
function latestBatchOf(jobs: readonly HistoryJob[], now: Date): LatestBatch | undefined {
  const batches = new Map<string, HistoryJob[]>();
  for (const job of jobs) {
    if (!job.batchId) continue;
    const list = batches.get(job.batchId);
    if (list) list.push(job);
    else batches.set(job.batchId, [job]);
  }
  let best: { id: string; time: number } | undefined;
  for (const [id, list] of batches) {
    if (list.length < 2) continue;
    const times = list.flatMap((j) => (j.requestedAt ? [j.requestedAt.getTime()] : []));
    const time = times.length ? Math.min(...times) : -Infinity;
    if (!best || time > best.time || (time === best.time && id > best.id)) best = { id, time };
  }
  return best ? batchOf(best.id, batches.get(best.id)!, now) : undefined;
}

export function historyStats(jobs: readonly HistoryJob[], now: Date): HistoryStats {
  const byOutcome = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
  const leftOut = { running: 0, noEndTime: 0, failedOrCancelled: 0, unknown: 0 };
  const timedJobs: HistoryJob[] = [];
  let lastSuccess: HistoryJob | undefined;
  for (const job of jobs) {
    const outcome: Outcome = Object.prototype.hasOwnProperty.call(byOutcome, job.outcome) ? job.outcome : 'unknown';
    byOutcome[outcome]++;
    if (outcome === 'running') leftOut.running++;
    else if (outcome === 'failed' || outcome === 'cancelled') leftOut.failedOrCancelled++;
    else if (outcome === 'unknown') leftOut.unknown++;
    else {
      const d = job.durationMs;
      if (typeof d === 'number' && Number.isFinite(d) && d >= 0) timedJobs.push(job);
      else leftOut.noEndTime++;
      const t = successTime(job);
      if (t !== undefined && (lastSuccess === undefined || t > (successTime(lastSuccess) ?? -Infinity))) lastSuccess = job;
      else if (lastSuccess === undefined) lastSuccess = job;
    }
  }
  const durations = timedJobs.map((j) => j.durationMs!).sort((a, b) => a - b);
  const stats: HistoryStats = { total: jobs.length, byOutcome, timed: timedJobs.length, leftOut };
  const mid = median(durations);
  if (mid !== undefined) stats.medianMs = mid;
  const p90 = percentile(durations, 90);
  if (p90 !== undefined) stats.p90Ms = p90;
  // The first of the longest in the order given: newest first, as inWindow returns them.
  const longest = timedJobs.reduce<HistoryJob | undefined>((best, j) => (best === undefined || j.durationMs! > best.durationMs! ? j : best), undefined);
  if (longest) stats.longest = longest;
  if (lastSuccess) {
    stats.lastSuccess = lastSuccess;
    const t = successTime(lastSuccess);
    if (t !== undefined) stats.lastSuccessAgoMs = Math.max(0, now.getTime() - t);
  }
  const ended = byOutcome.succeeded + byOutcome.failed + byOutcome.cancelled;
  if (ended > 0) stats.failedShare = byOutcome.failed / ended;
  const batch = latestBatchOf(jobs, now);
  if (batch) stats.latestBatch = batch;
  return stats;
}
