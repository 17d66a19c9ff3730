import { strict as assert } from 'node:assert';
import { collectAll, type Page, type PageOptions } from '../../../src/atlas';
import { allPages } from '../../../src/atlas/paging';

/** allPages against a scripted list, to see what happens to the pages in flight when one comes back short. */
describe('allPages: a short page ends the list, also among the pages in flight', () => {
  const IPP = 10;
  const items = (page: number, n: number) => Array.from({ length: n }, (_, i) => `p${page}-${i}`);

  interface Asked {
    pageNum: number;
    signal: AbortSignal;
    resolve: (n: number) => void;
  }

  /** A list that claims a billion items; each page waits until the test answers it (or it is cancelled). */
  function scripted() {
    const asked: Asked[] = [];
    const fetchPage = (o: PageOptions): Promise<Page<string>> =>
      new Promise((resolve, reject) => {
        const pageNum = o.pageNum!;
        o.signal!.addEventListener('abort', () => reject(new Error(`page ${pageNum} cancelled`)), { once: true });
        asked.push({
          pageNum,
          signal: o.signal!,
          resolve: (n) =>
            resolve({ results: items(pageNum, n), pageNum, itemsPerPage: IPP, hasNextPage: true, ...(pageNum === 1 ? { totalCount: 1_000_000_000 } : {}) }),
        });
      });
    const page = async (n: number) => {
      for (let i = 0; i < 100 && !asked.some((a) => a.pageNum === n); i++) await new Promise((r) => setImmediate(r));
      const a = asked.find((x) => x.pageNum === n);
      assert.ok(a, `page ${n} was asked for`);
      return a;
    };
    return { asked, fetchPage, page };
  }

  it('page 3 short while page 2 is still on its way: pages 4 and 5 are cancelled at once, none after them is asked for', async () => {
    const { asked, fetchPage, page } = scripted();
    const all = collectAll(allPages(fetchPage, { itemsPerPage: IPP, concurrency: 4 }));
    (await page(1)).resolve(IPP);
    await page(5); // the window: pages 2–5
    (await page(3)).resolve(4);
    await new Promise((r) => setImmediate(r));
    assert.equal((await page(4)).signal.aborted, true, 'page 4 was cancelled as soon as page 3 came back short');
    assert.equal((await page(5)).signal.aborted, true);
    assert.equal((await page(2)).signal.aborted, false, 'page 2, before the short page, is still awaited');
    (await page(2)).resolve(IPP);
    assert.deepEqual(await all, [...items(1, IPP), ...items(2, IPP), ...items(3, 4)]);
    assert.deepEqual(asked.map((a) => a.pageNum).sort((a, b) => a - b), [1, 2, 3, 4, 5], 'no page after the window');
  });

  it('an empty page in order ends the list the same way', async () => {
    const { asked, fetchPage, page } = scripted();
    const all = collectAll(allPages(fetchPage, { itemsPerPage: IPP, concurrency: 2 }));
    (await page(1)).resolve(IPP);
    (await page(2)).resolve(IPP);
    (await page(3)).resolve(0);
    assert.deepEqual(await all, [...items(1, IPP), ...items(2, IPP)]);
    assert.ok(asked.every((a) => a.pageNum <= 4), `asked for ${asked.map((a) => a.pageNum)}`);
    assert.equal(asked.find((a) => a.pageNum === 4)?.signal.aborted ?? true, true);
  });

  it('a short first page asks for nothing more, and never plans more pages than the total could fill', async () => {
    const short = scripted();
    const one = collectAll(allPages(short.fetchPage, { itemsPerPage: IPP, concurrency: 4 }));
    (await short.page(1)).resolve(3);
    assert.equal((await one).length, 3);
    assert.deepEqual(short.asked.map((a) => a.pageNum), [1]);

    // A total of 25 fills three pages of 10: page 4 is never asked for, even if page 3 came back full.
    const pages: number[] = [];
    const fetchPage = async (o: PageOptions): Promise<Page<string>> => {
      pages.push(o.pageNum!);
      return { results: items(o.pageNum!, IPP), pageNum: o.pageNum!, itemsPerPage: IPP, hasNextPage: true, ...(o.pageNum === 1 ? { totalCount: 25 } : {}) };
    };
    assert.equal((await collectAll(allPages(fetchPage, { itemsPerPage: IPP, concurrency: 4 }))).length, 30);
    assert.deepEqual(pages.sort(), [1, 2, 3]);
  });
});
