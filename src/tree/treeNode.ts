import type * as vscode from 'vscode';
import type { AtlasClients } from '../connections/atlasClients';
import type { ConnectionStore } from '../connections/connectionStore';
import type { Settings } from '../config/settings';
import type { Log } from '../logging/log';

/** What every node needs from the extension, passed down instead of reached for globally. */
export interface ExplorerServices {
  clients: AtlasClients;
  store: ConnectionStore;
  log: Log;
  settings(): Settings;
  now(): Date;
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
  children?(): Promise<TreeNode[]>;
  /** Forgets loaded children so that the next expansion fetches again. */
  reset?(): void;
}
