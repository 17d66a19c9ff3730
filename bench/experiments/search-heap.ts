/**
 * The search's heap against the page cache's bound (src/cache/pageCache.ts): the search suite's child, at
 * one latency, once per bound, each in a fresh process. Only the heap columns are of interest here.
 *
 *   npx tsx bench/experiments/search-heap.ts [latencyMs=0] [bounds=100,10000,25000,1000000]
 */
import { MB } from '../lib/heap';
import { runSearchBench } from '../suites/search';

const latencyMs = Number(process.argv[2] ?? 0);
const bounds = (process.argv[3] ?? '100,10000,25000,1000000').split(',').map(Number);

void (async () => {
  for (const cacheMaxItems of bounds) {
    const report = await runSearchBench({
      size: { projects: 200, clusters: 2000, jobs: 100_000 },
      latencyMs,
      query: 'state:failed',
      pageSize: 100,
      cacheMaxItems,
    });
    const s = report.runs.find((r) => r.what === 'search' && r.latencyMs === latencyMs)!;
    const mb = (v: number | undefined) => `${((v ?? 0) / MB).toFixed(0)} MB`;
    console.log(`bound ${cacheMaxItems}: ${s.ms.toFixed(0)} ms, retained ${mb(s.heapRetained)} (cache ${mb(s.heapCache)}), peak ${mb(s.heapPeak)}`);
  }
})();
