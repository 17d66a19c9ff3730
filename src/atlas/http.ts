import axios, { type AxiosInstance } from 'axios';
import * as http from 'node:http';
import * as https from 'node:https';
import { TLSSocket } from 'node:tls';
import { isLoopbackHost } from './sites';

/** One HTTP exchange as the pipeline sees it: no redirects, no body parsing, every status returned. */
export interface HttpExchange {
  method: 'GET' | 'POST';
  /** Path and query, starting with '/'. */
  target: string;
  headers: Record<string, string>;
  body?: string;
  /** Cancels the exchange (the caller's signal, the client's lifetime). */
  signal: AbortSignal;
  /** Limit for this exchange, response body included. */
  timeoutMs: number;
  /** The Authorization header, computed once the connection is up (see lateSigning); requests without a body only. */
  authorization?: () => string;
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | undefined>;
  body: string;
  durationMs: number;
}

export type TransportFailureKind = 'network' | 'timeout' | 'cancelled';

/** An exchange that produced no HTTP answer. Internal: the pipeline turns it into an AtlasError. */
export class TransportFailure extends Error {
  constructor(
    readonly kind: TransportFailureKind,
    readonly code: string | undefined,
    readonly durationMs: number,
  ) {
    super(`${kind}${code ? ` (${code})` : ''}`);
    this.name = 'TransportFailure';
  }
}

/** Codes of failures where the request may never have reached Atlas or the answer was cut off. */
const TRANSIENT_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ETIMEDOUT', 'EAI_AGAIN', 'ERR_BAD_RESPONSE', 'ERR_STREAM_PREMATURE_CLOSE']);

export function isTransientNetworkCode(code: string | undefined): boolean {
  return code !== undefined && TRANSIENT_CODES.has(code);
}

/** The largest body accepted; a 500-item page of restore jobs is a few megabytes. */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

/**
 * axios with keep-alive agents owned by one client, so `destroy()` closes every socket it opened.
 * Responses are taken as text and parsed by the pipeline, which needs to tell malformed JSON apart.
 */
export class HttpTransport {
  private readonly axios: AxiosInstance;
  private readonly httpAgent = new http.Agent({ keepAlive: true });
  private readonly httpsAgent = new https.Agent({ keepAlive: true });

  constructor(readonly baseUrl: string) {
    const loopback = isLoopbackHost(new URL(baseUrl).hostname);
    this.axios = axios.create({
      baseURL: baseUrl,
      httpAgent: this.httpAgent,
      httpsAgent: this.httpsAgent,
      // Environment proxies must not capture requests to a local emulator.
      ...(loopback ? { proxy: false as const } : {}),
      maxRedirects: 0,
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
      validateStatus: () => true,
      maxContentLength: MAX_BODY_BYTES,
      maxBodyLength: MAX_BODY_BYTES,
    });
  }

  async exchange(x: HttpExchange): Promise<HttpAnswer> {
    const started = Date.now();
    const timer = new AbortController();
    const timeout = setTimeout(() => timer.abort(), x.timeoutMs);
    const signal = AbortSignal.any([x.signal, timer.signal]);
    try {
      const res = await this.axios.request<string>({
        method: x.method,
        url: x.target,
        headers: x.headers,
        data: x.body,
        signal,
        ...(x.authorization && x.body === undefined ? { transport: lateSigning(x.authorization) } : {}),
      });
      const headers: Record<string, string | undefined> = {};
      for (const [name, value] of Object.entries(res.headers ?? {})) {
        if (value === undefined || value === null) continue;
        headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
      }
      return {
        status: res.status,
        headers,
        body: typeof res.data === 'string' ? res.data : String(res.data ?? ''),
        durationMs: Date.now() - started,
      };
    } catch (e) {
      const durationMs = Date.now() - started;
      if (x.signal.aborted) throw new TransportFailure('cancelled', undefined, durationMs);
      if (timer.signal.aborted) throw new TransportFailure('timeout', undefined, durationMs);
      throw new TransportFailure('network', errorCode(e), durationMs);
    } finally {
      clearTimeout(timeout);
    }
  }

  destroy(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}

/**
 * An axios `transport` (its documented hook for the request function) that holds the request until its
 * socket is connected and only then sets the Authorization header and sends it. A request given a
 * kept-alive socket leaves at once while one given a new socket waits for the TCP and TLS handshakes, so
 * a Digest header computed in advance would reach Atlas after a later one: its nonce count refused as stale.
 */
function lateSigning(authorization: () => string) {
  return {
    request(options: http.RequestOptions, onResponse: (res: http.IncomingMessage) => void): http.ClientRequest {
      const req = (options.protocol === 'https:' ? https : http).request(options, onResponse);
      const connected = new Promise<void>((resolve) => {
        req.once('socket', (socket) => {
          if (!socket.connecting) resolve();
          else socket.once(socket instanceof TLSSocket ? 'secureConnect' : 'connect', () => resolve());
        });
      });
      const end = req.end.bind(req) as () => http.ClientRequest;
      // axios ends a body-less request at once; nothing is written before this.
      req.end = (() => {
        void connected.then(() => {
          if (req.destroyed) return;
          try {
            req.setHeader('Authorization', authorization());
          } catch (e) {
            req.destroy(e instanceof Error ? e : new Error(String(e)));
            return;
          }
          end();
        });
        return req;
      }) as typeof req.end;
      return req;
    },
  };
}

function errorCode(e: unknown): string | undefined {
  let current: unknown = e;
  // axios wraps the socket error; the useful code may sit on the cause.
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'ERR_NETWORK') return code;
    current = (current as { cause?: unknown }).cause;
  }
  const message = e instanceof Error ? e.message : '';
  if (/socket hang up/i.test(message)) return 'ECONNRESET';
  if (/aborted/i.test(message)) return 'ECONNABORTED';
  return e && typeof e === 'object' && typeof (e as { code?: unknown }).code === 'string'
    ? String((e as { code: string }).code)
    : undefined;
}
