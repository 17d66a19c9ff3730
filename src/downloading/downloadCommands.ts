import * as vscode from 'vscode';
import { displayText } from '../format/text';
import type { PlannedFile } from '../jobs/downloadPlan';
import { prompter, type PickItem } from '../ui/prompter';
import type { DownloadTarget } from './downloadTarget';
import { withFiles } from './downloadTarget';
import type { Downloads } from './downloads';

/**
 * Download… on a job: its only file at once; with several (a sharded cloud backup restore), the user
 * picks one or all of them. An expired or missing link goes straight to `start`, which says why.
 */
export async function downloadJobFiles(downloads: Downloads, target: DownloadTarget): Promise<void> {
  const files = target.plan.files;
  if (files.length <= 1 || target.plan.blocked) {
    await downloads.start(target);
    return;
  }
  const all: PickItem<PlannedFile[]> = {
    label: `$(cloud-download) ${vscode.l10n.t('All {0} files', files.length)}`,
    description: vscode.l10n.t('one after another, in one notification'),
    value: files,
  };
  const items: PickItem<PlannedFile[]>[] = [
    all,
    ...files.map((f) => ({
      label: `$(file-zip) ${displayText(f.fileName, 120)}`,
      description: f.label !== f.fileName ? displayText(f.label, 60) : undefined,
      detail: f.expectedSha1 ? vscode.l10n.t('SHA-1 published by Atlas: verified after download') : undefined,
      value: [f],
    })),
  ];
  const picked = await prompter().pick<PlannedFile[]>({
    title: vscode.l10n.t('Download — {0}', target.title),
    placeholder: vscode.l10n.t('Which file?'),
    items,
  });
  if (!Array.isArray(picked)) return;
  await downloads.start(withFiles(target, picked));
}
