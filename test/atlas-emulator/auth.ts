/**
 * The two ways to sign in to Atlas, checked for real:
 * - service accounts: `POST /api/oauth/token` (HTTP Basic client id/secret, form
 *   grant_type=client_credentials) issues expiring Bearer tokens;
 * - API keys: HTTP Digest (MD5, qop=auth, realm "MMS Public API"), verified by the `http-auth`
 *   package — independent code, so the client's Digest implementation is checked by someone else's.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { digest as httpDigest, type DigestAuth } from 'http-auth';

export const DIGEST_REALM = 'MMS Public API';

export type AuthOutcome =
  | { ok: true; principal: string; scheme: 'Bearer' | 'Digest' }
  | {
      ok: false;
      scheme?: 'Bearer' | 'Digest' | 'Basic';
      /** Why, in words that contain no secret. */
      detail: string;
      /** WWW-Authenticate to send with the 401. */
      challenge: string;
    };

interface IssuedToken {
  principal: string;
  expiresAt: number;
}

function md5(s: string): string {
  return createHash('md5').update(s).digest('hex');
}

function base64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

export class AuthService {
  private readonly secrets = new Map<string, string>(); // clientId → secret
  private readonly keys = new Map<string, string>(); // publicKey → privateKey
  private readonly tokens = new Map<string, IssuedToken>();
  private readonly digest: DigestAuth;
  tokenLifetimeSeconds: number;

  constructor(options: {
    serviceAccounts: { clientId: string; clientSecret: string }[];
    apiKeys: { publicKey: string; privateKey: string }[];
    tokenLifetimeSeconds: number;
  }) {
    for (const sa of options.serviceAccounts) this.secrets.set(sa.clientId, sa.clientSecret);
    for (const k of options.apiKeys) this.keys.set(k.publicKey, k.privateKey);
    this.tokenLifetimeSeconds = options.tokenLifetimeSeconds;
    this.digest = httpDigest({ realm: DIGEST_REALM, qop: 'auth', algorithm: 'MD5' }, (username, callback) => {
      const privateKey = this.keys.get(username);
      // An unknown user gets an HA1 nothing can match, so the answer is the same 401 as a wrong key.
      callback(privateKey === undefined ? md5(randomBytes(16).toString('hex')) : md5(`${username}:${DIGEST_REALM}:${privateKey}`));
    });
  }

  /** A fresh Digest challenge in the form Atlas sends it (the nonce is registered with http-auth). */
  digestChallenge(stale = false): string {
    return `Digest realm="${DIGEST_REALM}", domain="", nonce="${this.digest.askNonce()}", algorithm=MD5, qop="auth", stale=${stale}`;
  }

  /** http-auth's record: the highest nonce count it accepted per live nonce, oldest first (0: never used). */
  digestNonceCounts(): number[] {
    return this.digest.nonces.map((n) => n[2]);
  }

  /** Forgets every nonce handed out: the next Digest request is answered 401 with stale=true. */
  expireDigestNonces(): void {
    this.digest.nonces.length = 0;
  }

  // ---------------------------------------------------------------- OAuth

  checkClient(authorization: string | undefined): string | undefined {
    const m = /^Basic\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!m) return undefined;
    const decoded = Buffer.from(m[1] as string, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return undefined;
    // RFC 6749 §2.3.1: id and secret are form-encoded before Basic encoding.
    const unform = (s: string) => {
      try {
        return decodeURIComponent(s.replace(/\+/g, ' '));
      } catch {
        return s;
      }
    };
    const id = unform(decoded.slice(0, colon));
    const secret = unform(decoded.slice(colon + 1));
    return this.secrets.has(id) && this.secrets.get(id) === secret ? id : undefined;
  }

  issueToken(principal: string): { access_token: string; token_type: 'Bearer'; expires_in: number } {
    const now = Date.now();
    const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }));
    const payload = base64url(
      JSON.stringify({ sub: principal, iat: Math.floor(now / 1000), exp: Math.floor(now / 1000) + this.tokenLifetimeSeconds, jti: randomBytes(8).toString('hex') }),
    );
    const token = `${header}.${payload}.${base64url(randomBytes(32))}`;
    this.tokens.set(token, { principal, expiresAt: now + this.tokenLifetimeSeconds * 1000 });
    return { access_token: token, token_type: 'Bearer', expires_in: this.tokenLifetimeSeconds };
  }

  revokeToken(token: string): void {
    this.tokens.delete(token);
  }

  revokeAllTokens(): void {
    this.tokens.clear();
  }

  activeTokenCount(): number {
    const now = Date.now();
    return [...this.tokens.values()].filter((t) => t.expiresAt > now).length;
  }

  // ---------------------------------------------------------------- API requests

  authenticate(req: IncomingMessage): Promise<AuthOutcome> {
    const header = req.headers.authorization ?? '';
    const scheme = /^(\w+)/.exec(header)?.[1]?.toLowerCase();
    if (scheme === 'bearer') return Promise.resolve(this.bearer(header));
    if (scheme === 'digest') return this.digestAuth(req, header);
    return Promise.resolve({
      ok: false,
      ...(scheme === 'basic' ? { scheme: 'Basic' as const } : {}),
      detail: header ? 'This authentication scheme is not accepted; use a Bearer token or HTTP Digest.' : 'Authentication is required.',
      challenge: this.digestChallenge(),
    });
  }

  private bearer(header: string): AuthOutcome {
    const token = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
    const issued = token ? this.tokens.get(token) : undefined;
    if (!issued) return { ok: false, scheme: 'Bearer', detail: 'The access token is invalid or was revoked.', challenge: 'Bearer error="invalid_token"' };
    if (issued.expiresAt <= Date.now()) {
      return { ok: false, scheme: 'Bearer', detail: 'The access token has expired.', challenge: 'Bearer error="invalid_token"' };
    }
    return { ok: true, principal: issued.principal, scheme: 'Bearer' };
  }

  private digestAuth(req: IncomingMessage, header: string): Promise<AuthOutcome> {
    const fields = this.digest.parseAuthorization(header) ?? {};
    return new Promise((resolve) => {
      this.digest.isAuthenticated(req, (result) => {
        const fail = (detail: string, stale = false): void =>
          resolve({ ok: false, scheme: 'Digest', detail, challenge: this.digestChallenge(stale) });
        if (result instanceof Error) return fail('The Digest credentials could not be checked.');
        if (result.stale) return fail('The Digest nonce is stale; answer the new challenge.', true);
        if (!result.pass || !result.user) return fail('The Digest credentials are not valid.');
        // http-auth hashes whatever uri the client names; Atlas's digest filter also insists it is this request's.
        if (fields.uri !== req.url) return fail('The Digest uri does not match the request.');
        if (fields.qop !== 'auth' || (fields.algorithm !== undefined && fields.algorithm.toUpperCase() !== 'MD5')) {
          return fail('Digest must use algorithm MD5 with qop=auth.');
        }
        resolve({ ok: true, principal: result.user, scheme: 'Digest' });
      });
    });
  }
}
