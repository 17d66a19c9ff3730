/**
 * "Copy as incident note": the restore history's numbers as Markdown for a ticket or a chat — a heading,
 * the numbers as a bullet list (with what was left out of the times and why), the latest sharded batch's
 * per-part lengths, and a table of the recent restores. Every value that comes from Atlas (or a name a
 * person typed) goes through markdownText, so no name or status can add a table column, a link or HTML.
 */
import * as l10n from '@vscode/l10n';
import { elapsedText } from '../format/elapsed';
import { formatDateTime, type TimeZoneMode } from '../format/time';
import { jobStatusText } from '../jobs/labels';
import type { HistoryJob } from './historyJob';
import type { HistoryStats, LatestBatch } from './historyStats';
import { markdownText } from './markdownText';

export interface IncidentNoteInput {
  /** E.g. 'prod-orders' or 'Project Production'. */
  title: string;
  /** E.g. 'Acme SA · Production' (connection · project). */
  scope: string;
  windowDays: number;
  now: Date;
  timeZone: TimeZoneMode;
  stats: HistoryStats;
  /** Newest first, the window's jobs. */
  jobs: readonly HistoryJob[];
  /** Rows in the table, default 10. */
  recent?: number;
  /** Jobs without a request time, left out of the window (inWindow's `undated`): the note says so. */
  undated?: number;
  /** Jobs dated after `now`, left out of the window (inWindow's `future`): the note says so. */
  future?: number;
}

/** A duration for people: "42 min", "2 h 10 min", "3 d 4 h", "45 s" (to the unit that matters, rounded down); "—" for no duration. */
export function durationText(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  return elapsedText(ms);
}

/** The zone the note's times are in: "UTC", or the machine's zone name ("Europe/Paris"). */
export function zoneText(mode: TimeZoneMode): string {
  if (mode === 'utc') return 'UTC';
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  // IANA names are letters, digits, `/`, `_`, `-` and `+`; anything else is not shown as a name.
  return typeof zone === 'string' && /^[A-Za-z0-9_+\-/]{1,64}$/.test(zone) ? zone : l10n.t('local time');
}

const NONE = '—';

function when(date: Date | undefined, mode: TimeZoneMode): string {
  return date ? formatDateTime(date, mode) : NONE;
}

/** What a job's "time to ready" cell says: its duration, or why it has none. */
function timeToReady(job: HistoryJob, now: Date): string {
  if (job.outcome === 'running') {
    const since = job.requestedAt ? now.getTime() - job.requestedAt.getTime() : -1;
    return since >= 0 ? l10n.t('running, {0} so far', durationText(since)) : l10n.t('running');
  }
  if (job.durationMs === undefined) return job.outcome === 'succeeded' ? l10n.t('no end time') : NONE;
  return job.outcome === 'succeeded' ? durationText(job.durationMs) : l10n.t('ended after {0}', durationText(job.durationMs));
}

function clusterCell(job: HistoryJob): string {
  const cluster = job.clusterName ? markdownText(job.clusterName, 80) : NONE;
  return job.componentLabel ? l10n.t('{0} ({1})', cluster, markdownText(job.componentLabel, 60)) : cluster;
}

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [row(header), row(header.map(() => '---')), ...rows.map(row)];
}

function percent(share: number): string {
  const n = Math.round(share * 100);
  return n === 0 && share > 0 ? '<1' : String(n);
}

function leftOutText(stats: HistoryStats): string {
  const { running, noEndTime, failedOrCancelled, unknown } = stats.leftOut;
  const parts: string[] = [];
  if (running) parts.push(l10n.t('{0} still running', running));
  if (noEndTime) parts.push(l10n.t('{0} succeeded without a usable end time', noEndTime));
  if (failedOrCancelled) parts.push(l10n.t('{0} failed or cancelled', failedOrCancelled));
  if (unknown) parts.push(l10n.t('{0} with an unknown outcome', unknown));
  return parts.length ? parts.join(', ') : l10n.t('none');
}

/** The numbers, a bullet each. */
function numbers(input: IncidentNoteInput): string[] {
  const { stats, timeZone: tz, now } = input;
  const o = stats.byOutcome;
  let counts = l10n.t('{0} succeeded, {1} failed, {2} cancelled, {3} running', o.succeeded, o.failed, o.cancelled, o.running);
  if (o.unknown) counts = l10n.t('{0}, {1} unknown', counts, o.unknown);
  const lines = [l10n.t('Restores: {0} ({1})', stats.total, counts)];
  const ended = o.succeeded + o.failed + o.cancelled;
  if (stats.failedShare !== undefined) lines.push(l10n.t('Failed: {0}% ({1} of {2} that ended)', percent(stats.failedShare), o.failed, ended));
  if (stats.medianMs !== undefined && stats.p90Ms !== undefined) {
    const median = durationText(stats.medianMs);
    const p90 = durationText(stats.p90Ms);
    lines.push(l10n.t('Time to ready (succeeded restores with an end time: {0}): median {1}, 90th percentile {2} (nearest rank)', stats.timed, median, p90));
  } else {
    lines.push(l10n.t('Time to ready: no succeeded restore with an end time'));
  }
  const longest = stats.longest;
  if (longest?.durationMs !== undefined) {
    lines.push(l10n.t('Longest: {0} ({1}, requested {2}, job {3})', durationText(longest.durationMs), clusterCell(longest), when(longest.requestedAt, tz), longest.id ? markdownText(longest.id, 64) : NONE));
  }
  lines.push(l10n.t('Left out of the times: {0}', leftOutText(stats)));
  const last = stats.lastSuccess;
  if (last) {
    const at = last.endedAt ?? last.requestedAt;
    const ago = stats.lastSuccessAgoMs !== undefined ? durationText(stats.lastSuccessAgoMs) : NONE;
    lines.push(l10n.t('Last successful restore: {0}, {1} ago ({2})', when(at, tz), ago, clusterCell(last)));
  } else {
    lines.push(l10n.t('Last successful restore: none in the last {0} days', input.windowDays));
  }
  if (input.undated) lines.push(l10n.t('Not counted: {0} restores without a request time', input.undated));
  if (input.future) lines.push(l10n.t('Not counted: {0} restores dated after {1} (clock difference?)', input.future, when(now, tz)));
  return lines;
}

function batchSection(batch: LatestBatch, tz: TimeZoneMode, now: Date): string[] {
  const intro = batch.slowest
    ? l10n.t('Batch {0}, requested {1}; slowest part: {2}.', markdownText(batch.batchId, 64), when(batch.requestedAt, tz), markdownText(batch.slowest, 60))
    : l10n.t('Batch {0}, requested {1}.', markdownText(batch.batchId, 64), when(batch.requestedAt, tz));
  const rows = batch.parts.map((part) => {
    const label = markdownText(part.label, 60);
    return [part.label === batch.slowest ? `**${label}** ${l10n.t('(slowest)')}` : label, markdownText(jobStatusText(part.job), 60), timeToReady(part.job, now)];
  });
  return ['', `### ${l10n.t('Latest sharded restore')}`, '', intro, '', ...table([l10n.t('Part'), l10n.t('Status'), l10n.t('Time to ready')], rows)];
}

function recentSection(input: IncidentNoteInput): string[] {
  const count = Math.max(0, Math.floor(input.recent ?? 10));
  const shown = input.jobs.slice(0, count);
  if (!input.jobs.length) return ['', `### ${l10n.t('Recent restores')}`, '', l10n.t('No restores in the last {0} days.', input.windowDays)];
  const rows = shown.map((job) => [
    when(job.requestedAt, input.timeZone),
    clusterCell(job),
    markdownText(jobStatusText(job), 60),
    timeToReady(job, input.now),
    job.id ? markdownText(job.id, 64) : NONE,
  ]);
  const header = [l10n.t('Requested'), l10n.t('Cluster'), l10n.t('Status'), l10n.t('Time to ready'), l10n.t('Job id')];
  return ['', `### ${l10n.t('Recent restores ({0} of {1})', shown.length, input.jobs.length)}`, '', ...table(header, rows)];
}

/**
 * Markdown for a ticket or chat: a heading, the numbers as a bullet list (saying what was left out of the
 * durations and why), the latest batch's per-shard lengths when there is one, and a table of the recent
 * restores (requested, cluster, status, time to ready, job id). Times are formatDateTime's in the given
 * mode, and the note says which zone that is.
 */
export function incidentNote(input: IncidentNoteInput): string {
  const tz = input.timeZone;
  const lines = [
    `## ${l10n.t('Restore history: {0}', markdownText(input.title, 120))}`,
    '',
    input.scope
      ? l10n.t('{0} — last {1} days, as of {2}. Times in {3}.', markdownText(input.scope, 160), input.windowDays, formatDateTime(input.now, tz), zoneText(tz))
      : l10n.t('Last {0} days, as of {1}. Times in {2}.', input.windowDays, formatDateTime(input.now, tz), zoneText(tz)),
    '',
    ...numbers(input).map((line) => `- ${line}`),
  ];
  if (input.stats.latestBatch) lines.push(...batchSection(input.stats.latestBatch, tz, input.now));
  lines.push(...recentSection(input));
  return `${lines.join('\n')}\n`;
}
