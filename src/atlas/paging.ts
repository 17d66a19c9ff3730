import type { PaginatedView } from './types';
import { checkPaging } from './validation';

export interface PageOptions {
  itemsPerPage?: number;
  pageNum?: number;
  /** Atlas's default is true; false saves Atlas the counting. */
  includeCount?: boolean;
  signal?: AbortSignal;
  /** See CallOptions.maxRetries. */
  maxRetries?: number;
  /** See CallOptions.maxRateLimitWaitMs. */
  maxRateLimitWaitMs?: number;
}

export interface Page<T> {
  results: T[];
  /** Present when includeCount was not false (Atlas calls it an estimate). */
  totalCount?: number;
  pageNum: number;
  itemsPerPage: number;
  /**
   * A full page (results.length === itemsPerPage) that, when the total is known, is not beyond it
   * (pageNum*itemsPerPage < totalCount). A short or empty page is the last, whatever the total says.
   */
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
    hasNextPage: results.length >= q.itemsPerPage && (totalCount === undefined || q.pageNum * q.itemsPerPage < totalCount),
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
 * flight, without asking Atlas to count again); otherwise one after another.
 *
 * A short or empty page is the last one, whatever the total said (Atlas calls it an estimate, and an
 * absurd one must not turn into millions of requests): no page after it is started, and the pages after
 * it already in flight are cancelled. Never more pages are planned than the total could fill.
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
  const full = (page: Page<T>) => page.results.length >= itemsPerPage;
  try {
    const first = await fetchPage({ itemsPerPage, pageNum: 1, includeCount: true, signal });
    if (first.results.length > 0) yield first.results;
    if (!full(first)) return;

    if (first.totalCount !== undefined) {
      yield* remainingPagesConcurrently(fetchPage, { itemsPerPage, signal, concurrency, lastPage: Math.ceil(first.totalCount / itemsPerPage), full });
      return;
    }

    let page = first;
    while (full(page)) {
      page = await fetchPage({ itemsPerPage, pageNum: page.pageNum + 1, includeCount: false, signal });
      if (page.results.length > 0) yield page.results;
    }
  } finally {
    stop.abort();
  }
}

interface Window<T> {
  itemsPerPage: number;
  signal: AbortSignal;
  concurrency: number;
  /** The last page the total could fill. */
  lastPage: number;
  full: (page: Page<T>) => boolean;
}

/** Pages 2…lastPage, `concurrency` at a time, yielded in order; the first short page ends the list. */
async function* remainingPagesConcurrently<T>(fetchPage: (o: PageOptions) => Promise<Page<T>>, w: Window<T>): AsyncGenerator<T[]> {
  let end = w.lastPage;
  const inFlight = new Map<number, { page: Promise<Page<T>>; cancel: AbortController }>();
  let nextToStart = 2;
  // Page n came back short: no page after it exists. Start none, and cancel those already asked for.
  const endAt = (n: number) => {
    if (n >= end) return;
    end = n;
    for (const [m, f] of inFlight) {
      if (m <= n) continue;
      f.cancel.abort();
      inFlight.delete(m);
    }
  };
  const fill = () => {
    while (nextToStart <= end && inFlight.size < w.concurrency) {
      const n = nextToStart++;
      const cancel = new AbortController();
      const signal = AbortSignal.any([w.signal, cancel.signal]);
      const page = fetchPage({ itemsPerPage: w.itemsPerPage, pageNum: n, includeCount: false, signal });
      // Seen as soon as it arrives, even while an earlier page is still awaited. The rejection handler also
      // marks the promise as handled; a failure still reaches the loop when its page's turn comes.
      page.then(
        (p) => {
          if (!w.full(p)) endAt(n);
        },
        () => {},
      );
      inFlight.set(n, { page, cancel });
    }
  };
  for (let n = 2; n <= end; n++) {
    fill();
    const page = await inFlight.get(n)!.page;
    inFlight.delete(n);
    if (page.results.length > 0) yield page.results;
  }
}

export async function collectAll<T>(pages: AsyncIterable<T[]>): Promise<T[]> {
  const all: T[] = [];
  for await (const items of pages) all.push(...items);
  return all;
}
