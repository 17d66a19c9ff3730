/** The public shapes of a download; see `downloadFile.ts`. Knows nothing of VS Code. */
import type { NetworkOptions } from '../atlas/network';

export interface DownloadRequest {
  /** `https:`, or `http:` to 127.0.0.1/localhost only. Signed: never logged nor put in a message. */
  url: string;
  /** Sent only to the URL's own origin; never on a redirect to another origin (host, port or scheme). */
  authHeader?: { name: string; value: string };
  /** The file lands at `folder/fileName`; while incomplete it is `fileName + '.part'`. */
  folder: string;
  fileName: string;
  /** Hex SHA-1, compared after the last byte. */
  expectedSha1?: string;
  /** Default false: an existing final file ends in DownloadError 'exists' before any request. */
  overwrite?: boolean;
  /** Resumes after a dropped connection (or a 5xx), default 5, with backoff. */
  maxRetries?: number;
  /** Milliseconds to wait before retry number `failure` (1-based). Default: 1 s, doubling, at most 30 s. */
  retryDelayMs?: (failure: number) => number;
  /** A connection silent for this long counts as dropped. Default 60 s. */
  idleTimeoutMs?: number;
  signal?: AbortSignal;
  /** The proxy and certificates, as VS Code's `http.*` settings give them to the API client. */
  network?: NetworkOptions;
  /**
   * Bytes free for new files in `folder`, asked once the server has said how big the file is, so a
   * file that cannot fit is refused before anything is written. Default: the file system's own count.
   */
  freeSpace?(folder: string): Promise<number | undefined>;
  onProgress?(p: { received: number; total?: number }): void;
}

export interface DownloadResult {
  /** Where the file is: `folder/fileName`, or `folder/fileName.mismatch` when its SHA-1 differs. */
  path: string;
  bytes: number;
  /** The SHA-1 of the bytes on disk, lower-case hex. */
  sha1: string;
  /** The hash that was expected, as given (lower-cased), when there was one. */
  expectedSha1?: string;
  verified: 'match' | 'mismatch' | 'no hash';
  /** How many times a dropped transfer continued with a `Range` request. */
  resumedTimes: number;
  /** How many times the file was begun again from byte 0 (a server ignoring `Range`). */
  restartedTimes: number;
}

export type DownloadErrorKind = 'exists' | 'cancelled' | 'http' | 'network' | 'disk' | 'badUrl';

/** A failure with a message a person can act on: names host and file, never the URL's query or the auth value. */
export class DownloadError extends Error {
  override readonly name = 'DownloadError';
  readonly kind: DownloadErrorKind;
  /** The HTTP status, for kind 'http'. */
  readonly status?: number;
  /** What was kept on disk (the `.part` file), when anything was. */
  readonly keptPath?: string;
  /** The Node error code behind a 'disk' or 'network' failure (EACCES, ECONNRESET, …). */
  readonly code?: string;
  /** Internal: whether another attempt may succeed (a 5xx, a dropped connection). */
  readonly retryable: boolean;

  constructor(kind: DownloadErrorKind, message: string, extra: { status?: number; keptPath?: string; code?: string; retryable?: boolean } = {}) {
    super(message);
    this.kind = kind;
    if (extra.status !== undefined) this.status = extra.status;
    if (extra.keptPath !== undefined) this.keptPath = extra.keptPath;
    if (extra.code !== undefined) this.code = extra.code;
    this.retryable = extra.retryable ?? false;
  }
}
