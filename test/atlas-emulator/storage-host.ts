/**
 * The storage host: a second listener, standing for the blob store (S3) a backup daemon hands large
 * downloads off to. It serves the same files as the API host under the same paths, but only through
 * its own short-lived presigned URLs — and, as S3 does, refuses a request that brings a second
 * credential (`Authorization`, or the legacy daemon's auth header) with 400 InvalidArgument, so that
 * a client leaking the daemon's header across the redirect fails loudly.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RecordedRequest } from './contract';
import { type DownloadFault, s3Error, sendFile } from './download-body';
import { carriesAuthHeader, type DownloadFile, type DownloadKey, parseDownloadPath } from './download-files';
import { DownloadSigner } from './download-signer';
import type { Faults } from './faults';
import { recordRequest } from './http-listener';
import { forkRng, hex } from './prng';

/** How long a presigned storage URL handed out by a redirect stays valid. */
export const STORAGE_LINK_SECONDS = 300;

export interface StorageContext {
  seed: number;
  signer: DownloadSigner;
  now(): number;
  find(key: DownloadKey): DownloadFile | undefined;
  faults: Faults;
  requests: RecordedRequest[];
  log?: (line: string) => void;
}

/** The storage host's own signer: its URLs do not verify on the API host, nor the API host's here. */
export function storageSigner(seed: number, storageUrl: string): DownloadSigner {
  return new DownloadSigner(`emulator-storage-${hex(forkRng(seed, 'storage-signing'), 32)}`, storageUrl);
}

/** A presigned GET of `file` on the storage host, valid STORAGE_LINK_SECONDS from `now`. */
export function presign(signer: DownloadSigner, file: DownloadFile, now: number): string {
  return signer.s3Url(file.key, file.fileName, now, now + STORAGE_LINK_SECONDS * 1000);
}

const ONE_AUTH =
  'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified';

export async function handleStorage(req: IncomingMessage, res: ServerResponse, ctx: StorageContext): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://storage.invalid');
  const rec = recordRequest(ctx.requests, req, res, url, { server: 'storage', download: true, ...(ctx.log ? { log: ctx.log } : {}) });
  const parsed = parseDownloadPath(url.pathname);
  const file = parsed ? ctx.find(parsed.key) : undefined;
  rec.authHeaderPresent = carriesAuthHeader(req.headers, file);

  const delay = ctx.faults.latencyFor(url.pathname);
  if (delay > 0) await new Promise((r) => setTimeout(r, delay));
  const fault = ctx.faults.take(url.pathname, ['reset', 'serverError']);
  if (fault?.kind === 'reset') return void req.socket.destroy();
  if (fault?.kind === 'serverError') {
    const status = fault.status ?? 500;
    return status === 503
      ? s3Error(res, 503, 'SlowDown', 'Please reduce your request rate.')
      : s3Error(res, status, 'InternalError', 'We encountered an internal error. Please try again.');
  }

  if (req.method !== 'GET' && req.method !== 'HEAD') return s3Error(res, 405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
  if (rec.authHeaderPresent) {
    const name = req.headers.authorization !== undefined ? 'Authorization' : (file?.authHeader ?? 'X-Restore-Auth');
    return s3Error(res, 400, 'InvalidArgument', ONE_AUTH, `<ArgumentName>${name}</ArgumentName>`);
  }
  if (!parsed || !file || file.fileName !== parsed.fileName) return s3Error(res, 404, 'NoSuchKey', 'The specified key does not exist.');
  const signed = ctx.signer.verify(url.pathname, url.searchParams);
  if (!signed || signed.style !== 's3') {
    return s3Error(res, 403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.');
  }
  const now = ctx.now();
  if (now > signed.expiresAt) {
    const times = `<Expires>${new Date(signed.expiresAt).toISOString()}</Expires><ServerTime>${new Date(now).toISOString()}</ServerTime>`;
    return s3Error(res, 403, 'AccessDenied', 'Request has expired', times);
  }
  const get = req.method === 'GET';
  // The storage host never redirects: a `redirectToStorage` fault is the API host's alone.
  const take = (kinds: readonly DownloadFault['kind'][]) =>
    get ? ctx.faults.take(url.pathname, kinds.filter((k) => k !== 'redirectToStorage')) : undefined;
  sendFile(req, res, file, ctx.seed, take);
}
