/**
 * The emulator's notion of "now". Tests move it (setToday) to cross the serverless sunset or make
 * delivery links expire, or push it forward (advance) to let running restore jobs settle without
 * waiting; it keeps ticking with real time from the moment it was set.
 */
const DAY_MS = 86_400_000;

/** 'YYYY-MM-DD' means noon UTC of that day, so a whole test run stays on the same date. */
export function parseToday(d: string | Date): number {
  if (d instanceof Date) {
    if (Number.isNaN(d.getTime())) throw new Error('today: invalid Date');
    return d.getTime();
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(d)) {
    const t = Date.parse(`${d}T12:00:00.000Z`);
    if (!Number.isNaN(t)) return t;
  } else {
    const t = Date.parse(d);
    if (!Number.isNaN(t)) return t;
  }
  throw new Error(`today: expected YYYY-MM-DD or an ISO date-time, got '${d}'`);
}

export class EmulatorClock {
  private base: number;
  private setAt: number;
  /** Called before the clock is set or moved (the store settles the jobs due by then). */
  beforeChange: () => void = () => undefined;

  constructor(today?: string | Date) {
    this.base = today === undefined ? Date.now() : parseToday(today);
    this.setAt = Date.now();
  }

  set(today: string | Date): void {
    const base = parseToday(today);
    this.beforeChange();
    this.base = base;
    this.setAt = Date.now();
  }

  /** Moves the clock forward by `ms` (and goes on ticking from there). */
  advance(ms: number): void {
    if (!(Number.isFinite(ms) && ms >= 0)) throw new Error('advance: ms must be a number >= 0');
    this.beforeChange();
    this.base += ms;
  }

  now(): number {
    return this.base + (Date.now() - this.setAt);
  }

  /** 'YYYY-MM-DD' (UTC) of now(). */
  today(): string {
    return new Date(this.now()).toISOString().slice(0, 10);
  }

  /** Noon UTC of the current day: the fixed point generated dates are relative to. */
  anchor(): number {
    return Math.floor(this.now() / DAY_MS) * DAY_MS + DAY_MS / 2;
  }
}

export { DAY_MS };
