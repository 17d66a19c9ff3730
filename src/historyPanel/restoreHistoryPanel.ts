import * as vscode from 'vscode';
import type { AtlasClient } from '../atlas';
import type { AnyRestoreJob } from '../atlas/types';
import type { PageCache } from '../cache/pageCache';
import type { Settings } from '../config/settings';
import { incidentNote } from '../history/incidentNote';
import { jobRefAt, type JobRef } from '../jobs/jobRef';
import type { Log } from '../logging/log';
import { pageFailure, themedIcon } from '../panel/panelParts';
import { restoreHistoryHtml, webviewOptions } from '../panel/webviewHtml';
import { PageLoad } from '../panel/pageLoad';
import { historyStrings } from './historyStrings';
import { isFromHistoryPage, type FromHistoryPage, type HistoryError, type ToHistoryPage } from './historyProtocol';
import { buildHistoryView, historyScopeText, historyTitle, type BuiltHistory } from './historyView';
import { historyScopeKey, loadHistory, type HistoryLoad, type HistoryScope } from './loadHistory';

/** What a history panel needs from the extension, passed in as the details panel's services are. */
export interface HistoryServices {
  extensionUri: vscode.Uri;
  log: Log;
  pages: PageCache;
  settings(): Settings;
  now(): Date;
  /** The client of the scope's connection; throws a message for people when it cannot be had. */
  client(connectionId: string): Promise<AtlasClient>;
  openJob(ref: JobRef, job: AnyRestoreJob): Promise<void>;
}

type Handlers = { [T in FromHistoryPage['type']]: (m: Extract<FromHistoryPage, { type: T }>) => Promise<void> | void };

const STATUS_BAR_MESSAGE_MS = 4000;

/** Names a history in the log: ids and names only. */
export function describeScope(scope: HistoryScope): string {
  return scope.cluster ? `history of ${scope.cluster.kind} cluster ${scope.cluster.name} in ${scope.groupId}` : `history of project ${scope.groupId}`;
}

function loadError(e: unknown): HistoryError {
  return pageFailure(vscode.l10n.t('Could not load the restore history'), e);
}

/** One open history: its webview, the jobs last loaded and the view built from them. */
export class RestoreHistoryPanel implements vscode.Disposable {
  readonly key: string;
  private load: HistoryLoad | undefined;
  private loadedAt: Date | undefined;
  private built: BuiltHistory | undefined;
  private loadedDays = 0;
  private error: HistoryError | undefined;
  private loading = false;
  private progress: string | undefined;
  private readonly page = new PageLoad();
  private inFlight: AbortController | undefined;
  private seq = 0;
  private disposed = false;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly disposeEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposeEmitter.event;

  private readonly handlers: Handlers = {
    ready: () => this.onReady(),
    refresh: () => this.refresh(),
    openJob: (m) => this.openJob(m.key),
    copyNote: () => this.copyNote(),
    changeWindow: async () => {
      await vscode.commands.executeCommand('workbench.action.openSettings', 'atlasRestoreJobs.history.days');
    },
  };

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly scope: HistoryScope,
    private readonly services: HistoryServices,
  ) {
    this.key = historyScopeKey(scope);
    panel.title = vscode.l10n.t('History: {0}', historyTitle(scope));
    panel.iconPath = themedIcon(services.extensionUri, 'restore-history');
    panel.webview.options = webviewOptions(services.extensionUri);
    panel.webview.html = this.html();
    // Posted now, before the page has loaded: VS Code holds it for the page (see PageLoad), so the page shows
    // its loading state without first asking.
    this.postState();
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: unknown) => {
        if (!isFromHistoryPage(m)) {
          services.log.warn(`Restore history: ignored an unknown message from the page of the ${describeScope(scope)}`);
          return;
        }
        this.handle(m).catch((e) => services.log.error(`Restore history: handling "${m.type}" failed for the ${describeScope(scope)}`, e));
      }),
      panel.onDidChangeViewState((e) => {
        if (!e.webviewPanel.visible) {
          // The page is torn down while hidden; the next one loads with a fresh nonce and says "ready".
          this.page.reloaded();
          panel.webview.html = this.html();
        }
      }),
    );
  }

  /** The view last sent (for tests): undefined until the jobs are loaded. */
  get current(): BuiltHistory | undefined {
    return this.built;
  }

  get isLoading(): boolean {
    return this.loading;
  }

  reveal(): void {
    this.panel.reveal(undefined, false);
  }

  async handle(message: FromHistoryPage): Promise<void> {
    const handler = this.handlers[message.type] as (m: FromHistoryPage) => Promise<void> | void;
    await handler(message);
  }

  /** The window or the time zone changed: a longer window needs older pages, anything else only a new view. */
  settingsChanged(): void {
    if (this.services.settings().historyDays > this.loadedDays) void this.refresh();
    else this.rebuild();
  }

  /** Loads the jobs again (through the page cache: a refresh of the tree empties it first). Never throws. */
  async refresh(): Promise<void> {
    if (this.disposed) return;
    const { log } = this.services;
    this.inFlight?.abort();
    const controller = new AbortController();
    this.inFlight = controller;
    const seq = ++this.seq;
    this.loading = true;
    this.progress = undefined;
    this.error = undefined;
    this.post({ type: 'error', error: null });
    this.post({ type: 'loading', loading: true });
    const started = Date.now();
    const days = this.services.settings().historyDays;
    const now = this.services.now();
    log.info(`Restore history: loading the ${describeScope(this.scope)} (${days} days)`);
    try {
      const client = await this.services.client(this.scope.connectionId);
      const settings = this.services.settings();
      const load = await loadHistory(this.scope, {
        client,
        pages: this.services.pages,
        pageSize: settings.pageSize,
        since: now.getTime() - days * 86_400_000,
        now,
        legacy: settings.showLegacyBackupJobs,
        signal: controller.signal,
        progress: (done, total) => {
          if (seq !== this.seq) return;
          this.progress = vscode.l10n.t('Loading restore jobs: {0} of {1} lists', done, total);
          this.post({ type: 'loading', loading: true, progress: this.progress });
        },
      });
      if (seq !== this.seq || this.disposed) return;
      this.load = load;
      this.loadedAt = now;
      this.loadedDays = days;
      log.info(`Restore history: loaded ${load.jobs.length} jobs from ${load.lists} lists of the ${describeScope(this.scope)} in ${Date.now() - started} ms; ${load.problems.length} lists failed`);
      for (const p of load.problems) log.error(`Restore history: a list of the ${describeScope(this.scope)} failed (${p.what}${p.clusterName ? ` of ${p.clusterName}` : ''})`, p.error);
      this.rebuild();
    } catch (e) {
      if (seq !== this.seq || this.disposed) return;
      if (controller.signal.aborted) return;
      this.error = loadError(e);
      log.error(`Restore history: loading the ${describeScope(this.scope)} failed`, e);
    } finally {
      if (seq === this.seq) {
        this.loading = false;
        this.progress = undefined;
        this.inFlight = undefined;
        this.postState();
      }
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.inFlight?.abort();
    this.services.log.info(`Restore history: closed the ${describeScope(this.scope)}`);
    this.panel.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.disposeEmitter.fire();
    this.disposeEmitter.dispose();
  }

  private rebuild(): void {
    if (!this.load) return;
    const settings = this.services.settings();
    this.built = buildHistoryView({
      scope: this.scope,
      load: this.load,
      now: this.services.now(),
      loadedAt: this.loadedAt ?? this.services.now(),
      days: Math.min(this.services.settings().historyDays, this.loadedDays || this.services.settings().historyDays),
      timeZone: settings.timeZone,
      locale: vscode.env.language,
    });
    if (this.built) this.post({ type: 'view', view: this.built.view });
  }

  private onReady(): void {
    const answer = this.page.ready();
    if (answer !== 'resend') this.post({ type: 'sync', seq: answer.sync });
    else this.postState();
  }

  private async openJob(key: string): Promise<void> {
    const loaded = this.built?.byKey.get(key);
    if (!loaded) return;
    const s = this.scope;
    const place = { connection: { id: s.connectionId, label: s.connectionLabel }, groupId: s.groupId, projectName: s.projectName, clusterName: loaded.clusterName };
    const id = loaded.facts.id;
    if (!id) {
      void vscode.window.showInformationMessage(vscode.l10n.t('This restore job has no id, so its details cannot be fetched.'));
      return;
    }
    await this.services.openJob(jobRefAt(place, loaded.job.family, id), loaded.job);
  }

  private async copyNote(): Promise<void> {
    const built = this.built;
    if (!built) return;
    const settings = this.services.settings();
    const text = incidentNote({
      title: historyTitle(this.scope),
      scope: historyScopeText(this.scope),
      windowDays: Math.min(this.services.settings().historyDays, this.loadedDays),
      now: this.services.now(),
      timeZone: settings.timeZone,
      stats: built.stats,
      jobs: built.jobs,
      undated: built.undated,
      future: built.future,
    });
    await vscode.env.clipboard.writeText(text);
    const description = vscode.l10n.t('Copied the incident note for {0}', historyTitle(this.scope));
    vscode.window.setStatusBarMessage(description, STATUS_BAR_MESSAGE_MS);
    this.services.log.info(`Restore history: copied the incident note of the ${describeScope(this.scope)}`);
    this.post({ type: 'copied', description });
  }

  private html(): string {
    return restoreHistoryHtml(this.panel.webview, this.services.extensionUri, vscode.env.language);
  }

  private postState(): void {
    if (!this.page.canPost) return;
    this.post({ type: 'init', strings: historyStrings(), scope: this.scope, seq: this.page.nextState() });
    this.post({ type: 'loading', loading: this.loading, progress: this.progress });
    this.post({ type: 'error', error: this.error ?? null });
    if (this.built) this.post({ type: 'view', view: this.built.view });
  }

  private post(message: ToHistoryPage): void {
    if (!this.page.canPost || this.disposed) return;
    void this.panel.webview.postMessage(message);
  }
}
