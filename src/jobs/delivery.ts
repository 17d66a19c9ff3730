import type { AnyRestoreJob, CloudBackupRestoreJob, LegacyRestoreJob } from '../atlas/types';
import { parseDate } from '../format/time';

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
  /** A short name a person can tell the links apart by: replica set, or the file name in the URL. */
  name: string;
  replicaSetName?: string;
  /** AWS PrivateLink endpoint id for private download URLs. */
  endpointId?: string;
  /** Legacy `urlV2` only answers when this header is sent. `value` is sensitive. */
  authHeader?: { name: string; value: string };
}

export interface DeliveryInfo {
  /** The links a person copies, in the order Atlas lists them. Empty when nothing downloads. */
  links: DeliveryLink[];
  /** Private-endpoint variants of the links, shown apart because they only work inside the VPC. */
  privateLinks: DeliveryLink[];
  expiresAt?: Date;
  expired: boolean;
  /** Legacy only: how many downloads the link allows in all. */
  maxDownloads?: number;
  /** Legacy only: Atlas's own delivery state (READY, EXPIRED, MAX_DOWNLOADS_EXCEEDED, …). */
  deliveryStatus?: string;
  expirationHours?: number;
}

/** The last path segment, so `…/restore-abc-shard0.tar.gz?X-Amz-Signature=…` reads as its file name. */
export function fileNameOfUrl(url: string): string {
  try {
    const segments = new URL(url).pathname.split('/').filter(Boolean);
    const last = segments.at(-1);
    return last ? decodeURIComponent(last) : url;
  } catch {
    return '';
  }
}

function legacyDelivery(job: LegacyRestoreJob, now: Date): DeliveryInfo {
  const d = job.delivery;
  const links: DeliveryLink[] = [];
  // urlV2 is what Atlas recommends; the deprecated url embeds its key and is the fallback.
  const url = d.urlV2 ?? d.url;
  if (url) {
    const link: DeliveryLink = { url, source: d.urlV2 ? 'urlV2' : 'url', name: fileNameOfUrl(url) || 'download' };
    if (d.urlV2 && d.authHeader && d.authValue) {
      link.authHeader = { name: d.authHeader, value: d.authValue };
    }
    links.push(link);
  }
  const expiresAt = parseDate(d.expires);
  const exhausted = d.statusName === 'EXPIRED' || d.statusName === 'MAX_DOWNLOADS_EXCEEDED';
  return {
    links,
    privateLinks: [],
    expiresAt,
    expired: exhausted || (expiresAt !== undefined && expiresAt.getTime() <= now.getTime()),
    maxDownloads: d.maxDownloads,
    deliveryStatus: d.statusName,
    expirationHours: d.expirationHours,
  };
}

function cloudLinks(job: Pick<CloudBackupRestoreJob, 'deliveryUrl' | 'components' | 'privateDownloadDeliveryUrls'>): {
  links: DeliveryLink[];
  privateLinks: DeliveryLink[];
} {
  const byUrl = new Map<string, string>();
  for (const c of job.components ?? []) {
    if (c.downloadUrl && c.replicaSetName) byUrl.set(c.downloadUrl, c.replicaSetName);
  }
  const links: DeliveryLink[] = (job.deliveryUrl ?? []).map((url) => {
    const replicaSetName = byUrl.get(url);
    return { url, source: 'deliveryUrl', name: replicaSetName ?? (fileNameOfUrl(url) || 'download'), replicaSetName };
  });
  // A sharded restore may list per-replica-set URLs only under components.
  const listed = new Set(links.map((l) => l.url));
  for (const c of job.components ?? []) {
    if (c.downloadUrl && !listed.has(c.downloadUrl)) {
      links.push({
        url: c.downloadUrl,
        source: 'componentDownloadUrl',
        name: c.replicaSetName ?? (fileNameOfUrl(c.downloadUrl) || 'download'),
        replicaSetName: c.replicaSetName,
      });
    }
  }
  const privateLinks: DeliveryLink[] = [];
  for (const p of job.privateDownloadDeliveryUrls ?? []) {
    if (p.deliveryUrl) {
      privateLinks.push({ url: p.deliveryUrl, source: 'privateDeliveryUrl', name: fileNameOfUrl(p.deliveryUrl) || 'download', endpointId: p.endpointId });
    }
  }
  for (const c of job.components ?? []) {
    for (const p of c.privateDownloadDeliveryUrls ?? []) {
      if (p.deliveryUrl) {
        privateLinks.push({
          url: p.deliveryUrl,
          source: 'privateDeliveryUrl',
          name: c.replicaSetName ?? (fileNameOfUrl(p.deliveryUrl) || 'download'),
          replicaSetName: c.replicaSetName,
          endpointId: p.endpointId,
        });
      }
    }
  }
  return { links, privateLinks };
}

export function deliveryInfo(item: AnyRestoreJob, now: Date = new Date()): DeliveryInfo {
  switch (item.family) {
    case 'legacy':
      return legacyDelivery(item.job, now);
    case 'cloudBackup':
    case 'serverless': {
      const job = item.job;
      const { links, privateLinks } = cloudLinks(job);
      const expiresAt = parseDate(job.expiresAt);
      return {
        links,
        privateLinks,
        expiresAt,
        expired: job.expired === true || (expiresAt !== undefined && expiresAt.getTime() <= now.getTime()),
      };
    }
    case 'flex': {
      const job = item.job;
      const expiresAt = parseDate(job.expirationDate);
      const links: DeliveryLink[] = job.snapshotUrl
        ? [{ url: job.snapshotUrl, source: 'snapshotUrl', name: fileNameOfUrl(job.snapshotUrl) || 'snapshot' }]
        : [];
      return {
        links,
        privateLinks: [],
        expiresAt,
        expired: expiresAt !== undefined && expiresAt.getTime() <= now.getTime(),
      };
    }
  }
}

/** Single-quotes a value for a POSIX shell, so a URL's `&` and `?` survive pasting. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** A ready-to-run download command; for legacy `urlV2` it sends the verification header. */
export function downloadCommand(link: DeliveryLink): string {
  const output = link.name && link.name !== 'download' ? link.name : 'restore.tar.gz';
  const header = link.authHeader ? ` -H ${shellQuote(`${link.authHeader.name}: ${link.authHeader.value}`)}` : '';
  return `curl --fail -L${header} -o ${shellQuote(output)} ${shellQuote(link.url)}`;
}
