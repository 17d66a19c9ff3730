import type { AnyRestoreJob } from '../atlas/types';
import type { JobRef } from '../jobs/jobRef';

/**
 * Time as the scheduler sees it. Injected so that the unit tests and the benchmark can run minutes of
 * polling in no time, and so that nothing here reaches for a global timer the tests cannot see.
 */
export interface WatchClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** How the scheduler reaches Atlas. Each call is one HTTP request as far as the budget is concerned. */
export interface WatchFetcher {
  /** One job by id (client.getRestoreJob through getJobOfFamily). Throws AtlasError. */
  getJob(ref: JobRef, signal: AbortSignal): Promise<AnyRestoreJob>;
  /** Page 1 of the cluster's list of that family, newest first, `itemsPerPage` items. Throws AtlasError. */
  listFirstPage(ref: JobRef, itemsPerPage: number, signal: AbortSignal): Promise<AnyRestoreJob[]>;
}

/**
 * What the scheduler tells its owner. Called synchronously from the scheduler's own callbacks, after its
 * state is up to date, so a handler may call unwatch/watch/pollSoon/dispose. A handler that throws does
 * not break the scheduler: the exception is thrown again on a microtask, where the host reports it.
 */
export interface WatchEvents {
  /** A fresh document of a watched job (every successful poll). The owner decides settledness and calls unwatch. */
  update(ref: JobRef, job: AnyRestoreJob): void;
  /**
   * The job cannot be followed any more and the scheduler has already dropped it: Atlas answered 404
   * (kind 'notFound'), 410 (kind 'gone', e.g. the retired serverless endpoint), or the ref itself is
   * refused before any request (kind 'invalidInput').
   */
  gone(ref: JobRef, error: unknown): void;
  /**
   * Atlas answered 401 for this connection (kind 'unauthorized', or 'ipAccessList': the address is not on
   * the API access list — both need the user, neither heals by waiting): its watching is paused until
   * resumeConnection; called once per pause, not per job.
   */
  unauthorized(connectionId: string, error: unknown): void;
  /**
   * For the log: a failed poll that will be retried (network, timeout, 5xx, unreadable answer, 403 and
   * other refusals; 429 with the connection's pause as `nextInMs`). The error is the client's AtlasError,
   * whose message never holds a secret.
   */
  retrying?(ref: JobRef, error: unknown, nextInMs: number): void;
}

export interface WatchOptions {
  /** Default: Date.now and the global timers (unref'd: a pending poll never keeps a process alive). */
  clock?: WatchClock;
  /** VS Code window focus; default () => true. Call WatchScheduler.focusChanged when it changes. */
  isFocused?: () => boolean;
  /** Requests per connection in any sliding minute, default 30. */
  budgetPerMinute?: number;
  /** Default 5_000, for the job's first minute of being watched. */
  firstIntervalMs?: number;
  /** Default 60_000. */
  maxIntervalMs?: number;
  /** Default 4: intervals are this many times longer while the window is not focused. */
  unfocusedFactor?: number;
  /** Page size of the per-cluster list request, default 100 (Atlas allows 1–500). */
  listPageSize?: number;
  /** Requests of one connection in flight at once, default 2 (more would make a Digest client pay challenges). */
  maxInFlightPerConnection?: number;
  /** A job due within this many ms rides along with a cluster mate's poll, default 5_000. */
  batchLeadMs?: number;
  /** A connection's pause after a 429 that has no Retry-After, default 60_000. */
  rateLimitPauseMs?: number;
}

/** Requests sent so far. `requests` = `lists` + `gets`; each also counts under its connection id. */
export interface WatchStats {
  requests: number;
  lists: number;
  gets: number;
  byConnection: Map<string, number>;
}
