/**
 * The client's allPages over 10,000 cloud backup restore jobs at 500 per page (20 pages): the pages
 * after the first fetched concurrently (pageConcurrency 1, 2, 4, 8) against a plain sequential loop,
 * for both sign-in methods, with the emulator answering at once and after 50 ms.
 */
import { collectAll, type AtlasClient, type CloudBackupRestoreJob, type Page, type PageOptions } from '../../src/atlas';
import { startEmulator, type RunningEmulator } from '../../test/atlas-emulator';
import { AUTHS, PRINCIPALS, newClient, type AuthName } from '../lib/clients';
import { measure, repeat, type Sample } from '../lib/measure';
import { agreed, spread, type Spread } from '../lib/stats';
import { noisyNote, ratio, REQUEST_COLUMNS, requestCells, SIGN_IN_COLUMNS, signInCells, table, TIME_COLUMNS, timeCells } from '../lib/table';
import type { WireMeter } from '../lib/wire';

const JOBS = 10_000;
const ITEMS_PER_PAGE = 500;
const PAGES = JOBS / ITEMS_PER_PAGE;
const CLUSTER = 'bench-10k';

/**
 * `client`: 'used' has made one request before (it holds a token, or one Digest nonce), as the tree's
 * client has; 'new' starts from nothing; 'again' is the same client's second allPages (token and nonces
 * kept from the first), measured on its own.
 */
type Mode =
  | { name: string; kind: 'sequential'; client: 'used' }
  | { name: string; kind: 'allPages'; concurrency: number; client: 'used' | 'new' | 'again' };

const MODES: readonly Mode[] = [
  { name: 'sequential loop', kind: 'sequential', client: 'used' },
  ...[1, 2, 4, 8].map((c): Mode => ({ name: `allPages, pageConcurrency ${c}`, kind: 'allPages', concurrency: c, client: 'used' })),
  { name: 'allPages, pageConcurrency 4, new client', kind: 'allPages', concurrency: 4, client: 'new' },
  { name: 'allPages, pageConcurrency 4, second run', kind: 'allPages', concurrency: 4, client: 'again' },
];

export interface AllPagesRow {
  auth: AuthName;
  latencyMs: number;
  mode: string;
  pageConcurrency: number | null;
  client: Mode['client'];
  samples: Sample[];
  ms: Spread;
  requests: { total: string; ok: string; challenges: string; token: string };
  requestsPerPage: number;
  bytesReceived: number;
  speedupVsSequential: number;
}

async function startFixture(latencyMs: number): Promise<{ emulator: RunningEmulator; groupId: string }> {
  const emulator = await startEmulator({ dataset: 'empty', latencyMs, quiet: true });
  const org = emulator.store.addOrganization('Bench', { owners: PRINCIPALS });
  const project = emulator.store.addProject(org.id, 'bench-all-pages');
  for (const p of PRINCIPALS) emulator.grant(p, project.id, ['GROUP_OWNER']);
  emulator.store.addCluster(project.id, 'dedicated', CLUSTER, { restoreJobs: { cloudBackup: JOBS } });
  return { emulator, groupId: project.id };
}

/** What a caller without allPages writes: page after page until Atlas says there is no next one. */
async function sequential(client: AtlasClient, groupId: string): Promise<number> {
  let count = 0;
  for (let pageNum = 1; ; pageNum++) {
    const page = await client.listRestoreJobs('cloudBackup', groupId, CLUSTER, { pageNum, itemsPerPage: ITEMS_PER_PAGE });
    count += page.results.length;
    if (!page.hasNextPage) return count;
  }
}

async function viaAllPages(client: AtlasClient, groupId: string): Promise<number> {
  const fetchPage = (o: PageOptions): Promise<Page<CloudBackupRestoreJob>> => client.listRestoreJobs('cloudBackup', groupId, CLUSTER, o);
  return (await collectAll(client.allPages(fetchPage, { itemsPerPage: ITEMS_PER_PAGE }))).length;
}

async function warmUp(client: AtlasClient, groupId: string): Promise<void> {
  try {
    await viaAllPages(client, groupId);
  } finally {
    client.dispose();
  }
}

export async function runAllPages(wire: WireMeter, opts: { runs: number; latencies: readonly number[] }): Promise<AllPagesRow[]> {
  const rows: AllPagesRow[] = [];
  for (const latencyMs of opts.latencies) {
    const { emulator, groupId } = await startFixture(latencyMs);
    const probe = { emulator, wire };
    try {
      for (const auth of AUTHS) {
        // One unmeasured run per sign-in method: the emulator builds the 10,000 jobs on first read and the
        // JIT warms up; after that every configuration is measured without a warm-up of its own.
        await warmUp(newClient(emulator, auth.credentials), groupId);
        let sequentialMs = NaN;
        for (const mode of MODES) {
          const samples = await repeat(opts.runs, 0, async () => {
            const client = newClient(emulator, auth.credentials, mode.kind === 'allPages' ? { pageConcurrency: mode.concurrency } : {});
            try {
              if (mode.client === 'used') await client.verifyCredentials();
              if (mode.client === 'again') await viaAllPages(client, groupId);
              let count = 0;
              const sample = await measure(probe, async () => {
                count = mode.kind === 'sequential' ? await sequential(client, groupId) : await viaAllPages(client, groupId);
              });
              if (count !== JOBS) throw new Error(`${mode.name} returned ${count} jobs, not ${JOBS}`);
              return sample;
            } finally {
              client.dispose();
            }
          });
          const time = spread(samples.map((s) => s.ms));
          if (mode.kind === 'sequential') sequentialMs = time.median;
          const totals = samples.map((s) => s.requests.total);
          rows.push({
            auth: auth.name,
            latencyMs,
            mode: mode.name,
            pageConcurrency: mode.kind === 'allPages' ? mode.concurrency : null,
            client: mode.client,
            samples,
            ms: time,
            requests: {
              total: agreed(totals),
              ok: agreed(samples.map((s) => s.requests.ok)),
              challenges: agreed(samples.map((s) => s.requests.challenges)),
              token: agreed(samples.map((s) => s.requests.token)),
            },
            requestsPerPage: spread(totals).median / PAGES,
            bytesReceived: spread(samples.map((s) => s.bytesReceived)).median,
            speedupVsSequential: sequentialMs / time.median,
          });
        }
      }
    } finally {
      await emulator.close();
    }
  }
  return rows;
}

export function allPagesTable(rows: readonly AllPagesRow[]): string {
  return noisyNote(
    table(
      [...SIGN_IN_COLUMNS, { title: 'how' }, ...REQUEST_COLUMNS, { title: 'req/page', align: 'right' }, ...TIME_COLUMNS, { title: 'vs sequential', align: 'right' }],
      rows.map((r) => [
        ...signInCells(r),
        r.mode,
        ...requestCells(r),
        r.requestsPerPage.toFixed(2),
        ...timeCells(r),
        ratio(r.speedupVsSequential),
      ]),
    ),
  );
}

export const ALL_PAGES_CAPTION = `allPages: ${JOBS.toLocaleString('en-US')} cloud backup restore jobs, itemsPerPage ${ITEMS_PER_PAGE} (${PAGES} pages)`;
