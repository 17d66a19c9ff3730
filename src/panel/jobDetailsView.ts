/**
 * Turns a restore job of any family into what the details page shows. Pure: no `vscode`, so it is
 * unit-tested in plain Node; the extension passes its clock and date format in. Strings go through
 * `@vscode/l10n`, which the extension loads with VS Code's translation bundle, so they are translated
 * like the rest. Never throws, whatever the document holds.
 */
import * as l10n from '@vscode/l10n';
import { displayText } from '../format/text';
import { formatDateTime, type TimeZoneMode } from '../format/time';
import { jobFacts, type JobFacts } from '../jobs/facts';
import { familyLabel } from '../jobs/families';
import { shortJobId, type JobRef } from '../jobs/jobRef';
import { jobStatusText } from '../jobs/labels';
import { jobJson } from '../jobs/masking';
import { objectIdTime } from '../jobs/objectIdTime';
import { STATUS_ICONS } from '../jobs/statusIcons';
import { deliveryView } from './deliveryView';
import { hashViews } from './hashesView';
import { keptStatus, type KeptJobInfo } from '../offline/keptJobs';
import type { DeliveryView, JobDetailsView, PageView } from './protocol';
import { summaryRows } from './summaryView';
import type { ViewInput } from './viewInput';

/** The view's input, with what the offline copy knows of the job when the document came from there. */
export type JobViewInput = ViewInput & { offline?: KeptJobInfo };

/** Everything the page shows, the file hashes and the JSON included (what `viewOf` gives tests). */
export function buildJobDetailsView(input: JobViewInput): JobDetailsView {
  const facts = jobFacts(input.job, input.now);
  const { hashCount: _, ...view } = buildPageView(input, facts);
  return { ...view, hashes: hashViews(facts), json: jobJson(input.job.job, input.revealAuthValue === true) };
}

/** The view without the parts that grow with the document: what a `render` message carries. */
export function buildPageView(input: JobViewInput, documentFacts: JobFacts): PageView {
  const { ref, job, format, offline } = input;
  // Stripped of its links, a ready cloud backup job would read as merely finished: it shows as it was kept.
  const facts = offline ? { ...documentFacts, status: keptStatus(offline, documentFacts.delivery.expired) } : documentFacts;
  const id = facts.id || ref.jobId;
  // The tree's icon names carry a "~spin" modifier; the page spins with a class instead.
  const [icon = 'circle-outline', modifier] = STATUS_ICONS[facts.status].icon.split('~');
  return {
    title: jobPanelTitle(ref, input.timeZone ?? 'local', facts),
    heading: displayText(ref.clusterName),
    subheading: l10n.t('Restore job {0}', displayText(id)),
    jobId: id,
    family: job.family,
    familyLabel: familyLabel(job.family),
    status: {
      key: facts.status,
      label: jobStatusText(facts),
      atlas: displayText(facts.atlasStatus),
      icon,
      spin: modifier === 'spin',
      color: STATUS_ICONS[facts.status].color,
    },
    breadcrumb: [ref.connectionLabel, ref.projectName ?? ref.groupId, ref.clusterName].filter((s) => s.length > 0).map((s) => displayText(s)),
    summary: summaryRows(input, facts),
    delivery: offline ? offlineDelivery(deliveryView(input, facts)) : deliveryView(input, facts),
    hashCount: facts.hashes.length,
    fetched: offline
      ? { label: l10n.t('Offline copy of {0}', format.dateTime(offline.asOf)), iso: offline.asOf.toISOString() }
      : { label: l10n.t('Fetched {0}', format.dateTime(input.fetchedAt)), iso: input.fetchedAt.toISOString() },
    canOpenInAtlas: input.canOpenInAtlas === true,
    ...(offline
      ? {
          offline: {
            note: l10n.t('Offline: the copy from {0}; delivery links are not kept offline and are not shown.', format.dateTime(offline.asOf)),
          },
        }
      : {}),
  };
}

/** The copy has no links, so the delivery section says why instead of guessing from their absence. */
function offlineDelivery(view: DeliveryView): DeliveryView {
  const { expiredNote: _, authHeader: __, ...rest } = view;
  return { ...rest, links: [], privateLinks: [], emptyReason: l10n.t('Delivery links are not kept offline. Refresh when Atlas can be reached to see them.') };
}

/**
 * The tab's title, by what a person recognises: the cluster, for a job of a sharded restore its shard,
 * and when it was requested (as the tree shows it, in the `timeZone` setting): "prod-sharded · shard-0 ·
 * 2026-03-10 09:00". ObjectIds start with their time, so tabs named by id differed in a few hex digits.
 * Before the job is fetched, the time comes from its id; with `facts` from the document.
 */
export function jobPanelTitle(ref: JobRef, timeZone: TimeZoneMode = 'local', facts?: JobFacts): string {
  const when = facts?.requestedAt ?? objectIdTime(ref.jobId);
  const parts = [displayText(ref.clusterName, 60)];
  if (facts?.componentLabel) parts.push(displayText(facts.componentLabel, 40));
  parts.push(when ? formatDateTime(when, timeZone) : displayText(shortJobId(ref.jobId), 40));
  return parts.join(' · ');
}

/** The tab's tooltip: which job it is, by its full id, and where it lives. */
export function jobPanelTooltip(ref: JobRef, facts?: JobFacts): string {
  const job = l10n.t('{0} restore job {1}', familyLabel(ref.family), displayText(facts?.id || ref.jobId, 100));
  const place = [ref.connectionLabel, ref.projectName ?? ref.groupId, ref.clusterName].filter((s) => s.length > 0).map((s) => displayText(s, 100));
  return `${job}\n${place.join(' › ')}`;
}
