import * as vscode from 'vscode';
import { listKey, PageCache } from '../cache/pageCache';
import type { SearchQuery } from '../search/query';
import { SearchResultsNode } from './searchNodes';
import { now } from '../clock';
import type { AtlasClients } from '../connections/atlasClients';
import type { ConnectionStore } from '../connections/connectionStore';
import type { ConnectionInfo } from '../connections/model';
import type { Settings } from '../config/settings';
import type { Log } from '../logging/log';
import type { AnyRestoreJob } from '../atlas/types';
import { jobKey, type JobRef } from '../jobs/jobRef';
import { BatchNode } from './batchNode';
import { ConnectionNode } from './connectionNode';
import { JobNode } from './jobNode';
import type { LoadMoreNode } from './loadMoreNode';
import { MessageNode } from './messageNode';
import type { ExplorerServices, TreeNode, TreeOffline, TreeWatch } from './treeNode';
import { errorMessage } from '../format/errorMessage';

export const EXPLORER_VIEW_ID = 'atlasRestoreJobs.explorer';

/** The offline copy as the view follows it (src/offline/offlineCopies.ts). */
export interface ExplorerOffline extends TreeOffline {
  onDidChange(listener: (change: { connectionId: string; offline: boolean }) => void): vscode.Disposable;
}

/**
 * The "Restore Jobs" view's data: connections at the top, each loading its projects, clusters and
 * jobs only when expanded, and keeping what it loaded until refreshed.
 */
export class RestoreJobsExplorer implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly roots = new Map<string, ConnectionNode>();
  private search: SearchResultsNode | undefined;
  private readonly services: ExplorerServices;
  private readonly subscriptions: vscode.Disposable[] = [];
  /** The children each node last gave the view: what is loaded and shown, and so what a refresh fetches again. */
  private readonly shown = new Map<string, TreeNode[]>();
  /** Ids of the rows the user has expanded, so that rows rebuilt by a refresh come back expanded. */
  private readonly expanded = new Set<string>();

  /** Connections whose whole subtree a refresh is fetching again, with how many such refreshes run. */
  private readonly refreshing = new Map<string, number>();

  constructor(deps: {
    clients: AtlasClients;
    store: ConnectionStore;
    log: Log;
    settings: () => Settings;
    now?: () => Date;
    watch?: TreeWatch;
    pages?: PageCache;
    offline?: ExplorerOffline;
  }) {
    this.services = {
      ...deps,
      pages: deps.pages ?? new PageCache(),
      now: deps.now ?? now,
      withProgress: (task) => Promise.resolve(vscode.window.withProgress({ location: { viewId: EXPLORER_VIEW_ID } }, task)),
      changed: (node) => this.emitter.fire(node),
    };
    this.subscriptions.push(deps.store.onDidChange(() => this.emitter.fire(undefined)));
    if (deps.offline) this.subscriptions.push(deps.offline.onDidChange((change) => this.offlineChanged(change)));
  }

  /**
   * Offline, the connection's row says so; back online, what the copy showed is fetched again at once, unless
   * a refresh of the whole connection is doing that already (its own first answer is what says "back").
   */
  private offlineChanged(change: { connectionId: string; offline: boolean }): void {
    const node = this.roots.get(change.connectionId);
    if (!node) return;
    if (change.offline || this.refreshing.has(change.connectionId)) {
      this.emitter.fire(node);
      return;
    }
    this.services.log.info(`Atlas answered "${node.connection.label}" again: replacing the offline copy`);
    void this.refresh(node);
  }

  /** Follows what the user expands and collapses in `view`. */
  track(view: vscode.TreeView<TreeNode>): void {
    this.subscriptions.push(
      view.onDidExpandElement((e) => this.expanded.add(e.element.id)),
      view.onDidCollapseElement((e) => this.expanded.delete(e.element.id)),
    );
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const item = this.safeTreeItem(node);
    if (item.collapsibleState === vscode.TreeItemCollapsibleState.Collapsed && this.expanded.has(node.id)) {
      item.collapsibleState = vscode.TreeItemCollapsibleState.Expanded;
    }
    return item;
  }

  /**
   * VS Code calls this when a row without a tooltip is hovered: a node's hover (TreeNode.tooltip) is built
   * for that row then, not for every row drawn. A hover that cannot be built leaves the row without one.
   */
  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
    if (item.tooltip !== undefined || !node.tooltip) return item;
    try {
      item.tooltip = node.tooltip();
    } catch (error) {
      this.services.log.error(`Could not build the hover of ${node.id}`, error);
    }
    return item;
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  /**
   * VS Code drops every sibling of a row whose item throws, so a row that cannot be drawn (a document
   * stranger than any the nodes were written for) still shows, as itself, with the log a click away.
   */
  private safeTreeItem(node: TreeNode): vscode.TreeItem {
    try {
      return node.treeItem();
    } catch (error) {
      this.services.log.error(`Could not show the row ${node.id}`, error);
      const item = new vscode.TreeItem(vscode.l10n.t('This row could not be shown'), vscode.TreeItemCollapsibleState.None);
      item.id = node.id;
      item.description = errorMessage(error);
      item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
      item.contextValue = 'error broken';
      item.command = { command: 'atlasRestoreJobs.showLog', title: vscode.l10n.t('Show Log') };
      return item;
    }
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (!node) return this.search ? [this.search, ...this.connectionNodes()] : this.connectionNodes();
    try {
      const children = (await node.children?.()) ?? [];
      this.shown.set(node.id, children);
      // A kept copy tells following nothing new, and a job that was running then may long have ended.
      for (const job of jobsOf(children)) if (!job.kept) this.services.watch?.seen(job.ref, job.job);
      return children;
    } catch (error) {
      // Nodes turn Atlas failures into rows themselves; this is the net for anything unexpected.
      this.services.log.error(`Could not list the children of ${node.id}`, error);
      return [
        new MessageNode(`${node.id}/unexpected`, node, {
          kind: 'error',
          label: vscode.l10n.t('Something went wrong'),
          description: errorMessage(error),
          detail: errorMessage(error),
          retry: () => void this.refresh(node),
        }),
      ];
    }
  }

  /**
   * Fetches again what is loaded below `node` (from the nearest node that holds loaded data), or below
   * every connection: the lists the view has shown are reloaded before the view is told, so rows that
   * were expanded stay expanded and show fresh data at once, and nothing that was never shown is fetched.
   */
  async refresh(node?: TreeNode): Promise<void> {
    let target: TreeNode | undefined = node;
    while (target && !target.reset) target = target.parent;
    const tops = target ? [target] : [...this.roots.values()];
    const wasShown = new Set<string>();
    const collect = (n: TreeNode) => {
      const children = this.shown.get(n.id);
      if (!children) return;
      wasShown.add(n.id);
      this.shown.delete(n.id);
      children.forEach(collect);
    };
    tops.forEach(collect);
    const whole = tops.flatMap((top) => (top instanceof ConnectionNode ? [top.connection.id] : []));
    for (const id of whole) this.refreshing.set(id, (this.refreshing.get(id) ?? 0) + 1);
    try {
      for (const top of tops) top.reset?.();
      await Promise.all(tops.map((top) => this.reload(top, wasShown)));
    } finally {
      for (const id of whole) {
        const left = (this.refreshing.get(id) ?? 1) - 1;
        if (left > 0) this.refreshing.set(id, left);
        else this.refreshing.delete(id);
      }
    }
    this.emitter.fire(target);
  }

  private async reload(node: TreeNode, wasShown: ReadonlySet<string>): Promise<void> {
    if (!wasShown.has(node.id)) return;
    const children = await this.getChildren(node);
    await Promise.all(children.map((child) => this.reload(child, wasShown)));
  }

  /**
   * A followed job has a newer document: every row that shows it updates in place (same node, so expansion,
   * selection and scroll stay), and so does the row of its sharded batch, whose state sums up its jobs.
   */
  jobUpdated(ref: JobRef, job: AnyRestoreJob): void {
    const key = jobKey(ref);
    for (const children of this.shown.values()) {
      for (const node of jobsOf(children)) {
        if (!node.facts.id || jobKey(node.ref) !== key) continue;
        node.update(job);
        this.emitter.fire(node);
        if (node.parent instanceof BatchNode) this.emitter.fire(node.parent);
      }
    }
  }

  /** Re-renders without refetching, e.g. after the time zone setting changed. */
  redraw(): void {
    this.emitter.fire(undefined);
  }

  async loadMore(node: LoadMoreNode): Promise<void> {
    await this.services.withProgress(() => node.list.loadMore());
    this.emitter.fire(node.parent);
  }

  /** Shows a new search's results at the top of the view, in place of the last one's. */
  startSearch(query: SearchQuery, connections: readonly ConnectionInfo[], again: () => void): SearchResultsNode {
    this.search = new SearchResultsNode(query, connections, this.services, again);
    this.emitter.fire(undefined);
    return this.search;
  }

  get searchResults(): SearchResultsNode | undefined {
    return this.search;
  }

  /** The search's rows changed (more matches, progress, its end). */
  searchChanged(): void {
    if (this.search) this.emitter.fire(this.search);
  }

  closeSearch(): void {
    this.search = undefined;
    this.emitter.fire(undefined);
  }

  connectionNode(connectionId: string): ConnectionNode | undefined {
    return this.roots.get(connectionId);
  }

  dispose(): void {
    this.emitter.dispose();
    for (const s of this.subscriptions) s.dispose();
  }

  private connectionNodes(): ConnectionNode[] {
    const connections = this.services.store.list();
    const seen = new Set<string>();
    for (const c of connections) {
      seen.add(c.id);
      const existing = this.roots.get(c.id);
      // A changed connection (new credentials, renamed) starts over; an unchanged one keeps its cache.
      if (!existing || !sameConnection(existing.connection, c)) {
        if (existing) this.services.pages.forget(listKey.connection(c.id));
        this.roots.set(c.id, new ConnectionNode(c, this.services));
      }
    }
    for (const id of [...this.roots.keys()]) {
      if (!seen.has(id)) this.roots.delete(id);
    }
    return connections.map((c) => this.roots.get(c.id)!);
  }
}

/** The job rows among `children`, those inside a batch row included (the batch's state is theirs). */
function jobsOf(children: readonly TreeNode[]): JobNode[] {
  return children.flatMap((c) => (c instanceof JobNode ? [c] : c instanceof BatchNode ? c.jobs : []));
}

function sameConnection(a: ConnectionInfo, b: ConnectionInfo): boolean {
  return a.label === b.label && a.baseUrl === b.baseUrl && a.publicId === b.publicId && a.kind === b.kind;
}
