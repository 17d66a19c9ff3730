import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { DownloadError, downloadFile } from '../download/downloadFile';
import type { FileOutcome } from '../download/outcomeText';
import { percentDone, progressText } from '../download/progressText';
import { RateMeter } from '../download/rateMeter';
import { networkSetup } from '../connections/networkSettings';
import { errorMessage } from '../format/errorMessage';
import type { PlannedFile } from '../jobs/downloadPlan';
import type { Log } from '../logging/log';

export interface RunRequest {
  title: string;
  folder: string;
  files: PlannedFile[];
  overwrite: ReadonlySet<string>;
}

export interface RunResult {
  outcomes: FileOutcome[];
  cancelled: boolean;
}

async function partSize(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '?';
  }
}

/**
 * Fetches the files one after another under one cancellable progress notification: bytes of total,
 * rate and time left. A failed file does not stop the others; Cancel stops all and keeps what is on disk.
 * The log names file and host only, never the signed URL or the auth value.
 */
export function runDownloads(req: RunRequest, log: Log, onProgressText?: (text: string) => void): Thenable<RunResult> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Downloading {0}', req.title), cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      const subscription = token.onCancellationRequested(() => abort.abort());
      const outcomes: FileOutcome[] = req.files.map((f) => ({ fileName: f.fileName }));
      let shown = 0;
      try {
        // The proxy and certificates of VS Code's http.* settings, as the API client has them.
        const { network } = await networkSetup(log);
        for (const [i, file] of req.files.entries()) {
          if (abort.signal.aborted) break;
          const meter = new RateMeter();
          const resumedFrom = await partSize(join(req.folder, `${file.fileName}.part`));
          const host = hostOf(file.link.url);
          log.info(`Download: ${file.fileName} from ${host} into ${req.folder}${resumedFrom ? `, resuming at ${resumedFrom} bytes` : ''}`);
          try {
            const result = await downloadFile({
              url: file.link.url,
              ...(file.link.authHeader ? { authHeader: file.link.authHeader } : {}),
              folder: req.folder,
              fileName: file.fileName,
              ...(file.expectedSha1 ? { expectedSha1: file.expectedSha1 } : {}),
              overwrite: req.overwrite.has(file.fileName),
              signal: abort.signal,
              network,
              onProgress: (p) => {
                meter.sample(p.received, Date.now());
                const message = progressText({
                  fileName: file.fileName,
                  index: i + 1,
                  count: req.files.length,
                  received: p.received,
                  ...(p.total !== undefined ? { total: p.total } : {}),
                  ...optional('bytesPerSecond', meter.bytesPerSecond()),
                  ...optional('secondsLeft', meter.secondsLeft(p.total)),
                  ...(resumedFrom ? { resumedFrom } : {}),
                });
                const percent = percentDone(i + 1, req.files.length, p.received, p.total);
                progress.report({ message, increment: Math.max(0, percent - shown) });
                shown = Math.max(shown, percent);
                onProgressText?.(message);
              },
            });
            outcomes[i]!.result = result;
            log.info(
              `Download: ${file.fileName} done, ${result.bytes} bytes, SHA-1 ${result.verified}` +
                `${result.resumedTimes ? `, resumed ${result.resumedTimes}x` : ''}${result.restartedTimes ? `, restarted ${result.restartedTimes}x` : ''}`,
            );
          } catch (error) {
            const e = error instanceof DownloadError ? error : new DownloadError('network', errorMessage(error));
            outcomes[i]!.error = e;
            if (e.kind === 'cancelled') log.info(`Download: ${e.message}`);
            else log.warn(`Download: ${e.message}`);
          }
        }
      } finally {
        subscription.dispose();
      }
      return { outcomes, cancelled: abort.signal.aborted };
    },
  );
}

function optional<K extends string>(key: K, value: number | undefined): { [P in K]?: number } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: number };
}
