import * as l10n from '@vscode/l10n';
import { rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { diskError, PartFile } from './partFile';
import { checkFileName, parseTarget } from './target';
import { cancelled, transfer } from './transfer';
import { DownloadError, type DownloadRequest, type DownloadResult } from './types';

export { DownloadError } from './types';
export type { DownloadErrorKind, DownloadRequest, DownloadResult } from './types';

/**
 * Downloads one restore file to `folder/fileName`: streamed to `fileName.part` and hashed on the way
 * (never held in memory), resumed with `Range` after a dropped connection, renamed into place when
 * complete — or to `fileName.mismatch` when its SHA-1 is not the one expected. Knows nothing of VS Code.
 */
export async function downloadFile(req: DownloadRequest): Promise<DownloadResult> {
  checkFileName(req.fileName);
  const start = parseTarget(req.url, req.fileName);
  const finalPath = join(req.folder, req.fileName);
  if (!req.overwrite && (await exists(finalPath))) {
    throw new DownloadError('exists', l10n.t('{0} is already in {1}; not overwritten.', req.fileName, req.folder));
  }
  if (req.signal?.aborted) throw cancelled(req.fileName, undefined);
  const part = await PartFile.open(`${finalPath}.part`);
  let counters;
  try {
    counters = await transfer(req, start, part);
  } catch (error) {
    await part.close().catch(() => undefined);
    throw await keptOnFailure(error, part);
  }
  await part.close();
  const sha1 = part.sha1();
  const expected = req.expectedSha1?.trim().toLowerCase() || undefined;
  const verified = expected === undefined ? 'no hash' : expected === sha1 ? 'match' : 'mismatch';
  const path = verified === 'mismatch' ? `${finalPath}.mismatch` : finalPath;
  try {
    await rename(part.path, path);
  } catch (error) {
    throw diskError(error, path);
  }
  return { path, bytes: part.bytes, sha1, ...(expected ? { expectedSha1: expected } : {}), verified, ...counters };
}

/**
 * A failure after the `.part` was opened says what stays on disk: a `.part` with bytes is kept (the
 * next run resumes it); an empty one is removed. A cancel's message says so already.
 */
async function keptOnFailure(error: unknown, part: PartFile): Promise<unknown> {
  if (part.bytes === 0) {
    await rm(part.path, { force: true }).catch(() => undefined);
    return error;
  }
  if (!(error instanceof DownloadError) || error.kind === 'cancelled' || error.keptPath) return error;
  const message = `${error.message} ${l10n.t('{0} bytes kept in {1}.', part.bytes, part.path)}`;
  return new DownloadError(error.kind, message, {
    keptPath: part.path,
    ...(error.status !== undefined ? { status: error.status } : {}),
    ...(error.code !== undefined ? { code: error.code } : {}),
  });
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw diskError(error, path);
  }
}
