import type { Page } from '../atlas';

/**
 * How many items (jobs, clusters, projects) the cache keeps by default: ≈ 10 MB of parsed restore jobs
 * (≈ 950 bytes each in V8's heap), a hundred pages of the tree's page size. A search of a large
 * organization reads every list: unbounded, 100,000 jobs kept 95 MB and the heap peaked at 160–200 MB
 * (issue #11's goal: 150); bounded so, it keeps 12 MB and peaks at 120–140 MB (bench/experiments/search-heap.ts
 * compares bounds). Under the bound the least recently used lists go first, and whoever asks for one again
 * fetches it again.
 */
export const DEFAULT_MAX_ITEMS = 10_000;

interface CachedPage {
  page: Promise<Page<unknown>>;
  /** Its item count once it has arrived (0 while it is in flight). */
  items: number;
}

/** The pages of one list, how many items they hold between them, and how many are still in flight. */
interface CachedList {
  pages: Map<string, CachedPage>;
  items: number;
  inFlight: number;
}

/**
 * Keeps the lists the tree shows for when Atlas cannot be reached (src/offline/). The cache tells it what
 * Atlas answered and asks it for a stand-in when a request fails; what the cache itself holds is unchanged.
 */
export interface PageKeeper {
  /** Atlas answered a request for `list`, whoever asked: its connection is reachable. */
  answered(list: string): void;
  /** The tree shows this page of `list`. */
  keep(list: string, page: Page<unknown>): void;
  /**
   * The kept page standing in for one Atlas could not be asked for, or undefined to fail with `error`. `toEnd`:
   * a page past what the copy holds of a list it has is an empty last page, so that a caller reading the whole
   * list gets the part kept instead of a failure.
   */
  standIn(list: string, pageNum: number, itemsPerPage: number, error: unknown, toEnd?: boolean): Promise<Page<unknown> | undefined>;
  /** The connection was removed: its copy goes too. */
  drop(connectionId: string): Promise<void>;
}

/** How a caller takes part in the keeper's copy. */
export interface PageUse {
  /**
   * The tree shows this list: the pages Atlas gives are kept, and when Atlas cannot be reached the kept page
   * answers instead. Others neither add to the copy nor, without `fromCopy`, are answered from it.
   */
  keep?: boolean;
  /**
   * The search reads this list whole: when Atlas cannot be reached, what the copy holds of it answers (the
   * pages the tree had loaded, then an empty last page), without adding to the copy.
   */
  fromCopy?: boolean;
}

/**
 * How the search and the Restore History read a list: answered from the offline copy when Atlas cannot be
 * reached (what the tree had loaded), without adding to it, so that a person offline still finds a job seen.
 */
export const FROM_COPY: PageUse = { fromCopy: true };

/**
 * The pages of Atlas lists that have been fetched, shared by the tree and the search, so that nothing
 * is fetched twice until a refresh while the cache holds at most `maxItems` items: past that, the lists
 * used least recently are forgotten whole (a tree node keeps the items it shows itself, so a row never
 * loses its data; a list asked for again is fetched again, page by page as it is asked for). Keys name
 * a list (see `listKey`), then its page size and number. A page in flight is shared and never
 * forgotten for room; a failed one is forgotten, so the next caller tries again.
 */
export class PageCache {
  /** In order of use, least recent first: a list asked for moves to the end. */
  private readonly lists = new Map<string, CachedList>();
  private held = 0;

  constructor(
    private readonly maxItems = DEFAULT_MAX_ITEMS,
    private readonly keeper?: PageKeeper,
  ) {}

  page<T>(list: string, pageNum: number, itemsPerPage: number, fetch: () => Promise<Page<T>>, use: PageUse = {}): Promise<Page<T>> {
    const shared = this.shared(list, pageNum, itemsPerPage, fetch);
    const keeper = this.keeper;
    if (!keeper || !(use.keep || use.fromCopy)) return shared;
    return shared.then(
      (page) => {
        if (use.keep) keeper.keep(list, page);
        return page;
      },
      async (error: unknown) => {
        const copy = await keeper.standIn(list, pageNum, itemsPerPage, error, !use.keep);
        if (!copy) throw error;
        return copy as Page<T>;
      },
    );
  }

  /** Forgets a removed connection's lists, and has the keeper delete its copy. */
  async dropConnection(connectionId: string): Promise<void> {
    this.forget(listKey.connection(connectionId));
    await this.keeper?.drop(connectionId);
  }

  /** The page as Atlas gives it, fetched once and shared; a stand-in from the keeper is never held here. */
  private shared<T>(list: string, pageNum: number, itemsPerPage: number, fetch: () => Promise<Page<T>>): Promise<Page<T>> {
    const key = `${itemsPerPage}#${pageNum}`;
    let cached = this.lists.get(list);
    if (cached) {
      this.lists.delete(list);
      this.lists.set(list, cached);
      const known = cached.pages.get(key);
      if (known) return known.page as Promise<Page<T>>;
    } else {
      cached = { pages: new Map(), items: 0, inFlight: 0 };
      this.lists.set(list, cached);
    }
    const fetching = fetch();
    const entry: CachedPage = { page: fetching, items: 0 };
    cached.pages.set(key, entry);
    cached.inFlight++;
    const owner = cached;
    const current = () => this.lists.get(list) === owner && owner.pages.get(key) === entry;
    fetching.then(
      (page) => {
        owner.inFlight--;
        this.keeper?.answered(list);
        if (!current()) return;
        entry.items = page.results.length;
        owner.items += entry.items;
        this.held += entry.items;
        this.makeRoom();
      },
      () => {
        owner.inFlight--;
        if (!current()) return;
        owner.pages.delete(key);
        if (owner.pages.size === 0) this.lists.delete(list);
      },
    );
    return fetching;
  }

  /** Forgets every list whose key starts with `prefix` (all of them without one): a refresh. */
  forget(prefix = ''): void {
    for (const [list, cached] of [...this.lists]) {
      if (!list.startsWith(prefix)) continue;
      this.lists.delete(list);
      this.held -= cached.items;
    }
  }

  /** Pages held or in flight. */
  get size(): number {
    let pages = 0;
    for (const cached of this.lists.values()) pages += cached.pages.size;
    return pages;
  }

  /** Items of the pages that have arrived. */
  get items(): number {
    return this.held;
  }

  /** Forgets the least recently used lists until the items fit, passing over any with a page in flight. */
  private makeRoom(): void {
    for (const [list, cached] of this.lists) {
      if (this.held <= this.maxItems) return;
      if (cached.inFlight > 0) continue;
      this.lists.delete(list);
      this.held -= cached.items;
    }
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
