import * as vscode from 'vscode';
import type { PagedList } from './pagedList';
import type { TreeNode } from './treeNode';

/** The last row of a list that has more pages: clicking it (or Enter) fetches the next page only. */
export class LoadMoreNode implements TreeNode {
  constructor(
    readonly id: string,
    readonly parent: TreeNode,
    readonly list: PagedList<unknown>,
  ) {}

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(vscode.l10n.t('Load more…'), vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('more');
    const shown = this.list.items.length;
    const total = this.list.totalCount;
    item.description =
      total !== undefined ? vscode.l10n.t('showing {0} of {1}', shown, total) : vscode.l10n.t('showing {0}', shown);
    item.contextValue = 'loadMore';
    item.command = { command: 'atlasRestoreJobs.loadMore', title: vscode.l10n.t('Load More'), arguments: [this] };
    return item;
  }
}
