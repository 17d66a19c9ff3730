import * as vscode from 'vscode';
import type { AnyRestoreJob } from '../atlas/types';
import { formatDateTime } from '../format/time';
import { jobKey, type JobRef } from '../jobs/jobRef';
import { copyFromJob, openJobInAtlas, openJobJson } from './jobActions';
import { pageFailure, themedIcon } from './panelParts';
import { buildJobDetailsView, jobPanelTitle, type JobViewInput } from './jobDetailsView';
import { keptJob } from '../offline/keptJobs';
import { describeJob, type PanelServices } from './panelServices';
import { PageFeed } from './pageFeed';
import { PageLoad } from './pageLoad';
import { pageStrings } from './pageStrings';
import { isFromWebview, type CopyTarget, type FromWebview, type JobDetailsView, type PageError, type ToWebview } from './protocol';
import type { ViewFormat } from './viewInput';
import { jobDetailsHtml, webviewOptions } from './webviewHtml';

/** One handler per message the page sends, each given its own kind of message. */
type MessageHandlers = { [T in FromWebview['type']]: (message: Extract<FromWebview, { type: T }>) => Promise<void> | void };

/** Relative expiry times ("in 3 h") go stale while a panel stays open; this keeps them honest. */
const RELATIVE_TIME_REFRESH_MS = 60_000;

function pageError(e: unknown): PageError {
  return pageFailure(vscode.l10n.t('Could not load the restore job'), e);
}

/** One open panel: its webview, the last job fetched and the page's state. */
export class JobDetailsPanel implements vscode.Disposable {
  private shown: { ref: JobRef; key: string };
  /** The next job opened from the tree takes this panel, until the user keeps it (VS Code's preview editors). */
  private isPreview = false;
  private job: AnyRestoreJob | undefined;
  private fetchedAt: Date | undefined;
  private error: PageError | undefined;
  private loading = false;
  private readonly page = new PageLoad();
  private revealAuthValue = false;
  private inFlight: AbortController | undefined;
  private fetchSeq = 0;
  private timer: ReturnType<typeof setInterval> | undefined;
  private disposed = false;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly disposeEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposeEmitter.event;
  private readonly feed = new PageFeed((m) => this.post(m));

  private readonly handlers: MessageHandlers = {
    ready: () => this.onReady(),
    refresh: () => this.refresh(),
    revealAuthValue: (m) => this.onRevealAuthValue(m.reveal),
    copy: (m) => this.copy(m.target),
    openJson: async () => {
      if (this.job) await openJobJson({ ref: this.ref, job: this.job, revealAuthValue: this.revealAuthValue }, this.services.log);
    },
    openInAtlas: () => openJobInAtlas(this.ref, this.services),
    openHistory: async () => {
      await this.services.openHistory?.(this.ref);
    },
    keepOpen: () => this.services.keep?.(this.ref),
    // The page names a link by index only; the URL comes from the extension's own copy of the job.
    download: async (m) => {
      if (this.job) await this.services.download?.(this.ref, this.job, m.index);
    },
  };

  constructor(
    readonly panel: vscode.WebviewPanel,
    ref: JobRef,
    private readonly services: PanelServices,
  ) {
    this.shown = { ref, key: jobKey(ref) };
    panel.title = jobPanelTitle(ref, services.settings().timeZone);
    panel.iconPath = themedIcon(services.extensionUri, 'job-details');
    panel.webview.options = webviewOptions(services.extensionUri);
    panel.webview.html = this.html();
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: unknown) => {
        if (!isFromWebview(m)) {
          services.log.warn(`Job details: ignored an unknown message from the page of ${describeJob(ref)}`);
          return;
        }
        this.handle(m).catch((e) => services.log.error(`Job details: handling "${m.type}" failed for ${describeJob(ref)}`, e));
      }),
      panel.onDidChangeViewState((e) => {
        if (!e.webviewPanel.visible) {
          // The page is torn down while hidden; the next one loads with a fresh nonce and says "ready".
          this.page.reloaded();
          this.revealAuthValue = false;
          this.feed.reset();
          panel.webview.html = this.html();
        }
      }),
    );
    this.timer = setInterval(() => {
      if (this.page.canPost && this.job && this.panel.visible) this.postView();
    }, RELATIVE_TIME_REFRESH_MS);
  }

  /** The job shown; a preview panel moves on to others. */
  get ref(): JobRef {
    return this.shown.ref;
  }

  get key(): string {
    return this.shown.key;
  }

  get title(): string {
    return this.panel.title;
  }

  get preview(): boolean {
    return this.isPreview;
  }

  /** A new panel, before its first state (whose `init` says so): a preview, which the next job takes. */
  startAsPreview(): void {
    this.isPreview = true;
  }

  /** A preview panel is kept: it shows its job until closed, and its page drops the Keep Open button. */
  keep(): void {
    if (!this.isPreview) return;
    this.isPreview = false;
    this.post({ type: 'preview', preview: false });
  }

  /**
   * Shows another job in this panel, as a preview panel does when the next job is opened: nothing of the last
   * job stays (its fetch, its revealed auth value, what the page has of it). With `job` it renders at once;
   * without, the caller refreshes.
   */
  moveTo(ref: JobRef, job?: AnyRestoreJob): void {
    this.services.log.info(`Job details: the preview panel moves from ${describeJob(this.ref)} to ${describeJob(ref)}`);
    this.inFlight?.abort();
    this.inFlight = undefined;
    this.fetchSeq++;
    this.shown = { ref, key: jobKey(ref) };
    this.job = undefined;
    this.fetchedAt = undefined;
    this.error = undefined;
    this.loading = false;
    this.revealAuthValue = false;
    this.feed.reset();
    this.panel.title = jobPanelTitle(ref, this.services.settings().timeZone);
    if (job) this.setJob(job);
    else this.postState();
  }

  get view(): JobDetailsView | undefined {
    if (!this.job) return undefined;
    const view = buildJobDetailsView(this.viewInput(this.job));
    this.panel.title = view.title;
    return view;
  }

  /** `preserveFocus`: shown, the keyboard staying where it is (a preview opened from the tree). */
  reveal(preserveFocus = false): void {
    this.panel.reveal(undefined, preserveFocus);
  }

  /** Shows a job the caller already has (the tree just fetched it). */
  setJob(job: AnyRestoreJob): void {
    this.inFlight?.abort();
    this.fetchSeq++;
    this.loading = false;
    this.job = job;
    this.fetchedAt = this.services.now();
    this.error = undefined;
    this.seen(job);
    this.postState();
  }

  /** Fetches the job again. Never throws: failures are shown in the page and logged. */
  async refresh(): Promise<void> {
    if (this.disposed) return;
    const { log, source } = this.services;
    this.inFlight?.abort();
    const controller = new AbortController();
    this.inFlight = controller;
    const seq = ++this.fetchSeq;
    this.loading = true;
    this.error = undefined;
    this.post({ type: 'error', error: null });
    this.post({ type: 'loading', loading: true });
    // Real elapsed time for the log, whatever the extension's clock says.
    const started = Date.now();
    log.info(`Job details: fetching ${describeJob(this.ref)}`);
    try {
      const job = await source.fetchJob(this.ref, controller.signal);
      if (seq !== this.fetchSeq || this.disposed) return;
      this.job = job;
      this.fetchedAt = this.services.now();
      this.error = undefined;
      this.seen(job);
      log.info(`Job details: fetched ${describeJob(this.ref)} in ${Date.now() - started} ms`);
    } catch (e) {
      if (seq !== this.fetchSeq || this.disposed) return;
      this.error = pageError(e);
      log.error(`Job details: fetching ${describeJob(this.ref)} failed`, e);
    } finally {
      if (seq === this.fetchSeq) {
        this.loading = false;
        this.inFlight = undefined;
        this.postState();
      }
    }
  }

  /** Acts on a message from the page (or from a test standing in for it). */
  async handle(message: FromWebview): Promise<void> {
    // Each handler takes its own kind of message; TypeScript cannot follow that pairing through the index.
    const handler = this.handlers[message.type] as (m: FromWebview) => Promise<void> | void;
    await handler(message);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.inFlight?.abort();
    if (this.timer) clearInterval(this.timer);
    this.feed.dispose();
    this.services.log.info(`Job details: closed ${describeJob(this.ref)}`);
    this.panel.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.disposeEmitter.fire();
    this.disposeEmitter.dispose();
  }

  /** Following hears of what Atlas answered, never of the offline copy, whose state may long have changed. */
  private seen(job: AnyRestoreJob): void {
    if (!keptJob(job.job)) this.services.seen?.(this.ref, job);
  }

  private onReady(): void {
    const answer = this.page.ready();
    if (answer !== 'resend') {
      this.post({ type: 'sync', seq: answer.sync });
      return;
    }
    // Whatever an earlier page had, this one has nothing.
    this.feed.reset();
    this.postState();
  }

  private onRevealAuthValue(reveal: boolean): void {
    this.revealAuthValue = reveal;
    this.services.log.info(`Job details: auth value ${reveal ? 'revealed' : 'hidden'} for ${describeJob(this.ref)}`);
    this.postView();
  }

  private async copy(target: CopyTarget): Promise<void> {
    if (!this.job) return;
    const shown = { ref: this.ref, job: this.job, revealAuthValue: this.revealAuthValue };
    const description = await copyFromJob(target, shown, this.services, this.format());
    if (description !== undefined) this.post({ type: 'copied', target, description });
  }

  private html(): string {
    return jobDetailsHtml(this.panel.webview, this.services.extensionUri, vscode.env.language);
  }

  /** Times as the tree shows them (setting `timeZone`); the page's tooltips add the exact ISO time. */
  private format(): ViewFormat {
    const zone = this.services.settings().timeZone;
    return { dateTime: (d) => formatDateTime(d, zone) };
  }

  private viewInput(job: AnyRestoreJob): JobViewInput {
    const now = this.services.now();
    const { timeZone } = this.services.settings();
    const canOpenInAtlas = this.services.source.atlasUrl(this.ref) !== undefined;
    const offline = keptJob(job.job);
    return { ref: this.ref, job, now, fetchedAt: this.fetchedAt ?? now, format: this.format(), timeZone, revealAuthValue: this.revealAuthValue, canOpenInAtlas, offline };
  }

  /** Sends everything the page needs to draw itself from nothing. */
  private postState(): void {
    if (!this.page.canPost) return;
    this.post({ type: 'init', ref: this.ref, strings: pageStrings(), seq: this.page.nextState(), preview: this.isPreview });
    this.post({ type: 'loading', loading: this.loading });
    this.post({ type: 'error', error: this.error ?? null });
    this.postView();
  }

  private postView(): void {
    if (!this.job || !this.page.canPost || this.disposed) return;
    // Once the job is known the tab can name its shard; webview tabs take no tooltip, so the id is in the page.
    this.panel.title = this.feed.send(this.viewInput(this.job)).title;
  }

  private post(message: ToWebview): void {
    if (!this.page.canPost || this.disposed) return;
    void this.panel.webview.postMessage(message);
  }
}
