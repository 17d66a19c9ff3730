/**
 * Where one 500-job page's time goes (the search suite's per-page table): runs one step of
 * suites/searchPage.ts over every family's page many times, for `node --cpu-prof`:
 *
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/experiments/page-profile.ts tree 400
 *
 * Steps: parse, search, tree (tree items, no hovers), treeHover (tree items and every row's hover, as before
 * hovers were built on hover only).
 */
import { performance } from 'node:perf_hooks';
import type { AnyRestoreJob, RestoreJobFamily } from '../../src/atlas/types';
import { jobFacts } from '../../src/jobs/facts';
import { matchesQuery } from '../../src/search/match';
import { parseQuery } from '../../src/search/query';
import { pageBodies } from '../suites/searchPage';
import { hover, jobNode, treeItem } from '../lib/treeItemWork';

const [step = 'tree', roundsArg = '300'] = process.argv.slice(2);
const rounds = Number(roundsArg);
const now = new Date('2026-01-10T12:00:00Z');
const query = parseQuery('state:failed');

function parsePage(body: string, family: RestoreJobFamily): AnyRestoreJob[] {
  const view = JSON.parse(body) as { results: unknown[] };
  return view.results.map((job) => ({ family, job }) as AnyRestoreJob);
}

let sink = 0;
const steps: Record<string, (body: string, family: RestoreJobFamily) => void> = {
  parse: (body) => {
    sink += (JSON.parse(body) as { results: unknown[] }).results.length;
  },
  search: (body, family) => {
    for (const job of parsePage(body, family)) if (matchesQuery(jobFacts(job, now), query, now)) sink++;
  },
  tree: (body, family) => {
    for (const job of parsePage(body, family)) sink += treeItem(jobNode('bench/cluster', job, now), 'local').label.length;
  },
  treeHover: (body, family) => {
    for (const job of parsePage(body, family)) {
      const node = jobNode('bench/cluster', job, now);
      sink += treeItem(node, 'local').label.length + hover(node, now, 'local').length;
    }
  },
};

void (async () => {
  const bodies = await pageBodies();
  const run = steps[step];
  if (!run) throw new Error(`no step ${step}`);
  const per = new Map<string, number>();
  for (let i = 0; i < rounds; i++) {
    for (const [family, body] of bodies) {
      const t0 = performance.now();
      run(body, family);
      const t = performance.now() - t0;
      if (i >= rounds / 2) per.set(family, Math.min(per.get(family) ?? Infinity, t));
    }
  }
  const parse = new Map<string, number>();
  for (let i = 0; i < 100; i++) {
    for (const [family, body] of bodies) {
      const t0 = performance.now();
      steps.parse!(body, family);
      parse.set(family, Math.min(parse.get(family) ?? Infinity, performance.now() - t0));
    }
  }
  for (const [family, t] of per) console.log(`${step} ${family}: ${t.toFixed(2)} ms, parse ${parse.get(family)!.toFixed(2)} ms, ${(t / parse.get(family)!).toFixed(2)}×`);
  if (sink < 0) console.log(sink);
})();
