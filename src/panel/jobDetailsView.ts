/**
 * Turns a restore job of any family into what the details page shows. Pure: no `vscode`, so it is
 * unit-tested in plain Node; the extension passes its date format in. Strings go through `@vscode/l10n`,
 * which the extension loads with VS Code's translation bundle, so they are translated like the rest.
 */
import * as l10n from '@vscode/l10n';
import type { AnyRestoreJob, RestoreJobFamily } from '../atlas/types';
import type { DeliveryLink } from '../jobs/delivery';
import { jobFacts, type DeliveryKind, type JobFacts } from '../jobs/facts';
import { isSettled, type JobStatus } from '../jobs/status';
import { STATUS_ICONS } from '../jobs/statusIcons';
import { shortJobId, type JobRef } from '../jobs/jobRef';
import type { DeliveryView, FactRow, HashView, JobDetailsView, LinkView, PageStrings } from './protocol';

export interface ViewFormat {
  /** A date and time for people, e.g. "Mar 3, 2026, 10:15 AM". */
  dateTime(date: Date): string;
}

export interface ViewInput {
  ref: JobRef;
  job: AnyRestoreJob;
  now: Date;
  /** When the document was fetched from Atlas. */
  fetchedAt: Date;
  labels: JobLabels;
  format: ViewFormat;
  /** The user chose to see the legacy `authValue`. */
  revealAuthValue?: boolean;
  canOpenInAtlas?: boolean;
}

/** Replaces `authValue`; the same length every time so the mask tells nothing about the value. */
export const AUTH_VALUE_MASK = '••••••••••••';

/**
 * Names of the job vocabulary. The extension passes the ones the tree uses (src/ui/labels.ts), so
 * the panel and the tree say the same words.
 */
export interface JobLabels {
  status(status: JobStatus): string;
  deliveryKind(kind: DeliveryKind): string;
  family(family: RestoreJobFamily): string;
}

function legacyDeliveryStatusLabel(status: string): string {
  switch (status) {
    case 'NOT_STARTED':
      return l10n.t('Not started');
    case 'IN_PROGRESS':
      return l10n.t('In progress');
    case 'READY':
      return l10n.t('Ready');
    case 'FAILED':
      return l10n.t('Failed');
    case 'INTERRUPTED':
      return l10n.t('Interrupted');
    case 'EXPIRED':
      return l10n.t('Expired');
    case 'MAX_DOWNLOADS_EXCEEDED':
      return l10n.t('Download limit reached');
    case 'PENDING':
      return l10n.t('Pending');
    default:
      return status;
  }
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "3 h", "45 min", "2 d": the coarsest unit that still reads precisely enough for a link's life. */
export function durationLabel(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < 90 * MINUTE) return l10n.t('{0} min', Math.max(1, Math.floor(abs / MINUTE)));
  if (abs < 48 * HOUR) return l10n.t('{0} h', Math.floor(abs / HOUR));
  return l10n.t('{0} d', Math.floor(abs / DAY));
}

/** "in 3 h" or "expired 2 d ago", relative to `now`. */
export function relativeExpiry(expiresAt: Date, now: Date): { text: string; expired: boolean } {
  const ms = expiresAt.getTime() - now.getTime();
  if (ms > 0) {
    return { text: ms < MINUTE ? l10n.t('in less than a minute') : l10n.t('in {0}', durationLabel(ms)), expired: false };
  }
  return { text: -ms < MINUTE ? l10n.t('expired just now') : l10n.t('expired {0} ago', durationLabel(ms)), expired: true };
}

/**
 * A deep copy of the document with every `authValue` masked, for display, copy and the JSON editor.
 * The value is masked wherever it occurs, not only in its own field: the deprecated legacy `url`
 * can carry the same key in its query string.
 */
export function maskedDocument(job: AnyRestoreJob['job'], reveal = false): unknown {
  const secrets = new Set<string>();
  const collect = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(collect);
    else if (typeof value === 'object' && value !== null) {
      for (const [k, v] of Object.entries(value)) {
        if (k === 'authValue' && typeof v === 'string' && v.length > 0) secrets.add(v);
        else collect(v);
      }
    }
  };
  if (!reveal) collect(job);
  const mask = (text: string): string => {
    let out = text;
    for (const secret of secrets) out = out.split(secret).join(AUTH_VALUE_MASK);
    return out;
  };
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') return secrets.size ? mask(value) : value;
    if (Array.isArray(value)) return value.map(walk);
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
    }
    return value;
  };
  return walk(job);
}

export function jobJson(job: AnyRestoreJob['job'], reveal = false): string {
  return JSON.stringify(maskedDocument(job, reveal), null, 2);
}

function linkSource(link: DeliveryLink, index: number): string {
  switch (link.source) {
    case 'urlV2':
      return 'delivery.urlV2';
    case 'url':
      return 'delivery.url';
    case 'deliveryUrl':
      return `deliveryUrl[${index}]`;
    case 'componentDownloadUrl':
      return 'components[].downloadUrl';
    case 'privateDeliveryUrl':
      return 'privateDownloadDeliveryUrls[].deliveryUrl';
    case 'snapshotUrl':
      return 'snapshotUrl';
  }
}

function dateRow(label: string, date: Date | undefined, format: ViewFormat): FactRow | undefined {
  return date ? { label, value: format.dateTime(date), iso: date.toISOString() } : undefined;
}

function present<T>(rows: Array<T | undefined | null | false | ''>): T[] {
  return rows.filter((r): r is T => Boolean(r));
}

function summaryRows(input: ViewInput, facts: JobFacts): FactRow[] {
  const { ref, job, labels, format } = input;
  const projectName = (id: string | undefined): string | undefined => {
    if (!id) return undefined;
    return id === ref.groupId && ref.projectName ? l10n.t('{0} ({1})', ref.projectName, id) : id;
  };
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
        ? l10n.t('{0} ({1})', labels.deliveryKind(facts.deliveryKind), facts.atlasDeliveryKind)
        : labels.deliveryKind(facts.deliveryKind),
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

function linkView(link: DeliveryLink, index: number, isPrivate: boolean): LinkView {
  const view: LinkView = {
    index,
    name: link.name,
    url: link.url,
    source: linkSource(link, index),
    copyLabel: isPrivate ? l10n.t('Copy private URL of {0}', link.name) : l10n.t('Copy URL of {0}', link.name),
  };
  if (link.endpointId) view.endpointId = link.endpointId;
  if (link.authHeader) view.commandLabel = l10n.t('Copy a curl command that downloads {0} with the auth header', link.name);
  return view;
}

function emptyReason(facts: JobFacts, labels: JobLabels): string | undefined {
  if (facts.delivery.links.length > 0 || facts.delivery.privateLinks.length > 0) return undefined;
  switch (facts.status) {
    case 'failed':
    case 'broken':
    case 'killed':
    case 'cancelled':
      return l10n.t('This job ended without a download ({0}).', labels.status(facts.status));
    case 'expired':
      return l10n.t('The download has expired; Atlas no longer lists its links.');
  }
  switch (facts.deliveryKind) {
    case 'automatedRestore':
    case 'pointInTime':
    case 'restore':
      return l10n.t('This job restores into a cluster, so there is nothing to download.');
    case 'scp':
    case 'clientPitScp':
      return l10n.t('Atlas delivers this restore over SCP; there is no download link.');
    case 'query':
    case 'thirdPartyCopy':
      return l10n.t('This delivery method has no download link.');
  }
  return isSettled(facts.status)
    ? l10n.t('Atlas lists no download link for this job.')
    : l10n.t('The download link appears when the job has finished.');
}

function deliveryView(input: ViewInput, facts: JobFacts): DeliveryView {
  const { format, now } = input;
  const d = facts.delivery;
  const rows: FactRow[] = [];
  if (d.expiresAt) {
    const rel = relativeExpiry(d.expiresAt, now);
    rows.push({
      label: rel.expired ? l10n.t('Expired') : l10n.t('Expires'),
      value: l10n.t('{0} ({1})', format.dateTime(d.expiresAt), rel.text),
      iso: d.expiresAt.toISOString(),
      tone: rel.expired ? 'error' : d.expiresAt.getTime() - now.getTime() < HOUR ? 'warning' : undefined,
    });
  }
  if (d.maxDownloads !== undefined) rows.push({ label: l10n.t('Downloads allowed'), value: String(d.maxDownloads) });
  if (d.deliveryStatus) {
    const bad = d.deliveryStatus === 'FAILED' || d.deliveryStatus === 'EXPIRED' || d.deliveryStatus === 'MAX_DOWNLOADS_EXCEEDED';
    rows.push({
      label: l10n.t('Delivery status'),
      value: l10n.t('{0} ({1})', legacyDeliveryStatusLabel(d.deliveryStatus), d.deliveryStatus),
      tone: bad ? 'error' : d.deliveryStatus === 'READY' ? 'success' : undefined,
    });
  }
  if (d.expirationHours !== undefined) {
    rows.push({ label: l10n.t('Link lifetime'), value: l10n.t('{0} h', d.expirationHours) });
  }

  const view: DeliveryView = {
    links: d.links.map((l, i) => linkView(l, i, false)),
    privateLinks: d.privateLinks.map((l, i) => linkView(l, i, true)),
    facts: rows,
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
  const reason = emptyReason(facts, input.labels);
  if (reason) view.emptyReason = reason;
  return view;
}

function hashViews(facts: JobFacts): HashView[] {
  return facts.hashes.map((h, index) => ({
    index,
    fileName: h.fileName ?? '',
    typeName: h.typeName ?? '',
    hash: h.hash ?? '',
    copyLabel: l10n.t('Copy hash of {0}', h.fileName ?? String(index + 1)),
  }));
}

export function buildJobDetailsView(input: ViewInput): JobDetailsView {
  const { ref, job, labels, format } = input;
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
    familyLabel: labels.family(job.family),
    status: {
      key: facts.status,
      label: labels.status(facts.status),
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

export function pageStrings(): PageStrings {
  return {
    loading: l10n.t('Loading the restore job…'),
    refresh: l10n.t('Refresh'),
    refreshing: l10n.t('Refreshing…'),
    openInAtlas: l10n.t('Open in Atlas'),
    retry: l10n.t('Retry'),
    errorTitle: l10n.t('Could not load the restore job'),
    summary: l10n.t('Summary'),
    delivery: l10n.t('Delivery'),
    downloadLinks: l10n.t('Download links'),
    privateLinks: l10n.t('Private endpoint links'),
    privateLinksHint: l10n.t('These work only from inside the VPC of the private endpoint.'),
    authHeader: l10n.t('Auth header'),
    copy: l10n.t('Copy'),
    copyAll: l10n.t('Copy all'),
    copyAllLabel: l10n.t('Copy all download links, one a line'),
    copyCommand: l10n.t('Copy curl'),
    copied: l10n.t('Copied'),
    hashes: l10n.t('File hashes'),
    hashFile: l10n.t('File'),
    hashType: l10n.t('Type'),
    hashValue: l10n.t('Hash'),
    json: l10n.t('Job document'),
    copyJson: l10n.t('Copy JSON'),
    openJson: l10n.t('Open as JSON document'),
    jobActions: l10n.t('Job actions'),
  };
}
