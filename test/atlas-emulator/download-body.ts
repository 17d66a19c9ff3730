/**
 * Sending a download's bytes, the same way from the API host and the storage host: Range (206/416),
 * HEAD, an S3-like ETag, back-pressure, and the body faults (`cutBody`, `ignoreRange`, `corruptByte`,
 * `slowBody`). The bytes are made chunk by chunk as the socket takes them (see file-bytes.ts); nothing is buffered.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DownloadFile } from './download-files';
import { FILE_CHUNK, FILE_TILE, fileChunks, fileDigest } from './file-bytes';

/** The download faults a request can use up (see contract.ts `Fault`), without their counts. */
export type DownloadFault =
  | { kind: 'cutBody'; afterBytes: number }
  | { kind: 'ignoreRange' }
  | { kind: 'corruptByte'; at: number }
  | { kind: 'slowBody'; ms: number }
  | { kind: 'redirectToStorage' };

/** Uses up one count of the first matching fault among `kinds` (GET only: HEAD uses nothing up). */
export type TakeFault = (kinds: readonly DownloadFault['kind'][]) => DownloadFault | undefined;

export function s3Error(res: ServerResponse, status: number, code: string, message: string, extra = ''): void {
  const body =
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message>${extra}` +
    `<RequestId>EMULATOR0000000</RequestId><HostId>emulator</HostId></Error>`;
  res.writeHead(status, { 'Content-Type': 'application/xml', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

export function plain(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(message) });
  res.end(message);
}

/**
 * A `Range` header as a single byte range of a file of `size` bytes (RFC 9110 §14.1.2): `bytes=N-`,
 * `bytes=N-M` (M clamped to the end) and `bytes=-N` (the last N). `undefined`: no usable range, serve the
 * whole file (a missing, malformed or multi-range header is ignored, as the RFC allows); 'unsatisfiable': 416.
 */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | undefined {
  if (header === undefined) return undefined;
  const m = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size };
  }
  const start = Number(m[1]);
  const last = m[2] === '' ? Infinity : Number(m[2]);
  if (last < start) return undefined;
  if (start >= size) return 'unsatisfiable';
  return { start, end: Math.min(last + 1, size) };
}

/** Above this size a file is taken to have been uploaded in parts of this size (S3 multipart). */
export const MULTIPART_PART_BYTES = 16 * 1024 * 1024;

/**
 * S3's ETag: the MD5 of a single-part object, computed once while streaming. A large object uploaded
 * in parts has `"<hex>-<parts>"`, which is no MD5 of its bytes on S3 either — so a large file gets one
 * derived from its SHA-1 instead of an MD5 pass that would stall the event loop ~1.6 s per GiB.
 */
const etags = new WeakMap<DownloadFile, string>();
function etagOf(seed: number, file: DownloadFile): string {
  let tag = etags.get(file);
  if (tag === undefined) {
    tag =
      file.size > MULTIPART_PART_BYTES
        ? `"${createHash('md5').update(file.sha1).digest('hex')}-${Math.ceil(file.size / MULTIPART_PART_BYTES)}"`
        : `"${fileDigest(seed, file.key, file.size, 'md5')}"`;
    etags.set(file, tag);
  }
  return tag;
}

/** Lets the headers and what was written reach the kernel, then destroys the socket mid-body. */
async function cut(res: ServerResponse): Promise<void> {
  res.flushHeaders();
  for (let i = 0; i < 1000 && !res.destroyed && (res.writableLength > 0 || (res.socket?.writableLength ?? 0) > 0); i++) {
    await sleep(2);
  }
  res.socket?.destroy();
  res.destroy();
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function drained(res: ServerResponse): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

interface PumpFaults {
  cutAt?: number;
  flipAt?: number;
  /** Byte k of `total` leaves no earlier than `slowMs × (k+1) / total` after the first: the last at `slowMs`. */
  slowMs?: number;
  total: number;
}

/** Writes the chunks with back-pressure, paced when slow; stops (and destroys the socket) after `cutAt` bytes. */
async function pump(res: ServerResponse, chunks: Iterable<Buffer>, fault: PumpFaults): Promise<void> {
  let sent = 0;
  if (fault.cutAt === 0) return cut(res);
  const began = performance.now();
  if (fault.slowMs !== undefined) res.flushHeaders();
  for (let chunk of chunks) {
    if (res.destroyed) return;
    if (fault.flipAt !== undefined && fault.flipAt >= sent && fault.flipAt < sent + chunk.length) {
      chunk = Buffer.from(chunk); // a large file's chunk is a slice of its tile, shared with every other send
      chunk[fault.flipAt - sent] = ~chunk[fault.flipAt - sent]! & 0xff;
    }
    if (fault.cutAt !== undefined && sent + chunk.length >= fault.cutAt) chunk = chunk.subarray(0, fault.cutAt - sent);
    if (fault.slowMs !== undefined) {
      const due = began + (fault.slowMs * (sent + chunk.length)) / fault.total;
      for (let wait = due - performance.now(); wait > 0; wait = due - performance.now()) await sleep(Math.ceil(wait));
      if (res.destroyed) return;
    }
    sent += chunk.length;
    const more = chunk.length === 0 || res.write(chunk);
    if (fault.cutAt !== undefined && sent >= fault.cutAt) return cut(res);
    if (!more) await drained(res);
  }
  if (!res.destroyed) res.end();
}

/** Answers 200, 206 or 416 with the file's bytes (or only the headers, for HEAD). */
export function sendFile(req: IncomingMessage, res: ServerResponse, file: DownloadFile, seed: number, take: TakeFault): void {
  let range = parseRange(req.headers.range, file.size);
  if (range !== undefined && take(['ignoreRange'])) range = undefined;
  const headers: Record<string, string | number> = {
    'Content-Type': file.fileName.endsWith('.gz') ? 'application/gzip' : 'application/octet-stream',
    'Accept-Ranges': 'bytes',
    'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    ETag: etagOf(seed, file),
  };
  if (range === 'unsatisfiable') {
    res.writeHead(416, { ...headers, 'Content-Range': `bytes */${file.size}`, 'Content-Length': 0 });
    return void res.end();
  }
  const { start, end } = range ?? { start: 0, end: file.size };
  if (range) headers['Content-Range'] = `bytes ${start}-${end - 1}/${file.size}`;
  headers['Content-Length'] = end - start;
  res.writeHead(range ? 206 : 200, headers);
  if (req.method === 'HEAD') return void res.end();
  const fault = take(['cutBody', 'corruptByte']);
  const slow = take(['slowBody']);
  const faults: PumpFaults = { total: end - start };
  if (fault?.kind === 'cutBody') faults.cutAt = fault.afterBytes;
  if (fault?.kind === 'corruptByte') faults.flipAt = fault.at;
  // Past its first MiB a file is slices of one cached tile (file-bytes.ts): whole-tile writes cost no memory
  // and a sixteenth of the event-loop turns and syscalls, which the emulator would otherwise take from the
  // client it shares the machine with in the download benchmark.
  let chunkSize = end > FILE_TILE ? FILE_TILE : FILE_CHUNK;
  if (slow?.kind === 'slowBody') {
    faults.slowMs = slow.ms;
    // Small steps, so that a slow body drips rather than arriving in one late lump.
    chunkSize = Math.max(1, Math.min(FILE_CHUNK, Math.ceil((end - start) / 50)));
  }
  void pump(res, fileChunks(seed, file.key, start, end, chunkSize), faults).catch(() => res.destroy());
}
