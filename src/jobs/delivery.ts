import * as l10n from '@vscode/l10n';
import type { AnyRestoreJob } from '../atlas/types';
import { parseDate } from '../format/time';
import { fileNameOfLink, linkProblem, safeFileName } from './links';
import { readBoolean, readNumber, readObject, readObjects, readRaw, readString, type Fields } from './read';

export { fileNameOfUrl } from './links';

/** Where a copyable URL came from in the job document. */
export type DeliveryLinkSource =
  | 'urlV2'
  | 'url'
  | 'deliveryUrl'
  | 'componentDownloadUrl'
  | 'privateDeliveryUrl'
  | 'snapshotUrl';

/** One download address of a restore job. `url` is signed: never log it. */
export interface DeliveryLink {
  url: string;
  source: DeliveryLinkSource;
  /** Where in the document it is, e.g. `deliveryUrl[2]` or `components[0].downloadUrl`. */
  path?: string;
  /** A short name a person can tell the links apart by: replica set, or the file name in the URL. */
  name: string;
  replicaSetName?: string;
  /** AWS PrivateLink endpoint id for private download URLs. */
  endpointId?: string;
  /** Legacy `urlV2` only answers when this header is sent. `value` is sensitive. */
  authHeader?: { name: string; value: string };
}

/** A value where a link belongs that is no usable link: shown as text with the reason, never offered. */
export interface InvalidLink {
  source: DeliveryLinkSource;
  path: string;
  /** As Atlas sent it (may be signed: never log it). */
  value: string;
  reason: string;
}

export interface DeliveryInfo {
  /** The links a person copies, each once, in the order Atlas lists them. Empty when nothing downloads. */
  links: DeliveryLink[];
  /** Private-endpoint variants of the links, each once, shown apart because they only work inside the VPC. */
  privateLinks: DeliveryLink[];
  /** Values where a link belongs that are not usable links. */
  invalid: InvalidLink[];
  expiresAt?: Date;
  expired: boolean;
  /** Legacy only: how many downloads the link allows in all. */
  maxDownloads?: number;
  /** Legacy only: Atlas's own delivery state (READY, EXPIRED, MAX_DOWNLOADS_EXCEEDED, …). */
  deliveryStatus?: string;
  expirationHours?: number;
}

/** How many links a job has, counted the same in the tooltip, the copy command and the panel. */
export function linkCount(delivery: DeliveryInfo): { public: number; private: number } {
  return { public: delivery.links.length, private: delivery.privateLinks.length };
}

/** Collects the links of one document, and what stood where a link belongs but is none. */
class Found {
  readonly invalid: InvalidLink[] = [];

  /** `value` when it is a usable link; undefined when absent; otherwise noted as invalid. */
  link(value: unknown, source: DeliveryLinkSource, path: string): string | undefined {
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value !== 'string') {
      this.invalid.push({ source, path, value: typeof value === 'object' ? JSON.stringify(value) : String(value), reason: l10n.t('not text') });
      return undefined;
    }
    const reason = linkProblem(value);
    if (reason === undefined) return value;
    this.invalid.push({ source, path, value, reason });
    return undefined;
  }
}

/** `url` is a link Found.link accepted. */
function named(url: string, fallback: string): string {
  return fileNameOfLink(url) || fallback;
}

function isExpired(expiresAt: Date | undefined, now: Date): boolean {
  return expiresAt !== undefined && expiresAt.getTime() <= now.getTime();
}

// An HTTP header name is a token, and neither it nor its value may break the request's lines.
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,256}$/;

function usableHeader(d: Fields): { name: string; value: string } | undefined {
  const name = readString(d.authHeader);
  const value = readString(d.authValue);
  if (!name || !value || !HEADER_NAME.test(name) || /[\r\n\0]/.test(value)) return undefined;
  return { name, value };
}

function legacyDelivery(job: Fields, now: Date): DeliveryInfo {
  const d = readObject(job.delivery);
  if (!d) return { links: [], privateLinks: [], invalid: [], expired: false };
  const found = new Found();
  const links: DeliveryLink[] = [];
  // urlV2 is what Atlas recommends, but it only answers with its auth header; without one the
  // deprecated url (which carries its key) is the link that works.
  const urlV2 = found.link(d.urlV2, 'urlV2', 'delivery.urlV2');
  const url = found.link(d.url, 'url', 'delivery.url');
  const header = usableHeader(d);
  if (urlV2 && header) {
    links.push({ url: urlV2, source: 'urlV2', path: 'delivery.urlV2', name: named(urlV2, 'download'), authHeader: header });
  } else if (url) {
    links.push({ url, source: 'url', path: 'delivery.url', name: named(url, 'download') });
  } else if (urlV2) {
    // Listed first, in the document's order: urlV2 comes before url.
    found.invalid.unshift({ source: 'urlV2', path: 'delivery.urlV2', value: urlV2, reason: l10n.t('needs its auth header, which Atlas did not send') });
  }
  const expiresAt = parseDate(d.expires);
  const deliveryStatus = readRaw(d.statusName);
  const exhausted = deliveryStatus === 'EXPIRED' || deliveryStatus === 'MAX_DOWNLOADS_EXCEEDED';
  return {
    links,
    privateLinks: [],
    invalid: found.invalid,
    expiresAt,
    expired: exhausted || isExpired(expiresAt, now),
    maxDownloads: readNumber(d.maxDownloads),
    deliveryStatus,
    expirationHours: readNumber(d.expirationHours),
  };
}

/** Adds a link unless its URL is listed already; then only fills in what the listed one lacks. */
function addOnce(byUrl: Map<string, DeliveryLink>, link: DeliveryLink): void {
  const listed = byUrl.get(link.url);
  if (!listed) {
    byUrl.set(link.url, link);
    return;
  }
  if (!listed.replicaSetName && link.replicaSetName) {
    listed.replicaSetName = link.replicaSetName;
    listed.name = link.replicaSetName;
  }
  if (!listed.endpointId && link.endpointId) listed.endpointId = link.endpointId;
}

function readPrivateLinks(found: Found, list: unknown, pathOf: (i: number) => string, replicaSetName?: string): DeliveryLink[] {
  return readObjects(list).flatMap(({ item, index }) => {
    const path = pathOf(index);
    const url = found.link(item.deliveryUrl, 'privateDeliveryUrl', path);
    if (!url) return [];
    const link: DeliveryLink = { url, source: 'privateDeliveryUrl', path, name: replicaSetName ?? named(url, 'download') };
    if (replicaSetName) link.replicaSetName = replicaSetName;
    const endpointId = readString(item.endpointId);
    if (endpointId) link.endpointId = endpointId;
    return [link];
  });
}

function deliveryUrl(byUrl: Map<string, DeliveryLink>, found: Found, value: unknown, path: string): void {
  const url = found.link(value, 'deliveryUrl', path);
  if (url) addOnce(byUrl, { url, source: 'deliveryUrl', path, name: named(url, 'download') });
}

/**
 * Cloud backup and serverless links: `deliveryUrl`, then per-replica-set URLs that only `components`
 * lists; private-endpoint URLs from the top level and from `components`, merged by URL (a sharded
 * restore lists each in both places) and named by replica set.
 */
function cloudLinks(job: Fields, found: Found): { links: DeliveryLink[]; privateLinks: DeliveryLink[] } {
  const publicByUrl = new Map<string, DeliveryLink>();
  // A lone value where Atlas should send a list is read as a list of one.
  if (Array.isArray(job.deliveryUrl)) {
    job.deliveryUrl.forEach((value: unknown, i) => deliveryUrl(publicByUrl, found, value, `deliveryUrl[${i}]`));
  } else {
    deliveryUrl(publicByUrl, found, job.deliveryUrl, 'deliveryUrl');
  }
  // Most jobs have neither components nor private links: nothing more to read, no second map to build.
  if (job.components === undefined && job.privateDownloadDeliveryUrls === undefined) return { links: [...publicByUrl.values()], privateLinks: [] };
  const components = readObjects(job.components).map(({ item, index }) => ({ c: item, index, replicaSetName: readString(item.replicaSetName) }));
  // A component's URL that deliveryUrl lists already only names that link by its replica set.
  for (const { c, index, replicaSetName } of components) {
    const path = `components[${index}].downloadUrl`;
    const url = found.link(c.downloadUrl, 'componentDownloadUrl', path);
    if (url) addOnce(publicByUrl, { url, source: 'componentDownloadUrl', path, name: replicaSetName ?? named(url, 'download'), ...(replicaSetName ? { replicaSetName } : {}) });
  }
  const privateByUrl = new Map<string, DeliveryLink>();
  for (const link of readPrivateLinks(found, job.privateDownloadDeliveryUrls, (i) => `privateDownloadDeliveryUrls[${i}].deliveryUrl`)) addOnce(privateByUrl, link);
  for (const { c, index, replicaSetName } of components) {
    const pathOf = (i: number) => `components[${index}].privateDownloadDeliveryUrls[${i}].deliveryUrl`;
    for (const link of readPrivateLinks(found, c.privateDownloadDeliveryUrls, pathOf, replicaSetName)) addOnce(privateByUrl, link);
  }
  return { links: [...publicByUrl.values()], privateLinks: [...privateByUrl.values()] };
}

function cloudDelivery(job: Fields, now: Date): DeliveryInfo {
  const found = new Found();
  const { links, privateLinks } = cloudLinks(job, found);
  const expiresAt = parseDate(job.expiresAt);
  return { links, privateLinks, invalid: found.invalid, expiresAt, expired: readBoolean(job.expired) === true || isExpired(expiresAt, now) };
}

function flexDelivery(job: Fields, now: Date): DeliveryInfo {
  const found = new Found();
  const url = found.link(job.snapshotUrl, 'snapshotUrl', 'snapshotUrl');
  const expiresAt = parseDate(job.expirationDate);
  return {
    links: url ? [{ url, source: 'snapshotUrl', path: 'snapshotUrl', name: named(url, 'snapshot') }] : [],
    privateLinks: [],
    invalid: found.invalid,
    expiresAt,
    expired: isExpired(expiresAt, now),
  };
}

export function deliveryInfo(item: AnyRestoreJob, now: Date = new Date()): DeliveryInfo {
  const job = readObject(item.job);
  if (job) {
    switch (item.family) {
      case 'legacy':
        return legacyDelivery(job, now);
      case 'cloudBackup':
      case 'serverless':
        return cloudDelivery(job, now);
      case 'flex':
        return flexDelivery(job, now);
    }
  }
  return { links: [], privateLinks: [], invalid: [], expired: false };
}

/** Single-quotes a value for a POSIX shell, so a URL's `&` and `?` survive pasting. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** A ready-to-run download command; for legacy `urlV2` it sends the verification header. */
export function downloadCommand(link: DeliveryLink): string {
  const output = safeFileName(link.name && link.name !== 'download' ? link.name : '');
  if (link.authHeader) {
    // No -L: curl sends a -H header again to whatever host a redirect names, which would hand the
    // auth value to a host that is not the link's own. urlV2 answers itself; a redirect fails loudly.
    const header = shellQuote(`${link.authHeader.name}: ${link.authHeader.value}`);
    return `curl --fail -H ${header} -o ${shellQuote(output)} ${shellQuote(link.url)}`;
  }
  return `curl --fail -L -o ${shellQuote(output)} ${shellQuote(link.url)}`;
}
