import * as net from 'node:net';
import * as tls from 'node:tls';
import type { ProxyRoute } from '../atlas/network';
import type { TlsRequestOptions } from '../atlas/tlsOptions';

/** The most a proxy's answer to CONNECT may take before its blank line. */
const MAX_CONNECT_HEAD = 16 << 10;

/** A failure on the way to the server that says where it happened: at the proxy, or the proxy's answer. */
export interface RouteFailure extends Error {
  code?: string;
  /** The proxy the request went through. */
  proxy?: ProxyRoute;
  /** It failed before the proxy had let the request through (connecting, TLS with an https:// proxy, CONNECT). */
  atProxy?: boolean;
  /** The proxy's answer to CONNECT when not 200. */
  proxyStatus?: number;
}

export function routeFailure(error: Error, extra: Omit<RouteFailure, keyof Error>): RouteFailure {
  return Object.assign(error, extra);
}

/** `Proxy-Authorization` for a proxy URL's credentials, or nothing. */
export function proxyAuthorization(proxy: ProxyRoute): string | undefined {
  const { username, password } = proxy.url;
  if (!username && !password) return undefined;
  return `Basic ${Buffer.from(`${decodeURIComponent(username)}:${decodeURIComponent(password)}`).toString('base64')}`;
}

/** A connection to the proxy itself: TCP, or TLS checked like any server's for an https:// proxy. */
export function connectToProxy(proxy: ProxyRoute, tlsOptions: TlsRequestOptions, onread?: net.OnReadOpts): net.Socket {
  const host = proxy.url.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = Number(proxy.url.port) || (proxy.url.protocol === 'https:' ? 443 : 80);
  if (proxy.url.protocol === 'https:') {
    // tls.connect takes `onread` too (nodejs/node#35753); @types/node does not list it.
    return tls.connect({ host, port, ...(net.isIP(host) ? {} : { servername: host }), ...tlsOptions, ...(onread ? { onread } : {}) } as tls.ConnectionOptions);
  }
  return net.connect({ host, port, ...(onread ? { onread } : {}) });
}

/**
 * Asks the proxy on `socket` (connected or connecting) for a tunnel to `target` and resolves once it
 * answered 200, with nothing of the tunnel read yet. Rejects with a RouteFailure on any other answer.
 */
export function openTunnel(socket: net.Socket, proxy: ProxyRoute, target: URL): Promise<net.Socket> {
  const host = target.hostname;
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  const lines = [`CONNECT ${host}:${port} HTTP/1.1`, `Host: ${host}:${port}`, 'Proxy-Connection: close'];
  const auth = proxyAuthorization(proxy);
  if (auth) lines.push(`Proxy-Authorization: ${auth}`);
  return new Promise((resolve, reject) => {
    let head = Buffer.alloc(0);
    const done = (error?: Error) => {
      socket.off('data', onData);
      socket.off('error', onError);
      socket.off('close', onClose);
      if (error) reject(routeFailure(error, { proxy, atProxy: true }));
      else resolve(socket);
    };
    const onError = (e: Error) => done(e);
    const onClose = () => done(Object.assign(new Error('the proxy closed the connection'), { code: 'ECONNRESET' }));
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) {
        if (head.length > MAX_CONNECT_HEAD) done(Object.assign(new Error('unreadable proxy answer'), { code: 'HPE_HEADER_OVERFLOW' }));
        return;
      }
      socket.pause();
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head.subarray(0, end).toString('latin1'))?.[1]);
      if (status !== 200) {
        const error = Object.assign(new Error(`the proxy answered ${status || 'something unreadable'}`), { code: `PROXY_${status || 'BAD_ANSWER'}` });
        return done(routeFailure(error, { proxy, atProxy: true, ...(status ? { proxyStatus: status } : {}) }));
      }
      // Nothing may follow a 200 before the client speaks; a proxy that sent more is not one to trust with TLS.
      if (head.length > end + 4) return done(Object.assign(new Error('the proxy sent data before the tunnel was used'), { code: 'HPE_INVALID' }));
      done();
    };
    socket.on('data', onData);
    socket.on('error', onError);
    socket.on('close', onClose);
    socket.write(`${lines.join('\r\n')}\r\n\r\n`);
  });
}
