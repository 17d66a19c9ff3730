import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import type { Page } from '../../../src/atlas';
import { listKey, PageCache } from '../../../src/cache/pageCache';
import { PagedList } from '../../../src/tree/pagedList';

/** A page of `items` numbers, and a count of how often each list's page was fetched. */
function source() {
  const fetched = new Map<string, number>();
  const fetch =
    (list: string, items: number) =>
    (): Promise<Page<number>> => {
      fetched.set(list, (fetched.get(list) ?? 0) + 1);
      return Promise.resolve({ results: Array.from({ length: items }, (_, i) => i), pageNum: 1, itemsPerPage: 100, hasNextPage: false });
    };
  return { fetched, fetch };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('the page cache (shared by the tree and the search)', () => {
  it('fetches a page once: callers share it in flight and after', async () => {
    const cache = new PageCache();
    const { fetched, fetch } = source();
    const [a, b] = await Promise.all([cache.page('l/', 1, 100, fetch('l/', 3)), cache.page('l/', 1, 100, fetch('l/', 3))]);
    assert.equal(a, b);
    await cache.page('l/', 1, 100, fetch('l/', 3));
    assert.equal(fetched.get('l/'), 1);
    await cache.page('l/', 2, 100, fetch('l/', 3));
    await cache.page('l/', 1, 50, fetch('l/', 3));
    assert.equal(fetched.get('l/'), 3, 'another page number or size is another page');
    assert.deepEqual([cache.size, cache.items], [3, 9]);
  });

  it('forgets a page that failed, so that the next caller asks again', async () => {
    const cache = new PageCache();
    await assert.rejects(cache.page('l/', 1, 100, () => Promise.reject(new Error('503'))), /503/);
    await tick();
    assert.equal(cache.size, 0);
    const { fetched, fetch } = source();
    await cache.page('l/', 1, 100, fetch('l/', 2));
    assert.equal(fetched.get('l/'), 1);
  });

  it('forgets the lists under a prefix on refresh, and only those', async () => {
    const cache = new PageCache();
    const { fetched, fetch } = source();
    const a = listKey.jobs('c1', 'g1', 'rs', 'legacy');
    const b = listKey.jobs('c1', 'g1', 'rs-2', 'legacy');
    const other = listKey.projects('c2');
    for (const list of [a, b, other]) await cache.page(list, 1, 100, fetch(list, 5));
    cache.forget(listKey.cluster('c1', 'g1', 'rs'));
    assert.equal(cache.items, 10, 'rs-2 is not under rs/');
    for (const list of [a, b, other]) await cache.page(list, 1, 100, fetch(list, 5));
    assert.deepEqual([fetched.get(a), fetched.get(b), fetched.get(other)], [2, 1, 1]);
    cache.forget();
    assert.deepEqual([cache.size, cache.items], [0, 0]);
  });

  it('keeps at most maxItems items, forgetting the least recently used lists whole, and fetches those again when asked', async () => {
    const cache = new PageCache(10);
    const { fetched, fetch } = source();
    await cache.page('a/', 1, 100, fetch('a/', 4));
    await cache.page('a/', 2, 100, fetch('a/', 1));
    await cache.page('b/', 1, 100, fetch('b/', 4));
    // a is used again, so b is now the least recent.
    await cache.page('a/', 1, 100, fetch('a/', 4));
    await cache.page('c/', 1, 100, fetch('c/', 4));
    assert.equal(cache.items, 9, 'b went: a (5) and c (4) fit in 10');
    await cache.page('a/', 2, 100, fetch('a/', 1));
    await cache.page('c/', 1, 100, fetch('c/', 4));
    assert.deepEqual([fetched.get('a/'), fetched.get('c/')], [2, 1], 'a and c came from the cache');
    await cache.page('b/', 1, 100, fetch('b/', 4));
    assert.equal(fetched.get('b/'), 2, 'b is fetched again');
    assert.ok(cache.items <= 10, `${cache.items} items`);
  });

  it('never forgets a list for room while one of its pages is in flight', async () => {
    const cache = new PageCache(5);
    const { fetch } = source();
    let arrive!: (page: Page<number>) => void;
    const slow = cache.page('slow/', 1, 100, () => new Promise<Page<number>>((resolve) => (arrive = resolve)));
    await cache.page('slow/', 2, 100, fetch('slow/', 4));
    await cache.page('fast/', 1, 100, fetch('fast/', 4));
    // slow/ is the least recent, but its page 1 is in flight: fast/ goes instead.
    assert.equal(cache.items, 4);
    let asked = 0;
    const shared = cache.page('slow/', 1, 100, () => {
      asked++;
      return fetch('slow/', 1)();
    });
    arrive({ results: [1], pageNum: 1, itemsPerPage: 100, hasNextPage: false });
    assert.equal(await shared, await slow, 'the page in flight was shared');
    assert.equal(asked, 0);
    await tick();
    assert.equal(cache.items, 5);
  });

  it('lets a tree list whose pages were forgotten for room keep its rows and load more as usual', async () => {
    const cache = new PageCache(150);
    const requests: string[] = [];
    const atlas = (list: string) => (pageNum: number, itemsPerPage: number) =>
      cache.page(list, pageNum, itemsPerPage, () => {
        requests.push(`${list}${pageNum}`);
        const results = Array.from({ length: itemsPerPage }, (_, i) => `${list}${(pageNum - 1) * itemsPerPage + i}`);
        return Promise.resolve({ results, pageNum, itemsPerPage, hasNextPage: pageNum < 3 });
      });
    const shown = new PagedList(atlas('jobs/'), () => 100);
    await shown.ensureFirstPage();
    // A search reads another list meanwhile: the shown list's page goes for room.
    await new PagedList(atlas('other/'), () => 100).ensureFirstPage();
    assert.equal(cache.items, 100);
    await shown.loadMore();
    assert.deepEqual([shown.items.length, shown.items[0], shown.items[199]], [200, 'jobs/0', 'jobs/199']);
    assert.deepEqual(requests, ['jobs/1', 'other/1', 'jobs/2']);
    // Another node over the same list (after a reset elsewhere) fetches the forgotten page again.
    const again = new PagedList(atlas('jobs/'), () => 100);
    await again.ensureFirstPage();
    assert.deepEqual(requests, ['jobs/1', 'other/1', 'jobs/2', 'jobs/1']);
    assert.equal(again.items[0], 'jobs/0');
  });
});
