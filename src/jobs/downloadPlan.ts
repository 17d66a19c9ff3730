import * as l10n from '@vscode/l10n';
import type { JobFacts } from './facts';
import type { DeliveryLink } from './delivery';
import { fileNameOfUrl, safeFileName } from './links';

/** One file to fetch: where from, what to call it on disk, and the SHA-1 Atlas published for it. */
export interface PlannedFile {
  jobId: string;
  link: DeliveryLink;
  /** Safe to join to a folder: no directory part, unique within its plan. */
  fileName: string;
  /** Lower-case hex SHA-1 from the job's `hashes` entry of the same file name (legacy only). */
  expectedSha1?: string;
  /** How messages name it: replica set, else the file name. */
  label: string;
  /** A PrivateLink URL: only answers inside the endpoint's VPC. */
  viaPrivateEndpoint: boolean;
}

/** Why a job's files are not fetched at all, in words a person can act on. */
export type Blocked = { reason: 'expired' | 'noLink'; message: string };

export interface JobDownloads {
  files: PlannedFile[];
  blocked?: Blocked;
  /** Legacy: how many downloads the link allows in all; each download uses one. */
  maxDownloads?: number;
  /** Whether Atlas publishes checksums for this family at all (legacy does; cloud backup, serverless and flex do not). */
  publishesHashes: boolean;
  /** Jobs of a batch that are left out, and why; the others still download. */
  skipped?: Blocked[];
}

const SHA1 = /^[0-9a-f]{40}$/i;

/** The SHA-1 of the `hashes` entry named `fileName`, when there is exactly one usable such entry. */
function hashFor(facts: JobFacts, fileName: string): string | undefined {
  const found = facts.hashes.filter((h) => h.fileName === fileName && (h.typeName === undefined || /^sha-?1$/i.test(h.typeName)) && h.hash && SHA1.test(h.hash));
  const values = new Set(found.map((h) => h.hash!.toLowerCase()));
  return values.size === 1 ? [...values][0] : undefined;
}

function fileNameOf(link: DeliveryLink, facts: JobFacts): string {
  const fromUrl = fileNameOfUrl(link.url);
  const fallback = `${facts.clusterName ?? 'restore'}-${facts.id || 'job'}.tar.gz`;
  return safeFileName(fromUrl, safeFileName(fallback));
}

/** Two links named alike (the same file name in different folders of a bucket) get their replica set, then a number, in front. */
function uniqueNames(files: PlannedFile[], taken: Set<string>): void {
  for (const f of files) {
    let name = f.fileName;
    if (taken.has(name) && f.link.replicaSetName) name = safeFileName(`${f.link.replicaSetName}-${f.fileName}`);
    for (let n = 2; taken.has(name); n++) name = safeFileName(`${n}-${f.fileName}`);
    f.fileName = name;
    taken.add(name);
  }
}

/**
 * What downloading a job means: its public links (or, when it has none, its private-endpoint ones),
 * each with a file name and the SHA-1 to check it against. `which` picks one link by its index.
 * An expired link is not planned: Atlas would refuse it.
 */
export function jobDownloads(facts: JobFacts, which?: number, taken = new Set<string>()): JobDownloads {
  const d = facts.delivery;
  const publishesHashes = facts.family === 'legacy';
  const base = { publishesHashes, ...(d.maxDownloads !== undefined ? { maxDownloads: d.maxDownloads } : {}) };
  const viaPrivateEndpoint = d.links.length === 0;
  const links = viaPrivateEndpoint ? d.privateLinks : d.links;
  const chosen = which === undefined ? links : links.slice(which, which + 1);
  if (chosen.length === 0) {
    return { ...base, files: [], blocked: { reason: 'noLink', message: l10n.t('Restore job {0} has no download link.', facts.id || '?') } };
  }
  if (d.expired) return { ...base, files: [], blocked: { reason: 'expired', message: expiredText(facts) } };
  const files = chosen.map((link): PlannedFile => {
    const raw = fileNameOfUrl(link.url);
    const expectedSha1 = publishesHashes ? hashFor(facts, raw) : undefined;
    return {
      jobId: facts.id,
      link,
      fileName: fileNameOf(link, facts),
      ...(expectedSha1 ? { expectedSha1 } : {}),
      label: link.replicaSetName ?? (raw || link.name),
      viaPrivateEndpoint,
    };
  });
  uniqueNames(files, taken);
  return { ...base, files };
}

function expiredText(facts: JobFacts): string {
  const d = facts.delivery;
  if (d.deliveryStatus === 'MAX_DOWNLOADS_EXCEEDED') {
    return l10n.t('The download link of restore job {0} was downloaded as often as Atlas allows, so Atlas would refuse it.', facts.id);
  }
  return l10n.t('The download link of restore job {0} has expired, so Atlas would refuse it.', facts.id);
}

/** The files of several jobs (a sharded batch): one plan, file names unique across it, the first blocking reason kept. */
export function batchDownloads(jobs: readonly JobFacts[]): JobDownloads {
  const taken = new Set<string>();
  const plans = jobs.map((f) => jobDownloads(f, undefined, taken));
  const files = plans.flatMap((p) => p.files);
  const blocks = plans.flatMap((p) => (p.blocked ? [p.blocked] : []));
  const limits = plans.flatMap((p) => (p.maxDownloads !== undefined ? [p.maxDownloads] : []));
  const base = { files, publishesHashes: plans.some((p) => p.publishesHashes), ...(limits.length ? { maxDownloads: Math.min(...limits) } : {}) };
  // Part of a batch without a usable link still lets the rest download; only nothing at all blocks it.
  if (files.length > 0) return blocks.length ? { ...base, skipped: blocks } : base;
  const blocked = blocks.find((b) => b.reason === 'expired') ?? blocks[0];
  return blocked ? { ...base, blocked } : { ...base, blocked: { reason: 'noLink', message: l10n.t('This restore has no download link.') } };
}
