/**
 * What copying part of a restore job puts on the clipboard, and the sentence that says so. The
 * Copy Delivery URL command and the details panel's copy buttons both use these, so a link, the curl
 * command and "all links" read the same wherever they are copied from. Pure, and translated through
 * `@vscode/l10n`, so it is unit-tested in plain Node.
 *
 * A notification is cut off after a line or so, so each sentence starts with what matters: a warning
 * when the link no longer works, else what was copied and how long it lasts.
 */
import * as l10n from '@vscode/l10n';
import type { AnyRestoreJob } from '../atlas/types';
import { expiryText } from '../format/expiry';
import { displayText } from '../format/text';
import { downloadCommand, type DeliveryInfo, type DeliveryLink } from './delivery';
import type { FileHash } from './facts';
import { hasAuthValue, jobJson } from './masking';

export interface CopyText {
  /** Links, commands and the auth header are sensitive: never log it. */
  text: string;
  /** A sentence for a notification, the status bar or a screen reader; never holds a secret. */
  description: string;
  /** Whether what was copied is a link that no longer works. */
  expired?: boolean;
}

/** What a sentence about a copied link says besides the link: how long it lasts. */
export interface LinkCopyContext {
  delivery: DeliveryInfo;
  now: Date;
}

/** A link's name as a notification shows it. */
const nameOf = (link: DeliveryLink) => displayText(link.name, 60);

/** Why the link no longer works, said first: "Link expired 2 days ago", "Download limit reached". */
export function linkWarning(delivery: DeliveryInfo, now: Date): string | undefined {
  if (!delivery.expired) return undefined;
  if (delivery.expiresAt && delivery.expiresAt.getTime() <= now.getTime()) return l10n.t('Link {0}', expiryText(delivery.expiresAt, now));
  if (delivery.deliveryStatus === 'MAX_DOWNLOADS_EXCEEDED') return l10n.t('Download limit reached');
  return l10n.t('Link no longer works');
}

/** "expires in 3 days, downloads allowed: 1": how long a link that works lasts. */
function lifetime({ delivery, now }: LinkCopyContext): string {
  const expiry = delivery.expiresAt ? expiryText(delivery.expiresAt, now) : l10n.t('no expiry given');
  return delivery.maxDownloads !== undefined ? l10n.t('{0}, downloads allowed: {1}', expiry, delivery.maxDownloads) : expiry;
}

export function copyLink(ctx: LinkCopyContext, link: DeliveryLink): CopyText {
  const warning = linkWarning(ctx.delivery, ctx.now);
  return {
    text: link.url,
    description: warning
      ? l10n.t('{0} — copied anyway: link of {1}', warning, nameOf(link))
      : l10n.t('Copied link of {0} ({1})', nameOf(link), lifetime(ctx)),
    expired: ctx.delivery.expired,
  };
}

/** One URL a line, so the text pastes straight into a download script. */
export function copyAllLinks(ctx: LinkCopyContext, links: readonly DeliveryLink[]): CopyText {
  const warning = linkWarning(ctx.delivery, ctx.now);
  return {
    text: links.map((l) => l.url).join('\n'),
    description: warning
      ? l10n.t('{0} — copied anyway: {1} links, one per line', warning, links.length)
      : l10n.t('Copied {0} links, one per line ({1})', links.length, lifetime(ctx)),
    expired: ctx.delivery.expired,
  };
}

export function copyDownloadCommand(ctx: LinkCopyContext, link: DeliveryLink): CopyText {
  const warning = linkWarning(ctx.delivery, ctx.now);
  let description: string;
  if (warning) description = l10n.t('{0} — copied anyway: curl command for {1}', warning, nameOf(link));
  else if (link.authHeader) description = l10n.t('Copied curl command for {0} with its {1} header ({2})', nameOf(link), displayText(link.authHeader.name, 60), lifetime(ctx));
  else description = l10n.t('Copied curl command for {0} ({1})', nameOf(link), lifetime(ctx));
  return { text: downloadCommand(link), description, expired: ctx.delivery.expired };
}

export function copyAuthHeader(header: { name: string; value: string }): CopyText {
  return { text: `${header.name}: ${header.value}`, description: l10n.t('Copied the auth header {0}.', displayText(header.name, 60)) };
}

export function copyHash(hash: FileHash): CopyText | undefined {
  return hash.hash ? { text: hash.hash, description: l10n.t('Copied the hash of {0}.', displayText(hash.fileName ?? '', 60)) } : undefined;
}

/** The document as JSON, `authValue` masked unless the user revealed it; the sentence says which. */
export function copyJobDocument(job: AnyRestoreJob, revealAuthValue: boolean): CopyText {
  const masked = hasAuthValue(job) && !revealAuthValue;
  return {
    text: jobJson(job.job, revealAuthValue),
    description: masked ? l10n.t('Copied the job document, with the auth value masked.') : l10n.t('Copied the job document.'),
  };
}

export function copyJobId(id: string): CopyText {
  return { text: id, description: l10n.t('Copied the job id.') };
}

export function copySnapshotId(id: string): CopyText {
  return { text: id, description: l10n.t('Copied the snapshot id.') };
}
