/**
 * Run by bench/suites/search.ts in its own Node process (`node --expose-gc --import tsx`), the emulator
 * staying in the benchmark's: the heap measured here is the search's alone — in one process it would
 * also hold the emulator's garbage (it writes every body the search reads) — and the client has a core
 * of its own, as against a real Atlas. Sets the latency through the emulator's control endpoint, then
 * for each latency runs runSearch and a plain replay of the requests it sent. Prints one JSON line.
 */
import * as http from 'node:http';
import { performance } from 'node:perf_hooks';
import { AtlasClient, type AtlasCredentials } from '../../src/atlas';
import { PageCache } from '../../src/cache/pageCache';
import { parseQuery } from '../../src/search/query';
import { runSearch, type SearchMatch, type SearchProgress } from '../../src/search/searchRun';
import { HeapSampler, heapAfterGc } from './heap';
import { HttpLog, replay, roundTripsBefore } from './httpLog';

export interface SearchChildRequest {
  baseUrl: string;
  credentials: AtlasCredentials;
  query: string;
  pageSize: number;
  /** The emulator clock's now, ISO. */
  now: string;
  concurrency: number;
  latencies: number[];
  /** The one whose search is measured for heap. */
  heapAtLatency: number;
  expectedJobs: number;
  /** The page cache's bound (bench/experiments/search-heap.ts tries several); the extension's default without it. */
  cacheMaxItems?: number;
}

export interface SearchRun {
  latencyMs: number;
  /** The replays bracket the search, the one before sending the previous search's requests (the same lists). */
  what: 'search' | 'replay before' | 'replay after';
  ms: number;
  requests: number;
  bytes: number;
  jobs?: number;
  matches?: number;
  firstMatchMs?: number;
  firstMatchRoundTrips?: number;
  /** Heap after a full GC, after the search minus before it, with the page cache and the matches still held. */
  heapRetained?: number;
  /** Of heapRetained, what the page cache holds alone: the matches let go, the cache still held. */
  heapCache?: number;
  /** Highest heap reading during the search minus the heap before it (garbage not yet collected included). */
  heapPeak?: number;
  /** User + system CPU of this process during the run. */
  cpuMs: number;
  /** Where its requests start in the child's HttpLog. */
  from: number;
}

function control(baseUrl: string, method: 'POST' | 'DELETE', path: string, body?: unknown): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(path, baseUrl), { method, headers: { 'Content-Type': 'application/json' } }, (res) => {
      res.resume();
      res.once('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`${method} ${path}: ${res.statusCode}`))));
    });
    req.once('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

async function setLatency(baseUrl: string, ms: number): Promise<void> {
  await control(baseUrl, 'DELETE', '/__emulator/faults');
  if (ms > 0) await control(baseUrl, 'POST', '/__emulator/faults', { kind: 'latency', ms });
}

const cpuMs = (from: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(from);
  return (u.user + u.system) / 1000;
};

async function searchOnce(client: AtlasClient, r: SearchChildRequest, latencyMs: number, log: HttpLog, heap: boolean): Promise<SearchRun> {
  const before = heap ? heapAfterGc() : 0;
  const sampler = heap ? new HeapSampler() : undefined;
  const from = log.sent.length;
  let pages: PageCache | undefined = new PageCache(r.cacheMaxItems);
  let matches: SearchMatch[] | undefined = [];
  let firstMatchAt: number | undefined;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const done: SearchProgress = await log.record(() =>
    runSearch([{ connectionId: 'bench', client }], parseQuery(r.query), { now: new Date(r.now), pageSize: r.pageSize, pages: pages! }, {
      match: (m) => {
        firstMatchAt ??= performance.now();
        matches!.push(m);
      },
      problem: (p) => {
        throw new Error(`The search could not search ${p.what} of ${p.project?.name ?? p.connectionId}: ${String(p.error)}`);
      },
      progress: () => undefined,
    }),
  );
  const elapsed = performance.now() - started;
  const cpuUsed = cpuMs(cpu);
  const peak = sampler?.stop() ?? 0;
  // Measured while the page cache (the tree's too, in the extension) and the matches are still held.
  const retained = heap ? heapAfterGc() - before : undefined;
  matches = undefined;
  const cacheOnly = heap ? heapAfterGc() - before : undefined;
  if (pages.size === 0) throw new Error('The page cache is empty after the search');
  pages = undefined;
  const sent = log.sent.slice(from);
  const failed = sent.filter((x) => x.status !== 200);
  if (failed.length > 0) throw new Error(`The search got ${failed.length} answers other than 200 (first: ${failed[0]!.status} ${failed[0]!.path})`);
  if (done.jobsSeen !== r.expectedJobs) throw new Error(`The search saw ${done.jobsSeen} jobs, the emulator lists ${r.expectedJobs}`);
  return {
    latencyMs,
    what: 'search',
    from,
    ms: elapsed,
    requests: sent.length,
    bytes: sent.reduce((a, x) => a + x.bytes, 0),
    jobs: done.jobsSeen,
    matches: done.matches,
    ...(firstMatchAt !== undefined ? { firstMatchMs: firstMatchAt - started, firstMatchRoundTrips: roundTripsBefore(sent, firstMatchAt) } : {}),
    ...(retained !== undefined ? { heapRetained: retained, heapCache: cacheOnly, heapPeak: peak - before } : {}),
    cpuMs: cpuUsed,
  };
}

async function main(r: SearchChildRequest): Promise<SearchRun[]> {
  const client = new AtlasClient({ baseUrl: r.baseUrl, credentials: r.credentials, retry: { maxRetries: 0 }, maxConcurrentRequests: r.concurrency });
  const log = new HttpLog();
  const runs: SearchRun[] = [];
  try {
    // The client holds its token, as the tree's client does by the time anyone searches.
    await client.verifyCredentials();
    // Unmeasured: the emulator generates every cluster's jobs on first read, and the JIT warms up.
    await setLatency(r.baseUrl, 0);
    let previous = await searchOnce(client, r, 0, log, false);
    const replayed = async (latencyMs: number, what: 'replay before' | 'replay after', of: SearchRun): Promise<SearchRun> => {
      const cpu = process.cpuUsage();
      const raw = await replay(r.baseUrl, log.sent.slice(of.from, of.from + of.requests), r.concurrency);
      if (raw.bytes !== of.bytes) throw new Error(`The replay received ${raw.bytes} bytes of bodies, the search ${of.bytes}`);
      return { latencyMs, what, ms: raw.ms, requests: raw.requests, bytes: raw.bytes, cpuMs: cpuMs(cpu), from: of.from };
    };
    // A replay before and one after the search: the machine (and the emulator's heap) may change meanwhile.
    for (const latencyMs of r.latencies) {
      await setLatency(r.baseUrl, latencyMs);
      const before = await replayed(latencyMs, 'replay before', previous);
      const search = await searchOnce(client, r, latencyMs, log, latencyMs === r.heapAtLatency);
      runs.push(before, search, await replayed(latencyMs, 'replay after', search));
      previous = search;
    }
    await setLatency(r.baseUrl, 0);
    return runs;
  } finally {
    log.dispose();
    client.dispose();
  }
}

main(JSON.parse(process.argv[2]!) as SearchChildRequest).then(
  (runs) => console.log(JSON.stringify(runs)),
  (e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
    process.exitCode = 1;
  },
);
