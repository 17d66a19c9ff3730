import type { PageCache, PageUse } from '../cache/pageCache';
import type * as vscode from 'vscode';
import type { AtlasClients } from '../connections/atlasClients';
import type { ConnectionStore } from '../connections/connectionStore';
import type { Settings } from '../config/settings';
import type { AnyRestoreJob } from '../atlas/types';
import type { JobFacts } from '../jobs/facts';
import type { JobRef } from '../jobs/jobRef';
import type { Log } from '../logging/log';

/** What the tree needs of the following of running jobs (src/follow/restoreWatch.ts). */
export interface TreeWatch {
  /** Every job a row shows: a running one is followed until it ends. */
  seen(ref: JobRef, job: AnyRestoreJob): void;
  /** The document a row shows for one from a list: the list's, unless following has fetched a newer one since. */
  current(ref: JobRef, job: AnyRestoreJob, facts?: JobFacts): AnyRestoreJob;
  isFollowed(ref: JobRef): boolean;
}

/** What the rows need of the offline copy (src/offline/). */
export interface TreeOffline {
  /** Set while the connection's rows come from its copy: the time of the oldest list shown from it. */
  offlineSince(connectionId: string): Date | undefined;
}

/** How the tree asks the page cache for the lists it shows: kept for offline, and answered from the copy then. */
export const TREE_LIST: PageUse = { keep: true };

/** What every node needs from the extension, passed down instead of reached for globally. */
export interface ExplorerServices {
  clients: AtlasClients;
  store: ConnectionStore;
  log: Log;
  settings(): Settings;
  now(): Date;
  watch?: TreeWatch;
  /** Pages of Atlas lists fetched so far, shared with the search; a node's reset forgets its own. */
  pages: PageCache;
  offline?: TreeOffline;
  /** Runs a load with the view's progress bar showing. */
  withProgress<T>(task: () => Promise<T>): Promise<T>;
  /** Tells the view that this node's children (or the whole tree) changed. */
  changed(node?: TreeNode): void;
}

export interface TreeNode {
  /** Unique in the whole tree and stable across refreshes, so VS Code keeps expansion and selection. */
  readonly id: string;
  readonly parent: TreeNode | undefined;
  treeItem(): vscode.TreeItem;
  /** A hover left out of treeItem(), built only when VS Code shows it (the explorer's resolveTreeItem). */
  tooltip?(): vscode.MarkdownString | string;
  children?(): Promise<TreeNode[]>;
  /** Forgets loaded children so that the next expansion fetches again. */
  reset?(): void;
}
