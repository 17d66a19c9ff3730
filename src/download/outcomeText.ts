import * as l10n from '@vscode/l10n';
import { basename } from 'node:path';
import { bytesText, exactBytesText } from '../format/bytes';
import type { DownloadError, DownloadResult } from './types';

/** How one planned file ended: a result, an error, or not tried (cancelled before its turn). */
export interface FileOutcome {
  fileName: string;
  result?: DownloadResult;
  error?: DownloadError;
}

export interface OutcomeText {
  level: 'info' | 'warning' | 'error';
  message: string;
  /** Longer facts (both hashes, sizes, paths): shown in a modal's detail and in the log. */
  detail?: string;
}

export interface OutcomeContext {
  folder: string;
  /** Why no hash was checked when Atlas publishes none for the family, e.g. "Atlas publishes no checksums for cloud backup restores." */
  noHashReason: string;
  /** The user pressed Cancel. */
  cancelled: boolean;
}

function sizeOf(r: DownloadResult): string {
  return `${bytesText(r.bytes)}, ${exactBytesText(r.bytes)}`;
}

function mismatchDetail(o: FileOutcome): string {
  const r = o.result!;
  return l10n.t('{0}\n  expected (Atlas): {1}\n  downloaded:       {2}\n  kept as {3} ({4})', o.fileName, r.expectedSha1 ?? '', r.sha1, r.path, sizeOf(r));
}

function failedLine(o: FileOutcome): string {
  return `${o.fileName}: ${o.error!.message}`;
}

/** One file: the sentence says everything, so the toast alone is enough. */
function single(o: FileOutcome, ctx: OutcomeContext): OutcomeText {
  if (o.error) {
    if (o.error.kind === 'cancelled') return { level: 'info', message: o.error.message };
    return { level: 'error', message: o.error.message };
  }
  const r = o.result!;
  switch (r.verified) {
    case 'match':
      return {
        level: 'info',
        message: l10n.t('{0} downloaded to {1} and verified: its SHA-1 matches the hash Atlas published ({2}).', o.fileName, ctx.folder, bytesText(r.bytes)),
        detail: `SHA-1 ${r.sha1}`,
      };
    case 'mismatch':
      return {
        level: 'error',
        message: l10n.t('SHA-1 MISMATCH: {0} is not the file Atlas published. It is kept as {1}; do not restore from it.', o.fileName, basename(r.path)),
        detail: mismatchDetail(o),
      };
    case 'no hash':
      return {
        level: 'info',
        message: l10n.t('{0} downloaded to {1} ({2}). {3}', o.fileName, ctx.folder, sizeOf(r), ctx.noHashReason),
        detail: `SHA-1 ${r.sha1}`,
      };
  }
}

/**
 * What the user is told when a download ends: verified, a loud mismatch with both values, no hash to
 * check against (and the size instead), what failed, or what a cancel kept on disk.
 */
export function outcomeText(outcomes: readonly FileOutcome[], ctx: OutcomeContext): OutcomeText {
  if (outcomes.length === 1 && (outcomes[0]!.result || outcomes[0]!.error)) return single(outcomes[0]!, ctx);
  const done = outcomes.filter((o) => o.result);
  const mismatched = done.filter((o) => o.result!.verified === 'mismatch');
  const verified = done.filter((o) => o.result!.verified === 'match').length;
  const unhashed = done.filter((o) => o.result!.verified === 'no hash');
  const failed = outcomes.filter((o) => o.error && o.error.kind !== 'cancelled');
  const kept = outcomes.filter((o) => o.error?.keptPath);
  const notTried = outcomes.filter((o) => !o.result && !o.error).length;

  const parts = [l10n.t('{0} of {1} files downloaded to {2}', done.length, outcomes.length, ctx.folder)];
  if (verified) parts.push(l10n.t('{0} verified by SHA-1', verified));
  if (unhashed.length) parts.push(l10n.t('{0} with no published hash ({1})', unhashed.length, bytesText(unhashed.reduce((n, o) => n + o.result!.bytes, 0))));
  const lines: string[] = [];
  let level: OutcomeText['level'] = 'info';
  let head = '';
  if (mismatched.length) {
    level = 'error';
    head = l10n.t('SHA-1 MISMATCH in {0}: not the files Atlas published, kept as .mismatch. ', mismatched.map((o) => o.fileName).join(', '));
    lines.push(...mismatched.map(mismatchDetail));
  }
  if (failed.length) {
    level = 'error';
    parts.push(l10n.t('{0} failed', failed.length));
    lines.push(...failed.map(failedLine));
  }
  if (ctx.cancelled) {
    if (level === 'info') level = 'warning';
    parts.push(l10n.t('cancelled with {0} not started', notTried));
  }
  if (kept.length) lines.push(...kept.map((o) => l10n.t('kept for resuming: {0}', o.error!.keptPath!)));
  if (unhashed.length && !verified) lines.push(ctx.noHashReason);
  const message = `${head}${parts.join('; ')}.`;
  return lines.length ? { level, message, detail: lines.join('\n') } : { level, message };
}
