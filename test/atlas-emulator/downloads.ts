/**
 * Delivery URLs that point back at the emulator and look like the signed URLs Atlas hands out:
 * S3-style pre-signed URLs (cloud backup, serverless, flex) and the legacy backup daemon's pull URLs
 * (`urlV2` needs the `delivery.authHeader: authValue` header; the deprecated `url` carries the key in
 * its query). They serve real bytes, deterministic per file, so SHA1 checks can be made for real.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { bytes as prngBytes, forkRng } from './prng';

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

/** The bytes of a file: the same for the same seed and key, whatever order files are read in. */
export function fileBytes(seed: number, key: DownloadKey, size: number): Buffer {
  return prngBytes(forkRng(seed, `file:${key.family}:${key.groupId}:${key.clusterName}:${key.jobId}:${key.part}`), size);
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

export interface DownloadContext {
  seed: number;
  signer: DownloadSigner;
  now(): number;
  find(key: DownloadKey): DownloadFile | undefined;
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
  const data = fileBytes(ctx.seed, file.key, file.size);
  res.writeHead(200, {
    'Content-Type': file.fileName.endsWith('.gz') ? 'application/gzip' : 'application/octet-stream',
    'Content-Length': data.length,
    'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    ETag: `"${createHash('md5').update(data).digest('hex')}"`,
  });
  res.end(req.method === 'HEAD' ? undefined : data);
}
