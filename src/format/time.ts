/** How times are shown: the machine's zone, or UTC as Atlas stores them (setting `timeZone`). */
export type TimeZoneMode = 'local' | 'utc';

/** Two digits: every row's label has four of these (bench: search suite, per page). */
function pad(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
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
  const utc = utcTime(value);
  const d = new Date(utc ?? value);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** The two digits at `i` as a number, or -1 when either is not a digit. */
function twoDigits(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * The time of the form Atlas writes, `2026-01-08T12:55:00Z` (or with `.123` milliseconds), read by hand:
 * `new Date(string)` costs three times as much, and jobFacts reads two to five dates per job of every list
 * (bench: search suite, per-page table). Anything else — other lengths, offsets, a value out of range — is
 * undefined, and parseDate leaves it to `new Date`. Within these ranges V8 reads the string as Date.UTC
 * does, a day past the month's end included (both roll over into the next month); test/unit/jobs/dates.test.ts
 * compares the two.
 */
function utcTime(s: string): number | undefined {
  const length = s.length;
  if (length !== 20 && length !== 24) return undefined;
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return undefined;
  if (s.charCodeAt(length - 1) !== 90) return undefined;
  let ms = 0;
  if (length === 24) {
    const hundreds = s.charCodeAt(20) - 48;
    const rest = twoDigits(s, 21);
    if (s.charCodeAt(19) !== 46 || hundreds < 0 || hundreds > 9 || rest < 0) return undefined;
    ms = hundreds * 100 + rest;
  }
  const century = twoDigits(s, 0);
  const ofCentury = twoDigits(s, 2);
  const month = twoDigits(s, 5);
  const day = twoDigits(s, 8);
  const hour = twoDigits(s, 11);
  const minute = twoDigits(s, 14);
  const second = twoDigits(s, 17);
  // Date.UTC reads years 0–99 as 1900–1999, and hour 24 and second 60 are V8's own cases: all left to it.
  if (century < 1 || ofCentury < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
    return undefined;
  }
  const days = daysSinceEpoch(century * 100 + ofCentury, month, day);
  return ((days * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + ms;
}

/**
 * Days from 1970-01-01 to a date of the proleptic Gregorian calendar (year ≥ 100, month 1–12, any day:
 * a day past the month's end counts on into the next, as Date.UTC's does), by the civil-from-days
 * arithmetic of H. Hinnant's date algorithms: a third of Date.UTC's cost.
 */
function daysSinceEpoch(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}
