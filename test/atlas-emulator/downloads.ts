/**
 * Delivery URLs that point back at the emulator and look like the signed URLs Atlas hands out:
 * S3-style pre-signed URLs (cloud backup, serverless, flex) and the legacy backup daemon's pull URLs
 * (`urlV2` needs the `delivery.authHeader: authValue` header; the deprecated `url` carries the key in
 * its query). They serve real bytes, deterministic per file, so SHA1 checks can be made for real.
 * Some legacy `urlV2` downloads are handed off to the storage host instead (storage-host.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type DownloadFault, plain, s3Error, sendFile } from './download-body';
import { type DownloadFile, type DownloadKey, parseDownloadPath } from './download-files';
import type { DownloadSigner } from './download-signer';

export { type DownloadFault, MULTIPART_PART_BYTES, parseRange, sendFile } from './download-body';
export {
  carriesAuthHeader,
  DOWNLOAD_PREFIX,
  downloadPath,
  LEGACY_AUTH_HEADER,
  parseDownloadPath,
  type DownloadFamily,
  type DownloadFile,
  type DownloadKey,
} from './download-files';
export { DownloadSigner, type DownloadStyle } from './download-signer';
export { FILE_CHUNK, FILE_TILE, fileBytes, fileChunks, fileDigest, sha1Hex } from './file-bytes';

export interface DownloadContext {
  seed: number;
  signer: DownloadSigner;
  now(): number;
  find(key: DownloadKey): DownloadFile | undefined;
  /** Uses up one count of the first matching download fault among `kinds` (the server's `Faults.take`). */
  takeFault?(path: string, kinds: readonly DownloadFault['kind'][]): DownloadFault | undefined;
  /** A short-lived presigned URL for the file on the storage host; without it nothing is redirected. */
  presignOnStorage?(file: DownloadFile): string;
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
  if (ctx.presignOnStorage) {
    // The daemon hands a checked request off to blob storage, as Atlas's does for large snapshots.
    const handOff = (file.storageRedirect && signed.style === 'legacyV2') || take(['redirectToStorage']) !== undefined;
    if (handOff) {
      const location = ctx.presignOnStorage(file);
      res.writeHead(302, { Location: location, 'Content-Length': 0, 'Cache-Control': 'no-store' });
      return void res.end();
    }
  }
  sendFile(req, res, file, ctx.seed, take);
}
