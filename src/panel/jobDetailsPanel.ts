import * as vscode from 'vscode';
import { isAtlasError, redactText } from '../atlas';
import type { AnyRestoreJob } from '../atlas/types';
import { now } from '../clock';
import { readSettings } from '../config/settings';
import { formatDateTime } from '../format/time';
import type { Log } from '../logging/log';
import { familyLabel } from '../jobs/families';
import { deliveryKindLabel, statusLabel } from '../jobs/labels';
import { resolveCopy } from './copyTargets';
import { buildJobDetailsView, jobJson, jobPanelTitle, pageStrings, type JobLabels, type ViewFormat } from './jobDetailsView';
import { jobKey, parseJobRef, shortJobId, type JobRef } from '../jobs/jobRef';
import { isFromWebview, type FromWebview, type JobDetailsView, type PageError, type PageState, type ToWebview } from './protocol';
import { jobDetailsHtml, webviewOptions } from './webviewHtml';
import { errorMessage } from '../format/errorMessage';

export type { JobRef } from '../jobs/jobRef';

export interface JobSource {
  /** Fetches the job fresh from Atlas (getRestoreJob of the family). Throws AtlasError. */
  fetchJob(ref: JobRef, signal?: AbortSignal): Promise<AnyRestoreJob>;
  /** Atlas web UI address for the job's cluster backup page, when known. */
  atlasUrl(ref: JobRef): vscode.Uri | undefined;
}

interface Deps {
  extensionUri: vscode.Uri;
  source: JobSource;
  log: Log;
}


/** Relative expiry times ("in 3 h") go stale while a panel stays open; this keeps them honest. */
const RELATIVE_TIME_REFRESH_MS = 60_000;

/** Times as the tree shows them (setting `timeZone`); the page's tooltips add the exact ISO time. */
function dateFormat(): ViewFormat {
  const zone = readSettings().timeZone;
  return { dateTime: (d) => formatDateTime(d, zone) };
}

const LABELS: JobLabels = { status: statusLabel, deliveryKind: deliveryKindLabel, family: familyLabel };

function iconPath(extensionUri: vscode.Uri): { light: vscode.Uri; dark: vscode.Uri } {
  return {
    light: vscode.Uri.joinPath(extensionUri, 'media', 'job-details-light.svg'),
    dark: vscode.Uri.joinPath(extensionUri, 'media', 'job-details-dark.svg'),
  };
}

function describeJob(ref: JobRef): string {
  return `${ref.family} job ${ref.jobId} of ${ref.clusterName}`;
}

/** One open panel: its webview, the last job fetched and the page's state. */
class JobDetailsPanel implements vscode.Disposable {
  readonly key: string;
  private job: AnyRestoreJob | undefined;
  private fetchedAt: Date | undefined;
  private error: PageError | undefined;
  private loading = false;
  private pageReady = false;
  private revealAuthValue = false;
  private inFlight: AbortController | undefined;
  private fetchSeq = 0;
  private timer: ReturnType<typeof setInterval> | undefined;
  private disposed = false;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly disposeEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposeEmitter.event;

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly ref: JobRef,
    private readonly deps: Deps,
  ) {
    this.key = jobKey(ref);
    panel.title = jobPanelTitle(ref);
    panel.iconPath = iconPath(deps.extensionUri);
    panel.webview.options = webviewOptions(deps.extensionUri);
    panel.webview.html = this.html();
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: unknown) => {
        if (!isFromWebview(m)) {
          deps.log.warn(`Job details: ignored an unknown message from the page of ${describeJob(ref)}`);
          return;
        }
        this.handle(m).catch((e) => deps.log.error(`Job details: handling "${m.type}" failed for ${describeJob(ref)}`, e));
      }),
      panel.onDidChangeViewState((e) => {
        if (!e.webviewPanel.visible) {
          // The page is torn down while hidden; the next one loads with a fresh nonce and says "ready".
          this.pageReady = false;
          this.revealAuthValue = false;
          panel.webview.html = this.html();
        }
      }),
    );
    this.timer = setInterval(() => {
      if (this.pageReady && this.job && this.panel.visible) this.postView();
    }, RELATIVE_TIME_REFRESH_MS);
  }

  get title(): string {
    return this.panel.title;
  }

  get view(): JobDetailsView | undefined {
    return this.job ? this.buildView() : undefined;
  }

  reveal(): void {
    this.panel.reveal(undefined, false);
  }

  /** Shows a job the caller already has (the tree just fetched it). */
  setJob(job: AnyRestoreJob): void {
    this.inFlight?.abort();
    this.fetchSeq++;
    this.loading = false;
    this.job = job;
    this.fetchedAt = new Date();
    this.error = undefined;
    this.postState();
  }

  /** Fetches the job again. Never throws: failures are shown in the page and logged. */
  async refresh(): Promise<void> {
    if (this.disposed) return;
    this.inFlight?.abort();
    const controller = new AbortController();
    this.inFlight = controller;
    const seq = ++this.fetchSeq;
    this.loading = true;
    this.error = undefined;
    this.post({ type: 'error', error: null });
    this.post({ type: 'loading', loading: true });
    const started = Date.now();
    this.deps.log.info(`Job details: fetching ${describeJob(this.ref)}`);
    try {
      const job = await this.deps.source.fetchJob(this.ref, controller.signal);
      if (seq !== this.fetchSeq || this.disposed) return;
      this.job = job;
      this.fetchedAt = new Date();
      this.error = undefined;
      this.deps.log.info(`Job details: fetched ${describeJob(this.ref)} in ${Date.now() - started} ms`);
    } catch (e) {
      if (seq !== this.fetchSeq || this.disposed) return;
      this.error = this.errorState(e);
      this.deps.log.error(`Job details: fetching ${describeJob(this.ref)} failed`, e);
    } finally {
      if (seq === this.fetchSeq) {
        this.loading = false;
        this.inFlight = undefined;
        this.postState();
      }
    }
  }

  async handle(message: FromWebview): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.pageReady = true;
        this.postState();
        return;
      case 'refresh':
        return this.refresh();
      case 'revealAuthValue':
        this.revealAuthValue = message.reveal;
        this.deps.log.info(`Job details: auth value ${message.reveal ? 'revealed' : 'hidden'} for ${describeJob(this.ref)}`);
        this.postView();
        return;
      case 'copy': {
        if (!this.job) return;
        const result = resolveCopy(message.target, this.ref, this.job, {
          now: now(),
          revealAuthValue: this.revealAuthValue,
        });
        if (!result) {
          this.deps.log.warn(`Job details: nothing to copy for ${message.target.kind} of ${describeJob(this.ref)}`);
          return;
        }
        await vscode.env.clipboard.writeText(result.text);
        this.deps.log.info(`Job details: copied ${message.target.kind} of ${describeJob(this.ref)}`);
        vscode.window.setStatusBarMessage(result.description, 4000);
        if (result.expired) void vscode.window.showWarningMessage(result.description);
        this.post({ type: 'copied', target: message.target, description: result.description });
        return;
      }
      case 'openJson': {
        if (!this.job) return;
        const doc = await vscode.workspace.openTextDocument({ language: 'json', content: jobJson(this.job.job, this.revealAuthValue) });
        await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: false });
        this.deps.log.info(`Job details: opened the document of ${describeJob(this.ref)} as JSON`);
        return;
      }
      case 'openInAtlas': {
        const uri = this.deps.source.atlasUrl(this.ref);
        if (!uri) return;
        await vscode.env.openExternal(uri);
        this.deps.log.info(`Job details: opened ${describeJob(this.ref)} in Atlas`);
        return;
      }
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.inFlight?.abort();
    if (this.timer) clearInterval(this.timer);
    this.deps.log.info(`Job details: closed ${describeJob(this.ref)}`);
    this.panel.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.disposeEmitter.fire();
    this.disposeEmitter.dispose();
  }

  private html(): string {
    return jobDetailsHtml(this.panel.webview, this.deps.extensionUri, vscode.env.language);
  }

  private buildView(): JobDetailsView {
    return buildJobDetailsView({
      ref: this.ref,
      job: this.job!,
      now: now(),
      fetchedAt: this.fetchedAt ?? new Date(),
      labels: LABELS,
      format: dateFormat(),
      revealAuthValue: this.revealAuthValue,
      canOpenInAtlas: this.deps.source.atlasUrl(this.ref) !== undefined,
    });
  }

  private errorState(e: unknown): PageError {
    const title = vscode.l10n.t('Could not load the restore job');
    if (isAtlasError(e)) {
      // AtlasError messages are written for people and never hold a secret or a signed URL.
      return { title, message: e.message, canRetry: e.kind !== 'invalidInput' };
    }
    // Other errors (a removed connection, a bug) are shown as they are, minus anything secret-looking.
    const detail = errorMessage(e);
    return { title, message: redactText(detail), canRetry: true };
  }

  /** Sends everything the page needs to draw itself from nothing. */
  private postState(): void {
    if (!this.pageReady) return;
    const state: PageState = { ref: this.ref };
    this.post({ type: 'init', ref: state.ref, strings: pageStrings() });
    this.post({ type: 'loading', loading: this.loading });
    this.post({ type: 'error', error: this.error ?? null });
    if (this.job) this.postView();
  }

  private postView(): void {
    if (this.job) this.post({ type: 'render', view: this.buildView() });
  }

  private post(message: ToWebview): void {
    if (!this.pageReady || this.disposed) return;
    void this.panel.webview.postMessage(message);
  }
}

/**
 * The job details panels: one per job, reused when the job is shown again, restored after a
 * window reload from the ref the page keeps in its state.
 */
export class JobDetailsPanels implements vscode.Disposable {
  static readonly viewType = 'atlasRestoreJobs.jobDetails';
  private readonly panels = new Map<string, JobDetailsPanel>();
  private readonly deps: Deps;

  constructor(extensionUri: vscode.Uri, source: JobSource, log: Log) {
    this.deps = { extensionUri, source, log };
  }

  /** Opens the job's panel, or reveals it when already open (one panel per job). With `job` it renders at once. */
  async show(ref: JobRef, job?: AnyRestoreJob): Promise<void> {
    const existing = this.panels.get(jobKey(ref));
    if (existing) {
      existing.reveal();
      if (job) existing.setJob(job);
      return;
    }
    const webviewPanel = vscode.window.createWebviewPanel(
      JobDetailsPanels.viewType,
      jobPanelTitle(ref),
      { viewColumn: vscode.ViewColumn.Active, preserveFocus: false },
      webviewOptions(this.deps.extensionUri),
    );
    this.deps.log.info(`Job details: opened ${describeJob(ref)}`);
    const panel = this.adopt(webviewPanel, ref);
    if (job) panel.setJob(job);
    else await panel.refresh();
  }

  /** For tests and for refresh-all: the open panels. */
  get openPanels(): ReadonlyArray<{ ref: JobRef; title: string }> {
    return [...this.panels.values()].map((p) => ({ ref: p.ref, title: p.title }));
  }

  refreshAll(): void {
    for (const p of this.panels.values()) void p.refresh();
  }

  /** Restores panels after a window reload (registerWebviewPanelSerializer) from the ref kept in webview state. */
  registerSerializer(): vscode.Disposable {
    return vscode.window.registerWebviewPanelSerializer(JobDetailsPanels.viewType, {
      deserializeWebviewPanel: async (webviewPanel: vscode.WebviewPanel, state: unknown) => {
        const ref = parseJobRef((state as Partial<PageState> | undefined)?.ref);
        if (!ref) {
          this.deps.log.warn('Job details: a restored panel had no usable job reference; closing it');
          webviewPanel.dispose();
          return;
        }
        const existing = this.panels.get(jobKey(ref));
        if (existing) {
          webviewPanel.dispose();
          existing.reveal();
          return;
        }
        this.deps.log.info(`Job details: restoring ${describeJob(ref)} after a reload`);
        await this.adopt(webviewPanel, ref).refresh();
      },
    });
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

  /** The view the page was last given (built afresh), for tests. */
  viewOf(ref: JobRef): JobDetailsView | undefined {
    return this.panels.get(jobKey(ref))?.view;
  }

  dispose(): void {
    for (const p of [...this.panels.values()]) p.dispose();
    this.panels.clear();
  }

  private adopt(webviewPanel: vscode.WebviewPanel, ref: JobRef): JobDetailsPanel {
    const panel = new JobDetailsPanel(webviewPanel, ref, this.deps);
    this.panels.set(panel.key, panel);
    panel.onDidDispose(() => {
      if (this.panels.get(panel.key) === panel) this.panels.delete(panel.key);
    });
    return panel;
  }
}
