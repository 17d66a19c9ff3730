import * as vscode from 'vscode';
import { SECTION } from '../config/settings';
import { webviewOptions } from '../panel/webviewHtml';
import type { HistoryPageState } from './historyProtocol';
import { historyScopeKey, parseHistoryScope, type HistoryScope } from './loadHistory';
import { RestoreHistoryPanel, describeScope, type HistoryServices } from './restoreHistoryPanel';

/** The Restore History panels: one per cluster or project, reused when shown again, restored after a reload. */
export class RestoreHistoryPanels implements vscode.Disposable {
  static readonly viewType = 'atlasRestoreJobs.restoreHistory';
  private readonly panels = new Map<string, RestoreHistoryPanel>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly services: HistoryServices) {
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${SECTION}.history.days`) || e.affectsConfiguration(`${SECTION}.timeZone`)) {
          for (const p of this.panels.values()) p.settingsChanged();
        }
      }),
    );
  }

  /** Opens the history of the scope, or reveals it (loading it again) when it is open. */
  async show(scope: HistoryScope): Promise<RestoreHistoryPanel> {
    const existing = this.panels.get(historyScopeKey(scope));
    if (existing) {
      existing.reveal();
      await existing.refresh();
      return existing;
    }
    const webviewPanel = vscode.window.createWebviewPanel(
      RestoreHistoryPanels.viewType,
      scope.cluster?.name ?? scope.projectName ?? scope.groupId,
      { viewColumn: vscode.ViewColumn.Active, preserveFocus: false },
      webviewOptions(this.services.extensionUri),
    );
    this.services.log.info(`Restore history: opened the ${describeScope(scope)}`);
    const panel = this.adopt(webviewPanel, scope);
    await panel.refresh();
    return panel;
  }

  /** For tests: the open panels. */
  get open(): ReadonlyArray<RestoreHistoryPanel> {
    return [...this.panels.values()];
  }

  registerSerializer(): vscode.Disposable {
    return vscode.window.registerWebviewPanelSerializer(RestoreHistoryPanels.viewType, {
      deserializeWebviewPanel: async (webviewPanel: vscode.WebviewPanel, state: unknown) => {
        const scope = parseHistoryScope((state as Partial<HistoryPageState> | undefined)?.scope);
        if (!scope) {
          this.services.log.warn('Restore history: a restored panel had no usable scope; closing it');
          webviewPanel.dispose();
          return;
        }
        const key = historyScopeKey(scope);
        if (this.panels.has(key)) {
          webviewPanel.dispose();
          return;
        }
        await this.adopt(webviewPanel, scope).refresh();
      },
    });
  }

  dispose(): void {
    for (const p of [...this.panels.values()]) p.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }

  private adopt(webviewPanel: vscode.WebviewPanel, scope: HistoryScope): RestoreHistoryPanel {
    const panel = new RestoreHistoryPanel(webviewPanel, scope, this.services);
    this.panels.set(panel.key, panel);
    panel.onDidDispose(() => {
      if (this.panels.get(panel.key) === panel) this.panels.delete(panel.key);
    });
    return panel;
  }
}
