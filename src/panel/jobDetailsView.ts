/**
 * Turns a restore job of any family into what the details page shows. Pure: no `vscode`, so it is
 * unit-tested in plain Node; the extension passes its clock and date format in. Strings go through
 * `@vscode/l10n`, which the extension loads with VS Code's translation bundle, so they are translated
 * like the rest.
 */
import * as l10n from '@vscode/l10n';
import { jobFacts } from '../jobs/facts';
import { familyLabel } from '../jobs/families';
import { shortJobId, type JobRef } from '../jobs/jobRef';
import { statusLabel } from '../jobs/labels';
import { jobJson } from '../jobs/masking';
import { STATUS_ICONS } from '../jobs/statusIcons';
import { deliveryView } from './deliveryView';
import { hashViews } from './hashesView';
import type { JobDetailsView } from './protocol';
import { summaryRows } from './summaryView';
import type { ViewInput } from './viewInput';

export function buildJobDetailsView(input: ViewInput): JobDetailsView {
  const { ref, job, format } = input;
  const facts = jobFacts(job, input.now);
  const id = facts.id || ref.jobId;
  // The tree's icon names carry a "~spin" modifier; the page spins with a class instead.
  const [icon = 'circle-outline', modifier] = STATUS_ICONS[facts.status].icon.split('~');
  return {
    title: jobPanelTitle(ref),
    heading: ref.clusterName,
    subheading: l10n.t('Restore job {0}', id),
    jobId: id,
    family: job.family,
    familyLabel: familyLabel(job.family),
    status: {
      key: facts.status,
      label: statusLabel(facts.status),
      atlas: facts.atlasStatus,
      icon,
      spin: modifier === 'spin',
      color: STATUS_ICONS[facts.status].color,
    },
    breadcrumb: [ref.connectionLabel, ref.projectName ?? ref.groupId, ref.clusterName].filter((s) => s.length > 0),
    summary: summaryRows(input, facts),
    delivery: deliveryView(input, facts),
    hashes: hashViews(facts),
    json: jobJson(job.job, input.revealAuthValue === true),
    fetched: { label: l10n.t('Fetched {0}', format.dateTime(input.fetchedAt)), iso: input.fetchedAt.toISOString() },
    canOpenInAtlas: input.canOpenInAtlas === true,
  };
}

/** `${clusterName} · ${short job id}` — also the tab title tests look for. */
export function jobPanelTitle(ref: JobRef): string {
  return `${ref.clusterName} · ${shortJobId(ref.jobId)}`;
}
