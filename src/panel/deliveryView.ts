import * as l10n from '@vscode/l10n';
import { expiryText } from '../format/expiry';
import { displayText } from '../format/text';
import { linkCount, type DeliveryInfo, type DeliveryLink, type DeliveryLinkSource } from '../jobs/delivery';
import type { DeliveryKind, JobFacts } from '../jobs/facts';
import { jobStatusText } from '../jobs/labels';
import { AUTH_VALUE_MASK, maskAuthValues } from '../jobs/masking';
import { lookup } from '../jobs/read';
import { isSettled, type JobStatus } from '../jobs/status';
import type { DeliveryView, FactRow, LinkView, Tone } from './protocol';
import type { ViewInput } from './viewInput';

/** Under an hour left, the expiry shows as a warning: long enough to finish a download, but only just. */
const WARN_BEFORE_EXPIRY_MS = 3_600_000;

/** Where in the document a link came from, when the link does not say it itself. */
const LINK_SOURCES: Readonly<Record<DeliveryLinkSource, string>> = {
  urlV2: 'delivery.urlV2',
  url: 'delivery.url',
  deliveryUrl: 'deliveryUrl[]',
  componentDownloadUrl: 'components[].downloadUrl',
  privateDeliveryUrl: 'privateDownloadDeliveryUrls[].deliveryUrl',
  snapshotUrl: 'snapshotUrl',
};

/** Legacy `delivery.statusName`, in words; the page shows Atlas's own value next to it. */
const LEGACY_DELIVERY_STATUS: ReadonlyMap<string, { label: () => string; tone?: Tone }> = new Map([
  ['NOT_STARTED', { label: () => l10n.t('Not started') }],
  ['IN_PROGRESS', { label: () => l10n.t('In progress') }],
  ['READY', { label: () => l10n.t('Ready'), tone: 'success' as const }],
  ['FAILED', { label: () => l10n.t('Failed'), tone: 'error' as const }],
  ['INTERRUPTED', { label: () => l10n.t('Interrupted'), tone: 'error' as const }],
  ['EXPIRED', { label: () => l10n.t('Expired'), tone: 'error' as const }],
  ['MAX_DOWNLOADS_EXCEEDED', { label: () => l10n.t('Download limit reached'), tone: 'error' as const }],
  ['PENDING', { label: () => l10n.t('Pending') }],
]);

/** Statuses after which Atlas never offers a download. */
const ENDED_WITHOUT_DOWNLOAD: ReadonlySet<JobStatus> = new Set<JobStatus>(['failed', 'broken', 'killed', 'cancelled', 'interrupted']);

const restoresIntoCluster = (): string => l10n.t('This job restores into a cluster, so there is nothing to download.');
const deliveredOverScp = (): string => l10n.t('Atlas delivers this restore over SCP; there is no download link.');
const methodWithoutLink = (): string => l10n.t('This delivery method has no download link.');

/** Delivery methods that never have a link, and why. */
const NO_LINK_REASONS: Readonly<Partial<Record<DeliveryKind, () => string>>> = {
  automatedRestore: restoresIntoCluster,
  pointInTime: restoresIntoCluster,
  restore: restoresIntoCluster,
  scp: deliveredOverScp,
  clientPitScp: deliveredOverScp,
  query: methodWithoutLink,
  thirdPartyCopy: methodWithoutLink,
};

function legacyDeliveryStatus(status: string): { label: string; tone?: Tone } {
  const known = lookup(LEGACY_DELIVERY_STATUS, status);
  return known ? { label: known.label(), tone: known.tone } : { label: displayText(status, 60) };
}

function linkView(link: DeliveryLink, index: number, isPrivate: boolean, downloadable: boolean): LinkView {
  const name = displayText(link.name, 100);
  const view: LinkView = {
    index,
    name,
    url: link.url,
    source: link.path ?? LINK_SOURCES[link.source],
    copyLabel: isPrivate ? l10n.t('Copy private URL of {0}', name) : l10n.t('Copy URL of {0}', name),
  };
  if (link.endpointId) view.endpointId = displayText(link.endpointId, 100);
  if (link.authHeader) view.commandLabel = l10n.t('Copy a curl command that downloads {0} with the auth header', name);
  // Private links download only when there are no public ones: what Download on the tree's row fetches too.
  if (downloadable) view.downloadLabel = l10n.t('Download {0} into a folder, checking its SHA-1 where Atlas publishes one', name);
  return view;
}

/** Why there is nothing to download: the job's end first, then its delivery method, then whether it is done. */
function emptyReason(facts: JobFacts): string | undefined {
  const count = linkCount(facts.delivery);
  if (count.public + count.private > 0) return undefined;
  if (ENDED_WITHOUT_DOWNLOAD.has(facts.status)) return l10n.t('This job ended without a download ({0}).', jobStatusText(facts));
  if (facts.status === 'expired') return l10n.t('The download has expired; Atlas no longer lists its links.');
  if (facts.status === 'downloadLimitReached') return l10n.t('The download limit has been reached; the link no longer works.');
  if (facts.delivery.invalid.length > 0) return l10n.t('Atlas lists no usable download link for this job.');
  const byMethod = NO_LINK_REASONS[facts.deliveryKind];
  if (byMethod) return byMethod();
  return isSettled(facts.status)
    ? l10n.t('Atlas lists no download link for this job.')
    : l10n.t('The download link appears when the job has finished.');
}

/** Expiry, downloads allowed, Atlas's delivery status, the link lifetime and unusable links, where the document has them. */
function deliveryFacts(d: DeliveryInfo, input: ViewInput): FactRow[] {
  const { format, now } = input;
  const rows: FactRow[] = [];
  if (d.expiresAt) {
    const left = d.expiresAt.getTime() - now.getTime();
    rows.push({
      label: left <= 0 ? l10n.t('Expired') : l10n.t('Expires'),
      value: l10n.t('{0} ({1})', format.dateTime(d.expiresAt), expiryText(d.expiresAt, now)),
      iso: d.expiresAt.toISOString(),
      tone: left <= 0 ? 'error' : left < WARN_BEFORE_EXPIRY_MS ? 'warning' : undefined,
    });
  }
  if (d.maxDownloads !== undefined) rows.push({ label: l10n.t('Downloads allowed'), value: String(d.maxDownloads) });
  if (d.deliveryStatus) {
    const status = legacyDeliveryStatus(d.deliveryStatus);
    rows.push({ label: l10n.t('Delivery status'), value: l10n.t('{0} ({1})', status.label, displayText(d.deliveryStatus, 60)), tone: status.tone });
  }
  if (d.expirationHours !== undefined) {
    rows.push({ label: l10n.t('Link lifetime'), value: l10n.t('{0} h', d.expirationHours) });
  }
  // Shown as text, never as a link: nothing here may be opened or copied as one.
  for (const bad of d.invalid) {
    const value = input.revealAuthValue === true ? bad.value : maskAuthValues(bad.value, input.job.job);
    rows.push({ label: l10n.t('Unusable link'), value: l10n.t('{0}: {1} — {2}', bad.path, displayText(value, 120), bad.reason), mono: true, tone: 'warning' });
  }
  return rows;
}

/** The delivery section: facts, the links (private ones apart), the auth header, or why there is nothing. */
export function deliveryView(input: ViewInput, facts: JobFacts): DeliveryView {
  const d = facts.delivery;
  const view: DeliveryView = {
    links: d.links.map((l, i) => linkView(l, i, false, true)),
    privateLinks: d.privateLinks.map((l, i) => linkView(l, i, true, d.links.length === 0)),
    facts: deliveryFacts(d, input),
    expired: d.expired,
  };
  const count = linkCount(d);
  if (d.expired && count.public + count.private > 0) {
    view.expiredNote =
      d.deliveryStatus === 'MAX_DOWNLOADS_EXCEEDED'
        ? l10n.t('These links have been downloaded as often as allowed and no longer work.')
        : l10n.t('These links have expired and no longer work. Start a new restore to download again.');
  }
  const header = d.links.find((l) => l.authHeader)?.authHeader;
  if (header) {
    const revealed = input.revealAuthValue === true;
    view.authHeader = {
      name: displayText(header.name, 100),
      value: revealed ? header.value : AUTH_VALUE_MASK,
      revealed,
      toggleLabel: revealed ? l10n.t('Hide the auth value') : l10n.t('Reveal the auth value'),
      copyLabel: l10n.t('Copy the auth header'),
    };
  }
  const reason = emptyReason(facts);
  if (reason) view.emptyReason = reason;
  return view;
}
