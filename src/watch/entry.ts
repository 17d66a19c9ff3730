import { jobKey, type JobRef } from '../jobs/jobRef';
import { pollDelay, type Cadence } from './cadence';

/** One request the scheduler has sent and not yet heard back from, and the jobs it answers for. */
export interface InFlight {
  readonly kind: 'get' | 'list';
  readonly connectionId: string;
  readonly controller: AbortController;
  readonly entries: readonly Entry[];
}

/** One followed job, as the scheduler keeps it. */
export interface Entry {
  readonly ref: JobRef;
  /** jobKey(ref): labels left out, as for panels. */
  readonly key: string;
  /** Which list request could answer for it: connection, family, project, cluster. */
  readonly cluster: string;
  /** When it started being followed (the cadence's clock). */
  readonly since: number;
  /**
   * Breaks ties between jobs due at the same moment: set when it is watched and each time it is polled,
   * from one counter, so that of jobs polled together the one polled earlier goes first next time too.
   * Without it, the same few jobs would win every tie and others would wait twice as long.
   */
  turn: number;
  /** Where its current wait started: its last answered poll, or when it was watched. */
  lastAt: number;
  /** Failed polls in a row (each doubles the wait). */
  failures: number;
  /** pollSoon: first in line, whatever its due time. */
  soon: boolean;
  /** It was not on its cluster's first page: polled by id from now on (see planPoll). */
  direct: boolean;
  request?: InFlight;
}

/** Connection, family, project and cluster: the jobs one listFirstPage request can answer for. */
export function clusterKey(ref: JobRef): string {
  return JSON.stringify([ref.connectionId, ref.family, ref.groupId, ref.clusterName]);
}

/**
 * A new entry, first polled one interval from now: whoever asks to follow a job has just seen it (the
 * tree, a panel). `since` after `now` (a clock that moved back) or not a number counts as now.
 */
export function newEntry(ref: JobRef, since: number | undefined, now: number, turn: number): Entry {
  const start = since !== undefined && Number.isFinite(since) ? Math.min(since, now) : now;
  const copy = { ...ref };
  return { ref: copy, key: jobKey(copy), cluster: clusterKey(copy), since: start, turn, lastAt: now, failures: 0, soon: false, direct: false };
}

export function dueAt(e: Entry, focused: boolean, cadence: Cadence): number {
  return e.soon ? -Infinity : e.lastAt + pollDelay(e.lastAt - e.since, e.failures, focused, cadence);
}

/** After an answer: the next wait counts from now, failures forgotten or one more. */
export function restart(e: Entry, now: number, failed: boolean): void {
  e.lastAt = now;
  e.failures = failed ? e.failures + 1 : 0;
  e.soon = false;
}
