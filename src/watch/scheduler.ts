import type { AnyRestoreJob } from '../atlas/types';
import { jobKey, type JobRef } from '../jobs/jobRef';
import { jobsById, planPoll, type Poll } from './batch';
import { ConnectionState } from './connection';
import { dueAt, newEntry, restart, type Entry, type InFlight } from './entry';
import { rateLimitPauseMs, reactionTo } from './failure';
import { resolveWatchOptions, type ResolvedWatchOptions } from './options';
import type { WatchEvents, WatchFetcher, WatchOptions, WatchStats } from './types';
import { WakeTimer } from './wakeTimer';

export type { WatchClock, WatchEvents, WatchFetcher, WatchOptions, WatchStats } from './types';

type Answer = { ok: true; job: AnyRestoreJob } | { ok: true; page: AnyRestoreJob[] } | { ok: false; error: unknown };

/**
 * Follows restore jobs by polling Atlas until their owner unwatches them (it decides when a job has
 * settled). Pure: no `vscode`, time and requests are injected.
 *
 * One timer at most: it fires when the next request may go — the earliest due job of a connection
 * that is not paused, no earlier than that connection's budget allows. Each change (watch, an answer,
 * pollSoon, resumeConnection, focusChanged) recomputes it; the sending happens in the timer's callback,
 * so jobs watched in one go (a resumed session) are seen together and can share a list request.
 */
export class WatchScheduler {
  /** Requests sent so far, per connection (for the benchmark and tests). */
  readonly stats: WatchStats = { requests: 0, lists: 0, gets: 0, byConnection: new Map() };
  private readonly o: ResolvedWatchOptions;
  private readonly jobs = new Map<string, Entry>();
  private readonly connections = new Map<string, ConnectionState>();
  private readonly requests = new Set<InFlight>();
  private readonly timer: WakeTimer;
  private turns = 0;
  private disposed = false;

  constructor(
    private readonly fetcher: WatchFetcher,
    private readonly events: WatchEvents,
    options: WatchOptions = {},
  ) {
    this.o = resolveWatchOptions(options);
    this.timer = new WakeTimer(this.o.clock, () => this.pump());
  }

  /**
   * Starts following (no-op when already followed). `since` (ms) = when the job started being followed,
   * for the backoff (persisted jobs resume with it); default now. The first poll comes one interval
   * later — the caller has just seen the job; call pollSoon to poll at once.
   */
  watch(ref: JobRef, since?: number): void {
    if (this.disposed) return;
    const entry = newEntry(ref, since, this.o.clock.now(), this.turns++);
    if (this.jobs.has(entry.key)) return;
    this.jobs.set(entry.key, entry);
    this.replan();
  }

  /** Stops following. An answer on its way is dropped; a request that answers for no one else is aborted. */
  unwatch(ref: JobRef): void {
    const entry = this.jobs.get(jobKey(ref));
    if (!entry) return;
    this.jobs.delete(entry.key);
    const request = entry.request;
    if (request && !request.entries.some((e) => this.isLive(e))) request.controller.abort();
    this.replan();
  }

  isWatched(ref: JobRef): boolean {
    return this.jobs.has(jobKey(ref));
  }

  /** In the order they were watched; what the owner persists. */
  watched(): { ref: JobRef; since: number }[] {
    return [...this.jobs.values()].map((e) => ({ ref: { ...e.ref }, since: e.since }));
  }

  /** After Sign In Again: resume a connection paused by a 401; its waiting jobs go first. */
  resumeConnection(connectionId: string): void {
    const c = this.connections.get(connectionId);
    if (!c?.needsUser) return;
    c.needsUser = false;
    this.replan();
  }

  /** Poll this job as soon as the budget allows (e.g. a panel opened). No-op while its answer is on its way. */
  pollSoon(ref: JobRef): void {
    const entry = this.jobs.get(jobKey(ref));
    if (!entry || entry.request) return;
    entry.soon = true;
    this.replan();
  }

  /** The window's focus changed: the waits are recomputed (a job waiting 4 minutes unfocused need not). */
  focusChanged(): void {
    this.replan();
  }

  /** Aborts the requests in flight and clears the timer; every later call is a no-op. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.timer.clear();
    for (const request of this.requests) request.controller.abort();
    this.requests.clear();
    this.jobs.clear();
  }

  // ------------------------------------------------------------------------------------------- sending

  /** The timer's work: each connection sends what its budget and in-flight slots allow, oldest due first. */
  private pump(): void {
    const now = this.o.clock.now();
    const due = this.dueFn();
    for (const [connectionId, entries] of this.byConnection()) {
      const c = this.connection(connectionId);
      const queue = entries.filter((e) => !e.request && due(e) <= now).sort((a, b) => due(a) - due(b) || a.turn - b.turn);
      for (const e of queue) {
        if (c.needsUser || c.inFlight >= this.o.maxInFlightPerConnection || c.nextSendAt(now) > now) break;
        // A list sent for an earlier job of the queue may answer for this one already.
        if (!e.request) this.send(c, planPoll(e, entries, due, now + this.o.batchLeadMs), now);
      }
    }
    this.replan();
  }

  private send(c: ConnectionState, poll: Poll, now: number): void {
    const ref = poll.entries[0]!.ref;
    const request: InFlight = { kind: poll.kind, connectionId: ref.connectionId, controller: new AbortController(), entries: poll.entries };
    for (const e of poll.entries) {
      e.request = request;
      e.turn = this.turns++;
    }
    this.requests.add(request);
    c.inFlight++;
    c.window.record(now);
    this.count(request);
    const signal = request.controller.signal;
    const answer: Promise<Answer> =
      poll.kind === 'list'
        ? attempt(() => this.fetcher.listFirstPage(ref, this.o.listPageSize, signal)).then((page) => ({ ok: true, page }))
        : attempt(() => this.fetcher.getJob(ref, signal)).then((job) => ({ ok: true, job }));
    void answer.then(
      (a) => this.answered(request, c, a),
      (error: unknown) => this.answered(request, c, { ok: false, error }),
    );
  }

  private answered(request: InFlight, c: ConnectionState, answer: Answer): void {
    if (!this.requests.delete(request)) return; // disposed meanwhile
    c.inFlight--;
    for (const e of request.entries) if (e.request === request) e.request = undefined;
    // Aborted by unwatch: no one is left to tell.
    if (!request.controller.signal.aborted) {
      const live = request.entries.filter((e) => this.isLive(e));
      if (!answer.ok) this.failed(c, request, live, answer.error);
      else if ('job' in answer) this.fresh(live, answer.job);
      else this.listed(live, answer.page);
    }
    this.replan();
  }

  private fresh(entries: readonly Entry[], job: AnyRestoreJob): void {
    const now = this.o.clock.now();
    for (const e of entries) {
      if (!this.isLive(e)) continue; // an earlier handler unwatched it
      restart(e, now, false);
      this.emit(() => this.events.update(e.ref, job));
    }
  }

  /** A job the page does not hold is asked by id from now on: at once if it was due, else on its turn. */
  private listed(entries: readonly Entry[], page: AnyRestoreJob[]): void {
    const byId = jobsById(page);
    for (const e of entries) {
      const job = byId.get(e.ref.jobId);
      if (job) this.fresh([e], job);
      else e.direct = true;
    }
  }

  private failed(c: ConnectionState, request: InFlight, entries: readonly Entry[], error: unknown): void {
    const now = this.o.clock.now();
    switch (reactionTo(error)) {
      case 'drop':
        // A 404 to a list speaks of the cluster, not of each job: each is asked by id, and its own answer decides.
        if (request.kind === 'list') {
          for (const e of entries) e.direct = true;
          return;
        }
        for (const e of entries) {
          if (!this.isLive(e)) continue;
          this.jobs.delete(e.key);
          this.emit(() => this.events.gone(e.ref, error));
        }
        return;
      case 'needsUser':
        if (c.needsUser) return; // once per pause, not once per job or per request
        c.needsUser = true;
        this.emit(() => this.events.unauthorized(request.connectionId, error));
        return;
      case 'rateLimited':
        // The jobs keep their place in line: they go first when the pause ends.
        c.rateLimitedUntil = Math.max(c.rateLimitedUntil, now + rateLimitPauseMs(error, this.o.rateLimitPauseMs));
        for (const e of entries) this.emit(() => this.events.retrying?.(e.ref, error, c.rateLimitedUntil - now));
        return;
      case 'retry': {
        const due = this.dueFn();
        for (const e of entries) {
          restart(e, now, true);
          this.emit(() => this.events.retrying?.(e.ref, error, due(e) - now));
        }
        return;
      }
      case 'again':
        for (const e of entries) restart(e, now, false);
        return;
    }
  }

  // ------------------------------------------------------------------------------------------- timing

  /** Sets the one timer for the next moment a request may go, or none when nothing can. */
  private replan(): void {
    if (this.disposed) return;
    const now = this.o.clock.now();
    const due = this.dueFn();
    let wake = Infinity;
    for (const [connectionId, entries] of this.byConnection()) {
      const c = this.connection(connectionId);
      // resumeConnection, or the answer that frees a slot, replans.
      if (c.needsUser || c.inFlight >= this.o.maxInFlightPerConnection) continue;
      const first = Math.min(...entries.filter((e) => !e.request).map(due));
      if (first < Infinity) wake = Math.min(wake, Math.max(first, c.nextSendAt(now)));
    }
    this.timer.set(wake, now);
  }

  /** Focus is read once per decision, so one pass sees one answer. */
  private dueFn(): (e: Entry) => number {
    const focused = this.o.isFocused();
    return (e) => dueAt(e, focused, this.o);
  }

  // ------------------------------------------------------------------------------------------- bookkeeping

  private byConnection(): Map<string, Entry[]> {
    const groups = new Map<string, Entry[]>();
    for (const e of this.jobs.values()) {
      const group = groups.get(e.ref.connectionId);
      if (group) group.push(e);
      else groups.set(e.ref.connectionId, [e]);
    }
    return groups;
  }

  private connection(id: string): ConnectionState {
    let c = this.connections.get(id);
    if (!c) {
      c = new ConnectionState(this.o.budgetPerMinute);
      this.connections.set(id, c);
    }
    return c;
  }

  private count({ kind, connectionId }: InFlight): void {
    this.stats.requests++;
    if (kind === 'list') this.stats.lists++;
    else this.stats.gets++;
    this.stats.byConnection.set(connectionId, (this.stats.byConnection.get(connectionId) ?? 0) + 1);
  }

  private isLive(e: Entry): boolean {
    return this.jobs.get(e.key) === e;
  }

  /** A handler that throws must not leave the scheduler half-way: its exception surfaces on a microtask. */
  private emit(notify: () => void): void {
    try {
      notify();
    } catch (e) {
      queueMicrotask(() => {
        throw e;
      });
    }
  }
}

/** A fetcher that throws instead of rejecting is treated as if it had rejected. */
function attempt<T>(call: () => Promise<T>): Promise<T> {
  try {
    return Promise.resolve(call());
  } catch (e) {
    return Promise.reject(e);
  }
}
