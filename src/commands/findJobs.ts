import * as vscode from 'vscode';
import type { PageCache } from '../cache/pageCache';
import type { Settings } from '../config/settings';
import type { AtlasClients } from '../connections/atlasClients';
import type { ConnectionStore } from '../connections/connectionStore';
import type { ConnectionInfo } from '../connections/model';
import type { Log } from '../logging/log';
import { isEmptyQuery, parseQuery } from '../search/query';
import { runSearch, type SearchProgress, type SearchTarget } from '../search/searchRun';
import type { RestoreJobsExplorer } from '../tree/restoreJobsExplorer';
import type { SearchResultsNode } from '../tree/searchNodes';
import type { TreeNode } from '../tree/treeNode';
import { prompter } from '../ui/prompter';

const RECENT_KEY = 'atlasRestoreJobs.recentSearches';
const RECENT_MAX = 8;
/** The tree is redrawn at most this often while results stream in. */
const REDRAW_MS = 250;

export interface FindDeps {
  store: ConnectionStore;
  clients: AtlasClients;
  explorer: RestoreJobsExplorer;
  treeView: vscode.TreeView<TreeNode>;
  globalState: vscode.Memento;
  settings: () => Settings;
  pages: PageCache;
  log: Log;
  now: () => Date;
}

let running: AbortController | undefined;

function examples(): { text: string; description: string }[] {
  return [
    { text: 'state:failed days:7', description: vscode.l10n.t('restores that failed this week') },
    { text: 'state:running', description: vscode.l10n.t('restores running now') },
    { text: 'state:ready', description: vscode.l10n.t('downloads whose link still works') },
    { text: 'family:legacy days:30', description: vscode.l10n.t('legacy backup restores of the last 30 days') },
    { text: 'prod-analytics', description: vscode.l10n.t('restores into (or of) a cluster or project by name or id') },
  ];
}

function validate(value: string): string | undefined {
  try {
    return isEmptyQuery(parseQuery(value)) ? vscode.l10n.t('Type what to look for.') : undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * Find Restore Jobs…: asks for a search (earlier ones offered again), then searches every project of one
 * connection or of all, showing results at the top of the view as they come, with progress and Cancel.
 */
export async function findRestoreJobs(deps: FindDeps, scope?: ConnectionInfo, text?: string): Promise<SearchResultsNode | undefined> {
  const connections = scope ? [scope] : deps.store.list();
  if (connections.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Add an Atlas connection first.'));
    return undefined;
  }
  const recent = deps.globalState.get<string[]>(RECENT_KEY, []);
  const typed =
    text ??
    (await prompter().query({
      title: scope ? vscode.l10n.t('Find Restore Jobs in {0}', scope.label) : vscode.l10n.t('Find Restore Jobs'),
      placeholder: vscode.l10n.t('state:failed days:7 prod-analytics — or paste a job id'),
      recent,
      examples: examples().filter((e) => !recent.includes(e.text)),
      validate,
    }));
  if (!typed || validate(typed)) return undefined;
  const query = parseQuery(typed);
  await deps.globalState.update(RECENT_KEY, [query.text, ...recent.filter((r) => r !== query.text)].slice(0, RECENT_MAX));

  running?.abort();
  const controller = new AbortController();
  running = controller;
  const results = deps.explorer.startSearch(query, connections, () => void findRestoreJobs(deps, scope, query.text));
  await deps.treeView.reveal(results, { select: false, focus: false, expand: true }).then(undefined, () => undefined);
  deps.log.info(`Search "${query.text}" over ${connections.length} connection(s)`);

  const targets: SearchTarget[] = [];
  for (const c of connections) {
    try {
      targets.push({ connectionId: c.id, client: await deps.clients.get(c) });
    } catch (error) {
      results.addProblem({ connectionId: c.id, what: 'projects', error });
    }
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const redraw = () => {
    timer ??= setTimeout(() => {
      timer = undefined;
      deps.explorer.searchChanged();
    }, REDRAW_MS);
  };
  const title = vscode.l10n.t('Finding restore jobs: {0}', query.text);
  const pauses: { dispose(): void }[] = [];
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
    token.onCancellationRequested(() => controller.abort());
    const counts = (p: SearchProgress) => vscode.l10n.t('{0} of {1} projects · {2} matches', p.projectsDone, p.projectsTotal, p.matches);
    // A 429 pauses every request of that connection (the client's one limiter), for as long as Atlas says: the search
    // waits it out (Cancel ends the wait) and says so instead of looking stuck, until it goes on.
    for (const t of targets) {
      pauses.push(
        t.client.limiter.onDidChangePause((e) => {
          results.pausedUntil = e.paused ? new Date(e.until) : undefined;
          progress.report({ message: e.paused ? vscode.l10n.t('paused by Atlas’s rate limit for {0} s', Math.ceil(e.ms / 1000)) : counts(results.progress) });
          redraw();
        }),
      );
    }
    const done = await runSearch(
      targets,
      query,
      { now: deps.now(), pageSize: deps.settings().pageSize, pages: deps.pages, signal: controller.signal },
      {
        match: (m) => {
          results.addMatch(m);
          redraw();
        },
        problem: (p) => {
          deps.log.warn(`Search: could not search ${p.what} of ${p.project?.name ?? p.connectionId}${p.clusterName ? ` › ${p.clusterName}` : ''}`);
          results.addProblem(p);
          redraw();
        },
        progress: (p) => {
          results.progress = p;
          progress.report({ message: counts(p) });
          redraw();
        },
      },
    );
    results.progress = done;
  });
  clearTimeout(timer);
  for (const p of pauses) p.dispose();
  results.pausedUntil = undefined;
  results.state = controller.signal.aborted && running === controller ? 'cancelled' : 'done';
  if (running === controller) running = undefined;
  deps.log.info(`Search "${query.text}": ${results.progress.matches} matches in ${results.progress.projectsDone} of ${results.progress.projectsTotal} projects (${results.state})`);
  deps.explorer.searchChanged();
  return results;
}

/** Cancel on the results row: the search stops, keeping what it found. */
export function cancelSearch(): void {
  running?.abort();
}
