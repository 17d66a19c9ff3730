import * as vscode from 'vscode';
import { now } from '../clock';
import type { AtlasClients } from '../connections/atlasClients';
import type { ConnectionStore } from '../connections/connectionStore';
import type { ConnectionInfo } from '../connections/model';
import type { Settings } from '../config/settings';
import type { Log } from '../logging/log';
import { showWatchedJobs, watchJobById } from '../follow/watchCommands';
import type { RestoreWatch } from '../follow/restoreWatch';
import type { JobRef } from '../jobs/jobRef';
import type { JobDetailsPanels } from '../panel/jobDetailsPanels';
import { ClusterNode } from '../tree/clusterNode';
import { ConnectionNode } from '../tree/connectionNode';
import { JobNode } from '../tree/jobNode';
import { LoadMoreNode } from '../tree/loadMoreNode';
import { MessageNode } from '../tree/messageNode';
import { ProjectNode } from '../tree/projectNode';
import { EXPLORER_VIEW_ID, type RestoreJobsExplorer } from '../tree/restoreJobsExplorer';
import type { TreeNode } from '../tree/treeNode';
import { clusterBackupWebUrl, clusterWebUrl, projectWebUrl } from '../ui/atlasWebUrls';
import { addConnection } from './addConnection';
import { removeConnection, signInAgain } from './connectionCommands';
import { copyDeliveryUrl } from './copyDeliveryUrl';
import { errorMessage } from '../format/errorMessage';
import { downloadJobFiles } from '../downloading/downloadCommands';
import type { Downloads } from '../downloading/downloads';
import { batchTarget, jobTarget } from '../downloading/targets';
import { BatchNode } from '../tree/batchNode';
import type { PageCache } from '../cache/pageCache';
import { SearchResultsNode } from '../tree/searchNodes';
import { cancelSearch, findRestoreJobs, type FindDeps } from './findJobs';
import { exportJobs } from './exportJobs';
import type { RestoreHistoryPanels } from '../historyPanel/restoreHistoryPanels';
import { historyScopeOf } from './historyScope';
import { importFromAtlasCli } from './importFromAtlasCli';

export interface CommandDeps {
  store: ConnectionStore;
  clients: AtlasClients;
  log: Log;
  explorer: RestoreJobsExplorer;
  treeView: vscode.TreeView<TreeNode>;
  panels: JobDetailsPanels;
  settings: () => Settings;
  watch: RestoreWatch;
  downloads: Downloads;
  pages: PageCache;
  globalState: vscode.Memento;
  history: RestoreHistoryPanels;
}

/** A command run from a keybinding or the palette gets no node: use the tree's selection. */
function selected<T extends TreeNode>(deps: CommandDeps, arg: unknown, type: abstract new (...args: never[]) => T): T | undefined {
  if (arg instanceof type) return arg;
  const first = deps.treeView.selection[0];
  return first instanceof type ? first : undefined;
}

function ancestor<T extends TreeNode>(node: TreeNode | undefined, type: abstract new (...args: never[]) => T): T | undefined {
  for (let n = node; n; n = n.parent) if (n instanceof type) return n;
  return undefined;
}

function connectionOf(deps: CommandDeps, arg: unknown): ConnectionInfo | undefined {
  if (typeof arg === 'string') return deps.store.get(arg);
  if (arg instanceof ConnectionNode) return arg.connection;
  if (arg instanceof MessageNode && arg.options.signInConnectionId) return deps.store.get(arg.options.signInConnectionId);
  return undefined;
}

export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  const { explorer, log } = deps;
  const watchDeps = {
    watch: deps.watch,
    store: deps.store,
    clients: deps.clients,
    now,
    openDetails: (ref: JobRef) => deps.panels.show(ref, deps.watch.latestOf(ref)?.job),
  };
  const run = (id: string, handler: (...args: unknown[]) => unknown) =>
    vscode.commands.registerCommand(`atlasRestoreJobs.${id}`, async (...args: unknown[]) => {
      try {
        return await handler(...args);
      } catch (error) {
        // Commands never surface a stack trace: say what failed and keep the detail in the log.
        log.error(`Command ${id} failed`, error);
        const showLog = vscode.l10n.t('Show Log');
        const choice = await vscode.window.showErrorMessage(errorMessage(error), showLog);
        if (choice === showLog) log.show();
        return undefined;
      }
    });

  const findDeps: FindDeps = { ...deps, now };
  const searchOf = (arg: unknown) => (arg instanceof SearchResultsNode ? arg : deps.explorer.searchResults);

  return [
    run('findRestoreJobs', (arg) => findRestoreJobs(findDeps, connectionOf(deps, arg))),

    run('cancelSearch', () => cancelSearch()),

    run('searchAgain', (arg) => {
      const search = searchOf(arg);
      if (!search) return undefined;
      const scope = search.connections.length === 1 && deps.store.list().length > 1 ? search.connections[0] : undefined;
      return findRestoreJobs(findDeps, scope, search.query.text);
    }),

    run('closeSearch', () => {
      cancelSearch();
      deps.explorer.closeSearch();
    }),

    run('exportJobs', (arg) => {
      const node = arg instanceof Object && 'treeItem' in arg ? (arg as TreeNode) : deps.treeView.selection[0];
      return exportJobs(node, { clients: deps.clients, pages: deps.pages, settings: deps.settings, now, withProgress: (task) => Promise.resolve(vscode.window.withProgress({ location: { viewId: EXPLORER_VIEW_ID } }, task)) });
    }),

    run('addConnection', async () => {
      const created = await addConnection(deps);
      if (!created) return undefined;
      void vscode.window.showInformationMessage(vscode.l10n.t('Connected to {0} as "{1}".', created.baseUrl, created.label));
      // Let the view pick up the new root before revealing it.
      await explorer.getChildren();
      const node = explorer.connectionNode(created.id);
      if (node) await deps.treeView.reveal(node, { expand: true, select: true, focus: true });
      return created;
    }),

    run('importFromAtlasCli', () => importFromAtlasCli(deps)),

    run('removeConnection', (arg) => removeConnection(deps, connectionOf(deps, arg))),

    run('signInAgain', async (arg) => {
      const connection = connectionOf(deps, arg);
      const done = await signInAgain(deps, connection);
      if (done) {
        const id = connection?.id;
        if (id) deps.watch.resumeConnection(id);
        void explorer.refresh(id ? explorer.connectionNode(id) : undefined);
      }
      return done;
    }),

    // A row's own refresh icon: its subtree. The view's title and F5 use refreshAll, because VS Code hands
    // a title or keybinding command the focused row, which would refresh that row alone.
    run('refresh', (arg) => explorer.refresh(arg instanceof Object && 'treeItem' in arg ? (arg as TreeNode) : undefined)),

    run('refreshAll', () => explorer.refresh()),

    run('watchJob', (arg) => {
      const node = selected(deps, arg, JobNode);
      if (!node) return void vscode.window.showInformationMessage(vscode.l10n.t('Select a restore job first.'));
      deps.watch.follow(node.ref, node.job);
      explorer.jobUpdated(node.ref, node.job);
    }),

    run('stopWatching', (arg) => {
      const node = selected(deps, arg, JobNode);
      if (!node) return;
      deps.watch.stop(node.ref);
      explorer.jobUpdated(node.ref, node.job);
    }),

    run('watchJobById', () => watchJobById(watchDeps)),

    run('showWatchedJobs', () => showWatchedJobs(watchDeps)),

    run('retry', async (arg) => {
      if (arg instanceof MessageNode && arg.options.retry) await arg.options.retry();
    }),

    run('loadMore', async (arg) => {
      if (arg instanceof LoadMoreNode) await explorer.loadMore(arg);
    }),

    run('showLog', () => log.show()),

    run('showRestoreHistory', async (arg) => {
      const node = arg instanceof Object && 'treeItem' in arg ? (arg as TreeNode) : deps.treeView.selection[0];
      const scope = historyScopeOf(node);
      if (!scope) return void vscode.window.showInformationMessage(vscode.l10n.t('Select a project, cluster or restore job in Atlas Restore Jobs first.'));
      await deps.history.show(scope);
    }),

    run('copyDeliveryUrl', async (arg) => {
      const node = selected(deps, arg, JobNode);
      if (!node) return void vscode.window.showInformationMessage(vscode.l10n.t('Select a restore job first.'));
      await copyDeliveryUrl(node, { timeZone: () => deps.settings().timeZone, now });
    }),

    run('downloadJob', async (arg) => {
      const node = selected(deps, arg, JobNode);
      if (!node) return void vscode.window.showInformationMessage(vscode.l10n.t('Select a restore job first.'));
      await downloadJobFiles(deps.downloads, jobTarget(node.location, node.location.connection, node.job, now()));
    }),

    run('downloadAll', async (arg) => {
      const batch = selected(deps, arg, BatchNode);
      if (batch) {
        // The rows may show part of the batch while its list has pages not loaded: fetch the rest first.
        await batch.children();
        const { location } = batch;
        return void (await deps.downloads.start(batchTarget(location, location.connection, batch.jobs.map((j) => j.job), now())));
      }
      const node = selected(deps, arg, JobNode);
      if (!node) return void vscode.window.showInformationMessage(vscode.l10n.t('Select a sharded restore or a restore job first.'));
      await deps.downloads.start(jobTarget(node.location, node.location.connection, node.job, now()));
    }),

    run('openJobDetails', async (arg) => {
      const node = selected(deps, arg, JobNode);
      if (!node) return void vscode.window.showInformationMessage(vscode.l10n.t('Select a restore job first.'));
      // As VS Code opens files from its explorer: in the preview tab unless preview editors are turned off.
      await deps.panels.show(node.ref, node.job, { preview: vscode.workspace.getConfiguration('workbench.editor').get<boolean>('enablePreview', true) });
    }),

    run('keepJobDetailsOpen', () => deps.panels.keep()),

    run('copyJobId', async (arg) => {
      const node = selected(deps, arg, JobNode);
      if (!node) return;
      await vscode.env.clipboard.writeText(node.facts.id);
      vscode.window.setStatusBarMessage(vscode.l10n.t('Copied restore job id {0}', node.facts.id), 4000);
    }),

    run('openInAtlas', async (arg) => {
      const node = arg instanceof Object && 'treeItem' in arg ? (arg as TreeNode) : deps.treeView.selection[0];
      const url = atlasUrlOf(node);
      if (!url) return void vscode.window.showInformationMessage(vscode.l10n.t('Select a project, cluster or restore job first.'));
      await vscode.env.openExternal(vscode.Uri.parse(url));
    }),

    run('showMessageDetails', async (arg) => {
      if (!(arg instanceof MessageNode)) return;
      const o = arg.options;
      const actions: string[] = [];
      const retry = vscode.l10n.t('Retry');
      const signIn = vscode.l10n.t('Sign In Again…');
      const learn = vscode.l10n.t('Learn More');
      const showLog = vscode.l10n.t('Show Log');
      if (o.signInConnectionId) actions.push(signIn);
      if (o.retry) actions.push(retry);
      if (o.learnMoreUrl) actions.push(learn);
      actions.push(showLog);
      const text = o.detail ?? o.label;
      const choice =
        o.kind === 'error'
          ? await vscode.window.showErrorMessage(text, ...actions)
          : o.kind === 'warning'
            ? await vscode.window.showWarningMessage(text, ...actions)
            : await vscode.window.showInformationMessage(text, ...actions);
      if (choice === retry) await o.retry?.();
      else if (choice === signIn) await vscode.commands.executeCommand('atlasRestoreJobs.signInAgain', o.signInConnectionId);
      else if (choice === learn && o.learnMoreUrl) await vscode.env.openExternal(vscode.Uri.parse(o.learnMoreUrl));
      else if (choice === showLog) log.show();
    }),

    run('revealFlexCluster', async (arg) => {
      if (!(arg instanceof ClusterNode)) return;
      const project = ancestor(arg, ProjectNode);
      const flex = project?.flexCluster(arg.name);
      if (flex) {
        await deps.treeView.reveal(flex, { select: true, focus: true, expand: true });
      } else {
        void vscode.window.showInformationMessage(
          vscode.l10n.t('This project has no flex cluster named "{0}". Atlas may not have migrated it yet.', arg.name),
        );
      }
    }),
  ];
}

function atlasUrlOf(node: TreeNode | undefined): string | undefined {
  const project = ancestor(node, ProjectNode);
  if (!project) return undefined;
  const base = project.connection.baseUrl;
  const cluster = ancestor(node, ClusterNode);
  if (!cluster) return projectWebUrl(base, project.groupId);
  if (node === cluster) return clusterWebUrl(base, project.groupId, cluster.name);
  return clusterBackupWebUrl(base, project.groupId, cluster.name);
}
