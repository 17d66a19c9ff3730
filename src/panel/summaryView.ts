import * as l10n from '@vscode/l10n';
import type { JobFacts } from '../jobs/facts';
import { deliveryKindLabel } from '../jobs/labels';
import { isSettled } from '../jobs/status';
import { dateRow, present } from './factRows';
import type { FactRow } from './protocol';
import type { ViewInput } from './viewInput';

/** The summary grid: status, times, snapshot, target, delivery method, batch, encryption and the job id. */
export function summaryRows(input: ViewInput, facts: JobFacts): FactRow[] {
  const { ref, job, format } = input;
  const projectName = (id: string | undefined): string | undefined => {
    if (!id) return undefined;
    return id === ref.groupId && ref.projectName ? l10n.t('{0} ({1})', ref.projectName, id) : id;
  };
  // Legacy jobs say they finished only through statusName, so they get no "Not yet" either.
  const finished =
    dateRow(l10n.t('Finished'), facts.finishedAt, format) ??
    (facts.family !== 'legacy' && !isSettled(facts.status) ? { label: l10n.t('Finished'), value: l10n.t('Not yet'), tone: 'muted' as const } : undefined);
  const legacy = job.family === 'legacy' ? job.job : undefined;
  return present<FactRow>([
    { label: l10n.t('Atlas status'), value: facts.atlasStatus, mono: true },
    dateRow(facts.family === 'legacy' ? l10n.t('Requested') : l10n.t('Requested (from the job id)'), facts.requestedAt, format),
    dateRow(l10n.t('Scheduled'), facts.scheduledAt, format),
    finished,
    facts.snapshotId && {
      label: l10n.t('Snapshot'),
      value: facts.snapshotId,
      mono: true,
      copy: { target: { kind: 'snapshotId' }, label: l10n.t('Copy snapshot id') },
    },
    dateRow(l10n.t('Snapshot taken'), facts.snapshotAt, format),
    dateRow(l10n.t('Point in time'), facts.pointInTimeAt, format),
    facts.targetProjectId && { label: l10n.t('Target project'), value: projectName(facts.targetProjectId) ?? '' },
    facts.targetClusterName && { label: l10n.t('Target cluster'), value: facts.targetClusterName },
    {
      label: l10n.t('Delivery'),
      value: facts.atlasDeliveryKind
        ? l10n.t('{0} ({1})', deliveryKindLabel(facts.deliveryKind), facts.atlasDeliveryKind)
        : deliveryKindLabel(facts.deliveryKind),
    },
    facts.batchId && { label: l10n.t('Batch'), value: facts.batchId, mono: true },
    facts.encryptionEnabled !== undefined && {
      label: l10n.t('Encryption'),
      value: facts.encryptionEnabled ? l10n.t('Enabled') : l10n.t('Not enabled'),
    },
    legacy?.masterKeyUUID && { label: l10n.t('Master key UUID'), value: legacy.masterKeyUUID, mono: true },
    {
      label: l10n.t('Job id'),
      value: facts.id || ref.jobId,
      mono: true,
      copy: { target: { kind: 'jobId' }, label: l10n.t('Copy job id') },
    },
  ]);
}
