/**
 * What a copy button puts on the clipboard. Resolved on the extension side from the job the
 * extension fetched itself, so the page only names a target and never supplies the text.
 */
import * as l10n from '@vscode/l10n';
import type { AnyRestoreJob } from '../atlas/types';
import { downloadCommand } from '../jobs/delivery';
import { jobFacts } from '../jobs/facts';
import type { JobRef } from '../jobs/jobRef';
import { jobJson, relativeExpiry } from './jobDetailsView';
import type { CopyTarget } from './protocol';

export interface CopyResult {
  /** Sensitive for links, commands and the auth header: never log it. */
  text: string;
  /** A short sentence for the status bar and for screen readers. */
  description: string;
  /** Whether what was copied is a link that no longer works. */
  expired?: boolean;
}

export function resolveCopy(
  target: CopyTarget,
  ref: JobRef,
  job: AnyRestoreJob,
  options: { now: Date; revealAuthValue?: boolean },
): CopyResult | undefined {
  const { now } = options;
  const facts = jobFacts(job, now);
  const d = facts.delivery;
  const expiry = (): string => {
    if (d.expired && !d.expiresAt) return l10n.t(' It no longer works.');
    if (!d.expiresAt) return '';
    const rel = relativeExpiry(d.expiresAt, now);
    return rel.expired ? l10n.t(' It has expired ({0}).', rel.text) : l10n.t(' It expires {0}.', rel.text);
  };
  switch (target.kind) {
    case 'link': {
      const link = (target.private ? d.privateLinks : d.links)[target.index];
      if (!link) return undefined;
      return {
        text: link.url,
        description: l10n.t('Copied the download URL of {0}.', link.name) + expiry(),
        expired: d.expired,
      };
    }
    case 'allLinks': {
      if (d.links.length === 0) return undefined;
      return {
        text: d.links.map((l) => l.url).join('\n'),
        description: l10n.t('Copied {0} download URLs, one a line.', d.links.length) + expiry(),
        expired: d.expired,
      };
    }
    case 'downloadCommand': {
      const link = d.links[target.index];
      if (!link) return undefined;
      return {
        text: downloadCommand(link),
        description: link.authHeader
          ? l10n.t('Copied a curl command that downloads {0} with its auth header.', link.name) + expiry()
          : l10n.t('Copied a curl command that downloads {0}.', link.name) + expiry(),
        expired: d.expired,
      };
    }
    case 'authHeader': {
      const header = d.links.find((l) => l.authHeader)?.authHeader;
      if (!header) return undefined;
      return { text: `${header.name}: ${header.value}`, description: l10n.t('Copied the auth header {0}.', header.name) };
    }
    case 'hash': {
      const hash = facts.hashes[target.index];
      if (!hash?.hash) return undefined;
      return { text: hash.hash, description: l10n.t('Copied the hash of {0}.', hash.fileName ?? '') };
    }
    case 'json': {
      const masked = job.family === 'legacy' && Boolean(job.job.delivery.authValue) && options.revealAuthValue !== true;
      return {
        text: jobJson(job.job, options.revealAuthValue === true),
        description: masked ? l10n.t('Copied the job document, with the auth value masked.') : l10n.t('Copied the job document.'),
      };
    }
    case 'jobId':
      return { text: facts.id || ref.jobId, description: l10n.t('Copied the job id.') };
    case 'snapshotId':
      return facts.snapshotId ? { text: facts.snapshotId, description: l10n.t('Copied the snapshot id.') } : undefined;
  }
}
