/**
 * Find Restore Jobs (src/search) over a large organization: runSearch through a new PageCache with one
 * AtlasClient, as the command runs it, against a plain replay of the very requests it sent (node:http,
 * same headers and token, same number in flight, bodies read and dropped); the heap the search grows and
 * how many round trips pass before its first match. The emulator runs here; the client, the search and
 * the replay in a child process (lib/searchChild.ts says why).
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DEMO_SERVICE_ACCOUNT, startEmulator } from '../../test/atlas-emulator';
import { AUTHS } from '../lib/clients';
import { MB } from '../lib/heap';
import type { SearchChildRequest, SearchRun } from '../lib/searchChild';
import { bytes, ms, ratio, table } from '../lib/table';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');
const CHILD = join(__dirname, '..', 'lib', 'searchChild.ts');

export interface SearchSize {
  projects: number;
  clusters: number;
  jobs: number;
}

export interface SearchBenchOptions {
  size: SearchSize;
  latencyMs: number;
  query: string;
  pageSize: number;
  /** See SearchChildRequest.cacheMaxItems. */
  cacheMaxItems?: number;
}

/** The client's bound on requests in flight (maxConcurrentRequests' default), which the replay keeps too. */
export const SEARCH_CONCURRENCY = 8;
/**
 * Serverless instances are listed until 2026-01-15: on a day before it every one of the dataset's
 * deployments, and so all of its restore jobs, can be reached by listing.
 */
const TODAY = '2026-01-10';

export interface SearchReport {
  options: SearchBenchOptions;
  expectedJobs: number;
  runs: SearchRun[];
}

export async function runSearchBench(o: SearchBenchOptions): Promise<SearchReport> {
  // Atlas's rate limit (on by default for `large`) is off for the search and the replay alike: 100 requests a
  // minute per project would let neither run twice, and what is measured is the search's own cost.
  const emulator = await startEmulator({
    dataset: 'large',
    large: { projects: o.size.projects, clusters: o.size.clusters, restoreJobs: o.size.jobs },
    today: TODAY,
    quiet: true,
    rateLimit: false,
  });
  try {
    const expectedJobs = emulator.countsFor(DEMO_SERVICE_ACCOUNT.clientId).totalRestoreJobs;
    const req: SearchChildRequest = {
      baseUrl: emulator.baseUrl,
      credentials: AUTHS[0]!.credentials,
      query: o.query,
      pageSize: o.pageSize,
      now: emulator.now().toISOString(),
      concurrency: SEARCH_CONCURRENCY,
      latencies: [...new Set([0, o.latencyMs])],
      heapAtLatency: o.latencyMs,
      expectedJobs,
      ...(o.cacheMaxItems !== undefined ? { cacheMaxItems: o.cacheMaxItems } : {}),
    };
    let stdout: string;
    try {
      ({ stdout } = await run(process.execPath, ['--expose-gc', '--import', 'tsx', CHILD, JSON.stringify(req)], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 }));
    } catch (e) {
      const stderr = (e as { stderr?: string }).stderr;
      throw new Error(`The search's child process failed: ${stderr?.trim() || (e instanceof Error ? e.message : String(e))}`);
    }
    const runs = JSON.parse(stdout.trim().split('\n').pop() ?? '[]') as SearchRun[];
    return { options: o, expectedJobs, runs };
  } finally {
    await emulator.close();
  }
}

const n = (v: number) => v.toLocaleString('en-US');

export function searchCaption(o: SearchBenchOptions): string {
  return (
    `Search: "${o.query}" over ${n(o.size.jobs)} restore jobs of ${n(o.size.clusters)} deployments in ${n(o.size.projects)} projects ` +
    `(large dataset, today ${TODAY}, service account; page size ${o.pageSize}; ${SEARCH_CONCURRENCY} requests in flight; emulator rate limit off for both)`
  );
}

/** The search and the faster of its two replays: the ratio is not flattered by a replay that hit a busy moment. */
function pair(r: SearchReport, latencyMs: number): { search: SearchRun; raw: SearchRun } {
  const at = (what: SearchRun['what']) => r.runs.find((x) => x.latencyMs === latencyMs && x.what === what)!;
  const [before, after] = [at('replay before'), at('replay after')];
  return { search: at('search'), raw: before.ms <= after.ms ? before : after };
}

export function searchTable(r: SearchReport): string {
  const mb = (v: number | undefined) => (v === undefined ? '' : `${(v / MB).toFixed(0)} MB`);
  const rendered = table(
    [
      { title: 'latency' },
      { title: 'how' },
      { title: 'requests', align: 'right' },
      { title: 'bodies', align: 'right' },
      { title: 'jobs', align: 'right' },
      { title: 'matches', align: 'right' },
      { title: 'ms', align: 'right' },
      { title: 'vs faster replay', align: 'right' },
      { title: 'client CPU ms', align: 'right' },
      { title: 'first match', align: 'right' },
      { title: 'heap retained (cache)', align: 'right' },
      { title: 'heap peak', align: 'right' },
    ],
    r.runs.map((x) => [
      `${x.latencyMs} ms`,
      x.what === 'search' ? 'runSearch' : `plain GETs, same requests (${x.what.replace('replay ', '')})`,
      n(x.requests),
      bytes(x.bytes),
      x.jobs !== undefined ? n(x.jobs) : '',
      x.matches !== undefined ? n(x.matches) : '',
      ms(x.ms),
      x.what === 'search' ? ratio(x.ms / pair(r, x.latencyMs).raw.ms) : '',
      ms(x.cpuMs),
      x.firstMatchMs !== undefined ? `${ms(x.firstMatchMs)} ms, ${x.firstMatchRoundTrips} RT` : '',
      x.heapRetained !== undefined ? `${mb(x.heapRetained)} (${mb(x.heapCache)})` : '',
      mb(x.heapPeak),
    ]),
  );
  const { search, raw } = pair(r, r.options.latencyMs);
  return `${rendered}\n\n${searchSummary(search, raw)}`;
}

/** The one line the issue asks for. */
export function searchSummary(s: SearchRun, raw: SearchRun): string {
  const sec = (v: number) => `${(v / 1000).toFixed(1)} s`;
  return (
    `search: ${n(s.jobs ?? 0)} jobs, ${n(s.requests)} requests, ${sec(s.ms)}, raw ${sec(raw.ms)}, ${ratio(s.ms / raw.ms)} (goal ≤ 1.20×), ` +
    `heap +${((s.heapRetained ?? 0) / MB).toFixed(0)} MB retained (${((s.heapCache ?? 0) / MB).toFixed(0)} MB of it the page cache), +${((s.heapPeak ?? 0) / MB).toFixed(0)} MB peak (goal ≤ 150), ` +
    `first match after ${s.firstMatchRoundTrips ?? '—'} round trips (${s.firstMatchMs !== undefined ? ms(s.firstMatchMs) : '—'} ms at ${s.latencyMs} ms latency)`
  );
}
