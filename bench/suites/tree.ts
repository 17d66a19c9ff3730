/**
 * What the Restore Jobs tree asks Atlas for, on the emulator's `large` dataset. The tree's nodes import
 * `vscode`, so this walk cannot run them in plain Node: it reproduces their request pattern with the
 * client directly — the same calls, page sizes, includeCount and parallelism as ConnectionNode,
 * ProjectNode and ClusterNode (src/tree/*.ts), and the tree's own PagedList (which needs no vscode) for
 * the first page / "Load more…" lists. What it leaves out is VS Code's side: building tree items,
 * rendering, the progress bar.
 */
import { collectAll, type AtlasClient, type AtlasProject, type RestoreJobFamily } from '../../src/atlas';
import { CLUSTER_KINDS, type ClusterKind } from '../../src/jobs/families';
import { PagedList } from '../../src/tree/pagedList';
import { DEFAULT_LARGE, startEmulator, type RunningEmulator } from '../../test/atlas-emulator';
import { AUTHS, newClient, type AuthName } from '../lib/clients';
import { measure, repeat, type Sample } from '../lib/measure';
import { agreed, spread, type Spread } from '../lib/stats';
import { noisyNote, REQUEST_COLUMNS, requestCells, SIGN_IN_COLUMNS, signInCells, table, TIME_COLUMNS, timeCells } from '../lib/table';
import type { WireMeter } from '../lib/wire';

/** The setting atlasRestoreJobs.pageSize's default. */
const PAGE_SIZE = 100;
/** Added to the first project: the large dataset gives each cluster 50 jobs, less than a page. */
const DEEP_CLUSTER = 'bench-deep';
const DEEP_JOBS = 2_000;
/** "Load more…" clicks after the second page, to show 1,000 jobs. */
const MORE_CLICKS = 8;

interface ClusterRow {
  kind: ClusterKind;
  name: string;
}

const STEPS = [
  'expand connection: projects page 1 + organizations',
  'expand project: dedicated, flex, serverless lists',
  'expand cluster: cloud backup page 1 + legacy page 1',
  'first jobs on screen (the three steps above)',
  'Load more… on projects (page 2)',
  `expand cluster with ${DEEP_JOBS.toLocaleString('en-US')} jobs: page 1 + legacy page 1`,
  'Load more… on its jobs (page 2)',
  `Load more… ×${MORE_CLICKS} more (pages 3–${MORE_CLICKS + 2}, ${((MORE_CLICKS + 2) * PAGE_SIZE).toLocaleString('en-US')} jobs shown)`,
] as const;

export interface TreeRow {
  auth: AuthName;
  latencyMs: number;
  step: string;
  samples: Sample[];
  ms: Spread;
  requests: { total: string; ok: string; challenges: string; token: string };
  bytesReceived: number;
  shown: string;
}

/** The tree's lists for one walk, built as the nodes build them. */
function projectList(client: AtlasClient): PagedList<AtlasProject> {
  return new PagedList((pageNum, itemsPerPage) => client.listProjects({ pageNum, itemsPerPage, includeCount: true }), () => PAGE_SIZE);
}

function jobLists(client: AtlasClient, groupId: string, cluster: ClusterRow) {
  const options = (pageNum: number, itemsPerPage: number) => ({ pageNum, itemsPerPage, includeCount: true });
  const list = (family: RestoreJobFamily) =>
    new PagedList<unknown>((pageNum, itemsPerPage) => client.listRestoreJobs(family, groupId, cluster.name, options(pageNum, itemsPerPage)), () => PAGE_SIZE);
  const kind = CLUSTER_KINDS[cluster.kind];
  const jobs = list(kind.jobsFamily);
  // Dedicated clusters also load their legacy group's first page (showLegacyBackupJobs defaults to true).
  const legacy = kind.hasLegacyGroup ? list('legacy') : undefined;
  return { jobs, legacy, expand: () => Promise.all([jobs.ensureFirstPage(), legacy?.ensureFirstPage()]) };
}

/** ProjectNode.load: the three kinds at once, each every page at the tree's page size, sorted by name. */
async function projectClusters(client: AtlasClient, groupId: string): Promise<ClusterRow[]> {
  const o = { itemsPerPage: PAGE_SIZE };
  const byName = (items: { name?: string }[], kind: ClusterKind): ClusterRow[] =>
    items.map((c) => ({ kind, name: c.name ?? '' })).sort((a, b) => a.name.localeCompare(b.name));
  const [dedicated, flex, serverless] = await Promise.all([
    collectAll(client.allPages((p) => client.listClusters(groupId, p), o)),
    collectAll(client.allPages((p) => client.listFlexClusters(groupId, p), o)),
    collectAll(client.allPages((p) => client.listServerlessInstances(groupId, p), o)),
  ]);
  return [...byName(dedicated, 'dedicated'), ...byName(flex, 'flex'), ...byName(serverless, 'serverless')];
}

function failed(list: PagedList<unknown>): void {
  if (list.error !== undefined) throw list.error;
}

/** One walk through the tree with a new client (VS Code just started); one Sample per STEPS entry. */
async function walk(emulator: RunningEmulator, wire: WireMeter, credentials: (typeof AUTHS)[number]['credentials'], deepGroupId: string) {
  const probe = { emulator, wire };
  const client = newClient(emulator, credentials);
  const samples: Sample[] = [];
  const shown: string[] = [];
  try {
    const projects = projectList(client);
    samples.push(
      await measure(probe, () =>
        Promise.all([
          projects.ensureFirstPage(),
          collectAll(client.allPages((o) => client.listOrganizations(o), { itemsPerPage: 500 })),
        ]),
      ),
    );
    failed(projects);
    shown.push(`${projects.items.length} of ${projects.totalCount} projects`);

    const project = projects.items[0]!;
    if (project.id !== deepGroupId) throw new Error('The first project listed is not the one the deep cluster was added to.');
    let clusters: ClusterRow[] = [];
    samples.push(await measure(probe, async () => (clusters = await projectClusters(client, project.id!))));
    shown.push(`${clusters.length} clusters`);

    const first = clusters[0]!;
    const firstLists = jobLists(client, project.id!, first);
    samples.push(await measure(probe, firstLists.expand));
    failed(firstLists.jobs);
    shown.push(`${firstLists.jobs.items.length} jobs + ${firstLists.legacy?.items.length ?? 0} legacy`);

    samples.push(sum(samples.slice(0, 3)));
    shown.push('');

    samples.push(await measure(probe, () => projects.loadMore()));
    failed(projects);
    shown.push(`${projects.items.length} of ${projects.totalCount} projects`);

    const deep = jobLists(client, project.id!, { kind: 'dedicated', name: DEEP_CLUSTER });
    samples.push(await measure(probe, deep.expand));
    failed(deep.jobs);
    shown.push(`${deep.jobs.items.length} of ${deep.jobs.totalCount} jobs`);

    samples.push(await measure(probe, () => deep.jobs.loadMore()));
    failed(deep.jobs);
    shown.push(`${deep.jobs.items.length} of ${deep.jobs.totalCount} jobs`);

    samples.push(
      await measure(probe, async () => {
        for (let i = 0; i < MORE_CLICKS; i++) await deep.jobs.loadMore();
      }),
    );
    failed(deep.jobs);
    shown.push(`${deep.jobs.items.length} of ${deep.jobs.totalCount} jobs`);
  } finally {
    client.dispose();
  }
  return { samples, shown };
}

function sum(samples: readonly Sample[]): Sample {
  const add = (pick: (s: Sample) => number) => samples.reduce((a, s) => a + pick(s), 0);
  return {
    ms: add((s) => s.ms),
    bytesReceived: add((s) => s.bytesReceived),
    bytesSent: add((s) => s.bytesSent),
    requests: {
      total: add((s) => s.requests.total),
      ok: add((s) => s.requests.ok),
      challenges: add((s) => s.requests.challenges),
      token: add((s) => s.requests.token),
      other: add((s) => s.requests.other),
    },
  };
}

export async function runTree(wire: WireMeter, opts: { runs: number; latencies: readonly number[] }): Promise<TreeRow[]> {
  const rows: TreeRow[] = [];
  for (const latencyMs of opts.latencies) {
    // Atlas's rate limit (on by default for large) is off: six walks per sign-in would empty the first
    // project's bucket, and the walk measures the tree's own requests, not the limit.
    const emulator = await startEmulator({ dataset: 'large', latencyMs, quiet: true, rateLimit: false });
    try {
      const firstProject = emulator.store.projects()[0]!;
      emulator.store.addCluster(firstProject.id, 'dedicated', DEEP_CLUSTER, { restoreJobs: { cloudBackup: DEEP_JOBS } });
      for (const auth of AUTHS) {
        // The warm-up walk also makes the emulator generate the walked clusters' jobs.
        const walks = await repeat(opts.runs, 1, () => walk(emulator, wire, auth.credentials, firstProject.id));
        STEPS.forEach((step, i) => {
          const samples = walks.map((w) => w.samples[i]!);
          rows.push({
            auth: auth.name,
            latencyMs,
            step,
            samples,
            ms: spread(samples.map((s) => s.ms)),
            requests: {
              total: agreed(samples.map((s) => s.requests.total)),
              ok: agreed(samples.map((s) => s.requests.ok)),
              challenges: agreed(samples.map((s) => s.requests.challenges)),
              token: agreed(samples.map((s) => s.requests.token)),
            },
            bytesReceived: spread(samples.map((s) => s.bytesReceived)).median,
            shown: walks[0]!.shown[i]!,
          });
        });
      }
    } finally {
      await emulator.close();
    }
  }
  return rows;
}

export function treeTable(rows: readonly TreeRow[]): string {
  return noisyNote(
    table(
      [...SIGN_IN_COLUMNS, { title: 'step' }, ...REQUEST_COLUMNS, ...TIME_COLUMNS, { title: 'shown' }],
      rows.map((r) => [...signInCells(r), r.step, ...requestCells(r), ...timeCells(r), r.shown]),
    ),
  );
}

export const TREE_CAPTION =
  `Tree walk on the large dataset (${DEFAULT_LARGE.projects} projects, ${DEFAULT_LARGE.clusters.toLocaleString('en-US')} clusters, ` +
  `${DEFAULT_LARGE.restoreJobs.toLocaleString('en-US')} restore jobs, plus one cluster with ${DEEP_JOBS.toLocaleString('en-US')} cloud backup jobs), ` +
  `page size ${PAGE_SIZE}, a new client per walk; reproduced with the client and the tree's PagedList, not VS Code`;
