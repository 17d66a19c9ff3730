/**
 * Signs and checks delivery URLs: S3-style pre-signed URLs (cloud backup, serverless, flex, and the
 * storage host's copies) and the legacy backup daemon's pull URLs (`urlV2`, and the deprecated `url`
 * with its key in the query). The secret is derived from the seed: deterministic, never logged.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { type DownloadKey, downloadPath } from './download-files';

export type DownloadStyle = 's3' | 'legacyV2' | 'legacyV1';

function amzDate(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

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
