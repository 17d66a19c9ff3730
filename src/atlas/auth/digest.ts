import { createHash, randomBytes } from 'node:crypto';
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

/** A nonce the client may use, with the last nonce count sent with it. */
interface NonceLease {
  challenge: DigestChallenge;
  nc: number;
  /** The server refused it (stale, or the credentials failed with it): never send it again. */
  spent: boolean;
}

interface DigestTicket extends AuthTicket {
  lease?: NonceLease;
  /** The fresh nonce from this exchange's 401, for the next exchange of the same request. */
  next?: NonceLease;
}

/** More answers to stale=true than this and the request fails (the server keeps refusing nonces). */
const MAX_CHALLENGE_ROUNDS = 4;
/** Idle nonces kept for reuse. */
const MAX_IDLE_NONCES = 16;

/**
 * HTTP Digest (RFC 2617, MD5, qop=auth) for API keys.
 *
 * A nonce is reused with an increasing nonce count, but by one request at a time: servers such as Atlas
 * (and the `http-auth` package behind the emulator) refuse a count that is not higher than the last one
 * they saw, and concurrent requests on separate sockets reach the server in no fixed order. So the client
 * keeps a small pool of nonces; a request leases an idle one (nc + 1), or, when all are in use, goes out
 * unsigned and answers the challenge it gets, which adds a fresh nonce to the pool. A `stale=true` answer
 * gets the new nonce from that same answer, a bounded number of times.
 */
export class DigestAuth implements Authenticator {
  readonly kind = 'apiKey' as const;
  private idle: NonceLease[] = [];

  constructor(
    private readonly username: string,
    private readonly password: string,
    /** Told every digest `response` sent, so logs can redact it. */
    private readonly onResponse: (response: string) => void = () => {},
  ) {}

  async authorize(req: AuthorizeRequest): Promise<DigestTicket> {
    const previous = req.previous as DigestTicket | undefined;
    let lease = previous?.next;
    while (!lease && this.idle.length > 0) {
      const candidate = this.idle.pop()!;
      if (!candidate.spent) lease = candidate;
    }
    if (!lease) return {};
    lease.nc += 1;
    const cnonce = randomBytes(16).toString('hex');
    const response = digestResponse({
      username: this.username,
      password: this.password,
      method: req.method,
      uri: req.target,
      challenge: lease.challenge,
      nc: lease.nc,
      cnonce,
    });
    this.onResponse(response);
    const c = lease.challenge;
    const parts = [
      `username=${quote(this.username)}`,
      `realm=${quote(c.realm)}`,
      `nonce=${quote(c.nonce)}`,
      `uri=${quote(req.target)}`,
      `algorithm=${c.algorithm}`,
      `response=${quote(response)}`,
    ];
    if (c.qop) parts.push(`qop=auth`, `nc=${formatNc(lease.nc)}`, `cnonce=${quote(cnonce)}`);
    if (c.opaque !== undefined) parts.push(`opaque=${quote(c.opaque)}`);
    return { header: `Digest ${parts.join(', ')}`, lease };
  }

  retryAfterUnauthorized(ticket: DigestTicket, wwwAuthenticate: string | undefined, round: number): boolean {
    if (ticket.lease) ticket.lease.spent = true;
    const challenge = parseDigestChallenge(wwwAuthenticate);
    if (!challenge || round >= MAX_CHALLENGE_ROUNDS) return false;
    // Signed and not stale: the server checked the key and refused it.
    if (ticket.header && !challenge.stale) return false;
    ticket.next = { challenge, nc: 0, spent: false };
    return true;
  }

  settle(ticket: DigestTicket): void {
    const lease = ticket.lease;
    if (!lease || lease.spent || this.idle.includes(lease)) return;
    this.idle.push(lease);
    if (this.idle.length > MAX_IDLE_NONCES) this.idle.shift();
  }

  reset(): void {
    for (const lease of this.idle) lease.spent = true;
    this.idle = [];
  }

  /** Number of nonces waiting for reuse (for tests and diagnostics). */
  get idleNonceCount(): number {
    return this.idle.length;
  }
}
