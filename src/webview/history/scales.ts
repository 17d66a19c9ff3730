/**
 * The timeline's scales, free of the DOM so they can be tried in plain Node. Time runs left to right
 * over the window; time to ready runs up on a log scale, since restores take from minutes to many
 * hours and a linear scale would flatten all but the longest.
 */

const MINUTE = 60_000;

/** Gridlines of the time-to-ready axis, in minutes: the round lengths people say. */
const DURATION_TICKS = [1, 5, 15, 30, 60, 120, 240, 480, 960, 1440, 2880, 5760, 11520, 20160, 40320];

export interface DurationScale {
  /** Pixels from the top of the plot for a length in ms (lengths under a minute sit on the baseline). */
  y(ms: number): number;
  ticks: { minutes: number; y: number }[];
}

/** A log scale from 1 minute to the first round length at or above the longest (at least an hour). */
export function durationScale(longestMs: number, height: number): DurationScale {
  const need = Math.max(60, longestMs / MINUTE);
  const top = DURATION_TICKS.find((t) => t >= need) ?? Math.ceil(need);
  const span = Math.log(top);
  const y = (ms: number) => {
    const minutes = Math.min(top, Math.max(1, ms / MINUTE));
    return height - (Math.log(minutes) / span) * height;
  };
  const candidates = DURATION_TICKS.filter((t) => t <= top);
  // At most six gridlines: keep every other one when there are more.
  const step = Math.ceil(candidates.length / 6);
  const ticks = candidates.filter((_, i) => (candidates.length - 1 - i) % step === 0).map((minutes) => ({ minutes, y: y(minutes * MINUTE) }));
  return { y, ticks };
}

export interface TimeScale {
  x(ms: number): number;
  /** Midnights (in the shown zone's days) to label, about every `width / 110` px. */
  ticks: number[];
}

const DAY = 86_400_000;

export function timeScale(from: number, to: number, width: number, zoneOffsetMs: (ms: number) => number = () => 0): TimeScale {
  const span = Math.max(1, to - from);
  const x = (ms: number) => ((ms - from) / span) * width;
  const wanted = Math.max(2, Math.floor(width / 110));
  const days = Math.max(1, Math.ceil(span / DAY / wanted));
  const ticks: number[] = [];
  // The first midnight of the shown zone after `from`, then every `days` days.
  const firstLocalMidnight = Math.ceil((from + zoneOffsetMs(from)) / DAY) * DAY - zoneOffsetMs(from);
  for (let t = firstLocalMidnight; t <= to; t += days * DAY) ticks.push(t);
  return { x, ticks };
}

/** "5 min", "2 h", "1 d": a gridline's label. */
export function tickText(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 1440) return `${minutes / 60} h`;
  return `${minutes / 1440} d`;
}
