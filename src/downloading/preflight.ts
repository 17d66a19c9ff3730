import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { bytesText } from '../format/bytes';
import type { PlannedFile } from '../jobs/downloadPlan';
import { prompter } from '../ui/prompter';
import type { DownloadTarget } from './downloadTarget';

async function sizeOf(path: string): Promise<number | undefined> {
  try {
    const s = await stat(path);
    return s.isFile() ? s.size : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Says why nothing can be downloaded (an expired link is never tried: Atlas would refuse it, and a
 * legacy link may count the attempt), and asks before using up one of a limited number of downloads.
 * True when the download may go ahead.
 */
export async function mayStart(target: DownloadTarget): Promise<boolean> {
  const plan = target.plan;
  if (plan.blocked) {
    const openInAtlas = vscode.l10n.t('Open in Atlas');
    if (plan.blocked.reason === 'expired') {
      const choice = await prompter().warn(
        `${plan.blocked.message} ${vscode.l10n.t('Start a new restore in Atlas to get a fresh link.')}`,
        undefined,
        false,
        ...(target.atlasUrl ? [openInAtlas] : []),
      );
      if (choice === openInAtlas && target.atlasUrl) await vscode.env.openExternal(vscode.Uri.parse(target.atlasUrl));
    } else {
      void vscode.window.showInformationMessage(plan.blocked.message);
    }
    return false;
  }
  const notes: string[] = [];
  if (plan.skipped?.length) notes.push(...plan.skipped.map((b) => b.message));
  if (plan.files.some((f) => f.viaPrivateEndpoint)) {
    notes.push(vscode.l10n.t('These are private-endpoint links: they only answer inside the VPC of their endpoint.'));
  }
  if (plan.maxDownloads !== undefined) {
    const download = vscode.l10n.t('Download');
    const choice = await prompter().warn(
      vscode.l10n.t('Atlas allows {0} download(s) of this restore link; this download uses one of them.', plan.maxDownloads),
      [vscode.l10n.t('An interrupted download resumes without starting a new one only while the link is valid.'), ...notes].join('\n'),
      true,
      download,
    );
    return choice === download;
  }
  if (notes.length) void vscode.window.showInformationMessage(notes.join(' '));
  return true;
}

/** Which files to fetch into `folder`, and which of them may replace a file of the same name; undefined: cancelled. */
export async function resolveExisting(files: PlannedFile[], folder: string): Promise<{ files: PlannedFile[]; overwrite: Set<string> } | undefined> {
  const existing: { file: PlannedFile; size: number }[] = [];
  for (const file of files) {
    const size = await sizeOf(join(folder, file.fileName));
    if (size !== undefined) existing.push({ file, size });
  }
  if (existing.length === 0) return { files, overwrite: new Set() };
  const replace = vscode.l10n.t('Replace');
  const skip = vscode.l10n.t('Skip Existing');
  const list = existing.map((e) => `${e.file.fileName} (${bytesText(e.size)})`).join('\n');
  const message =
    existing.length === 1
      ? vscode.l10n.t('{0} already exists in {1}. Replace it?', existing[0]!.file.fileName, folder)
      : vscode.l10n.t('{0} of the files already exist in {1}. Replace them?', existing.length, folder);
  const others = files.length > existing.length;
  const choice = await prompter().warn(message, list, true, replace, ...(others ? [skip] : []));
  if (choice === replace) return { files, overwrite: new Set(existing.map((e) => e.file.fileName)) };
  if (choice === skip) return { files: files.filter((f) => !existing.some((e) => e.file === f)), overwrite: new Set() };
  return undefined;
}
