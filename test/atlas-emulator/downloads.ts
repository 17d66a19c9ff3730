/**
 * Delivery URLs that point back at the emulator and look like the signed URLs Atlas hands out:
 * S3-style pre-signed URLs (cloud backup, serverless, flex) and the legacy backup daemon's pull URLs
 * (`urlV2` needs the `delivery.authHeader: authValue` header; the deprecated `url` carries the key in
 * its query). They serve real bytes, deterministic per file, so SHA1 checks can be made for real.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { bytes as prngBytes, forkRng, hashString } from './prng';

export const DOWNLOAD_PREFIX = '/__downloads/';

export type DownloadStyle = 's3' | 'legacyV2' | 'legacyV1';
export type DownloadFamily = 'legacy' | 'cloudBackup' | 'serverless' | 'flex';

/** Which file a URL names: one restore job may have several parts (one per shard, the config server, …). */
export interface DownloadKey {
  family: DownloadFamily;
  groupId: string;
  clusterName: string;
  jobId: string;
  part: string;
}

export interface DownloadFile {
  key: DownloadKey;
  fileName: string;
  size: number;
  sha1: string;
  expiresAt: number; // ms
  authHeader?: string; // legacy only
  authValue?: string; // legacy only
  /** Legacy delivery that used up its `maxDownloads`: the daemon refuses it although not expired. */
  exhausted?: boolean;
}

export function downloadPath(key: DownloadKey, fileName: string): string {
  return (
    DOWNLOAD_PREFIX +
    [key.family, key.groupId, key.clusterName, key.jobId, key.part, fileName].map(encodeURIComponent).join('/')
  );
}

export function parseDownloadPath(path: string): { key: DownloadKey; fileName: string } | undefined {
  if (!path.startsWith(DOWNLOAD_PREFIX)) return undefined;
  const parts = path.slice(DOWNLOAD_PREFIX.length).split('/');
  if (parts.length !== 6) return undefined;
  let decoded: string[];
  try {
    decoded = parts.map(decodeURIComponent);
  } catch {
    return undefined;
  }
  const [family, groupId, clusterName, jobId, part, fileName] = decoded as [string, string, string, string, string, string];
  if (!['legacy', 'cloudBackup', 'serverless', 'flex'].includes(family)) return undefined;
  return { key: { family: family as DownloadFamily, groupId, clusterName, jobId, part }, fileName };
}

function fileLabel(key: DownloadKey): string {
  return `file:${key.family}:${key.groupId}:${key.clusterName}:${key.jobId}:${key.part}`;
}

/** The bytes of a file: the same for the same seed and key, whatever order files are read in. */
export function fileBytes(seed: number, key: DownloadKey, size: number): Buffer {
  return prngBytes(forkRng(seed, fileLabel(key)), size);
}

export const FILE_CHUNK = 64 * 1024;

/**
 * The bytes `[start, end)` of the same file as `fileBytes`, in chunks of at most `chunkSize`, without
 * ever holding the file. mulberry32's state after k draws is `seed + k·0x6d2b79f5`, so any offset is
 * reached at once: byte i is byte `i % 4` (little-endian) of draw `floor(i / 4)`.
 */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

export function* fileChunks(seed: number, key: DownloadKey, start: number, end: number, chunkSize = FILE_CHUNK): Generator<Buffer> {
  const base = hashString(`${seed >>> 0}:${fileLabel(key)}`);
  const draw = (k: number): number => {
    // the state after k+1 draws; Math.imul multiplies mod 2^32 (files under 16 GiB: k + 1 < 2^32)
    const a = (base + Math.imul((k + 1) >>> 0, 0x6d2b79f5)) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  for (let pos = start; pos < end; ) {
    const n = Math.min(chunkSize, end - pos);
    let i = 0;
    const head = Math.min(n, (4 - (pos % 4)) % 4); // a leading partial word
    const words = (n - head) >>> 2;
    // whole words go through a Uint32Array (aligned; byte-swapped to little-endian on a big-endian host)
    const u32 = new Uint32Array(Math.ceil(n / 4));
    const out = Buffer.from(u32.buffer).subarray(0, n);
    for (; i < head; i++) out[i] = (draw(Math.floor((pos + i) / 4)) >>> (8 * ((pos + i) % 4))) & 0xff;
    if (words > 0) {
      const body = head === 0 ? u32 : new Uint32Array(words);
      let a = (base + Math.imul(((pos + i) / 4 + 1) >>> 0, 0x6d2b79f5)) >>> 0;
      for (let w = 0; w < words; w++) {
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        body[w] = t ^ (t >>> 14);
        a = (a + 0x6d2b79f5) >>> 0;
      }
      if (!LITTLE_ENDIAN) Buffer.from(body.buffer, 0, words * 4).swap32();
      if (head !== 0) out.set(new Uint8Array(body.buffer, 0, words * 4), head);
      i += words * 4;
    }
    if (i < n) {
      const v = draw((pos + i) / 4);
      for (let b = 0; i < n; i++, b++) out[i] = (v >>> (8 * b)) & 0xff;
    }
    yield out;
    pos += n;
  }
}

/** SHA-1 (or another digest) of a file, computed while streaming its bytes. */
export function fileDigest(seed: number, key: DownloadKey, size: number, algorithm = 'sha1'): string {
  const h = createHash(algorithm);
  for (const c of fileChunks(seed, key, 0, size)) h.update(c);
  return h.digest('hex');
}

export function sha1Hex(data: Buffer): string {
  return createHash('sha1').update(data).digest('hex');
}

function amzDate(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** Signs and checks delivery URLs with a secret derived from the seed (deterministic, never logged). */
export class DownloadSigner {
  constructor(
    private readonly secret: string,
    private readonly baseUrl: string,
  ) {}

  private sign(path: string, parts: string[]): string {
    return createHmac('sha256', this.secret).update([path, ...parts].join('\n')).digest('hex');
  }

  /** An S3 pre-signed URL valid from `issuedAt` until `expiresAt`. */
  s3Url(key: DownloadKey, fileName: string, issuedAt: number, expiresAt: number): string {
    const path = downloadPath(key, fileName);
    const date = amzDate(issuedAt);
    const expires = String(Math.max(1, Math.round((expiresAt - issuedAt) / 1000)));
    const q = new URLSearchParams({
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
      'X-Amz-Credential': `ASIAEMULATOR0000000/${date.slice(0, 8)}/us-east-1/s3/aws4_request`,
      'X-Amz-Date': date,
      'X-Amz-Expires': expires,
      'X-Amz-SignedHeaders': 'host',
    });
    q.set('X-Amz-Signature', this.sign(path, ['s3', date, expires]));
    return `${this.baseUrl}${path}?${q.toString()}`;
  }

  legacyUrlV2(key: DownloadKey, fileName: string, expiresAt: number): string {
    const path = downloadPath(key, fileName);
    const expires = String(Math.floor(expiresAt / 1000));
    const q = new URLSearchParams({ expires, signature: this.sign(path, ['v2', expires]) });
    return `${this.baseUrl}${path}?${q.toString()}`;
  }

  legacyUrlV1(key: DownloadKey, fileName: string, expiresAt: number, authValue: string): string {
    const path = downloadPath(key, fileName);
    const expires = String(Math.floor(expiresAt / 1000));
    const q = new URLSearchParams({ key: authValue, expires, signature: this.sign(path, ['v1', expires]) });
    return `${this.baseUrl}${path}?${q.toString()}`;
  }

  /** Which style a request's query is signed in, and whether the signature holds; `expiresAt` from the URL. */
  verify(path: string, q: URLSearchParams): { style: DownloadStyle; expiresAt: number } | undefined {
    const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
    const s3sig = q.get('X-Amz-Signature');
    if (s3sig) {
      const date = q.get('X-Amz-Date') ?? '';
      const expires = q.get('X-Amz-Expires') ?? '';
      const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(date);
      if (!m || !/^\d+$/.test(expires) || !same(s3sig, this.sign(path, ['s3', date, expires]))) return undefined;
      const issued = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
      return { style: 's3', expiresAt: issued + Number(expires) * 1000 };
    }
    const sig = q.get('signature');
    const expires = q.get('expires') ?? '';
    if (!sig || !/^\d+$/.test(expires)) return undefined;
    const style: DownloadStyle = q.has('key') ? 'legacyV1' : 'legacyV2';
    if (!same(sig, this.sign(path, [style === 'legacyV1' ? 'v1' : 'v2', expires]))) return undefined;
    return { style, expiresAt: Number(expires) * 1000 };
  }
}

function s3Error(res: ServerResponse, status: number, code: string, message: string, extra = ''): void {
  const body =
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message>${extra}` +
    `<RequestId>EMULATOR0000000</RequestId><HostId>emulator</HostId></Error>`;
  res.writeHead(status, { 'Content-Type': 'application/xml', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

function plain(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(message) });
  res.end(message);
}

type DownloadFault =
  | { kind: 'cutBody'; afterBytes: number }
  | { kind: 'ignoreRange' }
  | { kind: 'corruptByte'; at: number };

export interface DownloadContext {
  seed: number;
  signer: DownloadSigner;
  now(): number;
  find(key: DownloadKey): DownloadFile | undefined;
  /** Uses up one count of the first matching download fault among `kinds` (the server's `Faults.take`). */
  takeFault?(path: string, kinds: readonly DownloadFault['kind'][]): DownloadFault | undefined;
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

/** S3's ETag of a single-part object is the MD5 of its bytes: computed once per file, while streaming. */
const etags = new WeakMap<DownloadFile, string>();
function etagOf(seed: number, file: DownloadFile): string {
  let tag = etags.get(file);
  if (tag === undefined) {
    tag = `"${fileDigest(seed, file.key, file.size, 'md5')}"`;
    etags.set(file, tag);
  }
  return tag;
}

/** Lets the headers and what was written reach the kernel, then destroys the socket mid-body. */
async function cut(res: ServerResponse): Promise<void> {
  res.flushHeaders();
  for (let i = 0; i < 1000 && !res.destroyed && (res.writableLength > 0 || (res.socket?.writableLength ?? 0) > 0); i++) {
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  res.socket?.destroy();
  res.destroy();
}

/** Writes the chunks with back-pressure; stops (and destroys the socket) after `cutAt` bytes. */
async function pump(res: ServerResponse, chunks: Iterable<Buffer>, fault: { cutAt?: number; flipAt?: number }): Promise<void> {
  let sent = 0;
  if (fault.cutAt === 0) return cut(res);
  for (let chunk of chunks) {
    if (res.destroyed) return;
    if (fault.flipAt !== undefined && fault.flipAt >= sent && fault.flipAt < sent + chunk.length) {
      chunk[fault.flipAt - sent] = ~chunk[fault.flipAt - sent]! & 0xff;
    }
    if (fault.cutAt !== undefined && sent + chunk.length >= fault.cutAt) chunk = chunk.subarray(0, fault.cutAt - sent);
    sent += chunk.length;
    const more = chunk.length === 0 || res.write(chunk);
    if (fault.cutAt !== undefined && sent >= fault.cutAt) return cut(res);
    if (!more) {
      await new Promise<void>((resolve) => {
        const done = () => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.on('drain', done);
        res.on('close', done);
      });
    }
  }
  if (!res.destroyed) res.end();
}

/** Answers GET/HEAD on /__downloads/... as S3 or the legacy backup daemon would. */
export function serveDownload(req: IncomingMessage, res: ServerResponse, url: URL, ctx: DownloadContext): void {
  const parsed = parseDownloadPath(url.pathname);
  const file = parsed ? ctx.find(parsed.key) : undefined;
  const legacy = parsed?.key.family === 'legacy';
  if (req.method !== 'GET' && req.method !== 'HEAD') return plain(res, 405, 'Method Not Allowed');
  if (!parsed || !file || file.fileName !== parsed.fileName) {
    return legacy ? plain(res, 404, 'Not Found') : s3Error(res, 404, 'NoSuchKey', 'The specified key does not exist.');
  }
  const signed = ctx.signer.verify(url.pathname, url.searchParams);
  if (!signed) {
    return legacy
      ? plain(res, 403, 'Forbidden')
      : s3Error(res, 403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.');
  }
  const now = ctx.now();
  if (now > signed.expiresAt) {
    return legacy
      ? plain(res, 410, 'This download link has expired.')
      : s3Error(
          res,
          403,
          'AccessDenied',
          'Request has expired',
          `<Expires>${new Date(signed.expiresAt).toISOString()}</Expires><ServerTime>${new Date(now).toISOString()}</ServerTime>`,
        );
  }
  if (legacy) {
    if (signed.style === 'legacyV1') {
      if (url.searchParams.get('key') !== file.authValue) return plain(res, 403, 'Forbidden');
    } else {
      const header = file.authHeader ? req.headers[file.authHeader.toLowerCase()] : undefined;
      if (header === undefined) return plain(res, 401, 'Unauthorized');
      if (header !== file.authValue) return plain(res, 403, 'Forbidden');
    }
    if (file.exhausted) return plain(res, 410, 'The maximum number of downloads for this restore has been reached.');
  }
  const get = req.method === 'GET';
  const take = (kinds: readonly DownloadFault['kind'][]) => (get ? ctx.takeFault?.(url.pathname, kinds) : undefined);
  const rangeHeader = req.headers.range;
  let range = parseRange(rangeHeader, file.size);
  if (range !== undefined && take(['ignoreRange'])) range = undefined;
  const headers: Record<string, string | number> = {
    'Content-Type': file.fileName.endsWith('.gz') ? 'application/gzip' : 'application/octet-stream',
    'Accept-Ranges': 'bytes',
    'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    ETag: etagOf(ctx.seed, file),
  };
  if (range === 'unsatisfiable') {
    res.writeHead(416, { ...headers, 'Content-Range': `bytes */${file.size}`, 'Content-Length': 0 });
    return void res.end();
  }
  const { start, end } = range ?? { start: 0, end: file.size };
  if (range) headers['Content-Range'] = `bytes ${start}-${end - 1}/${file.size}`;
  headers['Content-Length'] = end - start;
  res.writeHead(range ? 206 : 200, headers);
  if (!get) return void res.end();
  const fault = take(['cutBody', 'corruptByte']);
  const chunks = fileChunks(ctx.seed, file.key, start, end);
  const opts = fault?.kind === 'cutBody' ? { cutAt: fault.afterBytes } : fault?.kind === 'corruptByte' ? { flipAt: fault.at } : {};
  void pump(res, chunks, opts).catch(() => res.destroy());
}
