import * as l10n from '@vscode/l10n';
import type { LegacyDeliveryStatusName } from '../atlas/types';
import { relativeExpiry } from '../format/duration';
import type { DeliveryInfo, DeliveryLink, DeliveryLinkSource } from '../jobs/delivery';
import type { DeliveryKind, JobFacts } from '../jobs/facts';
import { statusLabel } from '../jobs/labels';
import { AUTH_VALUE_MASK } from '../jobs/masking';
import { isSettled, type JobStatus } from '../jobs/status';
import type { DeliveryView, FactRow, LinkView, Tone } from './protocol';
import type { ViewInput } from './viewInput';

/** Under an hour left, the expiry shows as a warning: long enough to finish a download, but only just. */
const WARN_BEFORE_EXPIRY_MS = 3_600_000;

/** Where in the document a link came from, as the page shows it next to the link. */
const LINK_SOURCES: Readonly<Record<DeliveryLinkSource, (index: number) => string>> = {
  urlV2: () => 'delivery.urlV2',
  url: () => 'delivery.url',
  deliveryUrl: (index) => `deliveryUrl[${index}]`,
  componentDownloadUrl: () => 'components[].downloadUrl',
  privateDeliveryUrl: () => 'privateDownloadDeliveryUrls[].deliveryUrl',
  snapshotUrl: () => 'snapshotUrl',
};

/** Legacy `delivery.statusName`, in words; the page shows Atlas's own value next to it. */
const LEGACY_DELIVERY_STATUS: Readonly<Record<LegacyDeliveryStatusName, { label: () => string; tone?: Tone }>> = {
  NOT_STARTED: { label: () => l10n.t('Not started') },
  IN_PROGRESS: { label: () => l10n.t('In progress') },
  READY: { label: () => l10n.t('Ready'), tone: 'success' },
  FAILED: { label: () => l10n.t('Failed'), tone: 'error' },
  INTERRUPTED: { label: () => l10n.t('Interrupted') },
  EXPIRED: { label: () => l10n.t('Expired'), tone: 'error' },
  MAX_DOWNLOADS_EXCEEDED: { label: () => l10n.t('Download limit reached'), tone: 'error' },
  PENDING: { label: () => l10n.t('Pending') },
};

/** Statuses after which Atlas never offers a download. */
const ENDED_WITHOUT_DOWNLOAD: ReadonlySet<JobStatus> = new Set<JobStatus>(['failed', 'broken', 'killed', 'cancelled']);

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
  const known = Object.prototype.hasOwnProperty.call(LEGACY_DELIVERY_STATUS, status)
    ? LEGACY_DELIVERY_STATUS[status as LegacyDeliveryStatusName]
    : undefined;
  return known ? { label: known.label(), tone: known.tone } : { label: status };
}

function linkView(link: DeliveryLink, index: number, isPrivate: boolean): LinkView {
  const view: LinkView = {
    index,
    name: link.name,
    url: link.url,
    source: LINK_SOURCES[link.source](index),
    copyLabel: isPrivate ? l10n.t('Copy private URL of {0}', link.name) : l10n.t('Copy URL of {0}', link.name),
  };
  if (link.endpointId) view.endpointId = link.endpointId;
  if (link.authHeader) view.commandLabel = l10n.t('Copy a curl command that downloads {0} with the auth header', link.name);
  return view;
}

/** Why there is nothing to download: the job's end first, then its delivery method, then whether it is done. */
function emptyReason(facts: JobFacts): string | undefined {
  if (facts.delivery.links.length > 0 || facts.delivery.privateLinks.length > 0) return undefined;
  if (ENDED_WITHOUT_DOWNLOAD.has(facts.status)) return l10n.t('This job ended without a download ({0}).', statusLabel(facts.status));
  if (facts.status === 'expired') return l10n.t('The download has expired; Atlas no longer lists its links.');
  const byMethod = NO_LINK_REASONS[facts.deliveryKind];
  if (byMethod) return byMethod();
  return isSettled(facts.status)
    ? l10n.t('Atlas lists no download link for this job.')
    : l10n.t('The download link appears when the job has finished.');
}

/** Expiry, downloads allowed, Atlas's delivery status and the link lifetime, where the document has them. */
function deliveryFacts(d: DeliveryInfo, input: ViewInput): FactRow[] {
  const { format, now } = input;
  const rows: FactRow[] = [];
  if (d.expiresAt) {
    const rel = relativeExpiry(d.expiresAt, now);
    rows.push({
      label: rel.expired ? l10n.t('Expired') : l10n.t('Expires'),
      value: l10n.t('{0} ({1})', format.dateTime(d.expiresAt), rel.text),
      iso: d.expiresAt.toISOString(),
      tone: rel.expired ? 'error' : d.expiresAt.getTime() - now.getTime() < WARN_BEFORE_EXPIRY_MS ? 'warning' : undefined,
    });
  }
  if (d.maxDownloads !== undefined) rows.push({ label: l10n.t('Downloads allowed'), value: String(d.maxDownloads) });
  if (d.deliveryStatus) {
    const status = legacyDeliveryStatus(d.deliveryStatus);
    rows.push({ label: l10n.t('Delivery status'), value: l10n.t('{0} ({1})', status.label, d.deliveryStatus), tone: status.tone });
  }
  if (d.expirationHours !== undefined) {
    rows.push({ label: l10n.t('Link lifetime'), value: l10n.t('{0} h', d.expirationHours) });
  }
  return rows;
}

/** The delivery section: facts, the links (private ones apart), the auth header, or why there is nothing. */
export function deliveryView(input: ViewInput, facts: JobFacts): DeliveryView {
  const d = facts.delivery;
  const view: DeliveryView = {
    links: d.links.map((l, i) => linkView(l, i, false)),
    privateLinks: d.privateLinks.map((l, i) => linkView(l, i, true)),
    facts: deliveryFacts(d, input),
    expired: d.expired,
  };
  const hasLinks = view.links.length + view.privateLinks.length > 0;
  if (d.expired && hasLinks) {
    view.expiredNote =
      d.deliveryStatus === 'MAX_DOWNLOADS_EXCEEDED'
        ? l10n.t('These links have been downloaded as often as allowed and no longer work.')
        : l10n.t('These links have expired and no longer work. Start a new restore to download again.');
  }
  const header = d.links.find((l) => l.authHeader)?.authHeader;
  if (header) {
    const revealed = input.revealAuthValue === true;
    view.authHeader = {
      name: header.name,
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
