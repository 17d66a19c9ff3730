import { strict as assert } from 'node:assert';
import { collectAll, type Page, type PageOptions } from '../../../src/atlas';
import { apiRequests, makeClient, suiteFixture, warmClient } from './support';

describe('client over HTTP: paging', function () {
  this.timeout(30_000);
  const fx = suiteFixture();
  before(() => {
    const { store } = fx.emulator;
    for (const [name, count] of [
      ['One', 1],
      ['FiveHundred', 500],
      ['FiveHundredOne', 501],
      ['TenThousand', 10_000],
    ] as const) {
      store.addCluster(fx.groupId, 'flex', name);
      store.addRestoreJobs(fx.groupId, name, 'flex', count);
    }
  });

  /** Wraps a page fetcher to measure how many pages were in flight at once. */
  function tracked<T>(fetch: (o: PageOptions) => Promise<Page<T>>) {
    const stats = { inFlight: 0, maxInFlight: 0, calls: [] as PageOptions[] };
    const fn = async (o: PageOptions) => {
      stats.calls.push(o);
      stats.inFlight++;
      stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
      try {
        return await fetch(o);
      } finally {
        stats.inFlight--;
      }
    };
    return { fn, stats };
  }

  const cases = [
    { name: 'One', count: 1, requests: 1 },
    { name: 'FiveHundred', count: 500, requests: 1 },
    { name: 'FiveHundredOne', count: 501, requests: 2 },
    { name: 'TenThousand', count: 10_000, requests: 20 },
  ];

  for (const c of cases) {
    it(`allPages at 500 per page: ${c.count} item(s) in ${c.requests} request(s), in Atlas's order`, async () => {
      const client = await warmClient(fx.emulator, { pageConcurrency: 4 }); // the token request is not part of the count
      const { fn, stats } = tracked((o) => client.listRestoreJobs('flex', fx.groupId, c.name, o));
      const pages: number[] = [];
      const items = [];
      for await (const chunk of client.allPages(fn, { itemsPerPage: 500 })) {
        pages.push(chunk.length);
        items.push(...chunk);
      }
      const expected = fx.emulator.store.restoreJobs(fx.groupId, c.name, 'flex');
      assert.equal(items.length, c.count);
      assert.deepEqual(
        items.map((j) => j.id),
        expected.map((j) => j.id),
        'every job once, in page order',
      );
      const api = apiRequests(fx.emulator);
      assert.equal(api.length, c.requests);
      assert.ok(api.every((r) => r.status === 200 && r.query.itemsPerPage === '500'));
      assert.deepEqual(
        api.map((r) => Number(r.query.pageNum)).sort((a, b) => a - b),
        Array.from({ length: c.requests }, (_, i) => i + 1),
      );
      assert.equal(api.find((r) => r.query.pageNum === '1')?.query.includeCount, 'true', 'page 1 asks for the total');
      if (c.requests > 1) {
        assert.ok(api.filter((r) => r.query.pageNum !== '1').every((r) => r.query.includeCount === 'false'), 'later pages do not');
      }
      if (c.count === 10_000) {
        assert.equal(stats.maxInFlight, 4, 'the remaining 19 pages were fetched 4 at a time');
        assert.deepEqual(pages, Array(20).fill(500));
      } else {
        assert.ok(stats.maxInFlight <= 4);
      }
    });
  }

  it('honours pageConcurrency (1 = one page after another)', async () => {
    const client = makeClient(fx.emulator, { pageConcurrency: 1 });
    const { fn, stats } = tracked((o) => client.listRestoreJobs('flex', fx.groupId, 'TenThousand', o));
    const items = await collectAll(client.allPages(fn, { itemsPerPage: 500 }));
    assert.equal(items.length, 10_000);
    assert.equal(stats.maxInFlight, 1);
  });

  it('without a total, fetches one page after another until a short page', async () => {
    const client = await warmClient(fx.emulator);
    const noCount = (name: string) => (o: PageOptions) => client.listRestoreJobs('flex', fx.groupId, name, { ...o, includeCount: false });
    const { fn, stats } = tracked(noCount('FiveHundredOne'));
    assert.equal((await collectAll(client.allPages(fn, { itemsPerPage: 250 }))).length, 501);
    assert.equal(stats.maxInFlight, 1);
    assert.deepEqual(stats.calls.map((o) => o.pageNum), [1, 2, 3]);
    fx.emulator.clearRequests();
    // A full last page costs one more (empty) request when Atlas gives no total.
    assert.equal((await collectAll(client.allPages(noCount('FiveHundred'), { itemsPerPage: 500 }))).length, 500);
    assert.equal(apiRequests(fx.emulator).length, 2);
  });

  it('one page: totalCount, hasNextPage and the page fields; past the end: empty', async () => {
    const client = makeClient(fx.emulator);
    const first = await client.listRestoreJobs('flex', fx.groupId, 'FiveHundredOne', { itemsPerPage: 250 });
    assert.equal(first.totalCount, 501);
    assert.equal(first.results.length, 250);
    assert.equal(first.pageNum, 1);
    assert.equal(first.itemsPerPage, 250);
    assert.equal(first.hasNextPage, true);
    const last = await client.listRestoreJobs('flex', fx.groupId, 'FiveHundredOne', { itemsPerPage: 250, pageNum: 3 });
    assert.equal(last.results.length, 1);
    assert.equal(last.hasNextPage, false);
    const beyond = await client.listRestoreJobs('flex', fx.groupId, 'FiveHundredOne', { itemsPerPage: 250, pageNum: 9 });
    assert.deepEqual(beyond.results, []);
    assert.equal(beyond.hasNextPage, false);
    const uncounted = await client.listRestoreJobs('flex', fx.groupId, 'FiveHundred', { itemsPerPage: 500, includeCount: false });
    assert.equal(uncounted.totalCount, undefined);
    assert.equal(uncounted.hasNextPage, true, 'a full page without a total may have a next page');
    const defaults = await client.listRestoreJobs('flex', fx.groupId, 'FiveHundred');
    assert.equal(defaults.itemsPerPage, 100);
    assert.equal(defaults.results.length, 100);
  });

  it('stopping early cancels the pages still in flight and asks for no more', async () => {
    const client = makeClient(fx.emulator, { pageConcurrency: 4 });
    const { fn, stats } = tracked((o) => client.listRestoreJobs('flex', fx.groupId, 'TenThousand', o));
    let chunks = 0;
    for await (const chunk of client.allPages(fn, { itemsPerPage: 100 })) {
      assert.equal(chunk.length, 100);
      if (++chunks === 2) break;
    }
    const asked = stats.calls.length;
    assert.ok(asked <= 1 + 4, `no more than page 1 and one window were asked for (${asked})`);
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(stats.calls.length, asked, 'no page is asked for after the loop ended');
    assert.equal(stats.inFlight, 0, 'the pages in flight were settled (cancelled)');
    assert.ok(apiRequests(fx.emulator).length <= asked);
  });

  describe('an absurd totalCount (1.7 billion) never runs away', () => {
    const ABSURD = 1_700_000_000;

    it('a short first page is the last: one request, whatever the total says', async () => {
      const client = await warmClient(fx.emulator, { pageConcurrency: 4 });
      fx.emulator.faults.add({ kind: 'totalCount', times: 1, value: ABSURD });
      const items = await collectAll(client.allPages((o) => client.listRestoreJobs('flex', fx.groupId, 'One', o), { itemsPerPage: 500 }));
      assert.equal(items.length, 1);
      assert.deepEqual(apiRequests(fx.emulator).map((r) => r.query.pageNum), ['1']);
    });

    it('full pages, then the first empty one ends it: at most one window of pages beyond the data', async () => {
      const client = await warmClient(fx.emulator, { pageConcurrency: 4 });
      fx.emulator.faults.add({ kind: 'totalCount', times: 1, value: ABSURD });
      const { fn, stats } = tracked((o) => client.listRestoreJobs('flex', fx.groupId, 'TenThousand', o));
      const items = await collectAll(client.allPages(fn, { itemsPerPage: 500 }));
      assert.deepEqual(
        items.map((j) => j.id),
        fx.emulator.store.restoreJobs(fx.groupId, 'TenThousand', 'flex').map((j) => j.id),
      );
      // Pages 1–20 hold the 10,000 jobs, page 21 is empty; pages 22–24 may already have been asked for.
      const pageNums = stats.calls.map((o) => o.pageNum!);
      assert.ok(pageNums.length <= 21 + 3, `${pageNums.length} pages asked for`);
      assert.ok(Math.max(...pageNums) <= 24, `page ${Math.max(...pageNums)} was asked for`);
      assert.ok(stats.maxInFlight <= 4);
      assert.ok(apiRequests(fx.emulator).length <= 24);
    });

    it('one page says there is no next page when it is short, whatever the total says', async () => {
      const client = await warmClient(fx.emulator);
      fx.emulator.faults.add({ kind: 'totalCount', times: 2, value: ABSURD });
      const short = await client.listRestoreJobs('flex', fx.groupId, 'FiveHundredOne', { itemsPerPage: 250, pageNum: 3 });
      assert.equal(short.totalCount, ABSURD, 'the total is reported as Atlas gave it');
      assert.equal(short.results.length, 1);
      assert.equal(short.hasNextPage, false);
      const full = await client.listRestoreJobs('flex', fx.groupId, 'FiveHundredOne', { itemsPerPage: 250, pageNum: 2 });
      assert.equal(full.hasNextPage, true);
    });
  });

  it('the legacy batchId filter is sent as a query parameter', async () => {
    const { store } = fx.emulator;
    const batchId = 'abcdefabcdefabcdefabcdef';
    const sharded = store.addCluster(fx.groupId, 'dedicated', 'Sharded', { clusterType: 'SHARDED', shards: 2 });
    store.setRestoreJobPlan(sharded, 'legacy', [
      ...sharded.replicaSets.map((rs) => ({ method: 'HTTP' as const, delivery: 'READY' as const, status: 'FINISHED' as const, batch: { batchId, replicaSetName: rs } })),
      { method: 'AUTOMATED_RESTORE' as const, delivery: 'IN_PROGRESS' as const, status: 'IN_PROGRESS' as const },
    ]);
    const client = makeClient(fx.emulator);
    const page = await client.listRestoreJobs('legacy', fx.groupId, 'Sharded', { batchId });
    assert.equal(page.results.length, sharded.replicaSets.length, 'one job per shard plus the config server');
    assert.ok(page.results.every((j) => j.batchId === batchId));
    assert.equal(apiRequests(fx.emulator).at(-1)?.query.batchId, batchId);
    assert.equal((await client.listRestoreJobs('legacy', fx.groupId, 'Sharded')).results.length, sharded.replicaSets.length + 1);
  });
});
