import * as l10n from '@vscode/l10n';
import { displayText } from '../format/text';
import type { JobFacts } from '../jobs/facts';
import { deliveryWithAtlasValue } from '../jobs/labels';
import { readObject, readString } from '../jobs/read';
import { isSettled } from '../jobs/status';
import { dateRow, present } from './factRows';
import type { FactRow } from './protocol';
import type { ViewInput } from './viewInput';

/** The summary grid: status, times, snapshot, target, delivery method, batch, encryption and the job id. */
export function summaryRows(input: ViewInput, facts: JobFacts): FactRow[] {
  const { ref, job, format } = input;
  const projectName = (id: string): string =>
    id === ref.groupId && ref.projectName ? l10n.t('{0} ({1})', displayText(ref.projectName), displayText(id)) : displayText(id);
  // Legacy jobs say they finished only through statusName, so they get no "Not yet" either.
  const finished =
    dateRow(l10n.t('Finished'), facts.finishedAt, format) ??
    (facts.family !== 'legacy' && !isSettled(facts.status) ? { label: l10n.t('Finished'), value: l10n.t('Not yet'), tone: 'muted' as const } : undefined);
  const masterKeyUUID = job.family === 'legacy' ? readString(readObject(job.job)?.masterKeyUUID) : undefined;
  return present<FactRow>([
    facts.problem && { label: l10n.t('Problem'), value: facts.problem, tone: 'warning' },
    { label: l10n.t('Atlas status'), value: displayText(facts.atlasStatus), mono: true },
    dateRow(facts.family === 'legacy' ? l10n.t('Requested') : l10n.t('Requested (from the job id)'), facts.requestedAt, format),
    dateRow(l10n.t('Scheduled'), facts.scheduledAt, format),
    finished,
    facts.snapshotId && {
      label: l10n.t('Snapshot'),
      value: displayText(facts.snapshotId),
      mono: true,
      copy: { target: { kind: 'snapshotId' }, label: l10n.t('Copy snapshot id') },
    },
    dateRow(l10n.t('Snapshot taken'), facts.snapshotAt, format),
    dateRow(l10n.t('Point in time'), facts.pointInTimeAt, format),
    facts.targetProjectId && { label: l10n.t('Target project'), value: projectName(facts.targetProjectId) },
    facts.targetClusterName && { label: l10n.t('Target cluster'), value: displayText(facts.targetClusterName) },
    { label: l10n.t('Delivery'), value: deliveryWithAtlasValue(facts) },
    facts.batchId && { label: l10n.t('Batch'), value: displayText(facts.batchId), mono: true },
    facts.componentLabel && { label: l10n.t('Component'), value: displayText(facts.componentLabel) },
    facts.encryptionEnabled !== undefined && {
      label: l10n.t('Encryption'),
      value: facts.encryptionEnabled ? l10n.t('Enabled') : l10n.t('Not enabled'),
    },
    masterKeyUUID && { label: l10n.t('Master key UUID'), value: displayText(masterKeyUUID), mono: true },
    {
      label: l10n.t('Job id'),
      value: displayText(facts.id || ref.jobId),
      mono: true,
      copy: { target: { kind: 'jobId' }, label: l10n.t('Copy job id') },
    },
  ]);
}
