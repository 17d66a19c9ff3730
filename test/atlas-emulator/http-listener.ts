/**
 * One HTTP (or HTTPS) listener on 127.0.0.1 (an ephemeral port unless told): the API host and the storage
 * host both use it, so both close every kept-alive socket at once on `close()` instead of waiting for them.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createSecureServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { RecordedRequest } from './contract';

export interface Listener {
  server: Server;
  /** `http://host:port` or `https://host:port`, IPv6 hosts in brackets; `host` is the public host when given. */
  url: string;
  close(): Promise<void>;
}

export interface ListenOptions {
  /** Serve HTTPS with this PEM key and certificate. */
  tls?: { key: string; cert: string };
  /** The host name the URL carries instead of the listening address (a name that resolves to it somewhere). */
  publicHost?: string;
}

export async function listen(
  host: string,
  port: number,
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
  onError: (error: unknown, res: ServerResponse) => void,
  options: ListenOptions = {},
): Promise<Listener> {
  const sockets = new Set<Socket>();
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((e: unknown) => onError(e, res));
  };
  const server: Server = options.tls ? createSecureServer({ key: options.tls.key, cert: options.tls.cert }, onRequest) : createServer(onRequest);
  server.keepAliveTimeout = 5_000;
  // For HTTPS too the TCP sockets: destroying one closes its TLS socket, handshake finished or not.
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actual = (server.address() as AddressInfo).port;
  const shown = options.publicHost ?? host;
  return {
    server,
    url: `${options.tls ? 'https' : 'http'}://${shown.includes(':') ? `[${shown}]` : shown}:${actual}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  };
}

function recordQuery(url: URL, secret: boolean): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const k of new Set(url.searchParams.keys())) {
    const all = url.searchParams.getAll(k).map((v) => (secret ? '[redacted]' : v));
    out[k] = all.length === 1 ? (all[0] as string) : all;
  }
  return out;
}

/**
 * Appends the request to `requests` now and fills in its status when the answer is sent. Download
 * query values are signatures and keys: recorded as `[redacted]`; credential headers only as a yes/no.
 */
export function recordRequest(
  requests: RecordedRequest[],
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  opts: { server: 'main' | 'storage'; download: boolean; log?: (line: string) => void },
): RecordedRequest {
  const started = Date.now();
  const rec: RecordedRequest = {
    method: req.method ?? 'GET',
    path: url.pathname,
    query: recordQuery(url, opts.download),
    status: 0,
    server: opts.server,
    receivedAt: started,
  };
  if (req.headers.accept !== undefined) rec.accept = req.headers.accept;
  const schemeWord = /^(\w+)/.exec(req.headers.authorization ?? '')?.[1]?.toLowerCase();
  if (schemeWord === 'bearer') rec.authScheme = 'Bearer';
  else if (schemeWord === 'digest') rec.authScheme = 'Digest';
  else if (schemeWord === 'basic') rec.authScheme = 'Basic';
  requests.push(rec);
  res.on('finish', () => {
    rec.answeredAt = Date.now();
    rec.status = res.statusCode;
    const ct = res.getHeader('content-type');
    if (ct !== undefined) rec.contentType = String(ct);
    opts.log?.(`${opts.server === 'storage' ? 'storage: ' : ''}${rec.method} ${rec.path} ${rec.status} ${Date.now() - started}ms`);
  });
  return rec;
}
