/**
 * The client-side cost of one 500-job page, per family: JSON.parse of the body as the client does it,
 * then what the search does per job (jobFacts, matchesQuery) and what the tree does per row (JobNode's
 * jobFacts and the TreeItem getTreeItem returns, see lib/treeItemWork.ts), each against JSON.parse of the
 * same text. A row's hover is built only when the row is hovered (resolveTreeItem): its cost is a column
 * of its own, per row hovered, and not in the tree's. The code timed is bundled and minified as the
 * extension ships it (lib/shipped.ts), the reference rows too.
 */
import type { RestoreJobFamily } from '../../src/atlas/types';
import { startEmulator } from '../../test/atlas-emulator';
import { AUTHS, newClient, PRINCIPALS } from '../lib/clients';
import { fetchText, HttpLog } from '../lib/httpLog';
import { bytes, ms, ratio, table } from '../lib/table';
import type { PageCostRow } from '../lib/pageCost';
import { loadShipped } from '../lib/shipped';

const ITEMS = 500;
/** Before the serverless sunset (see search.ts), so that family's page is there too. */
const TODAY = '2026-01-10';
const WARMUP = 5;
const ROUNDS = 30;

/**
 * How many of every 500 jobs of the large dataset are of each family: of 5 deployments 3 dedicated (30 %
 * of their jobs legacy, 70 % cloud backup), 1 serverless, 1 flex (test/atlas-emulator/datasets.ts).
 */
const LARGE_MIX: Readonly<Record<RestoreJobFamily, number>> = { legacy: 0.18, cloudBackup: 0.42, serverless: 0.2, flex: 0.2 };

export async function pageBodies(): Promise<Map<RestoreJobFamily, string>> {
  const emulator = await startEmulator({ dataset: 'empty', today: TODAY, quiet: true });
  const client = newClient(emulator, AUTHS[0]!.credentials);
  const log = new HttpLog();
  try {
    const org = emulator.store.addOrganization('Bench', { owners: PRINCIPALS });
    const project = emulator.store.addProject(org.id, 'bench-pages');
    emulator.store.addCluster(project.id, 'dedicated', 'dedicated-500', { restoreJobs: { legacy: ITEMS, cloudBackup: ITEMS } });
    emulator.store.addCluster(project.id, 'serverless', 'serverless-500', { restoreJobs: { serverless: ITEMS } });
    emulator.store.addCluster(project.id, 'flex', 'flex-500', { restoreJobs: { flex: ITEMS } });
    const where: Record<RestoreJobFamily, string> = { legacy: 'dedicated-500', cloudBackup: 'dedicated-500', serverless: 'serverless-500', flex: 'flex-500' };
    const bodies = new Map<RestoreJobFamily, string>();
    // The token first, so that each page below is the one request recorded.
    await client.verifyCredentials();
    for (const family of Object.keys(where) as RestoreJobFamily[]) {
      const from = log.sent.length;
      const page = await log.record(() => client.listRestoreJobs(family, project.id, where[family], { itemsPerPage: ITEMS, pageNum: 1 }));
      if (page.results.length !== ITEMS) throw new Error(`${family}: ${page.results.length} jobs on the page, not ${ITEMS}`);
      const sent = log.sent.slice(from);
      if (sent.length !== 1 || sent[0]!.status !== 200) throw new Error(`${family}: ${sent.length} requests for one page`);
      bodies.set(family, await fetchText(emulator.baseUrl, sent[0]!));
    }
    return bodies;
  } finally {
    log.dispose();
    client.dispose();
    await emulator.close();
  }
}

export async function runSearchPage(): Promise<PageCostRow[]> {
  const bodies = await pageBodies();
  const { pageCosts } = await loadShipped<typeof import('../lib/pageCost')>('bench/lib/pageCost.ts', 'pageCost');
  const rows: PageCostRow[] = pageCosts(bodies, new Date(`${TODAY}T12:00:00Z`), { warmup: WARMUP, rounds: ROUNDS });
  const mix = (pick: (r: PageCostRow) => number) => rows.reduce((a, r) => a + LARGE_MIX[r.family as RestoreJobFamily] * pick(r), 0);
  rows.push({
    family: 'large mix',
    bodyBytes: mix((r) => r.bodyBytes),
    parseMs: mix((r) => r.parseMs),
    searchMs: mix((r) => r.searchMs),
    treeMs: mix((r) => r.treeMs),
    hoversMs: mix((r) => r.hoversMs),
    bareMs: mix((r) => r.bareMs),
  });
  return rows;
}

export const SEARCH_PAGE_CAPTION = `One page of ${ITEMS} restore jobs: parse + per-job work against JSON.parse alone (fastest of ${ROUNDS}; the code bundled and minified as shipped)`;

export function searchPageTable(rows: readonly PageCostRow[]): string {
  const mixRow = rows.find((r) => r.family === 'large mix')!;
  const perHover = (r: PageCostRow) => `${((r.hoversMs / ITEMS) * 1000).toFixed(1)} µs`;
  return table(
    [
      { title: 'family' },
      { title: 'body', align: 'right' },
      { title: 'JSON.parse ms', align: 'right' },
      { title: 'search: + jobFacts + matchesQuery ms', align: 'right' },
      { title: 'vs parse', align: 'right' },
      { title: 'tree: + jobFacts + tree items ms', align: 'right' },
      { title: 'vs parse', align: 'right' },
      { title: 'hover of one row (paid only when hovered)', align: 'right' },
      { title: 'reference: bare rows ms', align: 'right' },
      { title: 'vs parse', align: 'right' },
    ],
    rows.map((r) => [
      r.family,
      bytes(r.bodyBytes),
      ms(r.parseMs),
      ms(r.searchMs),
      ratio(r.searchMs / r.parseMs),
      ms(r.treeMs),
      ratio(r.treeMs / r.parseMs),
      perHover(r),
      ms(r.bareMs),
      ratio(r.bareMs / r.parseMs),
    ]),
  ).concat(
    '\n\n',
    `page: ${ITEMS} jobs (large mix), parse ${ms(mixRow.parseMs)} ms, search ${ratio(mixRow.searchMs / mixRow.parseMs)}, ` +
      `tree ${ratio(mixRow.treeMs / mixRow.parseMs)} (goal ≤ 1.50×; worst family ${worstFamily(rows)}; hovers built on hover only, ${perHover(mixRow)} each); ` +
      `reference: bare rows without validation or localization ${ratio(mixRow.bareMs / mixRow.parseMs)}`,
  );
}

function worstFamily(rows: readonly PageCostRow[]): string {
  const worst = rows.filter((r) => r.family !== 'large mix').sort((a, b) => b.treeMs / b.parseMs - a.treeMs / a.parseMs)[0]!;
  return `${worst.family} ${ratio(worst.treeMs / worst.parseMs)}`;
}
