import type { Page } from '../atlas';

/**
 * Fetches one page. `includeCount` is true for the first page only: the total is asked for once, since
 * Atlas counts on its side for every request that asks.
 */
export type PageFetcher<T> = (pageNum: number, itemsPerPage: number, includeCount: boolean) => Promise<Page<T>>;

/**
 * The loaded part of one paged Atlas list, behind a tree node. The first page is fetched on first
 * expansion, further pages only when the user asks ("Load more…"); nothing is fetched twice
 * until reset. Concurrent callers share the request in flight, so a double click loads one page.
 */
export class PagedList<T> {
  private loaded: T[] = [];
  private next: number | undefined = 1;
  private total: number | undefined;
  private inFlight: Promise<void> | undefined;
  private failure: unknown;

  constructor(
    private readonly fetch: PageFetcher<T>,
    private readonly pageSize: () => number,
  ) {}

  get items(): readonly T[] {
    return this.loaded;
  }

  get totalCount(): number | undefined {
    return this.total;
  }

  get hasMore(): boolean {
    return this.next !== undefined && this.started;
  }

  get started(): boolean {
    return this.next !== 1 || this.loaded.length > 0;
  }

  /** The error of the last page request, kept so the tree can show it with what did load. */
  get error(): unknown {
    return this.failure;
  }

  /** Loads page 1 unless it is loaded (or failed: call retry). */
  async ensureFirstPage(): Promise<void> {
    if (this.started || this.failure !== undefined) return this.inFlight;
    return this.loadNext();
  }

  async loadMore(): Promise<void> {
    if (this.next === undefined) return;
    return this.loadNext();
  }

  /** Tries the failed request again, keeping what had loaded. */
  async retry(): Promise<void> {
    this.failure = undefined;
    return this.loadNext();
  }

  reset(): void {
    this.loaded = [];
    this.next = 1;
    this.total = undefined;
    this.failure = undefined;
    this.inFlight = undefined;
  }

  private loadNext(): Promise<void> {
    if (this.inFlight) return this.inFlight;
    const pageNum = this.next;
    if (pageNum === undefined) return Promise.resolve();
    const generation = this.loaded;
    const request: Promise<void> = this.fetch(pageNum, this.pageSize(), pageNum === 1)
      .then(
        (page) => {
          if (generation !== this.loaded) return; // reset while in flight: drop the stale page
          this.loaded = [...this.loaded, ...page.results];
          this.total = page.totalCount ?? this.total;
          // The first page's total (an estimate, says Atlas) decides while it holds; a short page ends the list.
          const more = this.total !== undefined ? this.loaded.length < this.total : page.hasNextPage;
          this.next = more && page.results.length === page.itemsPerPage ? pageNum + 1 : undefined;
          this.failure = undefined;
        },
        (error: unknown) => {
          if (generation !== this.loaded) return;
          this.failure = error;
        },
      )
      .finally(() => {
        if (this.inFlight === request) this.inFlight = undefined;
      });
    this.inFlight = request;
    return request;
  }
}
