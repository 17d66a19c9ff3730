import type { Page } from '../atlas';

/**
 * The pages of Atlas lists that have been fetched, shared by the tree and the search, so that nothing
 * is fetched twice until a refresh: the search reuses what the tree has shown, and the tree shows what
 * the search loaded without asking again. Keys name a list (see `listKey`), then its page size and number.
 * A page in flight is shared; a failed one is forgotten, so the next caller tries again.
 */
export class PageCache {
  private readonly pages = new Map<string, Promise<Page<unknown>>>();

  page<T>(list: string, pageNum: number, itemsPerPage: number, fetch: () => Promise<Page<T>>): Promise<Page<T>> {
    const key = `${list}#${itemsPerPage}#${pageNum}`;
    const known = this.pages.get(key);
    if (known) return known as Promise<Page<T>>;
    const fetching = fetch();
    this.pages.set(key, fetching);
    fetching.catch(() => {
      if (this.pages.get(key) === fetching) this.pages.delete(key);
    });
    return fetching;
  }

  /** Forgets every list whose key starts with `prefix` (all of them without one): a refresh. */
  forget(prefix = ''): void {
    for (const key of [...this.pages.keys()]) if (key.startsWith(prefix)) this.pages.delete(key);
  }

  get size(): number {
    return this.pages.size;
  }
}

/** Keys of the lists, built the same way wherever a list is fetched; each ends with '/' so a prefix never matches a longer name. */
export const listKey = {
  connection: (connectionId: string) => `${encodeURIComponent(connectionId)}/`,
  projects: (connectionId: string) => `${listKey.connection(connectionId)}projects/`,
  project: (connectionId: string, groupId: string) => `${listKey.connection(connectionId)}g/${groupId}/`,
  clusters: (connectionId: string, groupId: string, kind: string) => `${listKey.project(connectionId, groupId)}clusters/${kind}/`,
  cluster: (connectionId: string, groupId: string, clusterName: string) => `${listKey.project(connectionId, groupId)}c/${encodeURIComponent(clusterName)}/`,
  jobs: (connectionId: string, groupId: string, clusterName: string, family: string) => `${listKey.cluster(connectionId, groupId, clusterName)}${family}/`,
};
