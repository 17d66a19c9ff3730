import * as diagnostics from 'node:diagnostics_channel';
import type { Socket } from 'node:net';

/**
 * Bytes the process received on its outgoing TCP connections (status lines, headers and bodies as
 * they crossed the socket). Node publishes every client socket on the `net.client.socket` channel,
 * so the AtlasClient's own keep-alive agents are measured without touching src/ or adding a proxy hop.
 */
export class WireMeter {
  private readonly open = new Set<Socket>();
  private closedRead = 0;
  private closedWritten = 0;
  private readonly onSocket = (message: unknown) => {
    const socket = (message as { socket: Socket }).socket;
    this.open.add(socket);
    socket.once('close', () => {
      this.closedRead += socket.bytesRead;
      this.closedWritten += socket.bytesWritten;
      this.open.delete(socket);
    });
  };

  constructor() {
    diagnostics.subscribe('net.client.socket', this.onSocket);
  }

  /** Totals since the meter started; take the difference of two readings. */
  read(): { received: number; sent: number; sockets: number } {
    let received = this.closedRead;
    let sent = this.closedWritten;
    for (const s of this.open) {
      received += s.bytesRead;
      sent += s.bytesWritten;
    }
    return { received, sent, sockets: this.open.size };
  }

  dispose(): void {
    diagnostics.unsubscribe('net.client.socket', this.onSocket);
  }
}
