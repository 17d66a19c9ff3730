import { HTTPParser } from 'http-parser-js';
import * as net from 'node:net';
import * as tls from 'node:tls';
import { proxyFor, resolveNetwork, type NetworkOptions, type ProxyRoute } from '../atlas/network';
import { tlsOptionsOf, type TlsRequestOptions } from '../atlas/tlsOptions';
import { connectToProxy, openTunnel, proxyAuthorization, routeFailure } from './tunnel';

/*
 * One GET for a download, read into a single reused buffer instead of node:http's fresh one per socket read.
 * On these machines each fresh 64 KiB buffer costs page faults: node:http spent 5 s of CPU per GiB just
 * receiving, where this path spends under 1 s (bench/experiments/download-sinks.ts), which decided whether a
 * download kept up with curl and how much of the extension host (shared with every other extension) a
 * large restore took. The response is parsed by http-parser-js (the parser websocket-driver and others
 * rely on), whose body chunks are views of that buffer, so no byte is copied until it reaches the `.part`
 * file's batch. Requests carry `Connection: close`: one request per socket, no pooling to get wrong.
 *
 * Behind a proxy (see NetworkOptions): plain http goes to the proxy in absolute form, still read into the one
 * buffer; https goes through a CONNECT tunnel, over which Node's TLS socket reads into buffers of its own
 * (tls.connect ignores `onread` when it is handed a socket), so only direct downloads avoid them.
 */

/** The most one socket read holds, so the most body one read hands a sink (loopback reads fill it; the internet's rarely do). */
export const READ_BYTES = 256 << 10;
/** Less free space than this in the sink's buffer is not worth a read of its own: the read uses the exchange's. */
const MIN_SPACE = 16 << 10;

export interface GetOptions {
  headers: Record<string, string>;
  signal?: AbortSignal;
  /** The socket's idle timer, which also covers the body: a stalled transfer counts as a dropped one. */
  idleTimeoutMs: number;
  /** Certificates to trust instead of Node's bundled roots (https only); wins over `network.ca`. */
  ca?: string | string[];
  /** The proxy to go through and the certificates to trust, as for the API client. */
  network?: NetworkOptions;
}

/**
 * What `body.read` hands each chunk to: a view valid only during the call. `take` returning true asks for a
 * pause until `drained` resolves; until then at most one more read's worth (READ_BYTES) may still arrive.
 */
export interface BodySink {
  take(chunk: Buffer): boolean;
  drained(): Promise<void>;
  /**
   * Memory the next socket read may go straight into (the free end of the sink's own buffer), so that the
   * chunk `take` then gets is already where it belongs; undefined: read into the exchange's buffer. Asked
   * after each read the sink did not pause; the sink must not reuse that memory before the next `take`.
   */
  space?(): Buffer | undefined;
}

export interface GetResponse {
  statusCode: number;
  /** Header names in lower case; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** Delivers the body to `sink`; resolves when the server has sent all of it, rejects if the connection ends first. */
  read(sink: BodySink): Promise<void>;
  /** Drops the connection (a redirect, an error status, or a body not wanted). */
  destroy(): void;
  /** The proxy the answer came through, if any (a 407 is then the proxy's). */
  proxy?: ProxyRoute;
}

/** GETs `url` over a fresh connection; resolves once the status and headers are in. */
export function httpGet(url: URL, options: GetOptions): Promise<GetResponse> {
  return new Promise((resolve, reject) => new Exchange(url, options, resolve, reject).start());
}

type Phase = 'head' | 'body' | 'done' | 'failed';

class Exchange {
  private readonly buffer = Buffer.allocUnsafe(READ_BYTES);
  private readonly parser = new HTTPParser(HTTPParser.RESPONSE);
  private socket: net.Socket | undefined;
  private proxy: ProxyRoute | undefined;
  /** The proxy (when there is one) has let the request through: a failure from now on is the server's. */
  private reached = false;
  private phase: Phase = 'head';
  /** Body bytes that came with the headers, before anyone read them (copied: the buffer is reused). */
  private early: Buffer[] = [];
  private sink: BodySink | undefined;
  private wantsPause = false;
  /** A chunked body's reads hold framing between the body's bytes: those never go into the sink's space. */
  private chunked = false;
  private bodyEnded: { resolve(): void; reject(e: Error): void } | undefined;
  private failure: Error | undefined;
  private readonly onAbort = () => this.fail(Object.assign(new Error('aborted'), { code: 'ABORT_ERR', name: 'AbortError' }));

  constructor(
    private readonly url: URL,
    private readonly options: GetOptions,
    private readonly resolveHead: (r: GetResponse) => void,
    private readonly rejectHead: (e: Error) => void,
  ) {}

  start(): void {
    if (this.options.signal?.aborted) return this.onAbort();
    this.options.signal?.addEventListener('abort', this.onAbort, { once: true });
    this.parser[HTTPParser.kOnHeadersComplete] = (info) => this.onHead(info.statusCode, info.headers);
    this.parser[HTTPParser.kOnBody] = (chunk, offset, length) => this.onBody(chunk.subarray(offset, offset + length));
    this.parser[HTTPParser.kOnMessageComplete] = () => this.onComplete();
    const secure = this.url.protocol === 'https:';
    let tlsOptions: TlsRequestOptions;
    let request: string;
    try {
      const network = resolveNetwork(this.options.network);
      tlsOptions = this.options.ca ? { rejectUnauthorized: network.strictSSL, secureContext: tls.createSecureContext({ ca: this.options.ca }) } : tlsOptionsOf(network);
      this.proxy = proxyFor(network, this.url);
      request = this.requestText(this.proxy && !secure ? this.proxy : undefined);
    } catch (error) {
      return this.fail(error as Error);
    }
    const host = this.url.hostname.replace(/^\[(.*)\]$/, '$1');
    const onread = { buffer: () => this.readBuffer(), callback: (n: number, buffer: Buffer) => this.onBytes(buffer, n) };
    const serverTls = { ...(net.isIP(host) ? {} : { servername: host }), ALPNProtocols: ['http/1.1'], ...tlsOptions };
    if (!this.proxy) {
      const port = Number(this.url.port) || (secure ? 443 : 80);
      // tls.connect takes `onread` too (nodejs/node#35753; checked on Node 20); @types/node does not list it.
      this.attach(secure ? tls.connect({ host, port, onread, ...serverTls } as tls.ConnectionOptions) : net.connect({ host, port, onread }), true);
      this.socket!.write(request);
    } else if (!secure) {
      this.attach(connectToProxy(this.proxy, tlsOptions, onread), false);
      this.socket!.write(request);
    } else {
      const toProxy = connectToProxy(this.proxy, tlsOptions);
      this.socket = toProxy;
      toProxy.setTimeout(this.options.idleTimeoutMs, () => this.fail(Object.assign(new Error('idle timeout'), { code: 'ETIMEDOUT' })));
      openTunnel(toProxy, this.proxy, this.url).then(
        (tunnel) => {
          if (this.phase !== 'head') return void tunnel.destroy();
          tunnel.setTimeout(0);
          // The TLS socket takes the connection over and reports its errors; the plain one must not crash the host.
          tunnel.on('error', () => undefined);
          this.reached = true;
          this.attach(tls.connect({ socket: tunnel, ...serverTls }), true, true);
          this.socket!.write(request);
        },
        (e: Error) => this.fail(e),
      );
    }
  }

  /**
   * Takes `socket` as the exchange's: idle timer, errors, its end. `past` says the proxy (if any) is behind
   * already; otherwise it is once the socket connects. `chunks` reads 'data' events instead of `onread`.
   */
  private attach(socket: net.Socket, past: boolean, chunks = false): void {
    this.socket = socket;
    if (past) this.reached = true;
    else socket.once(socket instanceof tls.TLSSocket ? 'secureConnect' : 'connect', () => (this.reached = true));
    socket.setTimeout(this.options.idleTimeoutMs, () => this.fail(Object.assign(new Error('idle timeout'), { code: 'ETIMEDOUT' })));
    socket.on('error', (e) => this.fail(e));
    socket.on('end', () => this.onEnd());
    socket.on('close', () => this.onEnd());
    if (chunks) socket.on('data', (chunk: Buffer) => this.onBytes(chunk, chunk.length));
  }

  /** Origin form, or the absolute form a proxy takes for plain http (with its credentials). */
  private requestText(proxy: ProxyRoute | undefined): string {
    const target = proxy ? `${this.url.protocol}//${this.url.host}${this.url.pathname}${this.url.search}` : `${this.url.pathname}${this.url.search}`;
    const lines = [`GET ${target} HTTP/1.1`, `Host: ${this.url.host}`, 'Connection: close'];
    const auth = proxy && proxyAuthorization(proxy);
    if (auth) lines.push(`Proxy-Authorization: ${auth}`);
    for (const [name, value] of Object.entries(this.options.headers)) {
      // A header value comes from Atlas (the legacy auth header): never let it add a line of its own.
      if (/[\r\n]/.test(name) || /[\r\n]/.test(value)) throw new Error('header with a line break');
      lines.push(`${name}: ${value}`);
    }
    return `${lines.join('\r\n')}\r\n\r\n`;
  }

  /**
   * Where the next socket read goes (Node asks after every read): the sink's space once the body flows, so
   * that a 1 GiB file is not copied from this buffer into the sink's (0.45 s of the main thread per GiB),
   * else the reused buffer. Never the sink's while it is pausing us: its memory may move on before we read.
   */
  private readBuffer(): Buffer {
    const space = this.phase === 'body' && !this.wantsPause && !this.chunked ? this.sink?.space?.() : undefined;
    return space && space.length >= MIN_SPACE ? space : this.buffer;
  }

  /** One socket read, `n` bytes at the start of `bytes`; false pauses the socket (the sink is busy, or nobody reads the body yet). */
  private onBytes(bytes: Buffer, n: number): boolean {
    const parsed = this.parser.execute(bytes, 0, n);
    if (parsed instanceof Error) {
      this.fail(Object.assign(new Error(`unreadable response (${parsed.message})`), { code: (parsed as { code?: string }).code ?? 'HPE_INVALID' }));
      return false;
    }
    if (this.phase !== 'body' || !(this.wantsPause || !this.sink)) return true;
    // pause() too, not only `false`: resume() then starts reading again.
    this.socket?.pause();
    if (this.sink) this.resumeWhenDrained();
    return false;
  }

  private onHead(statusCode: number, raw: string[]): void {
    // 1xx answers are interim: the real one follows on the same connection.
    if (statusCode >= 100 && statusCode < 200) return;
    const headers: Record<string, string> = {};
    for (let i = 0; i + 1 < raw.length; i += 2) {
      const name = raw[i]!.toLowerCase();
      headers[name] = name in headers ? `${headers[name]}, ${raw[i + 1]!}` : raw[i + 1]!;
    }
    this.phase = 'body';
    this.chunked = /chunked/i.test(headers['transfer-encoding'] ?? '');
    this.resolveHead({
      statusCode,
      headers,
      read: (sink) => this.read(sink),
      destroy: () => this.close(),
      ...(this.proxy ? { proxy: this.proxy } : {}),
    });
  }

  private onBody(chunk: Buffer): void {
    if (!this.sink) {
      this.early.push(Buffer.from(chunk));
      return;
    }
    if (this.sink.take(chunk)) this.wantsPause = true;
  }

  private onComplete(): void {
    if (this.phase !== 'body') return;
    this.phase = 'done';
    this.options.signal?.removeEventListener('abort', this.onAbort);
    this.bodyEnded?.resolve();
    this.socket?.destroy();
  }

  private read(sink: BodySink): Promise<void> {
    if (this.sink) return Promise.reject(new Error('the body is already being read'));
    this.sink = sink;
    const ended = new Promise<void>((resolve, reject) => (this.bodyEnded = { resolve, reject }));
    for (const chunk of this.early.splice(0)) if (sink.take(chunk)) this.wantsPause = true;
    if (this.failure) this.bodyEnded!.reject(this.failure);
    else if (this.phase === 'done') this.bodyEnded!.resolve();
    else this.resumeWhenDrained();
    return ended;
  }

  /** Resumes reading once the sink can take more (at once if it can now). */
  private resumeWhenDrained(): void {
    const go = () => {
      this.wantsPause = false;
      if (this.phase === 'body') this.socket?.resume();
    };
    if (!this.wantsPause) return go();
    this.sink!.drained().then(go, (e: Error) => this.fail(e));
  }

  private onEnd(): void {
    if (this.phase === 'done' || this.phase === 'failed') return;
    // A body without a length ends with the connection; any other end is a dropped connection.
    const finished = this.parser.finish();
    if (finished instanceof Error || (this.phase as Phase) !== 'done') this.fail(Object.assign(new Error('connection closed early'), { code: 'ECONNRESET' }));
  }

  private fail(error: Error): void {
    if (this.phase === 'done' || this.phase === 'failed') return;
    const before = this.phase;
    this.phase = 'failed';
    // Where it failed, for a message that names the right host (a redirect may have moved it).
    Object.assign(error, { host: this.url.host });
    if (this.proxy) routeFailure(error, { proxy: this.proxy, atProxy: !this.reached });
    this.failure = error;
    this.options.signal?.removeEventListener('abort', this.onAbort);
    this.socket?.destroy();
    if (before === 'head') this.rejectHead(error);
    else this.bodyEnded?.reject(error);
  }

  private close(): void {
    if (this.sink) return this.fail(Object.assign(new Error('download dropped'), { code: 'ECONNRESET' }));
    if (this.phase === 'body' || this.phase === 'head') {
      this.phase = 'done';
      this.options.signal?.removeEventListener('abort', this.onAbort);
    }
    this.socket?.destroy();
  }
}
