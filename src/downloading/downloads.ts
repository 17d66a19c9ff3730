import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import type { Settings } from '../config/settings';
import { outcomeText, type FileOutcome, type OutcomeText } from '../download/outcomeText';
import type { Log } from '../logging/log';
import { chooseDownloadFolder } from './downloadFolder';
import { runDownloads } from './downloadRun';
import { withFiles, type DownloadTarget } from './downloadTarget';
import { mayStart, resolveExisting } from './preflight';

/** One ending as shown, kept (the last few) so that tests can see what a user saw. */
export interface ShownOutcome extends OutcomeText {
  folder: string;
  outcomes: FileOutcome[];
  actions: string[];
}

type Present = (shown: ShownOutcome) => Thenable<string | undefined>;

function realPresent(o: ShownOutcome): Thenable<string | undefined> {
  // A mismatch is modal: the detail with both hashes must be read before anyone restores from the file.
  if (o.level === 'error' && o.outcomes.some((x) => x.result?.verified === 'mismatch')) {
    return vscode.window.showErrorMessage(o.message, { modal: true, ...(o.detail ? { detail: o.detail } : {}) }, ...o.actions);
  }
  const show = o.level === 'error' ? vscode.window.showErrorMessage : o.level === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  return show(o.message, ...o.actions);
}

/**
 * Downloads of restore files: asks where, checks before starting, runs with progress, and says how it
 * ended with a way on (reveal the file, open its folder, retry what failed, the log).
 */
export class Downloads {
  readonly shown: ShownOutcome[] = [];
  /** Progress lines as shown, latest last (tests read them; the notification shows the same). */
  readonly progressLines: string[] = [];
  private present: Present = realPresent;
  private readonly active = new Set<string>();

  constructor(
    private readonly log: Log,
    private readonly settings: () => Settings,
  ) {}

  setPresentForTests(present: Present | undefined): void {
    this.present = present ?? realPresent;
  }

  /** Runs a download to the end (or its cancel). `folder` skips the question, for a retry. */
  async start(target: DownloadTarget, folder?: string): Promise<ShownOutcome | undefined> {
    if (!folder && !(await mayStart(target))) return undefined;
    const where = folder ?? (await chooseDownloadFolder(this.settings, target.plan.files.length));
    if (!where) return undefined;
    const chosen = await resolveExisting(target.plan.files, where);
    if (!chosen || chosen.files.length === 0) return undefined;
    const paths = chosen.files.map((f) => join(where, f.fileName));
    const busy = paths.find((p) => this.active.has(p));
    if (busy) {
      void vscode.window.showInformationMessage(vscode.l10n.t('{0} is being downloaded already.', busy));
      return undefined;
    }
    for (const p of paths) this.active.add(p);
    let result;
    try {
      result = await runDownloads({ title: target.title, folder: where, files: chosen.files, overwrite: chosen.overwrite }, this.log, (line) => {
        this.progressLines.push(line);
        if (this.progressLines.length > 200) this.progressLines.shift();
      });
    } finally {
      for (const p of paths) this.active.delete(p);
    }
    const text = outcomeText(result.outcomes, { folder: where, noHashReason: target.noHashReason, cancelled: result.cancelled });
    if (text.detail) this.log.info(`Download: ${text.message}\n${text.detail}`);
    const failed = chosen.files.filter((_, i) => {
      const e = result.outcomes[i]!.error;
      return e !== undefined && e.kind !== 'cancelled' && e.kind !== 'exists';
    });
    const record = this.record(text, where, result.outcomes, failed.length > 0);
    // Recorded before it is shown, and not waited for: a toast may wait for a click forever.
    void Promise.resolve(this.present(record))
      .then(async (choice) => {
        if (choice === words().retry) await this.start(withFiles(target, failed), where);
        else await this.act(choice, record);
      })
      .then(undefined, (e: unknown) => this.log.error('Download: acting on the outcome failed', e));
    return record;
  }

  private record(text: OutcomeText, folder: string, outcomes: FileOutcome[], canRetry: boolean): ShownOutcome {
    const w = words();
    const done = outcomes.some((o) => o.result);
    const actions: string[] = [];
    if (canRetry) actions.push(w.retry);
    if (done && canReveal()) actions.push(w.reveal);
    if (done || outcomes.some((o) => o.error?.keptPath)) actions.push(w.openFolder);
    if (text.level === 'error') actions.push(w.showLog);
    const record: ShownOutcome = { ...text, folder, outcomes, actions };
    this.shown.push(record);
    if (this.shown.length > 20) this.shown.shift();
    return record;
  }

  private async act(choice: string | undefined, record: ShownOutcome): Promise<void> {
    const w = words();
    const first = record.outcomes.find((o) => o.result)?.result?.path;
    if (choice === w.reveal && first) await vscode.commands.executeCommand('revealFileInOS', vscode.Uri.file(first));
    else if (choice === w.openFolder) await vscode.commands.executeCommand('vscode.openFolder', vscode.Uri.file(first ? dirname(first) : record.folder), { forceNewWindow: true });
    else if (choice === w.showLog) this.log.show();
  }
}

function words() {
  return {
    retry: vscode.l10n.t('Retry'),
    reveal: vscode.l10n.t('Reveal in File Explorer'),
    openFolder: vscode.l10n.t('Open Folder'),
    showLog: vscode.l10n.t('Show Log'),
  };
}

/** The OS file manager is reachable only from a desktop window on the same machine. */
function canReveal(): boolean {
  return vscode.env.uiKind === vscode.UIKind.Desktop && vscode.env.remoteName === undefined;
}
