import * as vscode from 'vscode';
import type { AnyRestoreJob } from '../atlas/types';
import type { JobRef } from '../jobs/jobRef';
import { jobJson } from '../jobs/masking';
import type { Log } from '../logging/log';
import { resolveCopy } from './copyTargets';
import { describeJob, type PanelServices } from './panelServices';
import type { CopyTarget } from './protocol';
import type { ViewFormat } from './viewInput';

/** The job a panel shows, as its page's buttons act on it. */
export interface ShownJob {
  ref: JobRef;
  job: AnyRestoreJob;
  revealAuthValue: boolean;
}

/** Long enough to read a copied link's expiry in the status bar. */
const STATUS_BAR_MESSAGE_MS = 4000;

/** Copies what the page named to the clipboard; returns what was copied, in words, or undefined for nothing. */
export async function copyFromJob(target: CopyTarget, shown: ShownJob, services: PanelServices, format: ViewFormat): Promise<string | undefined> {
  const { log } = services;
  const result = resolveCopy(target, shown.ref, shown.job, { now: services.now(), format, revealAuthValue: shown.revealAuthValue });
  if (!result) {
    log.warn(`Job details: nothing to copy for ${target.kind} of ${describeJob(shown.ref)}`);
    return undefined;
  }
  await vscode.env.clipboard.writeText(result.text);
  log.info(`Job details: copied ${target.kind} of ${describeJob(shown.ref)}`);
  vscode.window.setStatusBarMessage(result.description, STATUS_BAR_MESSAGE_MS);
  if (result.expired) void vscode.window.showWarningMessage(result.description);
  return result.description;
}

export async function openJobJson(shown: ShownJob, log: Log): Promise<void> {
  const doc = await vscode.workspace.openTextDocument({ language: 'json', content: jobJson(shown.job.job, shown.revealAuthValue) });
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: false });
  log.info(`Job details: opened the document of ${describeJob(shown.ref)} as JSON`);
}

export async function openJobInAtlas(ref: JobRef, services: PanelServices): Promise<void> {
  const uri = services.source.atlasUrl(ref);
  if (!uri) return;
  await vscode.env.openExternal(uri);
  services.log.info(`Job details: opened ${describeJob(ref)} in Atlas`);
}
