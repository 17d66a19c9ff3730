import type { AtlasCredentials } from './auth/types';
import { invalidInputError } from './errors';
import { resolveNetwork, type NetworkOptions } from './network';
import type { AtlasLogger } from './redaction';
import { DEFAULT_RETRY, type RetryPolicy } from './retry';
import { normalizeBaseUrl } from './sites';
import { version as packageVersion } from '../../package.json';

export interface AtlasClientOptions {
  /** Passed through normalizeBaseUrl. */
  baseUrl: string;
  credentials: AtlasCredentials;
  /** Per attempt (one HTTP exchange, body included); default 30_000. */
  timeoutMs?: number;
  /** Defaults 3 / 500 / 30_000. */
  retry?: { maxRetries?: number; baseDelayMs?: number; maxDelayMs?: number };
  /** Pages fetched at once by allPages; default 4. The client's maxConcurrentRequests still bounds them all. */
  pageConcurrency?: number;
  /**
   * Requests of this client in flight at once, whatever asked for them (tree, watcher, search, allPages);
   * the others wait in line, first come first served. Default 8.
   */
  maxConcurrentRequests?: number;
  /** Default 'atlas-restore-jobs/<version>'. */
  userAgent?: string;
  logger?: AtlasLogger;
  /** ms; for token expiry; default Date.now. */
  clock?: () => number;
  /** Uniform in [0, 1) for the backoff jitter; default Math.random (tests pin it). */
  random?: () => number;
  /** Proxy and trusted certificates; default: direct, Node's certificates. */
  network?: NetworkOptions;
}

export const DEFAULT_MAX_CONCURRENT_REQUESTS = 8;

/** What a call that reads one document accepts (list calls take PageOptions). */
export interface CallOptions {
  signal?: AbortSignal;
  /**
   * At most this many retries for this call (never more than the client's): for callers that retry on a
   * schedule of their own and count every request, such as the following of running jobs.
   */
  maxRetries?: number;
  /**
   * The longest this call waits for Atlas's rate limit — the pause a 429 with Retry-After puts on every
   * request of the client, its own included — before it fails with `rateLimited` (and `retryAfterSeconds`).
   * Default: the client's retry.maxDelayMs. A search that shows the pause may wait longer (Infinity: as long as Atlas says).
   */
  maxRateLimitWaitMs?: number;
}

export interface ResolvedClientOptions {
  baseUrl: string;
  credentials: AtlasCredentials;
  timeoutMs: number;
  retry: RetryPolicy;
  pageConcurrency: number;
  maxConcurrentRequests: number;
  userAgent: string;
  logger: AtlasLogger | undefined;
  clock: () => number;
  network: NetworkOptions | undefined;
}

/**
 * Checks every option and fills in the defaults, so a client is refused when it is made (invalidInput)
 * rather than on its first request. Credentials come back trimmed: pasted keys often carry a newline.
 */
export function resolveClientOptions(options: AtlasClientOptions): ResolvedClientOptions {
  const baseUrl = normalizeBaseUrl(options.baseUrl);
  const credentials = checkCredentials(options.credentials);
  // Parsed here only to refuse a proxy that cannot be used before the client exists.
  resolveNetwork(options.network);
  return {
    baseUrl,
    credentials,
    timeoutMs: positiveNumber(options.timeoutMs, 30_000, 'timeoutMs'),
    retry: {
      maxRetries: wholeNumber(options.retry?.maxRetries, DEFAULT_RETRY.maxRetries, 'retry.maxRetries', 0),
      baseDelayMs: wholeNumber(options.retry?.baseDelayMs, DEFAULT_RETRY.baseDelayMs, 'retry.baseDelayMs', 0),
      maxDelayMs: wholeNumber(options.retry?.maxDelayMs, DEFAULT_RETRY.maxDelayMs, 'retry.maxDelayMs', 0),
      random: options.random ?? Math.random,
    },
    pageConcurrency: wholeNumber(options.pageConcurrency, 4, 'pageConcurrency', 1),
    maxConcurrentRequests: wholeNumber(options.maxConcurrentRequests, DEFAULT_MAX_CONCURRENT_REQUESTS, 'maxConcurrentRequests', 1),
    userAgent: options.userAgent ?? `atlas-restore-jobs/${packageVersion}`,
    logger: options.logger,
    clock: options.clock ?? Date.now,
    network: options.network,
  };
}

function checkCredentials(c: AtlasCredentials): AtlasCredentials {
  const filled = (s: unknown): s is string => typeof s === 'string' && s.trim() !== '';
  if (c?.kind === 'serviceAccount') {
    if (!filled(c.clientId) || !filled(c.clientSecret)) {
      throw invalidInputError('A service account needs both a client ID and a client secret.');
    }
    return { kind: 'serviceAccount', clientId: c.clientId.trim(), clientSecret: c.clientSecret.trim() };
  }
  if (c?.kind === 'apiKey') {
    if (!filled(c.publicKey) || !filled(c.privateKey)) {
      throw invalidInputError('An API key needs both its public key and its private key.');
    }
    return { kind: 'apiKey', publicKey: c.publicKey.trim(), privateKey: c.privateKey.trim() };
  }
  throw invalidInputError('Unknown kind of Atlas credentials: use a service account or an API key.');
}

function positiveNumber(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw invalidInputError(`The client option ${name} must be a positive number of milliseconds.`);
  }
  return value;
}

function wholeNumber(value: number | undefined, fallback: number, name: string, min: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min) {
    throw invalidInputError(`The client option ${name} must be a whole number of at least ${min}.`);
  }
  return value;
}
