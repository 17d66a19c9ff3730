import { stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { SECTION, type Settings } from '../config/settings';
import { prompter } from '../ui/prompter';

async function isFolder(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Asks where the files go, opening at the folder chosen last time (the `downloadFolder` setting),
 * and remembers the answer there. The folder is on the machine the extension runs on: in a remote
 * window, the remote host.
 */
export async function chooseDownloadFolder(settings: () => Settings, fileCount: number): Promise<string | undefined> {
  const remembered = settings().downloadFolder;
  const defaultPath = remembered && (await isFolder(remembered)) ? remembered : homedir();
  const folder = await prompter().chooseFolder({
    title: fileCount === 1 ? vscode.l10n.t('Download the Restore File To') : vscode.l10n.t('Download {0} Restore Files To', fileCount),
    openLabel: vscode.l10n.t('Download Here'),
    defaultPath,
  });
  if (!folder) return undefined;
  if (folder !== remembered) {
    await vscode.workspace.getConfiguration(SECTION).update('downloadFolder', folder, vscode.ConfigurationTarget.Global);
  }
  return folder;
}
