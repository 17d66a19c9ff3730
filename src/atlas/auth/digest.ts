import { createHash, randomBytes } from 'node:crypto';
import { raceWithSignal } from './abortable';
import type { AuthTicket, Authenticator, AuthorizeRequest } from './types';

/** The parameters of a `WWW-Authenticate: Digest …` challenge. */
export interface DigestChallenge {
  realm: string;
  nonce: string;
  opaque?: string;
  /** 'auth' when the server offers it; undefined for an RFC 2069 server. */
  qop?: 'auth';
  algorithm: 'MD5' | 'MD5-sess';
  stale: boolean;
}

const AUTH_PARAM = /([A-Za-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))/g;

/**
 * Reads the Digest challenge out of a WWW-Authenticate value (which may list other schemes too).
 * `stale` is accepted quoted or not, in any case. Returns undefined when there is no usable challenge.
 */
export function parseDigestChallenge(header: string | undefined): DigestChallenge | undefined {
  if (!header) return undefined;
  const start = header.search(/(^|[\s,])Digest\s/i);
  if (start < 0) return undefined;
  const params: Record<string, string> = {};
  const rest = header.slice(start).replace(/^[\s,]*Digest\s+/i, '');
  AUTH_PARAM.lastIndex = 0;
  for (let m = AUTH_PARAM.exec(rest); m; m = AUTH_PARAM.exec(rest)) {
    const key = m[1].toLowerCase();
    // A new scheme starts where a bare token follows a comma: stop at the next challenge.
    if (key in params) break;
    params[key] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? '');
  }
  if (!params.nonce || params.realm === undefined) return undefined;
  const algorithm = (params.algorithm ?? 'MD5').toUpperCase();
  if (algorithm !== 'MD5' && algorithm !== 'MD5-SESS') return undefined;
  const qops = (params.qop ?? '').split(',').map((q) => q.trim().toLowerCase());
  if (params.qop !== undefined && !qops.includes('auth')) return undefined;
  return {
    realm: params.realm,
    nonce: params.nonce,
    opaque: params.opaque,
    qop: params.qop !== undefined ? 'auth' : undefined,
    algorithm: algorithm === 'MD5' ? 'MD5' : 'MD5-sess',
    stale: (params.stale ?? '').toLowerCase() === 'true',
  };
}

const md5 = (s: string) => createHash('md5').update(s, 'utf8').digest('hex');

export interface DigestInput {
  username: string;
  password: string;
  method: string;
  uri: string;
  challenge: Pick<DigestChallenge, 'realm' | 'nonce' | 'qop' | 'algorithm'>;
  nc: number;
  cnonce: string;
}

/** RFC 2617 section 3.2.2 `response` (MD5 or MD5-sess; qop=auth or none). */
export function digestResponse(i: DigestInput): string {
  let ha1 = md5(`${i.username}:${i.challenge.realm}:${i.password}`);
  if (i.challenge.algorithm === 'MD5-sess') ha1 = md5(`${ha1}:${i.challenge.nonce}:${i.cnonce}`);
  const ha2 = md5(`${i.method}:${i.uri}`);
  return i.challenge.qop
    ? md5(`${ha1}:${i.challenge.nonce}:${formatNc(i.nc)}:${i.cnonce}:auth:${ha2}`)
    : md5(`${ha1}:${i.challenge.nonce}:${ha2}`);
}

export function formatNc(nc: number): string {
  return nc.toString(16).padStart(8, '0');
}

function quote(s: string): string {
  return `"${s.replace(/["\\]/g, '\\$&')}"`;
}

/** The server's nonce, shared by every request of the client. */
interface SharedNonce {
  challenge: DigestChallenge;
  /** The last nonce count given out with it: each signed request takes the next one. */
  nc: number;
  /** A request signed with it got past authentication, so the key is right: a later refusal means the nonce expired. */
  proven: boolean;
}

interface Probe {
  done: Promise<void>;
  end: () => void;
}

interface DigestTicket extends AuthTicket {
  /** What it was signed with. */
  nonce?: SharedNonce;
  /** Sent unsigned to get a challenge, while the other requests wait for it. */
  probe?: Probe;
}

/** More 401s than this for one request and it fails (the server keeps refusing nonces). */
const MAX_CHALLENGE_ROUNDS = 4;
/** nc is 8 hex digits; a nonce used that often is dropped and a fresh challenge fetched. */
const MAX_NC = 0xffffffff;

/**
 * HTTP Digest (RFC 2617, MD5, qop=auth) for API keys, with one nonce shared by all requests of the client.
 *
 * Each request signs with the shared nonce, the next nonce count (strictly increasing, RFC 2617 section
 * 3.2.2) and a fresh cnonce, so parallel requests go signed and cost no challenge of their own. Servers
 * such as `http-auth` (behind the emulator) accept a count only when it is higher than every count they
 * saw for that nonce, so the count is taken when the request's bytes leave (`sign`, called by the
 * transport once the connection is up: a request on a reused connection leaves before one still
 * connecting). Requests that still arrive out of order are refused as stale and signed again.
 *
 * Without a nonce, one request goes out unsigned and the others wait for its challenge. A refusal with
 * `stale=true` — or any refusal of a nonce that already worked, since nothing says every server sets
 * `stale` when a nonce expires — replaces the nonce once: the first request to see the refusal takes the
 * new nonce from its answer, the others in flight with the old one sign again with that replacement.
 */
export class DigestAuth implements Authenticator {
  readonly kind = 'apiKey' as const;
  private current: SharedNonce | undefined;
  private probing: Probe | undefined;

  constructor(
    private readonly username: string,
    private readonly password: string,
    /** Told every digest `response` sent, so logs can redact it. */
    private readonly onResponse: (response: string) => void = () => {},
  ) {}

  async authorize(req: AuthorizeRequest): Promise<DigestTicket> {
    for (;;) {
      const nonce = this.current;
      if (nonce && nonce.nc < MAX_NC) return this.ticket(nonce, req);
      if (nonce) this.current = undefined;
      if (!this.probing) {
        let end = () => {};
        const done = new Promise<void>((resolve) => (end = resolve));
        this.probing = { done, end };
        return { probe: this.probing };
      }
      await raceWithSignal(this.probing.done, req.signal);
    }
  }

  retryAfterUnauthorized(ticket: DigestTicket, wwwAuthenticate: string | undefined, round: number): boolean {
    const challenge = parseDigestChallenge(wwwAuthenticate);
    if (!challenge || round >= MAX_CHALLENGE_ROUNDS) return false;
    if (ticket.probe) {
      this.current ??= fresh(challenge);
      return true;
    }
    const used = ticket.nonce;
    if (!used) return false;
    // Refused, not stale, with a nonce that never worked: the server checked the key and refused it.
    if (!challenge.stale && !used.proven) return false;
    if (this.current === used) this.current = fresh(challenge);
    return true;
  }

  settle(ticket: DigestTicket, status?: number): void {
    if (ticket.probe) {
      // Wakes the waiters: they sign with the nonce it brought, or one of them probes in its place.
      ticket.probe.end();
      if (this.probing === ticket.probe) this.probing = undefined;
    }
    if (ticket.nonce && status !== undefined && passedAuthentication(status)) ticket.nonce.proven = true;
  }

  reset(): void {
    this.current = undefined;
    this.probing?.end();
    this.probing = undefined;
  }

  /** The nonce count last given out, 0 without a nonce (for tests and diagnostics). */
  get nonceCount(): number {
    return this.current?.nc ?? 0;
  }

  /**
   * Signed when the request leaves, with the nonce current then: one replaced while the request waited
   * for its connection is not sent again.
   */
  private ticket(nonce: SharedNonce, req: AuthorizeRequest): DigestTicket {
    const ticket: DigestTicket = {
      nonce,
      sign: () => {
        const now = this.current && this.current.nc < MAX_NC ? this.current : nonce;
        ticket.nonce = now;
        return this.header(now, req);
      },
    };
    return ticket;
  }

  private header(nonce: SharedNonce, req: AuthorizeRequest): string {
    nonce.nc += 1;
    const cnonce = randomBytes(16).toString('hex');
    const response = digestResponse({
      username: this.username,
      password: this.password,
      method: req.method,
      uri: req.target,
      challenge: nonce.challenge,
      nc: nonce.nc,
      cnonce,
    });
    this.onResponse(response);
    const c = nonce.challenge;
    const parts = [
      `username=${quote(this.username)}`,
      `realm=${quote(c.realm)}`,
      `nonce=${quote(c.nonce)}`,
      `uri=${quote(req.target)}`,
      `algorithm=${c.algorithm}`,
      `response=${quote(response)}`,
    ];
    if (c.qop) parts.push(`qop=auth`, `nc=${formatNc(nonce.nc)}`, `cnonce=${quote(cnonce)}`);
    if (c.opaque !== undefined) parts.push(`opaque=${quote(c.opaque)}`);
    return `Digest ${parts.join(', ')}`;
  }
}

function fresh(challenge: DigestChallenge): SharedNonce {
  return { challenge, nc: 0, proven: false };
}

/**
 * Statuses Atlas answers only once the signature checked out. A 429 or 5xx may come from a layer in front
 * of authentication, so it proves nothing about the nonce.
 */
function passedAuthentication(status: number): boolean {
  return status < 500 && status !== 401 && status !== 407 && status !== 429;
}
