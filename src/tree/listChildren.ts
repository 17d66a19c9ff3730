import { failureNode } from './errorNodes';
import { LoadMoreNode } from './loadMoreNode';
import { MessageNode } from './messageNode';
import type { PagedList } from './pagedList';
import type { ExplorerServices, TreeNode } from './treeNode';

export interface ListChildrenOptions<T> {
  owner: TreeNode;
  list: PagedList<T>;
  services: ExplorerServices;
  connectionId: string;
  /** Localized name of what the list holds, for the failure row ("cloud backup restore jobs"). */
  what: string;
  /** Id prefix for the rows this list adds (failure, load more). */
  idPrefix: string;
  toNodes: (items: readonly T[]) => TreeNode[];
  /** The row for an empty list; omit to show nothing. */
  empty?: () => MessageNode;
}

/** Rows for one paged list: what loaded, then either the failure of the last request or "Load more…". */
export function listChildren<T>(o: ListChildrenOptions<T>): TreeNode[] {
  const rows = o.toNodes(o.list.items);
  if (o.list.error !== undefined) {
    const failure = failureNode(o.list.error, {
      id: `${o.idPrefix}/failure`,
      parent: o.owner,
      what: o.what,
      connectionId: o.connectionId,
      retry: async () => {
        await o.services.withProgress(() => o.list.retry());
        o.services.changed(o.owner);
      },
    });
    if (failure) rows.push(failure);
  } else if (o.list.hasMore) {
    rows.push(new LoadMoreNode(`${o.idPrefix}/more`, o.owner, o.list as PagedList<unknown>));
  } else if (rows.length === 0 && o.empty) {
    rows.push(o.empty());
  }
  return rows;
}
