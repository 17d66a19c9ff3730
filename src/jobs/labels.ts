import * as l10n from '@vscode/l10n';
import type { DeliveryKind } from './facts';
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

export function statusLabel(status: JobStatus): string {
  return STATUS_ICONS[status].label();
}

export function deliveryKindLabel(kind: DeliveryKind): string {
  return DELIVERY_KIND_LABELS[kind]();
}
