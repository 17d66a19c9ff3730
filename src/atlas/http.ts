import axios, { type AxiosInstance } from 'axios';
import * as http from 'node:http';
import * as https from 'node:https';
import { NetworkAgents, type Route } from './agents';
import { certificateProblem, isUnreachableCode, proxyProblem, type NetworkProblem } from './networkErrors';
import { resolveNetwork, type NetworkOptions, type ProxyRoute } from './network';
import { holdUntilConnected } from './lateSigning';

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

/** What a failure had to do with the certificate or the proxy, when it had to do with them. */
export interface FailureCause {
  problem: NetworkProblem;
  proxy?: ProxyRoute;
  /** The proxy's answer to the tunnel or request, when it refused. */
  proxyStatus?: number;
  /** The certificate at fault was the proxy's own (an https:// proxy), not the server's. */
  proxyCertificate?: boolean;
}

/** An exchange that produced no HTTP answer. Internal: the pipeline turns it into an AtlasError. */
export class TransportFailure extends Error {
  constructor(
    readonly kind: TransportFailureKind,
    readonly code: string | undefined,
    readonly durationMs: number,
    readonly reason?: FailureCause,
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

/** What one exchange learned on the way: whether it got a socket, and what a proxy said to its tunnel. */
interface Watch {
  socket: boolean;
  connectStatus?: number;
}

/**
 * axios with keep-alive agents owned by one client, so `destroy()` closes every socket it opened, direct
 * or through a proxy. Responses are taken as text and parsed by the pipeline, which needs to tell
 * malformed JSON apart. Requests are made by `send` below, not by axios's choice of module: VS Code's
 * extension host patches `https.request` and, with http.proxySupport "override" (its default), swaps the
 * agent of every request for one of its own without keep-alive — the client applies the same settings itself.
 */
export class HttpTransport {
  private readonly axios: AxiosInstance;
  private readonly agents: NetworkAgents;

  constructor(
    readonly baseUrl: string,
    network?: NetworkOptions,
  ) {
    this.agents = new NetworkAgents(resolveNetwork(network));
    this.axios = axios.create({
      baseURL: baseUrl,
      // The agents decide about proxies; axios's own reading of HTTP(S)_PROXY would bypass them.
      proxy: false,
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
    const route = this.agents.route(new URL(x.target, this.baseUrl));
    const watch: Watch = { socket: false };
    try {
      const res = await this.axios.request<string>({
        method: x.method,
        url: x.target,
        headers: x.headers,
        data: x.body,
        signal,
        transport: send(route, watch, x.body === undefined ? x.authorization : undefined),
      });
      const durationMs = Date.now() - started;
      if (route.proxy && (res.status === 407 || (watch.connectStatus !== undefined && watch.connectStatus !== 200))) {
        const proxyStatus = watch.connectStatus ?? res.status;
        throw new TransportFailure('network', `PROXY_${proxyStatus}`, durationMs, { problem: proxyProblem({ status: proxyStatus }), proxy: route.proxy, proxyStatus });
      }
      const headers: Record<string, string | undefined> = {};
      for (const [name, value] of Object.entries(res.headers ?? {})) {
        if (value === undefined || value === null) continue;
        headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
      }
      return {
        status: res.status,
        headers,
        body: typeof res.data === 'string' ? res.data : String(res.data ?? ''),
        durationMs,
      };
    } catch (e) {
      if (e instanceof TransportFailure) throw e;
      const durationMs = Date.now() - started;
      if (x.signal.aborted) throw new TransportFailure('cancelled', undefined, durationMs);
      if (timer.signal.aborted) throw new TransportFailure('timeout', undefined, durationMs, route.proxy && !watch.socket ? { problem: 'proxyUnreachable', proxy: route.proxy } : undefined);
      const code = errorCode(e);
      throw new TransportFailure('network', code, durationMs, causeOf(code, route, watch));
    } finally {
      clearTimeout(timeout);
    }
  }

  destroy(): void {
    this.agents.destroy();
  }
}

/** A certificate code, or a proxy that was never reached: what made the failure more than "the network". */
function causeOf(code: string | undefined, route: Route, watch: Watch): FailureCause | undefined {
  const proxy = route.proxy;
  const certificate = certificateProblem(code);
  // Before a socket is handed over, a tunnelled request is still talking to the proxy.
  const atProxy = proxy !== undefined && !watch.socket;
  if (certificate) return { problem: certificate, ...(proxy ? { proxy } : {}), ...(atProxy && proxy.url.protocol === 'https:' ? { proxyCertificate: true } : {}) };
  if (atProxy && isUnreachableCode(code)) return { problem: 'proxyUnreachable', proxy };
  return undefined;
}

/**
 * An axios `transport` (its documented hook for the request function) for one exchange: the route's agent
 * and TLS options, and Node's ClientRequest called directly unless the host is to resolve a proxy itself.
 */
function send(route: Route, watch: Watch, authorization: (() => string) | undefined) {
  return {
    request(options: http.RequestOptions, onResponse: (res: http.IncomingMessage) => void): http.ClientRequest {
      const secure = options.protocol === 'https:';
      const o: https.RequestOptions = { ...options, agent: route.agent, ...(secure ? route.tls : {}) };
      const req = route.viaHost ? (secure ? https : http).request(o, onResponse) : new http.ClientRequest(o, onResponse);
      req.once('socket', () => (watch.socket = true));
      if (route.proxy) req.once('proxyConnect', (answer: { statusCode?: number }) => (watch.connectStatus = answer.statusCode));
      if (!authorization) return req;
      // A forwarding proxy's agent writes the head as it connects, so a header can no longer be added then:
      // plain http through a proxy (a local emulator at most) is signed at once, risking a stale nonce count.
      if (route.proxy && !secure) signNow(req, authorization);
      else holdUntilConnected(req, authorization, () => watch.connectStatus !== undefined);
      return req;
    },
  };
}

function signNow(req: http.ClientRequest, authorization: () => string): void {
  try {
    req.setHeader('Authorization', authorization());
  } catch (e) {
    req.destroy(e instanceof Error ? e : new Error(String(e)));
  }
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
