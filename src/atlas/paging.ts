import type { PaginatedView } from './types';
import { checkPaging } from './validation';

export interface PageOptions {
  itemsPerPage?: number;
  pageNum?: number;
  /** Atlas's default is true; false saves Atlas the counting. */
  includeCount?: boolean;
  signal?: AbortSignal;
}

export interface Page<T> {
  results: T[];
  /** Present when includeCount was not false (Atlas calls it an estimate). */
  totalCount?: number;
  pageNum: number;
  itemsPerPage: number;
  /** totalCount known: pageNum*itemsPerPage < totalCount; else results.length === itemsPerPage. */
  hasNextPage: boolean;
}

/** Atlas's default page size (spec `itemsPerPage` default). */
export const DEFAULT_ITEMS_PER_PAGE = 100;
/** Page size `allPages` uses unless told otherwise: the largest Atlas allows, for the fewest requests. */
export const ALL_PAGES_ITEMS_PER_PAGE = 500;

export function pageQuery(opts: PageOptions): { itemsPerPage: number; pageNum: number; includeCount: boolean } {
  return {
    itemsPerPage: opts.itemsPerPage ?? DEFAULT_ITEMS_PER_PAGE,
    pageNum: opts.pageNum ?? 1,
    includeCount: opts.includeCount !== false,
  };
}

export function toPage<T>(view: PaginatedView<T>, q: { itemsPerPage: number; pageNum: number; includeCount: boolean }): Page<T> {
  const results = view.results;
  const totalCount = q.includeCount && typeof view.totalCount === 'number' ? view.totalCount : undefined;
  return {
    results,
    ...(totalCount !== undefined ? { totalCount } : {}),
    pageNum: q.pageNum,
    itemsPerPage: q.itemsPerPage,
    hasNextPage: totalCount !== undefined ? q.pageNum * q.itemsPerPage < totalCount : results.length === q.itemsPerPage,
  };
}

export interface AllPagesOptions {
  itemsPerPage?: number;
  signal?: AbortSignal;
  /** Pages fetched at the same time once the total is known. */
  concurrency?: number;
}

/**
 * Every item of a list operation, page by page in page order. Page 1 is fetched with includeCount;
 * when Atlas tells the total, the remaining pages are fetched concurrently (at most `concurrency` in
 * flight, without asking Atlas to count again); otherwise one after another until a short page.
 * Leaving the loop early cancels the pages still in flight.
 */
export async function* allPages<T>(
  fetchPage: (o: PageOptions) => Promise<Page<T>>,
  opts: AllPagesOptions = {},
): AsyncGenerator<T[]> {
  const itemsPerPage = opts.itemsPerPage ?? ALL_PAGES_ITEMS_PER_PAGE;
  checkPaging({ itemsPerPage });
  const concurrency = Math.max(1, Math.floor(opts.concurrency ?? 4));
  const stop = new AbortController();
  const signal = opts.signal ? AbortSignal.any([opts.signal, stop.signal]) : stop.signal;
  try {
    const first = await fetchPage({ itemsPerPage, pageNum: 1, includeCount: true, signal });
    if (first.results.length > 0) yield first.results;

    if (first.totalCount !== undefined) {
      const lastPage = Math.ceil(first.totalCount / itemsPerPage);
      const inFlight = new Map<number, Promise<Page<T>>>();
      let nextToStart = 2;
      const fill = () => {
        while (nextToStart <= lastPage && inFlight.size < concurrency) {
          const p = fetchPage({ itemsPerPage, pageNum: nextToStart, includeCount: false, signal });
          // Marked as handled now; the rejection still reaches the loop when its page's turn comes.
          p.catch(() => {});
          inFlight.set(nextToStart, p);
          nextToStart++;
        }
      };
      for (let n = 2; n <= lastPage; n++) {
        fill();
        const page = await inFlight.get(n)!;
        inFlight.delete(n);
        if (page.results.length > 0) yield page.results;
      }
      return;
    }

    let page = first;
    while (page.results.length === itemsPerPage) {
      page = await fetchPage({ itemsPerPage, pageNum: page.pageNum + 1, includeCount: false, signal });
      if (page.results.length > 0) yield page.results;
    }
  } finally {
    stop.abort();
  }
}

export async function collectAll<T>(pages: AsyncIterable<T[]>): Promise<T[]> {
  const all: T[] = [];
  for await (const items of pages) all.push(...items);
  return all;
}
