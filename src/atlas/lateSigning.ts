import type * as http from 'node:http';
import { TLSSocket } from 'node:tls';

/**
 * Holds a body-less request until its socket is connected and only then sets the Authorization header and
 * sends it. A request given a kept-alive socket leaves at once while one given a new socket waits for the
 * TCP and TLS handshakes, so a Digest header computed in advance would reach Atlas after a later one: its
 * nonce count refused as stale. `freshTunnel` says the socket is a new proxy tunnel, whose TLS handshake
 * starts only once the proxy has answered (the socket is handed over connected, not yet secure).
 */
export function holdUntilConnected(req: http.ClientRequest, authorization: () => string, freshTunnel: () => boolean): void {
  const connected = new Promise<void>((resolve) => {
    req.once('socket', (socket) => {
      const tlsPending = socket instanceof TLSSocket && (socket.connecting || freshTunnel());
      if (tlsPending) socket.once('secureConnect', () => resolve());
      else if (socket.connecting) socket.once('connect', () => resolve());
      else resolve();
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
}
