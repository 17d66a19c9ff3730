import * as l10n from '@vscode/l10n';
import { elapsedText } from '../format/elapsed';
import { displayText } from '../format/text';
import { formatDateTime, shortId, type TimeZoneMode } from '../format/time';
import type { JobFacts } from '../jobs/facts';
import { familyLabel } from '../jobs/families';
import type { JobRef } from '../jobs/jobRef';
import { jobStatusText } from '../jobs/labels';
import type { JobStatus } from '../jobs/status';

/** How a settled job ended, for the kind of notification and the actions it offers. */
export type Outcome = 'success' | 'failure' | 'over';

const SUCCESS: ReadonlySet<JobStatus> = new Set(['completed', 'ready']);
const FAILURE: ReadonlySet<JobStatus> = new Set(['failed', 'broken', 'killed', 'cancelled', 'interrupted']);

export function outcomeOf(status: JobStatus): Outcome {
  return SUCCESS.has(status) ? 'success' : FAILURE.has(status) ? 'failure' : 'over';
}

/** "prod-rs, cloud backup restore requested 2026-11-29 10:35": which job, as a person recognises it. */
function which(ref: JobRef, facts: JobFacts, timeZone: TimeZoneMode): string {
  const cluster = displayText(ref.clusterName, 60);
  const what = facts.componentLabel ? `${cluster} (${displayText(facts.componentLabel, 40)})` : cluster;
  const when = facts.requestedAt ? formatDateTime(facts.requestedAt, timeZone) : shortId(ref.jobId);
  return l10n.t('{0}, {1} restore requested {2}', what, familyLabel(facts.family).toLocaleLowerCase(), when);
}

/** The notification of one job that settled: what happened first, then which job, then Atlas's own words. */
export function settleText(ref: JobRef, facts: JobFacts, timeZone: TimeZoneMode): string {
  const job = which(ref, facts, timeZone);
  switch (outcomeOf(facts.status)) {
    case 'success':
      return facts.status === 'ready' || facts.delivery.links.length > 0
        ? l10n.t('Restore ready to download: {0}.', job)
        : l10n.t('Restore completed: {0}.', job);
    case 'failure':
      return l10n.t('Restore {0}: {1}. Atlas says {2}.', jobStatusText(facts).toLocaleLowerCase(), job, displayText(facts.atlasStatus, 80));
    case 'over':
      return l10n.t('Restore ended as {0}: {1}.', jobStatusText(facts), job);
  }
}

/** One notification for the jobs of one sharded restore: "3 of 4 completed, shard-1 failed". */
export function batchSettleText(ref: JobRef, jobs: readonly JobFacts[], timeZone: TimeZoneMode): string {
  const failed = jobs.filter((f) => outcomeOf(f.status) !== 'success');
  const when = jobs.map((f) => f.requestedAt).find((d) => d !== undefined);
  const cluster = displayText(ref.clusterName, 60);
  const time = when ? formatDateTime(when, timeZone) : '';
  if (failed.length === 0) return l10n.t('Sharded restore of {0} ({1}) ready: all {2} jobs completed.', cluster, time, jobs.length);
  const names = failed.map((f) => `${displayText(f.componentLabel ?? shortId(f.id), 40)} ${jobStatusText(f).toLocaleLowerCase()}`);
  return l10n.t(
    'Sharded restore of {0} ({1}) did not complete: {2} of {3} jobs ended badly ({4}).',
    cluster,
    time,
    failed.length,
    jobs.length,
    names.join(', '),
  );
}

/** A line of the status bar's tooltip: "prod-rs · Cloud backup · In progress · for 12 min". */
export function runningLine(ref: JobRef, facts: JobFacts | undefined, now: Date): string {
  const parts = [displayText(ref.clusterName, 60), familyLabel(ref.family)];
  if (facts) {
    parts.push(jobStatusText(facts));
    if (facts.requestedAt) parts.push(l10n.t('for {0}', elapsedText(now.getTime() - facts.requestedAt.getTime())));
  }
  return parts.join(' · ');
}

export function statusBarText(running: number): string {
  return running === 1 ? l10n.t('$(sync~spin) 1 restore running') : l10n.t('$(sync~spin) {0} restores running', running);
}
