/**
 * The timing loop of the per-page benchmark (suites/searchPage.ts), run as the extension ships: the suite
 * bundles this file and what it imports with the extension's production options (lib/shipped.ts), since
 * tsx, compiling each source file on its own, sends every call into another module through an export
 * getter, a tenth of a row's time. Takes the page bodies, returns each family's fastest times.
 */
import { performance } from 'node:perf_hooks';
import type { AnyRestoreJob, RestoreJobFamily } from '../../src/atlas/types';
import { jobFacts } from '../../src/jobs/facts';
import { matchesQuery } from '../../src/search/match';
import { parseQuery } from '../../src/search/query';
import { bareRow, hover, jobNode, treeItem, type RowNode } from './treeItemWork';

export interface PageCostRow {
  family: RestoreJobFamily | 'large mix';
  bodyBytes: number;
  parseMs: number;
  searchMs: number;
  /** Every row's tree item, as getTreeItem returns it (no hover). */
  treeMs: number;
  /** All the page's hovers, built one by one as rows are hovered (parse and facts not included). */
  hoversMs: number;
  /** Parse + lib/treeItemWork.ts's bareRow for every job: a reference for what any row costs, not our code. */
  bareMs: number;
}

/** Parsed as the client parses (requestReport.parseJson), tagged with the family as listJobsOfFamily tags it. */
function parsePage(body: string, family: RestoreJobFamily): AnyRestoreJob[] {
  const view = JSON.parse(body) as { results: unknown[] };
  return view.results.map((job) => ({ family, job }) as AnyRestoreJob);
}

/**
 * The fastest run, not the median: the work is CPU alone and the same every time, so other processes on the
 * machine can only add to it, and on a shared 2-core machine they do for whole stretches of the 30 runs.
 */
function fastest(values: readonly number[]): number {
  return Math.min(...values);
}

export function pageCosts(bodies: ReadonlyMap<RestoreJobFamily, string>, now: Date, { warmup, rounds }: { warmup: number; rounds: number }): PageCostRow[] {
  // A query the cheap checks cannot decide: every job's state is looked at.
  const query = parseQuery('state:failed');
  let sink = 0;
  const steps = {
    parse: (body: string) => {
      sink += (JSON.parse(body) as { results: unknown[] }).results.length;
    },
    search: (body: string, family: RestoreJobFamily) => {
      for (const job of parsePage(body, family)) if (matchesQuery(jobFacts(job, now), query, now)) sink++;
    },
    tree: (body: string, family: RestoreJobFamily) => {
      for (const job of parsePage(body, family)) sink += treeItem(jobNode('bench/cluster', job, now), 'local').label.length;
    },
    hovers: (nodes: readonly RowNode[]) => {
      for (const node of nodes) sink += hover(node, now, 'local').length;
    },
    bare: (body: string, family: RestoreJobFamily) => {
      for (const job of (JSON.parse(body) as { results: Record<string, unknown>[] }).results) sink += bareRow(family, job).label.length;
    },
  };
  const time = (f: () => void) => {
    const t0 = performance.now();
    f();
    return performance.now() - t0;
  };
  const rows: PageCostRow[] = [];
  for (const [family, body] of bodies) {
    const nodes = parsePage(body, family).map((job) => jobNode('bench/cluster', job, now));
    const samples = { parse: [] as number[], search: [] as number[], tree: [] as number[], hovers: [] as number[], bare: [] as number[] };
    // Interleaved, so that a slow moment of the machine touches all of them alike.
    for (let i = 0; i < warmup + rounds; i++) {
      const parse = time(() => steps.parse(body));
      const search = time(() => steps.search(body, family));
      const tree = time(() => steps.tree(body, family));
      const hovers = time(() => steps.hovers(nodes));
      const bare = time(() => steps.bare(body, family));
      if (i < warmup) continue;
      samples.parse.push(parse);
      samples.search.push(search);
      samples.tree.push(tree);
      samples.hovers.push(hovers);
      samples.bare.push(bare);
    }
    rows.push({
      family,
      bodyBytes: Buffer.byteLength(body),
      parseMs: fastest(samples.parse),
      searchMs: fastest(samples.search),
      treeMs: fastest(samples.tree),
      hoversMs: fastest(samples.hovers),
      bareMs: fastest(samples.bare),
    });
  }
  if (sink < 0) console.log(sink);
  return rows;
}
