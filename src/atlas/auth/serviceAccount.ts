import type { AuthTicket, Authenticator, AuthorizeRequest } from './types';
import { raceWithSignal } from './abortable';

export interface AccessToken {
  value: string;
  /** `expires_in` of the token answer. */
  expiresInSeconds: number;
}

/** Asks the OAuth token endpoint for a new token; the pipeline provides it (retries, logging, errors). */
export type TokenFetcher = (signal: AbortSignal) => Promise<AccessToken>;

interface CachedToken {
  value: string;
  refreshAtMs: number;
}

interface BearerTicket extends AuthTicket {
  token?: string;
}

/** Never refresh earlier than this before expiry, whatever the lifetime. */
const MAX_REFRESH_MARGIN_MS = 60_000;

/**
 * OAuth 2.0 client credentials for service accounts. The token is cached until shortly before
 * `expires_in` (Atlas tokens cannot be refreshed, only replaced), and concurrent callers share one token
 * request. A 401 from the API gets one new token and one more try.
 */
export class ServiceAccountAuth implements Authenticator {
  readonly kind = 'serviceAccount' as const;
  private current: CachedToken | undefined;
  private pending: Promise<CachedToken> | undefined;
  private generation = 0;

  constructor(
    private readonly fetchToken: TokenFetcher,
    private readonly clock: () => number,
    /** The client's lifetime: the shared token request is not tied to any one caller's signal. */
    private readonly lifetime: AbortSignal,
  ) {}

  async authorize(req: AuthorizeRequest): Promise<BearerTicket> {
    const token = await this.token(req.signal);
    return { header: `Bearer ${token.value}`, token: token.value };
  }

  retryAfterUnauthorized(ticket: BearerTicket, _www: string | undefined, round: number): boolean {
    if (round > 0) return false;
    // Only drop the token this request used: a concurrent request may already have replaced it.
    if (this.current && this.current.value === ticket.token) this.current = undefined;
    return true;
  }

  settle(): void {}

  reset(): void {
    this.generation++;
    this.current = undefined;
    this.pending = undefined;
  }

  /** Whether a cached token is still fresh (for tests and diagnostics). */
  hasFreshToken(): boolean {
    return this.current !== undefined && this.clock() < this.current.refreshAtMs;
  }

  private token(signal: AbortSignal): Promise<CachedToken> {
    const cached = this.current;
    if (cached && this.clock() < cached.refreshAtMs) return Promise.resolve(cached);
    if (!this.pending) {
      const generation = this.generation;
      const requestedAt = this.clock();
      const pending = this.fetchToken(this.lifetime).then((t) => {
        const lifetimeMs = Math.max(0, t.expiresInSeconds * 1000);
        const margin = Math.min(MAX_REFRESH_MARGIN_MS, lifetimeMs * 0.1);
        const fresh: CachedToken = { value: t.value, refreshAtMs: requestedAt + lifetimeMs - margin };
        if (generation === this.generation) this.current = fresh;
        return fresh;
      });
      this.pending = pending;
      const clear = () => {
        if (this.pending === pending) this.pending = undefined;
      };
      pending.then(clear, clear);
    }
    return raceWithSignal(this.pending, signal);
  }
}
