import type { WatchClock } from '../../../src/watch/scheduler';

/** Lets every promise chain that is ready run to its end (one macrotask turn flushes all microtasks). */
export async function flushPromises(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

interface Timer {
  at: number;
  seq: number;
  fn: () => void;
}

/**
 * A clock whose time moves only when told to. Timers fire in order of their time, then of their
 * creation, each with `now()` at its own time; after each one `settle` runs (by default: let pending
 * promise chains finish), so answers to requests a timer started are handled before the next timer.
 * Deterministic: nothing depends on the real time or on how fast the machine is.
 */
export class FakeClock implements WatchClock {
  private time: number;
  private seq = 0;
  private readonly timers = new Map<number, Timer>();

  constructor(
    start = 0,
    private readonly settle: () => Promise<void> = flushPromises,
  ) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const id = ++this.seq;
    this.timers.set(id, { at: this.time + Math.max(0, ms), seq: id, fn });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  /** Timers set and not yet fired or cleared. */
  get pendingTimers(): number {
    return this.timers.size;
  }

  /** Moves time forward by `ms`, firing every timer due on the way. */
  advance(ms: number): Promise<void> {
    return this.runUntil(this.time + ms);
  }

  async runUntil(target: number): Promise<void> {
    await this.settle();
    for (;;) {
      const next = this.nextTimer();
      if (!next || next.at > target) break;
      this.timers.delete(next.seq);
      this.time = Math.max(this.time, next.at);
      next.fn();
      await this.settle();
    }
    this.time = Math.max(this.time, target);
  }

  private nextTimer(): Timer | undefined {
    let first: Timer | undefined;
    for (const t of this.timers.values()) {
      if (!first || t.at < first.at || (t.at === first.at && t.seq < first.seq)) first = t;
    }
    return first;
  }
}
