import { isAtlasError, type AtlasErrorKind } from '../atlas/errors';

/**
 * What a failed poll means for watching:
 * - `drop`: the job can never be fetched again (404, 410, a ref the client refuses) — forget it;
 * - `needsUser`: the connection's credentials or address were refused (401) — pause the connection;
 * - `rateLimited`: 429 — pause the connection for Retry-After;
 * - `retry`: may heal by itself (network, timeout, 5xx, an unreadable answer; also 403 and other refusals,
 *   which an admin may fix) — back the job off;
 * - `again`: the client was closed under the request (the connection's client was rebuilt): not a failure,
 *   poll again at the usual pace, silently. The scheduler's own cancellations never get here.
 */
export type Reaction = 'drop' | 'needsUser' | 'rateLimited' | 'retry' | 'again';

const REACTIONS: Readonly<Record<AtlasErrorKind, Reaction>> = {
  notFound: 'drop',
  gone: 'drop',
  invalidInput: 'drop',
  unauthorized: 'needsUser',
  ipAccessList: 'needsUser',
  rateLimited: 'rateLimited',
  network: 'retry',
  timeout: 'retry',
  server: 'retry',
  badResponse: 'retry',
  forbidden: 'retry',
  badRequest: 'retry',
  notAcceptable: 'retry',
  conflict: 'retry',
  cancelled: 'again',
};

/** Anything but an AtlasError is a bug in the fetcher, not a verdict on the job: retried, with backoff. */
export function reactionTo(error: unknown): Reaction {
  return isAtlasError(error) && Object.prototype.hasOwnProperty.call(REACTIONS, error.kind) ? REACTIONS[error.kind] : 'retry';
}

/** An hour: a Retry-After beyond it is more likely a wrong header than a wish to be left alone that long. */
const MAX_RATE_LIMIT_PAUSE_MS = 3_600_000;

/** How long a 429 pauses its connection: Atlas's Retry-After when it sent a usable one, else `fallbackMs`. */
export function rateLimitPauseMs(error: unknown, fallbackMs: number): number {
  const seconds = isAtlasError(error) ? error.retryAfterSeconds : undefined;
  if (seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return fallbackMs;
  return Math.min(MAX_RATE_LIMIT_PAUSE_MS, seconds * 1000);
}
