/** How times are shown: the machine's zone, or UTC as Atlas stores them (setting `timeZone`). */
export type TimeZoneMode = 'local' | 'utc';

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** "2026-11-24 14:05" (local) or "2026-11-24 14:05 UTC": sortable, unambiguous, short enough for a tree row. */
export function formatDateTime(date: Date, mode: TimeZoneMode): string {
  if (mode === 'utc') {
    return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())} UTC`;
  }
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600_000],
  ['month', 30 * 24 * 3600_000],
  ['day', 24 * 3600_000],
  ['hour', 3600_000],
  ['minute', 60_000],
];

// A new formatter costs tens of milliseconds the first time (bench:ui saw it in the first expand of a cluster): keep one per locale.
const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();

/** "in 3 hours", "2 days ago" in the given locale; under a minute reads as "now". */
export function formatRelative(date: Date, now: Date, locale?: string): string {
  const diff = date.getTime() - now.getTime();
  let fmt = relativeFormats.get(locale ?? '');
  if (!fmt) {
    fmt = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    relativeFormats.set(locale ?? '', fmt);
  }
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms) {
      return fmt.format(Math.round(diff / ms), unit);
    }
  }
  return fmt.format(0, 'second');
}

/** The first and last few characters of an id, enough to recognise it in a title. */
export function shortId(id: string): string {
  return id.length > 12 ? `${id.slice(0, 4)}…${id.slice(-4)}` : id;
}

/** An ISO date from Atlas, or undefined when it is missing or not a date (never an Invalid Date). */
export function parseDate(value: unknown): Date | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d;
}
