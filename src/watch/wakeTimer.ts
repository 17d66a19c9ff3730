import type { WatchClock } from './types';

/**
 * The scheduler's one timer: set for a moment, moved when that moment changes, gone when there is none.
 * One timer however many jobs are followed, so dispose has exactly one thing to clear.
 */
export class WakeTimer {
  private handle: unknown;
  private at = Infinity;

  constructor(
    private readonly clock: WatchClock,
    private readonly wake: () => void,
  ) {}

  /** Fire at `at` (Infinity: not at all); a moment already past fires on the clock's next turn. */
  set(at: number, now: number): void {
    if (at === this.at) return;
    if (this.handle !== undefined) this.clock.clearTimeout(this.handle);
    this.handle = undefined;
    this.at = at;
    if (at === Infinity) return;
    this.handle = this.clock.setTimeout(() => {
      this.handle = undefined;
      this.at = Infinity;
      this.wake();
    }, Math.max(0, at - now));
  }

  clear(): void {
    this.set(Infinity, 0);
  }
}
