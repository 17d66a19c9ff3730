/**
 * The messages between the Restore History panel and its page, typed on both sides. The page only
 * names what it wants (open a job by its key, copy the note, refresh); the extension holds the jobs.
 * Nothing here carries a link or a secret: marks and rows hold ids, names, times and status words.
 */
import type { TimeZoneMode } from '../format/time';
import type { HistoryScope } from './loadHistory';

export type { HistoryScope } from './loadHistory';

/** One job on the timeline. */
export interface HistoryMark {
  /** Opaque key the page sends back to open the job's details. */
  key: string;
  /** When it was requested (ms since the epoch). */
  at: number;
  /** Time to ready/finish (ms), when known. */
  durationMs?: number;
  /** Still running: time since it was requested (ms), drawn as an open bar. */
  runningMs?: number;
  status: string;
  /** succeeded, failed, cancelled, running or unknown: what the mark's colour says. */
  outcome: string;
  /** Codicon name and theme colour id of the outcome, from the one status → icon map (STATUS_ICONS). */
  icon: string;
  color: string;
  /** The mark's accessible name and the first line of its hover. */
  label: string;
  /** The hover's further lines. */
  detail: string[];
}

export interface LegendEntry {
  outcome: string;
  icon: string;
  color: string;
  label: string;
  count: number;
}

/** One of the numbers that matter in an incident. */
export interface HistoryFigure {
  id: 'restores' | 'median' | 'p90' | 'longest' | 'lastSuccess' | 'failedShare';
  label: string;
  value: string;
  detail?: string;
  /** The job the figure is about (longest, last success): the page can open it. */
  key?: string;
}

export interface BatchPart {
  key: string;
  label: string;
  durationMs?: number;
  duration: string;
  slowest: boolean;
}

export interface HistoryRow {
  key: string;
  requested: string;
  requestedIso?: string;
  cluster: string;
  status: string;
  icon: string;
  color: string;
  atlasStatus: string;
  duration: string;
  jobId: string;
  family: string;
}

export interface HistoryView {
  /** "Restore History · prod-orders" */
  title: string;
  /** Connection · project (· cluster). */
  scope: string;
  /** "Last 90 days" */
  window: string;
  from: number;
  to: number;
  timeZone: TimeZoneMode;
  locale: string;
  marks: HistoryMark[];
  legend: LegendEntry[];
  figures: HistoryFigure[];
  /** What was left out of the durations, and why; empty when nothing was. */
  leftOut: string;
  batch?: { title: string; parts: BatchPart[] };
  rows: HistoryRow[];
  /** Lists that could not be loaded, one sentence each (the rest is shown). */
  problems: string[];
  /** Notes that are not failures (a family Atlas has retired, jobs without a date). */
  notes: string[];
  /** When nothing was requested in the window: what to say instead of the chart. */
  empty?: string;
  /** "Loaded 12:04" */
  loadedAt: string;
}

/** The page's words, localized by the extension (the page has no l10n of its own). */
export interface HistoryStrings {
  refresh: string;
  refreshing: string;
  copyNote: string;
  changeWindow: string;
  actions: string;
  chartLabel: string;
  chartHelp: string;
  chartRole: string;
  tickMinutes: string;
  tickHours: string;
  tickDays: string;
  slowest: string;
  problemsTitle: string;
  axisTimeToReady: string;
  legend: string;
  figures: string;

  table: string;
  tableCaption: string;
  columnRequested: string;
  columnCluster: string;
  columnStatus: string;
  columnDuration: string;
  columnJob: string;
  openJob: string;
  loading: string;
  retry: string;

}

export interface HistoryError {
  title: string;
  message: string;
  canRetry: boolean;
}

export type ToHistoryPage =
  /** Starts a full state, numbered as the job details page's are (src/panel/pageLoad.ts). */
  | { type: 'init'; strings: HistoryStrings; scope: HistoryScope; seq: number }
  /** The answer to the `ready` of a page sent its state before it loaded: `ready` again unless it has `seq`. */
  | { type: 'sync'; seq: number }
  | { type: 'view'; view: HistoryView }
  | { type: 'loading'; loading: boolean; progress?: string }
  | { type: 'error'; error: HistoryError | null }
  | { type: 'copied'; description: string };

/** What the page keeps across a reload: the scope (ids and names only), for the serializer. */
export interface HistoryPageState {
  scope: HistoryScope;
}

export type FromHistoryPage =
  | { type: 'ready' }
  | { type: 'refresh' }
  | { type: 'openJob'; key: string }
  | { type: 'copyNote' }
  | { type: 'changeWindow' };

const SIMPLE = new Set(['ready', 'refresh', 'copyNote', 'changeWindow']);

/** Messages come from page code: checked before the extension acts on them. */
export function isFromHistoryPage(value: unknown): value is FromHistoryPage {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as { type?: unknown; key?: unknown };
  if (typeof m.type !== 'string') return false;
  if (SIMPLE.has(m.type)) return true;
  return m.type === 'openJob' && typeof m.key === 'string' && m.key.length > 0 && m.key.length <= 64;
}
