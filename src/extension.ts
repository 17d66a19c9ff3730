import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { now, setClockForTests } from './clock';
import { registerCommands } from './commands/registerCommands';
import { CachedSettings, SECTION } from './config/settings';
import { AtlasClients } from './connections/atlasClients';
import { ConnectionSecrets } from './connections/connectionSecrets';
import { ConnectionStore } from './connections/connectionStore';
import { setPrompterForTests, type Prompter } from './ui/prompter';
import { Log } from './logging/log';
import { JobDetailsPanels } from './panel/jobDetailsPanels';
import { atlasJobSource } from './panel/jobSource';
import { RestoreHistoryPanels } from './historyPanel/restoreHistoryPanels';
import { historyScopeOfJob } from './historyPanel/loadHistory';
import { copyDeliveryUrl } from './commands/copyDeliveryUrl';
import { RestoreWatch } from './follow/restoreWatch';
import { SettleNotifier } from './follow/settleNotifier';
import { WatchStatusBar } from './follow/watchStatusBar';
import { JobNode } from './tree/jobNode';
import { Downloads } from './downloading/downloads';
import { DEFAULT_MAX_ITEMS, PageCache } from './cache/pageCache';
import { OfflineCopies } from './offline/offlineCopies';
import { ENVIRONMENT_CONNECTION_ID } from './connections/model';
import { jobTarget } from './downloading/targets';
import { clusterBackupWebUrl } from './ui/atlasWebUrls';
import { EXPLORER_VIEW_ID, RestoreJobsExplorer } from './tree/restoreJobsExplorer';
import type { TreeNode } from './tree/treeNode';

/** What integration tests reach through `extension.exports`; absent outside test mode. */
export interface TestApi {
  setPrompter(prompter: Prompter | undefined): void;
  /** Moves the extension's "now" (expiry, relative times); undefined restores the real clock. */
  setClock(clock: (() => Date) | undefined): void;
  explorer: RestoreJobsExplorer;
  treeView: vscode.TreeView<TreeNode>;
  store: ConnectionStore;
  clients: AtlasClients;
  panels: JobDetailsPanels;
  history: RestoreHistoryPanels;
  log: Log;
  /** So that tests can prove that no secret ever lands in globalState, and start from a known state. */
  globalState: vscode.Memento;
  watch: RestoreWatch;
  notifier: SettleNotifier;
  statusBar: WatchStatusBar;
  downloads: Downloads;
  pages: PageCache;
  /** The last known lists on disk (their folder, flush, what is offline). */
  offline: OfflineCopies;
}

/** Written out when the extension stops, so the last lists recorded are not lost with the window. */
let offlineCopies: OfflineCopies | undefined;

export function activate(context: vscode.ExtensionContext): { testing?: TestApi } {
  // Code that must not import vscode (the panel's view model) translates through @vscode/l10n with VS Code's bundle.
  if (vscode.l10n.bundle) l10n.config({ contents: vscode.l10n.bundle });
  const log = new Log();
  // Before every other configuration listener below, so that theirs read the new values.
  const cachedSettings = new CachedSettings();
  context.subscriptions.push(cachedSettings);
  const settings = cachedSettings.read;
  const version = String(context.extension.packageJSON.version ?? '0.0.0');
  log.info(`Atlas Restore Jobs ${version} activating (VS Code ${vscode.version})`);

  const store = new ConnectionStore(
    context.globalState,
    new ConnectionSecrets(context.secrets),
    process.env,
    () => settings().useEnvironmentCredentials,
  );
  const clients = new AtlasClients(store, log, settings, `atlas-restore-jobs/${version} vscode/${vscode.version}`);
  const notifier: SettleNotifier = new SettleNotifier(settings, {
    copyDeliveryUrl: async (ref) => {
      const latest = watch.latestOf(ref);
      if (latest) await copyDeliveryUrl(latest, { timeZone: () => settings().timeZone, now });
    },
    openDetails: (ref): Promise<void> => panels.show(ref, watch.latestOf(ref)?.job),
    openInAtlas: async (ref) => {
      const connection = store.get(ref.connectionId);
      if (connection) await vscode.env.openExternal(vscode.Uri.parse(clusterBackupWebUrl(connection.baseUrl, ref.groupId, ref.clusterName)));
    },
    signInAgain: async (connectionId) => vscode.commands.executeCommand('atlasRestoreJobs.signInAgain', connectionId),
  });
  const watch: RestoreWatch = new RestoreWatch({ clients, store, log, globalState: context.globalState, settings, now, notifier });
  const offline = new OfflineCopies({
    folder: vscode.Uri.joinPath(context.globalStorageUri, 'offline').fsPath,
    log,
    enabled: () => settings().offlineKeepLastKnown,
    now,
  });
  offlineCopies = offline;
  // Copies of connections removed while this window was closed; the environment's may come back with its variables.
  void offline.prune([...store.list().map((c) => c.id), ENVIRONMENT_CONNECTION_ID]);
  const pages = new PageCache(DEFAULT_MAX_ITEMS, offline);
  const explorer = new RestoreJobsExplorer({ clients, store, log, settings, watch, pages, offline });
  const treeView = vscode.window.createTreeView(EXPLORER_VIEW_ID, { treeDataProvider: explorer, showCollapseAll: true });
  explorer.track(treeView);

  const downloads = new Downloads(log, settings);
  const atlasSource = atlasJobSource(store, clients);
  const jobSource = { ...atlasSource, fetchJob: offline.withCopy(atlasSource.fetchJob) };
  const panels = new JobDetailsPanels(context.extensionUri, jobSource, log, {
    now,
    settings,
    seen: (ref, job) => watch.seen(ref, job),
    download: async (ref, job, index) => void (await downloads.start(jobTarget(ref, store.get(ref.connectionId), job, now(), index))),
    openHistory: async (ref) => void (await history.show(historyScopeOfJob(ref))),
  });
  const history = new RestoreHistoryPanels({
    extensionUri: context.extensionUri,
    log,
    pages,
    settings,
    now,
    client: async (connectionId) => {
      const connection = store.get(connectionId);
      if (!connection) throw new Error(vscode.l10n.t('The connection of this history was removed.'));
      return clients.get(connection);
    },
    openJob: (ref, job) => panels.show(ref, job),
  });
  const statusBar = new WatchStatusBar(watch, now);

  const updateContext = () => {
    void vscode.commands.executeCommand('setContext', 'atlasRestoreJobs.connectionCount', store.list().length);
    void vscode.commands.executeCommand('setContext', 'atlasRestoreJobs.storedConnectionCount', store.storedCount());
  };
  updateContext();
  void vscode.commands.executeCommand('setContext', 'atlasRestoreJobs.ready', true);
  let selectionHasUrl: boolean | undefined;

  context.subscriptions.push(
    log,
    offline,
    store,
    clients,
    explorer,
    treeView,
    panels,
    watch,
    statusBar,
    watch.onDidUpdateJob(({ ref, job }) => {
      explorer.jobUpdated(ref, job);
      panels.update(ref, job);
    }),
    panels.registerSerializer(),
    history,
    history.registerSerializer(),
    store.onDidChange(updateContext),
    treeView.onDidChangeSelection((e) => {
      const job = e.selection[0];
      const hasUrl = job instanceof JobNode && job.hasUrl;
      // Set only when it changes: each set is a trip to the workbench, and every click on a row selects it.
      if (hasUrl === selectionHasUrl) return;
      selectionHasUrl = hasUrl;
      void vscode.commands.executeCommand('setContext', 'atlasRestoreJobs.selectionHasUrl', hasUrl);
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(SECTION)) return;
      if (e.affectsConfiguration(`${SECTION}.useEnvironmentCredentials`)) store.notifyChanged();
      if (
        e.affectsConfiguration(`${SECTION}.requestTimeoutSeconds`) ||
        e.affectsConfiguration(`${SECTION}.maxRetries`)
      ) {
        clients.invalidate();
      }
      if (e.affectsConfiguration(`${SECTION}.watch`)) watch.restartPolling();
      if (e.affectsConfiguration(`${SECTION}.offline`)) void offline.settingChanged();
      if (e.affectsConfiguration(`${SECTION}.pageSize`) || e.affectsConfiguration(`${SECTION}.showLegacyBackupJobs`)) {
        void explorer.refresh();
      } else if (e.affectsConfiguration(`${SECTION}.timeZone`)) {
        explorer.redraw();
      }
    }),
    ...registerCommands({ store, clients, log, explorer, treeView, panels, settings, watch, downloads, pages, globalState: context.globalState, history }),
  );

  const environmentProblem = store.environmentProblem();
  if (environmentProblem) log.warn(`Environment connection unusable: ${environmentProblem}`);
  log.info(`${store.list().length} connection(s) available`);

  const testMode = context.extensionMode === vscode.ExtensionMode.Test || process.env.ATLAS_RESTORE_JOBS_TEST_API === '1';
  return testMode
    ? {
        testing: {
          setPrompter: setPrompterForTests,
          setClock: setClockForTests,
          explorer,
          treeView,
          store,
          clients,
          panels,
          history,
          log,
          globalState: context.globalState,
          watch,
          notifier,
          statusBar,
          downloads,
          pages,
          offline,
        },
      }
    : {};
}

export function deactivate(): Promise<void> | undefined {
  // Everything else is released through context.subscriptions.
  return offlineCopies?.flush();
}
