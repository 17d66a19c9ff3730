/**
 * Turns loaded restore jobs into what the history page draws: marks, legend, the numbers, the latest
 * batch and the table. Only ids, names, times and status words leave the extension: no link, no auth value.
 */
import * as vscode from 'vscode';
import { redactText } from '../atlas';
import { errorMessage } from '../format/errorMessage';
import { displayText } from '../format/text';
import { formatDateTime, formatRelative, shortId, type TimeZoneMode } from '../format/time';
import { historyJob, inWindow, OUTCOMES, outcomeColor, outcomeIcon, outcomeLabel, type HistoryJob, type Outcome } from '../history/historyJob';
import { historyStats, type HistoryStats } from '../history/historyStats';
import { durationText } from '../history/incidentNote';
import { FAMILIES, CLUSTER_KINDS } from '../jobs/families';
import { STATUS_ICONS } from '../jobs/statusIcons';
import { asOfText, isUnreachable } from '../offline/keptJobs';
import type { JobStatus } from '../jobs/status';
import type { BatchPart, HistoryFigure, HistoryMark, HistoryRow, HistoryView, LegendEntry } from './historyProtocol';
import type { HistoryLoad, HistoryScope, LoadedJob } from './loadHistory';

export interface HistoryViewInput {
  scope: HistoryScope;
  load: HistoryLoad;
  now: Date;
  loadedAt: Date;
  days: number;
  timeZone: TimeZoneMode;
  locale: string;
}

/** The view, and what the panel needs to act on the page's requests (open a job by key, copy the note). */
export interface BuiltHistory {
  view: HistoryView;
  stats: HistoryStats;
  /** The window's jobs, newest first. */
  jobs: HistoryJob[];
  undated: number;
  future: number;
  byKey: Map<string, LoadedJob>;
}

/** "prod-orders" for a cluster, "Project Production" for a whole project. */
export function historyTitle(scope: HistoryScope): string {
  return scope.cluster ? scope.cluster.name : vscode.l10n.t('Project {0}', scope.projectName ?? scope.groupId);
}

export function historyScopeText(scope: HistoryScope): string {
  return [scope.connectionLabel, scope.projectName ?? scope.groupId].map((t) => displayText(t, 80)).join(' · ');
}

function statusLabel(status: JobStatus): string {
  return STATUS_ICONS[status].label();
}

/** The codicon without its animation: a spinning mark on a chart would only distract. */
function staticIcon(status: JobStatus): string {
  return STATUS_ICONS[status].icon.replace(/~spin$/, '');
}

function markOf(j: HistoryJob, now: Date, zone: TimeZoneMode, many: boolean): HistoryMark {
  const status = j.status;
  const requested = j.requestedAt ? formatDateTime(j.requestedAt, zone) : '';
  const label = [many ? j.clusterName : undefined, statusLabel(status), requested].filter(Boolean).join(' · ');
  const detail: string[] = [];
  if (j.durationMs !== undefined) detail.push(vscode.l10n.t('Time to ready: {0}', durationText(j.durationMs)));
  else if (j.outcome === 'running' && j.requestedAt) detail.push(vscode.l10n.t('Running for {0}', durationText(Math.max(0, now.getTime() - j.requestedAt.getTime()))));
  else detail.push(vscode.l10n.t('No time to ready'));
  const part = j.componentLabel ? ` · ${displayText(j.componentLabel, 60)}` : '';
  detail.push(`${FAMILIES[j.family].label()}${part} · ${vscode.l10n.t('job {0}', shortId(j.id || '—'))}`);
  if (status === 'unknown') detail.push(vscode.l10n.t('Atlas says: {0}', displayText(j.atlasStatus, 60)));
  // Coloured by outcome through the tree's map: an expired download is a success here, grey only in the tree.
  const mark: HistoryMark = {
    key: j.key,
    at: j.requestedAt!.getTime(),
    status,
    outcome: j.outcome,
    icon: outcomeIcon(j.outcome).replace(/~spin$/, ''),
    color: outcomeColor(j.outcome),
    label,
    detail,
  };
  if (j.durationMs !== undefined) mark.durationMs = j.durationMs;
  else if (j.outcome === 'running' && j.requestedAt) mark.runningMs = Math.max(0, now.getTime() - j.requestedAt.getTime());
  return mark;
}

function percent(share: number, locale: string): string {
  return new Intl.NumberFormat(locale || undefined, { style: 'percent', maximumFractionDigits: 0 }).format(share);
}

function figuresOf(stats: HistoryStats, input: HistoryViewInput): HistoryFigure[] {
  const { now, timeZone, locale } = input;
  const b = stats.byOutcome;
  const parts = [
    b.succeeded && vscode.l10n.t('{0} succeeded', b.succeeded),
    b.failed && vscode.l10n.t('{0} failed', b.failed),
    b.cancelled && vscode.l10n.t('{0} cancelled', b.cancelled),
    b.running && vscode.l10n.t('{0} running', b.running),
    b.unknown && vscode.l10n.t('{0} unknown', b.unknown),
  ].filter((p): p is string => typeof p === 'string');
  const figures: HistoryFigure[] = [{ id: 'restores', label: vscode.l10n.t('Restores'), value: String(stats.total), detail: parts.join(' · ') || undefined }];
  const timed = stats.timed ? vscode.l10n.t('of {0} timed restores', stats.timed) : vscode.l10n.t('no timed restores');
  figures.push({ id: 'median', label: vscode.l10n.t('Median time to ready'), value: stats.medianMs === undefined ? '—' : durationText(stats.medianMs), detail: timed });
  figures.push({ id: 'p90', label: vscode.l10n.t('90th percentile'), value: stats.p90Ms === undefined ? '—' : durationText(stats.p90Ms), detail: timed });
  const longest = stats.longest;
  figures.push({
    id: 'longest',
    label: vscode.l10n.t('Longest'),
    value: longest?.durationMs === undefined ? '—' : durationText(longest.durationMs),
    detail: longest?.requestedAt ? vscode.l10n.t('requested {0}', formatDateTime(longest.requestedAt, timeZone)) : undefined,
    key: longest?.key,
  });
  const last = stats.lastSuccess;
  const lastAt = last?.endedAt ?? last?.requestedAt;
  figures.push({
    id: 'lastSuccess',
    label: vscode.l10n.t('Last successful restore'),
    value: lastAt ? formatRelative(lastAt, now, locale) : vscode.l10n.t('none in the window'),
    detail: lastAt ? formatDateTime(lastAt, timeZone) : undefined,
    key: last?.key,
  });
  const ended = b.succeeded + b.failed + b.cancelled;
  figures.push({
    id: 'failedShare',
    label: vscode.l10n.t('Failed'),
    value: stats.failedShare === undefined ? '—' : percent(stats.failedShare, locale),
    detail: ended ? vscode.l10n.t('{0} of {1} ended restores', b.failed, ended) : undefined,
  });
  return figures.map((f) => {
    const out: HistoryFigure = { id: f.id, label: f.label, value: f.value };
    if (f.detail) out.detail = f.detail;
    if (f.key) out.key = f.key;
    return out;
  });
}

function leftOutText(stats: HistoryStats): string {
  const l = stats.leftOut;
  const parts = [
    l.running && vscode.l10n.t('{0} still running', l.running),
    l.noEndTime && vscode.l10n.t('{0} without an end time', l.noEndTime),
    l.failedOrCancelled && vscode.l10n.t('{0} failed or cancelled', l.failedOrCancelled),
    l.unknown && vscode.l10n.t('{0} of unknown outcome', l.unknown),
  ].filter((p): p is string => typeof p === 'string');
  return parts.length ? vscode.l10n.t('Times to ready count succeeded restores only; left out: {0}.', parts.join(', ')) : '';
}

function batchOf(stats: HistoryStats, zone: TimeZoneMode): HistoryView['batch'] {
  const b = stats.latestBatch;
  if (!b) return undefined;
  const when = b.requestedAt ? formatDateTime(b.requestedAt, zone) : '';
  const title = when ? vscode.l10n.t('Latest sharded restore, requested {0}: time per shard', when) : vscode.l10n.t('Latest sharded restore: time per shard');
  const parts: BatchPart[] = b.parts.map((p) => {
    const length = p.durationMs ?? p.runningForMs;
    const part: BatchPart = {
      key: p.job.key,
      label: displayText(p.label, 60),
      duration: p.durationMs !== undefined ? durationText(p.durationMs) : p.runningForMs !== undefined ? vscode.l10n.t('{0} so far', durationText(p.runningForMs)) : '—',
      slowest: p.label === b.slowest,
    };
    if (length !== undefined) part.durationMs = length;
    return part;
  });
  return { title, parts };
}

function problemText(p: HistoryLoad['problems'][number]): string {
  const where =
    p.what === 'clusters'
      ? (p.kind ? CLUSTER_KINDS[p.kind].listWhat() : vscode.l10n.t('clusters'))
      : `${displayText(p.clusterName ?? '', 80)} · ${FAMILIES[p.what].jobsWhat()}`;
  // Atlas errors are written for people and hold no secret; anything else is redacted all the same.
  return `${where}: ${redactText(errorMessage(p.error))}`;
}

export function buildHistoryView(input: HistoryViewInput): BuiltHistory {
  const { scope, load, now, days, timeZone, locale } = input;
  const byKey = new Map<string, LoadedJob>();
  const all = load.jobs.map((loaded, i) => {
    const key = `j${i}`;
    byKey.set(key, loaded);
    return historyJob(loaded.job, loaded.facts, { key, clusterName: loaded.clusterName });
  });
  const window = inWindow(all, now, days);
  const stats = historyStats(window.jobs, now);
  const many = !scope.cluster;
  const marks = window.jobs.filter((j) => j.requestedAt).map((j) => markOf(j, now, timeZone, many));

  const counts = new Map<Outcome, number>();
  for (const j of window.jobs) counts.set(j.outcome, (counts.get(j.outcome) ?? 0) + 1);
  const legend: LegendEntry[] = OUTCOMES.filter((o) => counts.has(o)).map((o) => ({
    outcome: o,
    icon: outcomeIcon(o).replace(/~spin$/, ''),
    color: outcomeColor(o),
    label: outcomeLabel(o),
    count: counts.get(o)!,
  }));

  const rows: HistoryRow[] = window.jobs.map((j) => {
    const row: HistoryRow = {
      key: j.key,
      requested: j.requestedAt ? formatDateTime(j.requestedAt, timeZone) : '—',
      cluster: displayText(j.componentLabel ? `${j.clusterName} · ${j.componentLabel}` : j.clusterName, 80),
      status: statusLabel(j.status),
      icon: staticIcon(j.status),
      color: STATUS_ICONS[j.status].color,
      atlasStatus: displayText(j.atlasStatus, 80),
      duration: j.durationMs !== undefined ? durationText(j.durationMs) : j.outcome === 'running' ? vscode.l10n.t('running') : '—',
      jobId: shortId(j.id || '—'),
      family: FAMILIES[j.family].label(),
    };
    if (j.requestedAt) row.requestedIso = j.requestedAt.toISOString();
    return row;
  });

  const notes: string[] = [];
  // Offline, a list the copy does not hold is no failure to report one by one: the note counts them.
  const missing = load.offlineAsOf ? load.problems.filter((p) => isUnreachable(p.error)) : [];
  if (load.offlineAsOf) {
    const asOf = asOfText(load.offlineAsOf, now, timeZone);
    notes.push(
      missing.length
        ? vscode.l10n.t('Offline: Atlas cannot be reached. Drawn from the copy of {0}, which holds the restore jobs the tree had loaded; {1} lists it does not hold are left out.', asOf, missing.length)
        : vscode.l10n.t('Offline: Atlas cannot be reached. Drawn from the copy of {0}, which holds the restore jobs the tree had loaded.', asOf),
    );
  }
  for (const f of load.retired) notes.push(vscode.l10n.t('Atlas no longer lists {0} (retired on {1}).', FAMILIES[f].jobsWhat(), FAMILIES[f].retiredOn ?? ''));
  if (window.future === 1) notes.push(vscode.l10n.t('One restore job is dated after this computer’s clock and is not drawn.'));
  else if (window.future) notes.push(vscode.l10n.t('{0} restore jobs are dated after this computer’s clock and are not drawn.', window.future));
  if (window.undated === 1) notes.push(vscode.l10n.t('One restore job has no request time and is not drawn.'));
  else if (window.undated) notes.push(vscode.l10n.t('{0} restore jobs have no request time and are not drawn.', window.undated));

  const view: HistoryView = {
    title: vscode.l10n.t('Restore History · {0}', historyTitle(scope)),
    scope: historyScopeText(scope),
    window: vscode.l10n.t('Last {0} days', days),
    from: now.getTime() - days * 86_400_000,
    to: now.getTime(),
    timeZone,
    locale,
    marks,
    legend,
    figures: figuresOf(stats, input),
    leftOut: leftOutText(stats),
    rows,
    problems: load.problems.filter((p) => !missing.includes(p)).map(problemText),
    notes,
    loadedAt: vscode.l10n.t('Loaded {0}', formatDateTime(input.loadedAt, timeZone)),
  };
  const batch = batchOf(stats, timeZone);
  if (batch) view.batch = batch;
  if (window.jobs.length === 0) view.empty = vscode.l10n.t('No restore was requested in the last {0} days.', days);
  return { view, stats, jobs: window.jobs, undated: window.undated, future: window.future, byKey };
}
