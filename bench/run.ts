/**
 * npm run bench — performance numbers for the Atlas client, the tree's request pattern, cold start and
 * the bundles, against the emulator started in this process on 127.0.0.1. Prints tables and writes
 * bench/results/latest.json. See bench/README.md for how to read them.
 *
 *   npm run bench                       everything (about 4½ minutes on 2 vCPUs; search alone: 2)
 *   npm run bench -- --only tree,bundle suites: allPages, tree, coldStart, bundle, watch, download, search
 *   npm run bench -- --runs 9           kept runs per configuration (default 5; download: 3)
 *   npm run bench -- --only download --download-size 256MiB   the download suite's file size (default 1GiB)
 *   npm run bench -- --only search --search-jobs 20000 --search-clusters 400 --search-projects 40
 *                                       the search suite's organization (default 100,000 / 2,000 / 200), also
 *                                       --search-latency MS (50), --search-query TEXT, --search-page-size N (100)
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseQuery } from '../src/search/query';
import { WireMeter } from './lib/wire';
import { ALL_PAGES_CAPTION, allPagesTable, runAllPages } from './suites/allPages';
import { parseByteSize } from '../test/atlas-emulator/byte-size';
import { DEFAULT_LARGE } from '../test/atlas-emulator';
import { bundleTables, runBundle } from './suites/bundle';
import { COLD_START_CAPTION, coldStartTable, runColdStart } from './suites/coldStart';
import { downloadCaption, downloadTables, runDownload } from './suites/download';
import { runSearchBench, searchCaption, searchTable, type SearchBenchOptions } from './suites/search';
import { runSearchPage, SEARCH_PAGE_CAPTION, searchPageTable } from './suites/searchPage';
import { TREE_CAPTION, runTree, treeTable } from './suites/tree';
import { WATCH_CAPTION, runWatch, watchTables } from './suites/watch';

const SUITES = ['allPages', 'tree', 'coldStart', 'bundle', 'watch', 'download', 'search'] as const;
type Suite = (typeof SUITES)[number];

/** Emulator latencies: 0 shows the client's own cost, 50 ms a nearby Atlas region. */
const LATENCIES = [0, 50] as const;

/** A wrong flag: one line, no stack. */
class UsageError extends Error {}

function gitDescribe(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'bench', 'test/atlas-emulator'], { encoding: 'utf8' }).trim();
    return dirty ? `${head} (with uncommitted changes)` : head;
  } catch {
    return 'unknown';
  }
}

const SEARCH_FLAGS = {
  'search-projects': { type: 'string' },
  'search-clusters': { type: 'string' },
  'search-jobs': { type: 'string' },
  'search-latency': { type: 'string' },
  'search-query': { type: 'string' },
  'search-page-size': { type: 'string' },
} as const;
type SearchFlags = { [K in keyof typeof SEARCH_FLAGS]?: string };

/** The organization (DEFAULT_LARGE) at 50 ms unless told otherwise. */
function searchOptions(v: SearchFlags): SearchBenchOptions {
  const whole = (name: keyof SearchFlags, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER) => {
    const text = v[name];
    if (text === undefined) return fallback;
    const n = Number(text);
    if (!(Number.isInteger(n) && n >= min && n <= max)) throw new Error(`--${name} takes a whole number from ${min} to ${max}.`);
    return n;
  };
  return {
    size: { projects: whole('search-projects', DEFAULT_LARGE.projects, 1), clusters: whole('search-clusters', DEFAULT_LARGE.clusters, 1), jobs: whole('search-jobs', DEFAULT_LARGE.restoreJobs, 0) },
    latencyMs: whole('search-latency', 50, 0),
    // Checked here, so that a query the search would refuse stops the run before the emulator starts.
    query: parseQuery(v['search-query'] ?? 'state:failed').text,
    pageSize: whole('search-page-size', 100, 1, 500),
  };
}

async function main(): Promise<void> {
  let values: { only?: string; runs?: string; 'download-size'?: string } & SearchFlags;
  let downloadBytes = 1024 ** 3;
  let search: SearchBenchOptions;
  try {
    ({ values } = parseArgs({ options: { only: { type: 'string' }, runs: { type: 'string' }, 'download-size': { type: 'string' }, ...SEARCH_FLAGS }, strict: true }));
    if (values['download-size'] !== undefined) downloadBytes = parseByteSize(values['download-size']);
    search = searchOptions(values);
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const only = values.only ? values.only.split(',').map((s) => s.trim()) : [...SUITES];
  for (const name of only) {
    if (!(SUITES as readonly string[]).includes(name)) throw new UsageError(`Unknown suite "${name}"; choose from ${SUITES.join(', ')}.`);
  }
  const wanted = (s: Suite) => only.includes(s);
  const runsOverride = values.runs !== undefined ? Number(values.runs) : undefined;
  if (runsOverride !== undefined && !(Number.isInteger(runsOverride) && runsOverride >= 1)) throw new UsageError('--runs takes a whole number of at least 1.');
  const runs = runsOverride ?? 5;

  const started = Date.now();
  const meta = {
    date: new Date().toISOString(),
    commit: gitDescribe(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpu: `${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}`,
    /** Other work on the machine shows up as spread between min and max. */
    loadAverageAtStart: loadavg()[0]!.toFixed(2),
    runsPerConfiguration: runs,
    latenciesMs: LATENCIES,
  };
  console.log(`Atlas Restore Jobs benchmarks — ${meta.date}, ${meta.commit}, Node ${meta.node}, ${meta.cpu}, load ${meta.loadAverageAtStart}`);
  console.log('Emulator in this process on 127.0.0.1; every "requests" figure is from its request log; "received" is bytes on the client\'s sockets.\n');

  const wire = new WireMeter();
  const results: Record<string, unknown> = {};
  const section = (title: string, body: string) => console.log(`## ${title}\n\n${body}\n`);

  if (wanted('allPages')) {
    const rows = await runAllPages(wire, { runs, latencies: LATENCIES });
    results.allPages = rows;
    section(ALL_PAGES_CAPTION, allPagesTable(rows));
  }
  if (wanted('tree')) {
    const rows = await runTree(wire, { runs, latencies: LATENCIES });
    results.tree = rows;
    section(TREE_CAPTION, treeTable(rows));
  }
  if (wanted('coldStart')) {
    const rows = await runColdStart(wire, { runs, latencies: LATENCIES });
    results.coldStart = rows;
    section(COLD_START_CAPTION, coldStartTable(rows));
  }
  if (wanted('bundle')) {
    const bundle = await runBundle({ runs });
    results.bundle = bundle;
    section(`Bundles: ${bundle.builtWith}`, bundleTables(bundle));
  }
  if (wanted('watch')) {
    const rows = await runWatch({ runs });
    results.watch = rows;
    section(WATCH_CAPTION, watchTables(rows));
  }
  if (wanted('download')) {
    // Each run moves the whole file twice (curl, downloadFile): 3 runs keep the suite near a minute.
    const download = await runDownload({ runs: runsOverride ?? 3, bytes: downloadBytes });
    results.download = download;
    section(downloadCaption(download), downloadTables(download));
  }
  if (wanted('search')) {
    const report = await runSearchBench(search);
    section(searchCaption(search), searchTable(report));
    const page = await runSearchPage();
    results.search = { ...report, page };
    section(SEARCH_PAGE_CAPTION, searchPageTable(page));
  }
  wire.dispose();

  const elapsedSeconds = (Date.now() - started) / 1000;
  const outDir = join(__dirname, 'results');
  mkdirSync(outDir, { recursive: true });
  const outFile = join(outDir, 'latest.json');
  writeFileSync(outFile, `${JSON.stringify({ meta: { ...meta, suites: only, elapsedSeconds }, ...results }, null, 2)}\n`);
  console.log(`Done in ${elapsedSeconds.toFixed(1)} s; every sample is in bench/results/latest.json.`);
}

main().catch((e: unknown) => {
  console.error(e instanceof UsageError ? `npm run bench: ${e.message}` : e instanceof Error ? (e.stack ?? e.message) : e);
  process.exitCode = 1;
});
