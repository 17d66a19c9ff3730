import * as l10n from '@vscode/l10n';
import { displayText } from '../format/text';
import { shortId } from '../format/time';
import type { DeliveryKind, JobFacts } from './facts';
import type { JobStatus } from './status';
import { STATUS_ICONS } from './statusIcons';

/**
 * Localized names of the job vocabulary, shared by the tree, the commands and the details panel so
 * they all say the same words. Through `@vscode/l10n` (configured with VS Code's bundle at activation)
 * rather than `vscode.l10n`, so the panel's view model can use them in plain Node too.
 * Functions, not strings: the bundle is loaded after this module.
 */
const DELIVERY_KIND_LABELS: Readonly<Record<DeliveryKind, () => string>> = {
  download: () => l10n.t('Download'),
  automatedRestore: () => l10n.t('Automated restore'),
  pointInTime: () => l10n.t('Point-in-time restore'),
  restore: () => l10n.t('Restore'),
  http: () => l10n.t('HTTP download'),
  clientPitHttp: () => l10n.t('Point-in-time HTTP download'),
  clientPitScp: () => l10n.t('Point-in-time SCP'),
  scp: () => l10n.t('SCP'),
  query: () => l10n.t('Query'),
  thirdPartyCopy: () => l10n.t('Third-party copy'),
  unknown: () => l10n.t('Unknown delivery'),
};

/** The name of a status; for `unknown` prefer jobStatusText, which says what Atlas wrote. */
export function statusLabel(status: JobStatus): string {
  return STATUS_ICONS[status].label();
}

/** The name of a delivery kind; for `unknown` prefer deliveryKindText, which says what Atlas wrote. */
export function deliveryKindLabel(kind: DeliveryKind): string {
  return DELIVERY_KIND_LABELS[kind]();
}

/** A job's status in words: the extension's name for it, or Atlas's own value when it is one the extension does not know. */
export function jobStatusText(facts: Pick<JobFacts, 'status' | 'atlasStatus'>): string {
  return facts.status === 'unknown' && facts.atlasStatus ? displayText(facts.atlasStatus, 60) : statusLabel(facts.status);
}

/** How a job delivers, in words: the extension's name, or Atlas's own value when the extension does not know it. */
export function deliveryKindText(facts: Pick<JobFacts, 'deliveryKind' | 'atlasDeliveryKind'>): string {
  return facts.deliveryKind === 'unknown' && facts.atlasDeliveryKind
    ? displayText(facts.atlasDeliveryKind, 60)
    : deliveryKindLabel(facts.deliveryKind);
}

/** "HTTP download (HTTP)": the delivery in words with Atlas's value, once when they are the same. */
export function deliveryWithAtlasValue(facts: Pick<JobFacts, 'deliveryKind' | 'atlasDeliveryKind'>): string {
  const text = deliveryKindText(facts);
  return facts.deliveryKind !== 'unknown' && facts.atlasDeliveryKind
    ? l10n.t('{0} ({1})', text, displayText(facts.atlasDeliveryKind, 60))
    : text;
}

/** The row of a document that cannot be shown as usual: "Restore job 65f0…4567: no delivery details". */
export function jobProblemLabel(facts: Pick<JobFacts, 'id' | 'problem'>): string {
  const problem = facts.problem ?? '';
  return facts.id ? l10n.t('Restore job {0}: {1}', displayText(shortId(facts.id), 40), problem) : l10n.t('Restore job: {0}', problem);
}
