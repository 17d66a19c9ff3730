import * as l10n from '@vscode/l10n';
import { basename } from 'node:path';
import { linkProblem } from '../jobs/links';
import { DownloadError } from './types';

/** A URL we may request: https, or http to this computer. Throws 'badUrl' naming only the host. */
export function parseTarget(value: string, fileName: string): URL {
  const problem = linkProblem(value);
  if (problem === undefined) return new URL(value);
  let host = '';
  try {
    host = new URL(value).host;
  } catch {
    // No host to name.
  }
  throw new DownloadError('badUrl', l10n.t('Cannot download {0}{1}: {2}.', fileName, host ? l10n.t(' from {0}', host) : '', problem));
}

/** A file name that stays in its folder: no directory part, not `.` or `..`, no control characters. */
export function checkFileName(fileName: string): void {
  if (!fileName || basename(fileName) !== fileName || fileName === '.' || fileName === '..' || /[\\/\u0000-\u001f]/.test(fileName)) {
    throw new DownloadError('disk', l10n.t('"{0}" is not a file name to download to.', fileName.replace(/[\u0000-\u001f]/g, '?')));
  }
}

/** How messages name a download: its file and its host, never the path's query nor anything signed. */
export function described(fileName: string, url: URL): string {
  return l10n.t('{0} from {1}', fileName, url.host);
}
