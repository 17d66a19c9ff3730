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
  // Checked for every link of every job a list or a search reads (bench: search suite, per page), so the
  // common case — printable ASCII, https or a literal loopback host — is answered by URL.canParse, at a
  // fifth of `new URL`'s cost. Only for ASCII: Node 20's canParse answers false for some valid URLs with
  // Latin-1 letters once V8 optimizes the call (test/unit/jobs/links.test.ts compares both on random input).
  if (!PRINTABLE_ASCII.test(value)) {
    if (UNSAFE_CHARACTERS.test(value)) return l10n.t('contains spaces or control characters');
  } else if (value.charCodeAt(4) !== COLON || isLoopbackAuthority(value)) {
    return URL.canParse(value) ? undefined : l10n.t('not a web address');
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return l10n.t('not a web address');
  }
  if (url.protocol === 'https:') return undefined;
  return LOOPBACK.has(url.hostname) ? undefined : l10n.t('plain http to another computer');
}

// Anchored and repeated rather than a search for one character outside the range: V8 runs it in a third
// less time on a signed link of 500 characters.
const PRINTABLE_ASCII = /^[!-~]*$/;
const COLON = 58;

/**
 * Whether the authority after `http://` is literally a loopback host, with a port or without: then the
 * parser's hostname is that host, and the link needs no full parse. Anything else (user info, another
 * spelling of the host, a stray slash) goes through `new URL`.
 */
function isLoopbackAuthority(value: string): boolean {
  const authority = value.slice(7, authorityEnd(value, 7));
  if (authority.includes('@')) return false;
  for (const host of LOOPBACK) {
    if (authority === host || (authority.startsWith(host) && authority.charCodeAt(host.length) === COLON)) return true;
  }
  return false;
}

/** Where the authority starting at `from` ends: the first slash, backslash, `?` or `#` (the parser's delimiters for http and https). */
function authorityEnd(value: string, from: number): number {
  for (let i = from; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 47 || c === 92 || c === 63 || c === 35) return i;
  }
  return value.length;
}

/** The last path segment, so `…/restore-abc-shard0.tar.gz?X-Amz-Signature=…` reads as its file name. */
export function fileNameOfUrl(url: string): string {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return '';
  }
  return lastSegment(path);
}

/**
 * fileNameOfUrl of a link linkProblem accepted, mostly without parsing it again: when its path is as the
 * parser keeps it (see plainPath) that text is the path.
 */
export function fileNameOfLink(url: string): string {
  const path = plainPath(url);
  return path === undefined ? fileNameOfUrl(url) : lastSegment(path);
}

/** The last segment of a path that is not empty, percent-decoded where it decodes. */
function lastSegment(path: string): string {
  let end = path.length;
  while (end > 0 && path.charCodeAt(end - 1) === 47) end--;
  const last = path.slice(path.lastIndexOf('/', end - 1) + 1, end);
  if (!last.includes('%')) return last;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/**
 * An http(s) link whose path the parser keeps as written: a host of printable ASCII (the parser drops tabs
 * and line breaks anywhere, which could move where the host starts) ending at the path's first slash, then
 * the path up to `?`, `#` or the end, of printable ASCII without what the parser percent-encodes
 * (`"<>\`{}^|`) or reads as a slash (a backslash). One regular expression: a loop over the characters in
 * JavaScript cost as much as `new URL`.
 */
const PLAIN_PATH = /^[hH][tT][tT][pP][sS]?:\/\/[\x21\x22\x24-\x2e\x30-\x3e\x40-\x5b\x5d-\x7e]+(\/[\x21\x24-\x3b\x3d\x40-\x5b\x5d\x5f\x61-\x7a\x7e]*)(?=[?#]|$)/;

/**
 * The path of a link (see PLAIN_PATH) when it has no `.` or `..` segment, which the parser would resolve:
 * then `new URL(url).pathname` is exactly this text. Otherwise undefined.
 */
function plainPath(url: string): string | undefined {
  const path = PLAIN_PATH.exec(url)?.[1];
  return path === undefined || /%2e|\/\.\.?(?:\/|$)/i.test(path) ? undefined : path;
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
