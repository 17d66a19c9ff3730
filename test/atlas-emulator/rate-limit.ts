/**
 * Atlas's rate limit as the docs describe it (https://www.mongodb.com/docs/atlas/api/api-rate-limit, see
 * ENDPOINTS.md "Rate limits"): a token bucket per principal and scope; each request takes one token; the
 * bucket gets `refillRate` tokens back every `refillDurationSeconds`, up to `capacity`; an empty bucket
 * answers 429 with `Retry-After` (seconds until the next refill) and the RateLimit-* headers.
 *
 * Scope here: the project for `/groups/{groupId}/…`, the organization for `/orgs/{orgId}/…`, the principal
 * alone for the rest (`/groups`, `/orgs`). Atlas's real endpoint sets and numbers differ per endpoint and
 * are only known from its `/rateLimits` endpoint; the defaults are the classic "100 requests per minute
 * per project". Time is the emulator clock's, so `advance()` refills buckets without waiting.
 *
 * Off, the headers are still sent, as before: a sliding minute per principal against RATE_LIMIT, never enforced.
 */
import { failures, type ApiFailure } from './api-errors';

export interface RateLimitOptions {
  /** Tokens a full bucket holds (RateLimit-Limit). Default 100. */
  capacity?: number;
  /** Tokens given back per refill. Default 100. */
  refillRate?: number;
  /** Seconds between refills. Default 60. */
  refillDurationSeconds?: number;
}

export type RateLimitSettings = Required<RateLimitOptions>;

export const DEFAULT_RATE_LIMIT: Readonly<RateLimitSettings> = Object.freeze({ capacity: 100, refillRate: 100, refillDurationSeconds: 60 });

/** What RateLimit-Limit reports while nothing is enforced. */
export const REPORTED_RATE_LIMIT = 100;

interface Bucket {
  tokens: number;
  /** Emulator-clock ms of the last refill: the next one is a refill duration later. */
  refilledAt: number;
}

const SCOPED = /^\/api\/atlas\/v2\/(groups|orgs)\/([^/]+)/;

export function checkRateLimitOptions(o: RateLimitOptions): RateLimitSettings {
  const s = { ...DEFAULT_RATE_LIMIT, ...o };
  for (const [name, value] of Object.entries(s)) {
    if (!(Number.isSafeInteger(value) && value >= 1)) throw new Error(`rateLimit.${name} must be a whole number >= 1, got ${String(value)}`);
  }
  return s;
}

export class RateLimits {
  private settings: RateLimitSettings | undefined;
  private readonly buckets = new Map<string, Bucket>();
  private readonly recentByPrincipal = new Map<string, number[]>();

  constructor(
    private readonly now: () => number,
    options: RateLimitOptions | undefined,
  ) {
    this.set(options);
  }

  /** Turns enforcement on with these numbers (every bucket full again), or off (undefined). */
  set(options: RateLimitOptions | undefined): void {
    this.settings = options === undefined ? undefined : checkRateLimitOptions(options);
    this.buckets.clear();
  }

  /** The numbers in force, or undefined when nothing is enforced. */
  current(): RateLimitSettings | undefined {
    return this.settings ? { ...this.settings } : undefined;
  }

  /**
   * Counts one authenticated API request of `principal` to `path`. Returns the headers to send with its
   * answer, or the 429 to send instead.
   */
  take(principal: string, path: string): { headers: Record<string, string> } | ApiFailure {
    const s = this.settings;
    if (!s) return { headers: this.reportOnly(principal) };
    const now = this.now();
    const key = `${principal} ${scopeOf(path)}`;
    const bucket = this.buckets.get(key) ?? { tokens: s.capacity, refilledAt: now };
    this.buckets.set(key, bucket);
    const period = s.refillDurationSeconds * 1000;
    const refills = Math.floor((now - bucket.refilledAt) / period);
    if (refills > 0) {
      bucket.tokens = Math.min(s.capacity, bucket.tokens + refills * s.refillRate);
      bucket.refilledAt += refills * period;
    }
    if (bucket.tokens > 0) {
      bucket.tokens--;
      return { headers: { 'RateLimit-Limit': String(s.capacity), 'RateLimit-Remaining': String(bucket.tokens) } };
    }
    const retryAfter = Math.max(1, Math.ceil((bucket.refilledAt + period - now) / 1000));
    return failures.rateLimited(path, retryAfter, s.capacity, { errorCode: 'RATE_LIMITED', refill: s });
  }

  private reportOnly(principal: string): Record<string, string> {
    const now = Date.now();
    const recent = (this.recentByPrincipal.get(principal) ?? []).filter((t) => t > now - 60_000);
    recent.push(now);
    this.recentByPrincipal.set(principal, recent);
    return { 'RateLimit-Limit': String(REPORTED_RATE_LIMIT), 'RateLimit-Remaining': String(Math.max(0, REPORTED_RATE_LIMIT - recent.length)) };
  }
}

function scopeOf(path: string): string {
  const m = SCOPED.exec(path);
  if (!m) return 'user';
  return `${m[1] === 'groups' ? 'project' : 'organization'} ${m[2]}`;
}
