import * as vscode from 'vscode';
import type { AnyRestoreJob } from '../atlas/types';
import type { Settings } from '../config/settings';
import { jobKey, parseJobRef, shortJobId, type JobRef } from '../jobs/jobRef';
import type { Log } from '../logging/log';
import { JobDetailsPanel } from './jobDetailsPanel';
import { describeJob, type PanelServices } from './panelServices';
import { jobPanelTitle } from './jobDetailsView';
import type { JobSource } from './jobSource';
import type { FromWebview, JobDetailsView, PageState } from './protocol';
import { webviewOptions } from './webviewHtml';

export type { JobRef } from '../jobs/jobRef';
export type { JobSource } from './jobSource';

/** The extension's clock and settings, as the tree gets them. */
export interface PanelEnvironment {
  now(): Date;
  settings(): Settings;
  /** Told of every document a panel shows (following running jobs). */
  seen?(ref: JobRef, job: AnyRestoreJob): void;
  download?(ref: JobRef, job: AnyRestoreJob, index?: number): Promise<void>;
  openHistory?(ref: JobRef): Promise<void>;
}

/** Two opens of the same job from the tree within this long are one double-click (the usual OS default). */
const DOUBLE_CLICK_MS = 500;

/**
 * The job details panels: one per job, reused when the job is shown again, restored after a
 * window reload from the ref the page keeps in its state. At most one of them is a preview, as VS Code's
 * preview editors: a job opened from the tree takes it over, until the user keeps it open.
 */
export class JobDetailsPanels implements vscode.Disposable {
  static readonly viewType = 'atlasRestoreJobs.jobDetails';
  /** Says whether the active editor is the preview panel, for the Keep Open action in its title bar. */
  static readonly previewActiveContext = 'atlasRestoreJobs.jobDetailsPreviewActive';
  private readonly panels = new Map<string, JobDetailsPanel>();
  private readonly services: PanelServices;
  private previewPanel: JobDetailsPanel | undefined;
  /** The job the preview panel last took from the tree, and when: the same job again at once is a double-click. */
  private lastPreview: { key: string; at: number } | undefined;

  constructor(extensionUri: vscode.Uri, source: JobSource, log: Log, environment: PanelEnvironment) {
    this.services = {
      extensionUri,
      source,
      log,
      now: environment.now,
      settings: environment.settings,
      seen: environment.seen,
      download: environment.download,
      openHistory: environment.openHistory,
      keep: (ref) => this.keep(ref),
    };
  }

  /**
   * Opens the job's panel, or reveals it when already open (one panel per job). With `job` it renders at once.
   * `preview`: a preview panel, when there is one, shows this job in place of its last (a new panel is one
   * otherwise), so that looking through jobs in the tree opens no tab per job. A new tab is a new webview
   * page in VS Code's renderer (bench:ui: 0.6–1.1 s warm); the next job in the open one, 0.2–0.35 s.
   */
  async show(ref: JobRef, job?: AnyRestoreJob, options: { preview?: boolean } = {}): Promise<void> {
    const key = jobKey(ref);
    const existing = this.panels.get(key);
    const again = this.lastPreview?.key === key && Date.now() - this.lastPreview.at < DOUBLE_CLICK_MS;
    this.lastPreview = options.preview ? { key, at: Date.now() } : undefined;
    // As VS Code's explorer previews a file: a click leaves the keyboard in the tree (Ctrl+C copies the job's
    // link, the arrows go on to the next job); a double-click, or an open from elsewhere, moves it to the panel.
    const preserveFocus = !!options.preview && !again;
    if (existing) {
      // A double-click keeps a preview, as it keeps VS Code's preview editors: the tree runs the command per click.
      if (options.preview && again && existing === this.previewPanel) this.keep(ref);
      existing.reveal(preserveFocus);
      if (job) existing.setJob(job);
      return;
    }
    const preview = options.preview ? this.previewPanel : undefined;
    if (preview) {
      this.panels.delete(preview.key);
      preview.moveTo(ref, job);
      this.panels.set(preview.key, preview);
      preview.reveal(preserveFocus);
      if (!job) await preview.refresh();
      return;
    }
    const webviewPanel = vscode.window.createWebviewPanel(
      JobDetailsPanels.viewType,
      jobPanelTitle(ref, this.services.settings().timeZone),
      { viewColumn: vscode.ViewColumn.Active, preserveFocus },
      webviewOptions(this.services.extensionUri),
    );
    this.services.log.info(`Job details: opened ${describeJob(ref)}`);
    const panel = this.adopt(webviewPanel, ref);
    if (options.preview) this.makePreview(panel);
    if (job) panel.setJob(job);
    else await panel.refresh();
  }

  /** Keeps the preview panel showing `ref` open: the next job opened from the tree gets a panel of its own. */
  keep(ref?: JobRef): void {
    const panel = ref ? this.panels.get(jobKey(ref)) : this.previewPanel;
    if (!panel || panel !== this.previewPanel) return;
    this.previewPanel = undefined;
    panel.keep();
    this.services.log.info(`Job details: kept the panel of ${describeJob(panel.ref)} open`);
    void vscode.commands.executeCommand('setContext', JobDetailsPanels.previewActiveContext, false);
  }

  /** A newer document of a job (its state changed while followed): an open panel shows it in place. */
  update(ref: JobRef, job: AnyRestoreJob): void {
    this.panels.get(jobKey(ref))?.setJob(job);
  }

  /** For tests and for refresh-all: the open panels. */
  get openPanels(): ReadonlyArray<{ ref: JobRef; title: string; preview: boolean }> {
    return [...this.panels.values()].map((p) => ({ ref: p.ref, title: p.title, preview: p.preview }));
  }

  refreshAll(): void {
    for (const p of this.panels.values()) void p.refresh();
  }

  /** Restores panels after a window reload (registerWebviewPanelSerializer) from the ref kept in webview state. */
  registerSerializer(): vscode.Disposable {
    return vscode.window.registerWebviewPanelSerializer(JobDetailsPanels.viewType, {
      deserializeWebviewPanel: (webviewPanel: vscode.WebviewPanel, state: unknown) => this.restore(webviewPanel, state),
    });
  }

  /**
   * Takes over a panel VS Code restored after a reload, with the state its page kept: its job fetched again,
   * the preview tab again if it was one (and no other has taken that place). Public for tests, which cannot
   * reload the window.
   */
  async restore(webviewPanel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const kept = state as Partial<PageState> | undefined;
    const ref = parseJobRef(kept?.ref);
    if (!ref) {
      this.services.log.warn('Job details: a restored panel had no usable job reference; closing it');
      webviewPanel.dispose();
      return;
    }
    const existing = this.panels.get(jobKey(ref));
    if (existing) {
      webviewPanel.dispose();
      existing.reveal();
      return;
    }
    this.services.log.info(`Job details: restoring ${describeJob(ref)} after a reload`);
    const panel = this.adopt(webviewPanel, ref);
    if (kept?.preview === true && !this.previewPanel) this.makePreview(panel);
    await panel.refresh();
  }

  /**
   * Delivers a message to a panel exactly as its page would. For integration tests, which cannot
   * click inside the webview from the extension host.
   */
  async dispatch(ref: JobRef, message: FromWebview): Promise<void> {
    const panel = this.panels.get(jobKey(ref));
    if (!panel) throw new Error(`No job details panel is open for job ${shortJobId(ref.jobId)}`);
    await panel.handle(message);
  }

  /** The panel's webview, for tests that listen to its page or post to it as the panel would. */
  webviewOf(ref: JobRef): vscode.Webview | undefined {
    return this.panels.get(jobKey(ref))?.panel.webview;
  }

  /** The view the page was last given (built afresh), for tests. */
  viewOf(ref: JobRef): JobDetailsView | undefined {
    return this.panels.get(jobKey(ref))?.view;
  }

  dispose(): void {
    for (const p of [...this.panels.values()]) p.dispose();
    this.panels.clear();
  }

  private adopt(webviewPanel: vscode.WebviewPanel, ref: JobRef): JobDetailsPanel {
    const panel = new JobDetailsPanel(webviewPanel, ref, this.services);
    this.panels.set(panel.key, panel);
    panel.onDidDispose(() => {
      if (this.panels.get(panel.key) === panel) this.panels.delete(panel.key);
      if (this.previewPanel === panel) {
        this.previewPanel = undefined;
        void vscode.commands.executeCommand('setContext', JobDetailsPanels.previewActiveContext, false);
      }
    });
    return panel;
  }

  private makePreview(panel: JobDetailsPanel): void {
    this.previewPanel = panel;
    panel.startAsPreview();
    const setContext = () => void vscode.commands.executeCommand('setContext', JobDetailsPanels.previewActiveContext, panel.panel.active && this.previewPanel === panel);
    setContext();
    // Disposed with the webview panel.
    panel.panel.onDidChangeViewState(setContext);
  }
}
