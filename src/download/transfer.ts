import * as l10n from '@vscode/l10n';
import { statfs } from 'node:fs/promises';
import { bytesText } from '../format/bytes';
import { contentLength, openFollowing, parseContentRange } from './fetch';
import { networkFailure, proxyAnswerFailure } from './networkFailure';
import type { PartFile } from './partFile';
import { described } from './target';
import { DownloadError, type DownloadRequest } from './types';

const DEFAULT_RETRIES = 5;
const DEFAULT_IDLE_MS = 60_000;
const PROGRESS_EVERY_MS = 100;

export interface Counters {
  resumedTimes: number;
  restartedTimes: number;
}

/** 1 s, 2 s, 4 s, … at most 30 s. */
export function defaultRetryDelayMs(failure: number): number {
  return Math.min(30_000, 1000 * 2 ** (failure - 1));
}

/** The cancellation error: says what was kept. */
export function cancelled(fileName: string, part: PartFile | undefined): DownloadError {
  if (!part) return new DownloadError('cancelled', l10n.t('Download of {0} cancelled; nothing was written.', fileName));
  if (part.bytes === 0) return new DownloadError('cancelled', l10n.t('Download of {0} cancelled before any byte arrived; nothing was kept.', fileName));
  return new DownloadError(
    'cancelled',
    l10n.t('Download of {0} cancelled; {1} kept in {2}. Downloading it again into the same folder resumes from there.', fileName, bytesText(part.bytes), part.path),
    { keptPath: part.path },
  );
}

/**
 * Fills `part` until the server has sent the whole file: a dropped connection (or a 5xx) is retried
 * up to `maxRetries` times in a row with backoff, continuing with `Range` from the bytes on disk.
 * The count starts again whenever an attempt got bytes through, so a long flaky transfer finishes.
 */
export async function transfer(req: DownloadRequest, start: URL, part: PartFile): Promise<Counters> {
  const counters: Counters = { resumedTimes: 0, restartedTimes: 0 };
  const maxRetries = req.maxRetries ?? DEFAULT_RETRIES;
  const delayOf = req.retryDelayMs ?? defaultRetryDelayMs;
  let failures = 0;
  for (;;) {
    const before = part.bytes;
    let failure: DownloadError;
    try {
      if (await attempt(req, start, part, counters)) return counters;
      failure = new DownloadError('http', l10n.t('{0} did not send the part of the file asked for.', described(req.fileName, start)), { retryable: true });
    } catch (error) {
      if (req.signal?.aborted) throw cancelled(req.fileName, part);
      failure = asFailure(error, req.fileName, start);
    }
    if (part.bytes > before) failures = 0;
    if (!failure.retryable || failures >= maxRetries) throw failure;
    failures++;
    try {
      await sleep(delayOf(failures), req.signal);
    } catch {
      throw cancelled(req.fileName, part);
    }
  }
}

/** One request. True when the file is complete; false when it was reset to zero and must be asked for again. */
async function attempt(req: DownloadRequest, start: URL, part: PartFile, counters: Counters): Promise<boolean> {
  const offset = part.bytes;
  const headers: Record<string, string> = { 'accept-encoding': 'identity' };
  if (offset > 0) headers.range = `bytes=${offset}-`;
  const { response, url } = await openFollowing(start, {
    headers,
    ...(req.authHeader ? { authHeader: req.authHeader } : {}),
    ...(req.signal ? { signal: req.signal } : {}),
    idleTimeoutMs: req.idleTimeoutMs ?? DEFAULT_IDLE_MS,
    fileName: req.fileName,
    ...(req.network ? { network: req.network } : {}),
  });
  const status = response.statusCode;
  let total: number | undefined;
  if (status === 206) {
    const range = parseContentRange(response.headers['content-range']);
    if (range.start !== offset) {
      response.destroy();
      await restart(part, counters);
      return false;
    }
    if (offset > 0) counters.resumedTimes++;
    const length = contentLength(response);
    total = range.total ?? (length === undefined ? undefined : offset + length);
  } else if (status === 200) {
    // A server that ignores Range sends the whole file again: begin it again.
    if (offset > 0) await restart(part, counters);
    total = contentLength(response);
  } else if (status === 416 && offset > 0) {
    response.destroy();
    if (parseContentRange(response.headers['content-range']).total === offset) return true;
    await restart(part, counters);
    return false;
  } else {
    response.destroy();
    if (status === 407 && response.proxy) throw proxyAnswerFailure(response.proxy, status, req.fileName, url);
    throw httpFailure(status, req.fileName, url);
  }
  if (total !== undefined) await ensureRoom(req, part, total, response);
  const progress = progressReporter(req, () => ({ received: part.bytes + part.pending, ...(total !== undefined ? { total } : {}) }));
  progress.report(true);
  try {
    await part.writeFrom(response, () => progress.report(false));
  } finally {
    progress.stop();
  }
  progress.report(true);
  if (total !== undefined && part.bytes < total) throw Object.assign(new Error('body ended early'), { code: 'ECONNRESET' });
  return true;
}

/** Refuses a file the disk cannot hold, before writing a byte of it (and closes the response). */
async function ensureRoom(req: DownloadRequest, part: PartFile, total: number, response: { destroy(): void }): Promise<void> {
  const needed = total - part.bytes;
  if (needed <= 0) return;
  const free = await (req.freeSpace ?? freeSpaceOf)(req.folder).catch(() => undefined);
  if (free === undefined || free >= needed) return;
  response.destroy();
  throw new DownloadError(
    'disk',
    l10n.t('Not enough disk space for {0} in {1}: it needs {2} more, and {3} is free.', req.fileName, req.folder, bytesText(needed), bytesText(free)),
    { code: 'ENOSPC' },
  );
}

/** Free bytes for an unprivileged user, or undefined where the platform cannot say. */
async function freeSpaceOf(folder: string): Promise<number | undefined> {
  const s = await statfs(folder);
  return Number(s.bavail) * Number(s.bsize);
}

async function restart(part: PartFile, counters: Counters): Promise<void> {
  await part.restart();
  counters.restartedTimes++;
}

/** Reports at most every 100 ms, and the latest count once the bytes pause, so a stall never shows stale numbers. */
function progressReporter(req: DownloadRequest, now: () => { received: number; total?: number }): { report(force: boolean): void; stop(): void } {
  let last = 0;
  let trailing: NodeJS.Timeout | undefined;
  const emit = () => {
    trailing = undefined;
    last = Date.now();
    req.onProgress?.(now());
  };
  return {
    report(force) {
      if (!req.onProgress) return;
      const wait = PROGRESS_EVERY_MS - (Date.now() - last);
      if (force || wait <= 0) {
        clearTimeout(trailing);
        emit();
      } else {
        trailing ??= setTimeout(emit, wait);
      }
    },
    stop: () => clearTimeout(trailing),
  };
}

function httpFailure(status: number, fileName: string, url: URL): DownloadError {
  const where = described(fileName, url);
  const retryable = status >= 500 || status === 408 || status === 429;
  const why =
    status === 401 || status === 403
      ? l10n.t('access refused ({0}): the link may have expired, been used up, or need its auth header', status)
      : status === 404
        ? l10n.t('not found (404)')
        : status === 410
          ? l10n.t('gone (410): the link has expired')
          : l10n.t('the server answered {0}', status);
  return new DownloadError('http', l10n.t('Cannot download {0}: {1}.', where, why), { status, retryable });
}

const TLS_CODES = /^(CERT_|ERR_TLS|ERR_SSL|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_|HOSTNAME_MISMATCH)/;

/** Any thrown value as a DownloadError; network errors by their code only (Node's messages may carry addresses). */
function asFailure(error: unknown, fileName: string, start: URL): DownloadError {
  if (error instanceof DownloadError) return error;
  const explained = error instanceof Error ? networkFailure(error, fileName, start) : undefined;
  if (explained) return explained;
  const code = String((error as NodeJS.ErrnoException | undefined)?.code ?? 'ECONNRESET');
  if (TLS_CODES.test(code)) {
    return new DownloadError('network', l10n.t('Cannot download {0}: the secure connection failed ({1}).', described(fileName, start), code), { code });
  }
  return new DownloadError('network', l10n.t('Connection lost while downloading {0} ({1}).', described(fileName, start), code), { code, retryable: true });
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Error('aborted'));
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Error('aborted'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
