/**
 * How often a followed job is polled: every `firstIntervalMs` for its first minute (a restore that ends
 * quickly is announced within seconds), then doubling each further minute up to `maxIntervalMs` (a long
 * restore costs one request a minute). A pure function of how long the job has been followed, so a job
 * resumed after a reload with its original `since` lands where it was.
 */
export interface Cadence {
  firstIntervalMs: number;
  maxIntervalMs: number;
  unfocusedFactor: number;
}

/** The "every 5 s for its first minute". */
export const FAST_PERIOD_MS = 60_000;

/** Enough doublings to pass any maximum; keeps 2 ** n finite. */
const MAX_DOUBLINGS = 30;

/** 5 s in minute 1, then 10, 20, 40 s in minutes 2–4, then 60 s (with the defaults). */
export function pollInterval(ageMs: number, c: Cadence): number {
  if (ageMs < FAST_PERIOD_MS) return c.firstIntervalMs;
  const doublings = Math.floor((ageMs - FAST_PERIOD_MS) / FAST_PERIOD_MS) + 1;
  return Math.min(c.maxIntervalMs, c.firstIntervalMs * 2 ** Math.min(doublings, MAX_DOUBLINGS));
}

/**
 * The wait before the next poll. Each failed poll in a row doubles it, up to the same maximum, so an
 * Atlas that is down costs one request a minute per job. Unfocused, everything is `unfocusedFactor`
 * times longer — slower, never stopped, so the notification still comes.
 */
export function pollDelay(ageMs: number, failures: number, focused: boolean, c: Cadence): number {
  const base = Math.min(c.maxIntervalMs, pollInterval(ageMs, c) * 2 ** Math.min(failures, MAX_DOUBLINGS));
  return focused ? base : base * c.unfocusedFactor;
}
