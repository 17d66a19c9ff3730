import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import type { Page } from '../../../src/atlas';
import { PagedList } from '../../../src/tree/pagedList';

/** A list of `total` numbers served in pages, recording every request. */
function source(total: number, opts: { countOnEveryPage?: boolean; failOn?: number } = {}) {
  const calls: { pageNum: number; itemsPerPage: number; includeCount: boolean }[] = [];
  let failOn = opts.failOn;
  const fetch = async (pageNum: number, itemsPerPage: number, includeCount: boolean): Promise<Page<number>> => {
    calls.push({ pageNum, itemsPerPage, includeCount });
    if (failOn === pageNum) {
      failOn = undefined;
      throw new Error(`page ${pageNum} failed`);
    }
    const start = (pageNum - 1) * itemsPerPage;
    const results = Array.from({ length: Math.max(0, Math.min(itemsPerPage, total - start)) }, (_, i) => start + i);
    const counted = includeCount || opts.countOnEveryPage;
    return {
      results,
      totalCount: counted ? total : undefined,
      pageNum,
      itemsPerPage,
      hasNextPage: counted ? pageNum * itemsPerPage < total : results.length === itemsPerPage,
    };
  };
  return { calls, fetch };
}

describe('PagedList (the tree\'s paging)', () => {
  it('loads the first page once, however often it is asked, and asks for the count only then', async () => {
    const s = source(25);
    const list = new PagedList(s.fetch, () => 10);
    await Promise.all([list.ensureFirstPage(), list.ensureFirstPage()]);
    await list.ensureFirstPage();
    assert.deepEqual(s.calls, [{ pageNum: 1, itemsPerPage: 10, includeCount: true }]);
    assert.equal(list.items.length, 10);
    assert.equal(list.totalCount, 25);
    assert.equal(list.hasMore, true);
  });

  it('loads further pages only on demand, keeps the first total, and stops at the end', async () => {
    const s = source(25);
    const list = new PagedList(s.fetch, () => 10);
    await list.ensureFirstPage();
    await Promise.all([list.loadMore(), list.loadMore()]);
    assert.equal(list.items.length, 20, 'a double click loads one page');
    await list.loadMore();
    assert.deepEqual(list.items, Array.from({ length: 25 }, (_, i) => i));
    assert.equal(list.totalCount, 25);
    assert.equal(list.hasMore, false);
    await list.loadMore();
    assert.deepEqual(
      s.calls.map((c) => [c.pageNum, c.includeCount]),
      [
        [1, true],
        [2, false],
        [3, false],
      ],
    );
  });

  it('ends without an extra request when the total is a multiple of the page size', async () => {
    const s = source(20);
    const list = new PagedList(s.fetch, () => 10);
    await list.ensureFirstPage();
    await list.loadMore();
    assert.equal(list.hasMore, false);
    assert.equal(s.calls.length, 2);
  });

  it('keeps what loaded when a later page fails, and retry continues from there', async () => {
    const s = source(25, { failOn: 2 });
    const list = new PagedList(s.fetch, () => 10);
    await list.ensureFirstPage();
    await list.loadMore();
    assert.match(String(list.error), /page 2 failed/);
    assert.equal(list.items.length, 10);
    await list.retry();
    assert.equal(list.error, undefined);
    assert.equal(list.items.length, 20);
  });

  it('starts over on reset, and drops a page that arrives after the reset', async () => {
    const s = source(25);
    const list = new PagedList(s.fetch, () => 10);
    const first = list.ensureFirstPage();
    list.reset();
    await first;
    assert.equal(list.items.length, 0, 'the stale page was dropped');
    await list.ensureFirstPage();
    assert.equal(list.items.length, 10);
    assert.equal(s.calls.length, 2);
  });

  it('takes the page size at each request, so a changed setting applies to the next page', async () => {
    let size = 5;
    const s = source(50);
    const list = new PagedList(s.fetch, () => size);
    await list.ensureFirstPage();
    size = 20;
    list.reset();
    await list.ensureFirstPage();
    assert.deepEqual(s.calls.map((c) => c.itemsPerPage), [5, 20]);
  });
});
