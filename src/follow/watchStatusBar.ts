import * as vscode from 'vscode';
import { runningLine, statusBarText } from '../watch/settleText';
import type { RestoreWatch } from './restoreWatch';

/** `$(sync~spin) 2 restores running` while anything is followed; its tooltip lists them, a click picks one. */
export class WatchStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('atlasRestoreJobs.running', vscode.StatusBarAlignment.Left, 20);
  private readonly subscriptions: vscode.Disposable[];
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly watch: RestoreWatch,
    private readonly now: () => Date,
  ) {
    this.item.name = vscode.l10n.t('Atlas Restore Jobs: running restores');
    this.item.command = 'atlasRestoreJobs.showWatchedJobs';
    this.subscriptions = [watch.onDidChangeFollowed(() => this.render()), watch.onDidUpdateJob(() => this.render())];
    this.render();
  }

  /** What the item says now, or undefined while hidden. */
  get text(): string | undefined {
    return this.watch.running().length > 0 ? this.item.text : undefined;
  }

  get tooltip(): string | undefined {
    return typeof this.item.tooltip === 'string' ? this.item.tooltip : undefined;
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    for (const s of this.subscriptions) s.dispose();
    this.item.dispose();
  }

  private render(): void {
    const running = this.watch.running();
    if (running.length === 0) {
      this.item.hide();
      if (this.timer) clearInterval(this.timer);
      this.timer = undefined;
      return;
    }
    const now = this.now();
    this.item.text = statusBarText(running.length);
    // Plain text: cluster names come from Atlas, and a plain tooltip renders nothing of them.
    this.item.tooltip = [vscode.l10n.t('Followed until they end:'), ...running.map((r) => runningLine(r.ref, r.facts, now))].join('\n');
    this.item.accessibilityInformation = { label: this.item.text.replace(/\$\([^)]*\)\s*/g, '') };
    this.item.show();
    // "for 12 min" in the tooltip keeps counting while nothing changes.
    this.timer ??= setInterval(() => this.render(), 30_000);
  }
}
