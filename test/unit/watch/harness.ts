import { AtlasError, type AtlasErrorKind } from '../../../src/atlas/errors';
import type { AnyRestoreJob, RestoreJobFamily } from '../../../src/atlas/types';
import type { JobRef } from '../../../src/jobs/jobRef';
import { WatchScheduler, type WatchEvents, type WatchFetcher, type WatchOptions } from '../../../src/watch/scheduler';
import { FakeClock } from './fakeClock';

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;

export function ref(jobId: string, cluster = 'Cluster0', connectionId = 'conn-a', family: RestoreJobFamily = 'cloudBackup'): JobRef {
  return { connectionId, connectionLabel: `Label ${connectionId}`, family, groupId: '64f0c0ffee00000000000001', clusterName: cluster, jobId };
}

export function doc(r: JobRef): AnyRestoreJob {
  return { family: r.family, job: { id: r.jobId } } as AnyRestoreJob;
}

export function atlasError(kind: AtlasErrorKind, extra: { retryAfterSeconds?: number; status?: number } = {}): AtlasError {
  return new AtlasError({ kind, message: `fake ${kind}`, ...extra });
}

export interface Call {
  kind: 'get' | 'list';
  ref: JobRef;
  at: number;
  itemsPerPage?: number;
  signal: AbortSignal;
}

type Rule = { when: (c: Call) => boolean; times: number } & ({ error: unknown } | { hold: true });

/**
 * Atlas as the scheduler sees it: answers at once (the clock does not move during a request) with a
 * document per job, a cluster's page holding every job it was told of except those `offPage`. Rules
 * make the next matching calls fail or hang until their signal aborts (rejecting as the client does).
 */
export class FakeAtlas implements WatchFetcher {
  readonly calls: Call[] = [];
  readonly offPage = new Set<string>();
  private readonly known: JobRef[] = [];
  private readonly rules: Rule[] = [];
  private readonly held: (() => void)[] = [];

  constructor(private readonly clock: FakeClock) {}

  know(...refs: JobRef[]): void {
    this.known.push(...refs);
  }

  fail(error: unknown, when: (c: Call) => boolean = () => true, times = 1): void {
    this.rules.push({ when, times, error });
  }

  /** The next matching calls hang until `release` (answering as usual) or their signal aborts. */
  hold(when: (c: Call) => boolean = () => true, times = Infinity): void {
    this.rules.push({ when, times, hold: true });
  }

  /** Answers every held call still waiting, and holds no more. */
  release(): void {
    for (const rule of this.rules) if ('hold' in rule) rule.times = 0;
    for (const answer of this.held.splice(0)) answer();
  }

  getJob(r: JobRef, signal: AbortSignal): Promise<AnyRestoreJob> {
    return this.answer({ kind: 'get', ref: r, at: this.clock.now(), signal }, () => doc(r));
  }

  listFirstPage(r: JobRef, itemsPerPage: number, signal: AbortSignal): Promise<AnyRestoreJob[]> {
    const page = this.known.filter(
      (k) => k.connectionId === r.connectionId && k.family === r.family && k.groupId === r.groupId && k.clusterName === r.clusterName && !this.offPage.has(k.jobId),
    );
    return this.answer({ kind: 'list', ref: r, at: this.clock.now(), itemsPerPage, signal }, () => page.map(doc));
  }

  callsFor(jobId: string): Call[] {
    return this.calls.filter((c) => c.ref.jobId === jobId);
  }

  private answer<T>(call: Call, value: () => T): Promise<T> {
    this.calls.push(call);
    const rule = this.rules.find((r) => r.times > 0 && r.when(call));
    if (rule) rule.times--;
    if (rule && 'hold' in rule) {
      return new Promise<T>((resolve, reject) => {
        this.held.push(() => resolve(value()));
        call.signal.addEventListener('abort', () => reject(atlasError('cancelled')), { once: true });
      });
    }
    return rule ? Promise.reject(rule.error) : Promise.resolve(value());
  }
}

export type Event =
  | { type: 'update'; jobId: string; at: number }
  | { type: 'gone'; jobId: string; at: number; error: unknown }
  | { type: 'unauthorized'; connectionId: string; at: number; error: unknown }
  | { type: 'retrying'; jobId: string; at: number; error: unknown; nextInMs: number };

/** A scheduler on a fake clock and a fake Atlas, recording every event with its time. */
export function setUp(options: Omit<WatchOptions, 'clock'> = {}, handlers: Partial<WatchEvents> = {}) {
  const clock = new FakeClock();
  const atlas = new FakeAtlas(clock);
  const events: Event[] = [];
  const at = () => clock.now();
  const scheduler = new WatchScheduler(
    atlas,
    {
      update: (r, job) => {
        events.push({ type: 'update', jobId: r.jobId, at: at() });
        handlers.update?.(r, job);
      },
      gone: (r, error) => events.push({ type: 'gone', jobId: r.jobId, at: at(), error }),
      unauthorized: (connectionId, error) => events.push({ type: 'unauthorized', connectionId, at: at(), error }),
      retrying: (r, error, nextInMs) => events.push({ type: 'retrying', jobId: r.jobId, at: at(), error, nextInMs }),
    },
    { ...options, clock },
  );
  const watch = (...refs: JobRef[]) => {
    atlas.know(...refs);
    for (const r of refs) scheduler.watch(r);
  };
  const updatesOf = (jobId: string) => events.filter((e) => e.type === 'update' && e.jobId === jobId).map((e) => e.at / SECOND);
  return { clock, atlas, events, scheduler, watch, updatesOf };
}
