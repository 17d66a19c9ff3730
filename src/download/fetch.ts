import * as l10n from '@vscode/l10n';
import type { NetworkOptions } from '../atlas/network';
import { httpGet, type GetResponse } from './httpGet';
import { parseTarget } from './target';
import { DownloadError } from './types';

/*
 * Not the project's axios: a download must stream to disk with backpressure, resume with `Range`, and
 * follow redirects one hop at a time so that the auth header is dropped the moment a redirect leaves the
 * link's own origin. axios follows redirects inside follow-redirects, whose header-stripping rules we
 * would have to trust and could not test hop by hop. httpGet says why not node:http either.
 */

export const MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export interface Opened {
  response: GetResponse;
  /** Where the response came from after redirects. */
  url: URL;
}

export interface OpenOptions {
  headers: Record<string, string>;
  authHeader?: { name: string; value: string };
  signal?: AbortSignal;
  idleTimeoutMs: number;
  fileName: string;
  network?: NetworkOptions;
}

/**
 * GETs `start`, following up to five redirects itself. The auth header goes only to `start`'s own
 * origin (scheme, host and port): a presigned storage URL elsewhere never sees it.
 */
export async function openFollowing(start: URL, options: OpenOptions): Promise<Opened> {
  let url = start;
  for (let hop = 0; ; hop++) {
    const headers = { ...options.headers };
    if (options.authHeader && url.origin === start.origin) headers[options.authHeader.name] = options.authHeader.value;
    const response = await httpGet(url, {
      headers,
      idleTimeoutMs: options.idleTimeoutMs,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.network ? { network: options.network } : {}),
    });
    const status = response.statusCode;
    const location = response.headers.location;
    if (!REDIRECTS.has(status) || !location) return { response, url };
    response.destroy();
    if (hop >= MAX_REDIRECTS) {
      throw new DownloadError('http', l10n.t('Cannot download {0}: more than {1} redirects, the last from {2}.', options.fileName, MAX_REDIRECTS, url.host), { status });
    }
    let next: URL;
    try {
      next = new URL(location, url);
    } catch {
      throw new DownloadError('badUrl', l10n.t('Cannot download {0}: {1} redirected to something that is not a web address.', options.fileName, url.host));
    }
    url = parseTarget(next.href, options.fileName);
  }
}

/** `Content-Range: bytes 100-199/200` → its start and total (total undefined for `*`). */
export function parseContentRange(value: string | undefined): { start?: number; total?: number } {
  const m = /^bytes\s+(?:(\d+)-\d+|\*)\/(\d+|\*)$/i.exec(value?.trim() ?? '');
  if (!m) return {};
  return {
    ...(m[1] !== undefined ? { start: Number(m[1]) } : {}),
    ...(m[2] !== '*' ? { total: Number(m[2]) } : {}),
  };
}

/** Content-Length as a number, when the server sent a sane one. */
export function contentLength(response: { headers: Record<string, string | undefined> }): number | undefined {
  const value = response.headers['content-length'];
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
}
