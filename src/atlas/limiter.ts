import type { OperationId } from './operations';
import { sleep, SleepCancelled } from './retry';

/** What a UI shows about one connection's traffic. */
export interface LimiterState {
  /** The client's bound (option maxConcurrentRequests). */
  readonly maxInFlight: number;
  /** Requests holding a slot: on the wire, or signing/waiting for a token right before it. */
  readonly inFlight: number;
  /** Requests waiting for a slot or for the end of a pause, not sent yet. */
  readonly queued: number;
  /** Epoch ms until which no request of this client is sent; absent when there is no pause. */
  readonly pausedUntil?: number;
}

/**
 * A pause starts (or is pushed back by a later 429) and ends. `ms` is the wait from the moment of the event,
 * `retryAfterSeconds` what Atlas asked for (absent after a 429 without Retry-After: a short pause of the
 * client's own), `operation` the request that was refused.
 */
export type RateLimitPauseEvent =
  | { readonly paused: true; readonly until: number; readonly ms: number; readonly retryAfterSeconds?: number; readonly operation?: OperationId }
  | { readonly paused: false };

export interface LimiterDisposable {
  dispose(): void;
}

/** The part of the limiter the client exposes (`client.limiter`). */
export interface AtlasRequestLimiter {
  readonly state: LimiterState;
  /** Called when a pause starts, is extended, and ends. Returns a handle whose dispose() unsubscribes. */
  onDidChangePause(listener: (e: RateLimitPauseEvent) => void): LimiterDisposable;
}

/** The caller's signal aborted while it waited: it was never sent. */
export class LimiterCancelled extends Error {
  constructor() {
    super('cancelled while queued');
    this.name = 'LimiterCancelled';
  }
}

/** The pause in force lasts longer than the caller agreed to wait; `remainingMs` is how long it still runs. */
export class PauseTooLong extends Error {
  constructor(readonly remainingMs: number) {
    super(`paused for ${remainingMs} ms more`);
    this.name = 'PauseTooLong';
  }
}

export interface Slot {
  /** Idempotent. */
  release(): void;
}

export interface AcquireOptions {
  signal: AbortSignal;
  /** Place in line (`ticket()`): a retry keeps its first one and so goes ahead of later arrivals. */
  seq: number;
  /** The longest this caller waits for a pause before it gives up with PauseTooLong. */
  maxPauseWaitMs: number;
}

interface Waiter extends AcquireOptions {
  resolve: (slot: Slot) => void;
  reject: (e: Error) => void;
  onAbort: () => void;
}

/**
 * One per client: at most `maxInFlight` requests at a time, the others served in order of arrival, and one
 * pause for all of them when Atlas's rate limit answers — so a burst (an organization-wide search) does not
 * turn into one 429 per request, each backing off on its own.
 *
 * Written here rather than taken from p-queue or bottleneck: the extension's dependencies are axios and
 * l10n only, and what we need beyond a semaphore — a pause with a deadline that each waiter may refuse when
 * it is longer than that waiter accepts, and retries that keep their place in line — would be wrapped
 * around either of them anyway.
 */
export class RequestLimiter implements AtlasRequestLimiter {
  private inFlight = 0;
  /** Sorted by seq. */
  private queue: Waiter[] = [];
  private pausedUntil = 0;
  private resumeTimer: NodeJS.Timeout | undefined;
  private readonly listeners = new Set<(e: RateLimitPauseEvent) => void>();
  private nextSeq = 0;
  private closed = false;

  constructor(
    readonly maxInFlight: number,
    private readonly now: () => number = Date.now,
  ) {}

  get state(): LimiterState {
    const paused = this.remainingPauseMs() > 0;
    return { maxInFlight: this.maxInFlight, inFlight: this.inFlight, queued: this.queue.length, ...(paused ? { pausedUntil: this.pausedUntil } : {}) };
  }

  onDidChangePause(listener: (e: RateLimitPauseEvent) => void): LimiterDisposable {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }

  ticket(): number {
    return this.nextSeq++;
  }

  remainingPauseMs(): number {
    return Math.max(0, this.pausedUntil - this.now());
  }

  acquire(o: AcquireOptions): Promise<Slot> {
    if (this.closed || o.signal.aborted) return Promise.reject(new LimiterCancelled());
    const remaining = this.remainingPauseMs();
    if (remaining > o.maxPauseWaitMs) return Promise.reject(new PauseTooLong(remaining));
    if (remaining === 0 && this.inFlight < this.maxInFlight && this.queue.length === 0) return Promise.resolve(this.take());
    return new Promise<Slot>((resolve, reject) => {
      const waiter: Waiter = { ...o, resolve, reject, onAbort: () => this.drop(waiter, new LimiterCancelled()) };
      o.signal.addEventListener('abort', waiter.onAbort, { once: true });
      let i = this.queue.length;
      while (i > 0 && this.queue[i - 1]!.seq > o.seq) i--;
      this.queue.splice(i, 0, waiter);
    });
  }

  /**
   * For a request that already holds a slot (or needs none, like the token request) and is about to be
   * sent: waits out a pause that began after it got the slot. Settles at once when there is none.
   */
  async waitWhilePaused(signal: AbortSignal, maxPauseWaitMs: number): Promise<void> {
    for (let remaining = this.remainingPauseMs(); remaining > 0; remaining = this.remainingPauseMs()) {
      if (remaining > maxPauseWaitMs) throw new PauseTooLong(remaining);
      await sleep(remaining, signal).catch((e: unknown) => {
        throw e instanceof SleepCancelled ? new LimiterCancelled() : e;
      });
    }
  }

  /**
   * No request starts for `ms` (a later moment than the current pause's end pushes it back; an earlier one
   * changes nothing). Queued requests that will not wait that long are failed now rather than at the end.
   * Whether the pause started or moved.
   */
  pause(ms: number, cause: { retryAfterSeconds?: number; operation?: OperationId } = {}): boolean {
    if (this.closed || !(ms > 0)) return false;
    const until = this.now() + ms;
    if (until <= this.pausedUntil) return false;
    this.pausedUntil = until;
    clearTimeout(this.resumeTimer);
    this.resumeTimer = setTimeout(() => this.resume(), ms);
    for (const w of [...this.queue]) if (w.maxPauseWaitMs < ms) this.drop(w, new PauseTooLong(ms));
    this.emit({ paused: true, until, ms, ...cause });
    return true;
  }

  /** Fails every queued request as cancelled and stops the pause timer; no event after this. */
  dispose(): void {
    this.closed = true;
    clearTimeout(this.resumeTimer);
    this.resumeTimer = undefined;
    for (const w of [...this.queue]) this.drop(w, new LimiterCancelled());
    this.listeners.clear();
  }

  private resume(): void {
    this.resumeTimer = undefined;
    // A timer may fire a little early; what counts is the recorded deadline.
    const left = this.remainingPauseMs();
    if (left > 0) {
      this.resumeTimer = setTimeout(() => this.resume(), left);
      return;
    }
    this.emit({ paused: false });
    this.drain();
  }

  private take(): Slot {
    this.inFlight++;
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.inFlight--;
        this.drain();
      },
    };
  }

  private drain(): void {
    while (!this.closed && this.remainingPauseMs() === 0 && this.inFlight < this.maxInFlight && this.queue.length > 0) {
      const w = this.queue.shift()!;
      w.signal.removeEventListener('abort', w.onAbort);
      w.resolve(this.take());
    }
  }

  private drop(w: Waiter, error: Error): void {
    const i = this.queue.indexOf(w);
    if (i < 0) return;
    this.queue.splice(i, 1);
    w.signal.removeEventListener('abort', w.onAbort);
    w.reject(error);
  }

  private emit(e: RateLimitPauseEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(e);
      } catch {
        // A UI listener's failure must not break the requests of the connection.
      }
    }
  }
}
