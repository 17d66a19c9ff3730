import * as l10n from '@vscode/l10n';

/**
 * What counts as a download link: an absolute `https:` address, or `http:` to this computer (a local
 * emulator). Anything else Atlas sends where a link belongs — `javascript:`, a relative path, text
 * with spaces, a number — is no link: it is shown as text with the reason, never offered for copying
 * or opening.
 */
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

// Whitespace and control characters: the URL parser would silently drop or encode them, so the
// address copied would not be the one Atlas signed.
const UNSAFE_CHARACTERS = /[\s\u0000-\u001f\u007f]/;

/** Why `value` is not a usable link, or undefined when it is one. */
export function linkProblem(value: string): string | undefined {
  if (!/^https?:\/\//i.test(value)) {
    return /^[a-z][a-z0-9+.-]*:/i.test(value) ? l10n.t('not an https link') : l10n.t('not a web address');
  }
  if (UNSAFE_CHARACTERS.test(value)) return l10n.t('contains spaces or control characters');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return l10n.t('not a web address');
  }
  if (url.protocol === 'https:') return undefined;
  return LOOPBACK.has(url.hostname) ? undefined : l10n.t('plain http to another computer');
}

/** The last path segment, so `…/restore-abc-shard0.tar.gz?X-Amz-Signature=…` reads as its file name. */
export function fileNameOfUrl(url: string): string {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return '';
  }
  const last = path.split('/').filter(Boolean).at(-1) ?? '';
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/**
 * A file name curl may write to: no directory part (a name decoded from `%2F..%2F` must not climb out
 * of the current directory), no control characters, no leading dot or dash, not too long.
 */
export function safeFileName(name: string, fallback = 'restore.tar.gz'): string {
  const cleaned = name
    .replace(/[/\\\u0000-\u001f\u007f]/g, '_')
    .replace(/^[.\-\s]+/, '')
    .slice(0, 120)
    .trim();
  return cleaned || fallback;
}
