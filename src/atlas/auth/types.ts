import type { AuthKind } from '../errors';

/** Credentials for one Atlas connection. */
export type AtlasCredentials =
  | { kind: 'serviceAccount'; clientId: string; clientSecret: string }
  | { kind: 'apiKey'; publicKey: string; privateKey: string };

/** What one exchange was sent with; each authenticator keeps its own state in it. */
export interface AuthTicket {
  /** The Authorization header value, or undefined to let the server send a challenge. */
  header?: string;
  /**
   * Instead of `header`: computes it when the request has its connection, right before its bytes leave
   * (a Digest nonce count has to reach the server in the order it was given out).
   */
  sign?: () => string;
}

export interface AuthorizeRequest {
  method: string;
  /** Path and query exactly as sent (Digest signs it). */
  target: string;
  signal: AbortSignal;
  /** The ticket of the previous exchange of this request when it was answered with 401. */
  previous?: AuthTicket;
}

/**
 * Signs API requests. The pipeline asks for a ticket right before each exchange (after the request got its
 * slot from the limiter: a Digest nonce count must reach Atlas in the order it was given), reports each 401
 * (the authenticator decides whether one more exchange can succeed; it bounds the rounds) and settles every
 * ticket when its exchange is over.
 */
export interface Authenticator {
  readonly kind: AuthKind;
  authorize(req: AuthorizeRequest): Promise<AuthTicket>;
  /** `round` counts the 401s this request has had so far (0 for the first). */
  retryAfterUnauthorized(ticket: AuthTicket, wwwAuthenticate: string | undefined, round: number): boolean;
  /**
   * After every exchange, and for a ticket that was never sent: `status` is the answer's, undefined when
   * there was none (a network failure, a timeout, a cancellation, or the request was held back).
   */
  settle(ticket: AuthTicket, status?: number): void;
  /** Forgets tokens and nonces. */
  reset(): void;
}
