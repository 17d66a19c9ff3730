/**
 * What a copy button puts on the clipboard. Resolved on the extension side from the job the
 * extension fetched itself, so the page only names a target and never supplies the text.
 */
import type { AnyRestoreJob } from '../atlas/types';
import {
  copyAllLinks,
  copyAuthHeader,
  copyDownloadCommand,
  copyHash,
  copyJobDocument,
  copyJobId,
  copyLink,
  copySnapshotId,
  type CopyText,
  type LinkCopyContext,
} from '../jobs/copyTexts';
import { jobFacts } from '../jobs/facts';
import type { JobRef } from '../jobs/jobRef';
import type { ViewFormat } from './viewInput';
import type { CopyTarget } from './protocol';

export type CopyResult = CopyText;

export interface CopyOptions {
  now: Date;
  /** @deprecated Not read: a copy notification gives the expiry relative to now. Kept so callers compile. */
  format?: ViewFormat;
  revealAuthValue?: boolean;
}

export function resolveCopy(target: CopyTarget, ref: JobRef, job: AnyRestoreJob, options: CopyOptions): CopyResult | undefined {
  const facts = jobFacts(job, options.now);
  const d = facts.delivery;
  const ctx: LinkCopyContext = { delivery: d, now: options.now };
  switch (target.kind) {
    case 'link': {
      const link = (target.private ? d.privateLinks : d.links)[target.index];
      return link && copyLink(ctx, link);
    }
    case 'allLinks':
      return d.links.length > 0 ? copyAllLinks(ctx, d.links) : undefined;
    case 'downloadCommand': {
      const link = d.links[target.index];
      return link && copyDownloadCommand(ctx, link);
    }
    case 'authHeader': {
      const header = d.links.find((l) => l.authHeader)?.authHeader;
      return header && copyAuthHeader(header);
    }
    case 'hash': {
      const hash = facts.hashes[target.index];
      return hash && copyHash(hash);
    }
    case 'json':
      return copyJobDocument(job, options.revealAuthValue === true);
    case 'jobId':
      return copyJobId(facts.id || ref.jobId);
    case 'snapshotId':
      return facts.snapshotId ? copySnapshotId(facts.snapshotId) : undefined;
  }
}
