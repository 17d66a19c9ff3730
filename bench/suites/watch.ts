/**
 * Following running restore jobs (issue #9): 50 jobs over two connections (the demo service account and
 * the demo API key), simulated for ten minutes of virtual time by the watch scheduler with the real
 * AtlasClient against the emulator (see lib/virtualTime.ts), beside what one `atlas backups restores
 * watch` process per job would send.
 */
import { performance } from 'node:perf_hooks';
import type { AtlasClient, RestoreJobFamily } from '../../src/atlas';
import type { JobRef } from '../../src/jobs/jobRef';
import { WatchScheduler } from '../../src/watch/scheduler';
import { CLOUD_VARIANTS, FLEX_VARIANTS, LEGACY_VARIANTS, startEmulator, type ClusterOptions, type RunningEmulator } from '../../test/atlas-emulator';
import { AUTHS, PRINCIPALS, newClient } from '../lib/clients';
import { repeat } from '../lib/measure';
import { agreedCounts, countRequests } from '../lib/requests';
import { spread, type Spread } from '../lib/stats';
import { noisyNote, ratio, range, ms, table } from '../lib/table';
import { VirtualTimeAtlas } from '../lib/virtualTime';

const MINUTES = 10;
const MINUTE_MS = 60_000;
const JOBS = 50;
/** `atlas backups restores watch` polls its one job every 4 s. */
const CLI_PER_JOB_PER_MINUTE = 60 / 4;
const CLI_PER_MINUTE = JOBS * CLI_PER_JOB_PER_MINUTE;

interface Scenario {
  name: string;
  clusters: number;
  focused: boolean;
}

const SCENARIOS: readonly Scenario[] = [
  { name: '10 clusters × 5 jobs, focused', clusters: 10, focused: true },
  { name: '10 clusters × 5 jobs, not focused', clusters: 10, focused: false },
  { name: '50 clusters × 1 job, focused', clusters: 50, focused: true },
];

/** Cluster i's family: cloud backup, legacy and flex in turn; each cluster's running jobs are its newest. */
const FAMILIES: readonly RestoreJobFamily[] = ['cloudBackup', 'legacy', 'flex'];

function restoreJobs(family: RestoreJobFamily, running: number): ClusterOptions['restoreJobs'] {
  const times = <T>(n: number, v: T): T[] => Array.from({ length: n }, () => v);
  if (family === 'cloudBackup') return { cloudBackup: [...times(running, { deliveryType: 'automated', state: 'inProgress' } as const), ...CLOUD_VARIANTS] };
  if (family === 'legacy') return { legacy: [...times(running, { status: 'IN_PROGRESS', method: 'HTTP', delivery: 'IN_PROGRESS' } as const), ...LEGACY_VARIANTS] };
  return { flex: [...times(running, { status: 'RUNNING', deliveryType: 'RESTORE' } as const), ...FLEX_VARIANTS] };
}

/** Clusters alternate between the two connections, each in its connection's own project. */
async function startFixture(s: Scenario): Promise<{ emulator: RunningEmulator; refs: JobRef[] }> {
  const emulator = await startEmulator({ dataset: 'empty', latencyMs: 0, quiet: true });
  const org = emulator.store.addOrganization('Bench', { owners: PRINCIPALS });
  const projects = AUTHS.map((a) => emulator.store.addProject(org.id, `bench-watch-${a.credentials.kind}`));
  const perCluster = JOBS / s.clusters;
  const refs: JobRef[] = [];
  for (let i = 0; i < s.clusters; i++) {
    const auth = AUTHS[i % AUTHS.length]!;
    const groupId = projects[i % AUTHS.length]!.id;
    const family = FAMILIES[i % FAMILIES.length]!;
    const clusterName = `watch-${i}`;
    emulator.store.addCluster(groupId, family === 'flex' ? 'flex' : 'dedicated', clusterName, { restoreJobs: restoreJobs(family, perCluster) });
    for (const job of emulator.store.restoreJobs(groupId, clusterName, family).slice(0, perCluster)) {
      refs.push({ connectionId: auth.name, connectionLabel: auth.name, family, groupId, clusterName, jobId: job.id! });
    }
  }
  return { emulator, refs };
}

interface Run {
  ms: number;
  http: ReturnType<typeof countRequests>;
  lists: number;
  gets: number;
  sent: VirtualTimeAtlas['sent'];
  longestWaitMs: number;
}

async function simulate(emulator: RunningEmulator, refs: readonly JobRef[], focused: boolean): Promise<Run> {
  const clients = new Map<string, AtlasClient>(AUTHS.map((a) => [a.name, newClient(emulator, a.credentials)]));
  const atlas = new VirtualTimeAtlas(clients);
  const lastSeen = new Map<string, number>(refs.map((r) => [r.jobId, 0]));
  let longestWaitMs = 0;
  const seen = (jobId: string, at: number) => {
    longestWaitMs = Math.max(longestWaitMs, at - lastSeen.get(jobId)!);
    lastSeen.set(jobId, at);
  };
  const scheduler = new WatchScheduler(
    atlas,
    {
      update: (ref) => seen(ref.jobId, atlas.clock.now()),
      gone: (ref) => {
        throw new Error(`Job ${ref.jobId} gone: the benchmark's fixture is wrong.`);
      },
      unauthorized: (id, e) => {
        throw new Error(`Connection ${id} refused: ${String(e)}`);
      },
    },
    { clock: atlas.clock, isFocused: () => focused },
  );
  emulator.clearRequests();
  const started = performance.now();
  try {
    for (const r of refs) scheduler.watch(r);
    // Up to the last millisecond of minute 10, so that every request falls in one of the ten minutes.
    await atlas.clock.runUntil(MINUTES * MINUTE_MS - 1);
    for (const r of refs) seen(r.jobId, atlas.clock.now());
  } finally {
    scheduler.dispose();
    for (const c of clients.values()) c.dispose();
  }
  const elapsed = performance.now() - started;
  const http = countRequests(emulator.requests);
  if (http.other > 0 || http.ok !== scheduler.stats.requests) {
    throw new Error(`The emulator answered ${http.ok} of ${scheduler.stats.requests} watch requests with 200 (${http.other} other answers).`);
  }
  return { ms: elapsed, http, lists: scheduler.stats.lists, gets: scheduler.stats.gets, sent: atlas.sent, longestWaitMs };
}

export interface WatchRow {
  scenario: string;
  clusters: number;
  focused: boolean;
  ms: Spread;
  requests: { total: string; ok: string; challenges: string; token: string };
  lists: number;
  gets: number;
  perMinute: number;
  perConnectionPerMinute: Record<string, number>;
  /** Requests (the scheduler's) in minute 1, 2, … of the simulation, in all and per connection. */
  byMinute: { total: number; byConnection: Record<string, number> }[];
  /** The most one connection sent in any sliding minute (its budget is 30). */
  peakPerConnection: number;
  longestWaitSeconds: number;
  cliPerMinute: number;
}

function peakInAnyMinute(times: readonly number[]): number {
  return Math.max(0, ...times.map((t) => times.filter((u) => u >= t && u < t + MINUTE_MS).length));
}

function summarize(s: Scenario, runs: readonly Run[]): WatchRow {
  const last = runs.at(-1)!;
  const connections = AUTHS.map((a) => a.name);
  const of = (id: string) => last.sent.filter((x) => x.connectionId === id);
  const byMinute = Array.from({ length: MINUTES }, (_, m) => {
    const inMinute = last.sent.filter((x) => Math.floor(x.at / MINUTE_MS) === m);
    return { total: inMinute.length, byConnection: Object.fromEntries(connections.map((id) => [id, inMinute.filter((x) => x.connectionId === id).length])) };
  });
  return {
    scenario: s.name,
    clusters: s.clusters,
    focused: s.focused,
    ms: spread(runs.map((r) => r.ms)),
    requests: agreedCounts(runs.map((r) => r.http)),
    lists: last.lists,
    gets: last.gets,
    perMinute: last.sent.length / MINUTES,
    perConnectionPerMinute: Object.fromEntries(connections.map((id) => [id, of(id).length / MINUTES])),
    byMinute,
    peakPerConnection: Math.max(...connections.map((id) => peakInAnyMinute(of(id).map((x) => x.at)))),
    longestWaitSeconds: last.longestWaitMs / 1000,
    cliPerMinute: CLI_PER_MINUTE,
  };
}

export async function runWatch(opts: { runs: number }): Promise<WatchRow[]> {
  const rows: WatchRow[] = [];
  for (const s of SCENARIOS) {
    const { emulator, refs } = await startFixture(s);
    try {
      rows.push(summarize(s, await repeat(opts.runs, 1, () => simulate(emulator, refs, s.focused))));
    } finally {
      await emulator.close();
    }
  }
  return rows;
}

const NUMBER_COLUMNS = [
  'requests',
  '401',
  'token',
  'lists + gets',
  'per minute',
  'per connection',
  'peak/conn/min',
  'longest wait',
  'CLI per minute',
  'CLI ÷ this',
  'median ms',
  'min–max ms',
];

export function watchTables(rows: readonly WatchRow[]): string {
  const [first, second] = AUTHS.map((a) => a.name);
  const summary = table(
    [
      { title: 'scenario' },
      ...NUMBER_COLUMNS.map((title) => ({ title, align: 'right' as const })),
    ],
    rows.map((r) => [
      r.scenario,
      r.requests.total,
      r.requests.challenges,
      r.requests.token,
      `${r.lists} + ${r.gets}`,
      r.perMinute.toFixed(1),
      `${r.perConnectionPerMinute[first!]!.toFixed(1)} / ${r.perConnectionPerMinute[second!]!.toFixed(1)}`,
      String(r.peakPerConnection),
      `${r.longestWaitSeconds.toFixed(0)} s`,
      String(r.cliPerMinute),
      ratio(r.cliPerMinute / r.perMinute),
      ms(r.ms.median),
      range(r.ms),
    ]),
  );
  const perMinute = table(
    [{ title: 'minute', align: 'right' }, ...rows.map((r) => ({ title: r.scenario, align: 'right' as const })), { title: 'CLI', align: 'right' }],
    Array.from({ length: MINUTES }, (_, m) => [
      String(m + 1),
      ...rows.map((r) => {
        const b = r.byMinute[m]!;
        return `${b.total} (${b.byConnection[first!]} + ${b.byConnection[second!]})`;
      }),
      String(CLI_PER_MINUTE),
    ]),
  );
  return `${noisyNote(summary)}\n\nRequests sent in each minute of the simulation (${first} + ${second}):\n\n${perMinute}`;
}

export const WATCH_CAPTION =
  `Watch: ${JOBS} running restore jobs over two connections, ${MINUTES} minutes of virtual time, the real client against the emulator; ` +
  `one \`atlas backups restores watch\` per job would send ${CLI_PER_JOB_PER_MINUTE} a minute each`;
