/**
 * What copying part of a restore job puts on the clipboard, and the sentence that says so. The
 * Copy Delivery URL command and the details panel's copy buttons both use these, so a link, the curl
 * command and "all links" read the same wherever they are copied from. Pure, and translated through
 * `@vscode/l10n`, so it is unit-tested in plain Node.
 */
import * as l10n from '@vscode/l10n';
import type { AnyRestoreJob, RestoreJobFileHash } from '../atlas/types';
import { formatRelative, shortId } from '../format/time';
import { downloadCommand, type DeliveryInfo, type DeliveryLink } from './delivery';
import { hasAuthValue, jobJson } from './masking';

export interface CopyText {
  /** Links, commands and the auth header are sensitive: never log it. */
  text: string;
  /** A sentence for a notification, the status bar or a screen reader; never holds a secret. */
  description: string;
  /** Whether what was copied is a link that no longer works. */
  expired?: boolean;
}

/** What a sentence about a copied link says besides the link: whose it is and how long it lasts. */
export interface LinkCopyContext {
  jobId: string;
  delivery: DeliveryInfo;
  now: Date;
  /** An absolute date and time as the user reads them (setting `timeZone`). */
  dateTime(date: Date): string;
}

function expirySentence({ delivery, now, dateTime }: LinkCopyContext): string {
  const { expiresAt } = delivery;
  if (!expiresAt) return delivery.expired ? l10n.t('It no longer works.') : l10n.t('Atlas does not say when it expires.');
  const when = formatRelative(expiresAt, now);
  return expiresAt.getTime() <= now.getTime()
    ? l10n.t('It expired {0} ({1}).', when, dateTime(expiresAt))
    : l10n.t('It expires {0} ({1}).', when, dateTime(expiresAt));
}

export function copyLink(ctx: LinkCopyContext, link: DeliveryLink): CopyText {
  const { maxDownloads } = ctx.delivery;
  const downloads = maxDownloads !== undefined ? ` ${l10n.t('Atlas allows {0} downloads.', maxDownloads)}` : '';
  return {
    text: link.url,
    description: `${l10n.t('Copied the download URL of restore job {0} ({1}).', shortId(ctx.jobId), link.name)} ${expirySentence(ctx)}${downloads}`,
    expired: ctx.delivery.expired,
  };
}

/** One URL a line, so the text pastes straight into a download script. */
export function copyAllLinks(ctx: LinkCopyContext, links: readonly DeliveryLink[]): CopyText {
  return {
    text: links.map((l) => l.url).join('\n'),
    description: `${l10n.t('Copied {0} download URLs of restore job {1}, one per line.', links.length, shortId(ctx.jobId))} ${expirySentence(ctx)}`,
    expired: ctx.delivery.expired,
  };
}

export function copyDownloadCommand(ctx: LinkCopyContext, link: DeliveryLink): CopyText {
  const copied = link.authHeader
    ? l10n.t('Copied a curl command that downloads {0} with its {1} header.', link.name, link.authHeader.name)
    : l10n.t('Copied a curl command that downloads {0}.', link.name);
  return { text: downloadCommand(link), description: `${copied} ${expirySentence(ctx)}`, expired: ctx.delivery.expired };
}

export function copyAuthHeader(header: { name: string; value: string }): CopyText {
  return { text: `${header.name}: ${header.value}`, description: l10n.t('Copied the auth header {0}.', header.name) };
}

export function copyHash(hash: RestoreJobFileHash): CopyText | undefined {
  return hash.hash ? { text: hash.hash, description: l10n.t('Copied the hash of {0}.', hash.fileName ?? '') } : undefined;
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
