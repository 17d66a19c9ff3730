import { createHash } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A tiny file server on 127.0.0.1 for the download tests; records what each request sent. */
export interface TestServer {
  origin: string;
  port: number;
  requests: { url: string; headers: http.IncomingHttpHeaders }[];
  close(): Promise<void>;
}

export async function serve(handler: (req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<TestServer> {
  const requests: TestServer['requests'] = [];
  const server = http.createServer((req, res) => {
    requests.push({ url: req.url ?? '', headers: req.headers });
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Deterministic bytes that are not a repeating short pattern. */
export function body(size: number): Buffer {
  const out = Buffer.alloc(size);
  let x = 0x12345678;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

export const sha1 = (data: Buffer) => createHash('sha1').update(data).digest('hex');

export interface FileOptions {
  /** Cut the body of the first `cuts` responses after this many bytes (destroying the socket). */
  cutAfter?: number;
  cuts?: number;
  /** Answer every request with 200 and the whole file. */
  ignoreRange?: boolean;
  /** Send `stallAfter` bytes and then nothing more (for cancel). */
  stallAfter?: number;
}

/** Serves `data` with Range support (or not), cutting or stalling as asked. */
export function fileHandler(data: Buffer, options: FileOptions = {}): (req: http.IncomingMessage, res: http.ServerResponse) => void {
  let cutsLeft = options.cuts ?? (options.cutAfter !== undefined ? 1 : 0);
  return (req, res) => {
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    let start = 0;
    if (range && !options.ignoreRange) {
      start = Number(range[1]);
      res.writeHead(206, { 'content-length': data.length - start, 'content-range': `bytes ${start}-${data.length - 1}/${data.length}` });
    } else {
      res.writeHead(200, { 'content-length': data.length });
    }
    const rest = data.subarray(start);
    if (options.stallAfter !== undefined) {
      res.write(rest.subarray(0, options.stallAfter));
      return;
    }
    if (cutsLeft > 0 && options.cutAfter !== undefined) {
      cutsLeft--;
      res.write(rest.subarray(0, options.cutAfter), () => setTimeout(() => res.socket?.destroy(), 20));
      return;
    }
    res.end(rest);
  };
}
