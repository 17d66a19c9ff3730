/**
 * The generated data sets.
 *
 * demo  — two organizations and five projects, built to show every status and delivery kind the spec
 *         lists (see README.md in this folder for the layout). The demo principals own organization 1;
 *         in organization 2 they only have GROUP_READ_ONLY in "Globex-Analytics" and nothing in
 *         "Globex-Internal".
 * large — sized by options for benchmarks; restore jobs are only counted at start-up and generated
 *         per cluster when first read.
 * empty — nothing; tests add their own fixtures.
 */
import { historyPlan } from './history';
import { DEFAULT_VARIANTS, type LegacyVariant } from './job-factory';
import { forkRng, objectId } from './prng';
import type { EmulatorStore } from './store';

export const DEFAULT_LARGE = { projects: 200, clusters: 2000, restoreJobs: 100_000 } as const;

/** Names the demo uses; tests and the README refer to them. */
export const DEMO = {
  orgs: { acme: 'Acme-Corp', globex: 'Globex-Partners' },
  projects: {
    production: 'Production',
    staging: 'Staging',
    lab: "R&D-Tom's-Lab",
    analytics: 'Globex-Analytics', // restricted: GROUP_READ_ONLY only
    internal: 'Globex-Internal', // no access at all
  },
  htmlFileName: '<img src=x onerror=alert(1)>.tar.gz',
  /** More than a page (the tree's default page size is 100): its list ends with "Load more…". */
  longList: { project: 'Production', cluster: 'prod-rs', family: 'legacy', jobs: 130 },
  /**
   * The jobs that move once running jobs are on (`runningJobs`, `npm run demo`): running ones already, by
   * their place in their cluster's list (newest first); each settles at `at` × runSeconds, as `outcome`.
   * The serverless one only while Atlas still lists serverless instances (before 2026-01-15).
   */
  /** `npm run demo`'s runSeconds: the last moving job settles this long after the start. */
  runSeconds: 50,
  moving: [
    // A download of the sharded cluster (one link per shard and the config server, private ones too).
    { clusterName: 'prod-sharded', family: 'cloudBackup', index: 1, at: 0.4, outcome: 'finished' },
    { clusterName: 'prod-serverless', family: 'serverless', index: 1, at: 0.55, outcome: 'finished', until: '2026-01-15' },
    // An HTTP download: url, urlV2, expires and hashes appear.
    { clusterName: 'prod-rs', family: 'legacy', index: 2, at: 0.7, outcome: 'finished' },
    // A download, QUEUED then RUNNING, that fails.
    { clusterName: 'prod-flex', family: 'flex', index: 2, at: 1, outcome: 'failed' },
  ],
  /**
   * Jobs whose download files get the `largeFile` option's size (all in Production, by place in their
   * list, newest first): `store.largeFileJobs()` names them with their ids, file names and SHA-1s.
   */
  largeFiles: [
    // HTTP, READY: urlV2 (served by the daemon itself, no redirect), url, and `hashes` with the file's SHA-1.
    { clusterName: 'prod-rs', family: 'legacy', index: 0 },
    // A finished download of a replica set: one S3 pre-signed link.
    { clusterName: 'prod-rs', family: 'cloudBackup', index: 0 },
  ],
  /**
   * Legacy jobs whose `urlV2` the daemon hands off to the storage host (302 to a presigned URL there,
   * once the auth header checked out): `store.storageRedirectJobs()`. The deprecated `url` is served directly.
   */
  storageRedirects: [
    { clusterName: 'prod-rs', family: 'legacy', index: 16 }, // CLIENT_PIT_HTTP, READY
    { clusterName: 'prod-rs', family: 'legacy', index: 56 }, // HTTP, READY
  ],
  /**
   * A restore history worth drawing (history.ts): a sharded cluster (2 shards and the config server) with
   * 60 cloud backup restores over the last `days` days — drills, ad-hoc downloads, incidents' bursts;
   * skewed lengths, a few failed, one or two cancelled, the newest still running — and `legacyBatches`
   * sharded legacy batches, the latest with one slow shard. Counts per outcome: read them from the store.
   */
  history: {
    project: 'Production',
    cluster: 'prod-orders',
    days: 150,
    /** Cloud backup restore jobs, the running one included (the same for every seed). */
    cloudBackupJobs: 60,
    /** The timeline's default window. */
    windowDays: 90,
    shards: 2,
    legacyBatches: 3,
    /** The latest legacy batch: minutes from request to ready per replica set (shard 0, shard 1, the config server). */
    latestBatchReadyMinutes: [40, 130, 12],
    /** Its slow one: shard 1 (index in the cluster's replica sets). */
    slowReplicaSet: 1,
  },
} as const;

export interface DemoOptions {
  /** The size of DEMO.largeFiles' files (EmulatorOptions.largeFile); default: KiB-sized like the rest. */
  largeFileBytes?: number;
}

export function buildDemo(store: EmulatorStore, options: DemoOptions = {}): void {
  const principals = store.principals();
  const acme = store.addOrganization(DEMO.orgs.acme, { created: store.daysAgo(1500) });
  const globex = store.addOrganization(DEMO.orgs.globex, { owners: [], created: store.daysAgo(800) });

  const production = store.addProject(acme.id, DEMO.projects.production, {
    created: store.daysAgo(1200),
    tags: [
      { key: 'environment', value: 'production' },
      { key: 'team', value: 'payments' },
    ],
  });
  const staging = store.addProject(acme.id, DEMO.projects.staging, { created: store.daysAgo(700), tags: [{ key: 'environment', value: 'staging' }] });
  const lab = store.addProject(acme.id, DEMO.projects.lab, { created: store.daysAgo(200) });
  const analytics = store.addProject(globex.id, DEMO.projects.analytics, { created: store.daysAgo(500) });
  const internal = store.addProject(globex.id, DEMO.projects.internal, { created: store.daysAgo(450) });

  // Production: a sharded cluster whose legacy restore is one batch (a job per shard plus the config
  // server), a replica set with more legacy jobs than a page holds (every method × delivery status,
  // over and over), and every other family.
  const rng = forkRng(store.seed, 'demo');
  const batchId = objectId(rng);
  const sharded = store.addCluster(production.id, 'dedicated', 'prod-sharded', {
    clusterType: 'SHARDED',
    shards: 3,
    provider: 'AWS',
    region: 'US_EAST_1',
    instanceSize: 'M40',
    privateEndpoint: true,
    tags: [{ key: 'tier', value: 'gold' }],
  });
  const batch: LegacyVariant[] = sharded.replicaSets.map((rs) => ({
    method: 'HTTP',
    delivery: 'READY',
    status: 'FINISHED',
    batch: { batchId, replicaSetName: rs },
  }));
  store.setRestoreJobPlan(sharded, 'legacy', [...batch, { method: 'AUTOMATED_RESTORE', delivery: 'IN_PROGRESS', status: 'IN_PROGRESS' }]);
  store.setRestoreJobPlan(sharded, 'cloudBackup', DEFAULT_VARIANTS.cloudBackup);
  store.addCluster(production.id, 'dedicated', 'prod-rs', {
    provider: 'AWS',
    region: 'US_EAST_1',
    instanceSize: 'M30',
    restoreJobs: { legacy: DEMO.longList.jobs, cloudBackup: 3 },
  });
  store.addCluster(production.id, 'serverless', 'prod-serverless', { provider: 'AWS', region: 'US_EAST_1', restoreJobs: { serverless: DEFAULT_VARIANTS.serverless } });
  store.addCluster(production.id, 'flex', 'prod-flex', { provider: 'AWS', region: 'US_EAST_1', restoreJobs: { flex: DEFAULT_VARIANTS.flex } });
  // Months of restores of one sharded cluster (DEMO.history). Added last and never the target of the
  // other clusters' automated restores, so their documents are what they were before it came.
  const orders = store.addCluster(production.id, 'dedicated', DEMO.history.cluster, {
    clusterType: 'SHARDED',
    shards: DEMO.history.shards,
    provider: 'AWS',
    region: 'US_EAST_1',
    instanceSize: 'M40',
    created: store.daysAgo(DEMO.history.days + 250),
    tags: [{ key: 'team', value: 'orders' }],
    restoreTarget: false,
  });
  const history = historyPlan(store.seed, store.anchor, orders.replicaSets, DEMO.history);
  store.setRestoreJobPlan(orders, 'legacy', history.legacy);
  store.setRestoreJobPlan(orders, 'cloudBackup', history.cloudBackup);

  // Staging: an empty cluster (the "no restore jobs" state) and a paused one with a few.
  store.addCluster(staging.id, 'dedicated', 'staging-rs', { provider: 'GCP', region: 'CENTRAL_US' });
  store.addCluster(staging.id, 'dedicated', 'staging-paused', { provider: 'GCP', region: 'CENTRAL_US', paused: true, restoreJobs: { cloudBackup: 2 } });
  store.addCluster(staging.id, 'flex', 'staging-flex', { provider: 'AZURE', region: 'EUROPE_WEST', restoreJobs: { flex: 3 } });

  // R&D lab: escaping cases — the project name has & and ', one file name is HTML.
  store.addCluster(lab.id, 'dedicated', 'lab-rs', {
    provider: 'AZURE',
    region: 'EUROPE_WEST',
    instanceSize: 'M10',
    restoreJobs: {
      legacy: [
        { method: 'HTTP', delivery: 'READY', status: 'FINISHED', fileName: DEMO.htmlFileName },
        { method: 'HTTP', delivery: 'EXPIRED', status: 'FINISHED' },
        { method: 'SCP', delivery: 'FAILED', status: 'BROKEN' },
      ],
      cloudBackup: 5,
    },
  });
  store.addCluster(lab.id, 'serverless', 'lab-serverless', { provider: 'GCP', region: 'CENTRAL_US', restoreJobs: { serverless: 2 } });
  // Atlas migrated serverless instances to flex clusters of the same name; this one shows both sides.
  store.addCluster(lab.id, 'flex', 'lab-serverless', { provider: 'GCP', region: 'CENTRAL_US', restoreJobs: { flex: 2 } });

  // Globex: read-only access in Analytics (cloud backup and serverless restore jobs answer 403),
  // nothing at all in Internal.
  store.addCluster(analytics.id, 'dedicated', 'analytics-rs', { provider: 'AWS', region: 'US_EAST_2', restoreJobs: { legacy: 3, cloudBackup: 3 } });
  store.addCluster(analytics.id, 'serverless', 'analytics-sl', { provider: 'AWS', region: 'US_EAST_2', restoreJobs: { serverless: 2 } });
  store.addCluster(analytics.id, 'flex', 'analytics-flex', { provider: 'AWS', region: 'US_EAST_2', restoreJobs: { flex: 2 } });
  store.addCluster(internal.id, 'dedicated', 'internal-rs', { provider: 'AWS', region: 'US_EAST_1', restoreJobs: { cloudBackup: 2 } });

  for (const p of principals) store.grant(p, analytics.id, ['GROUP_READ_ONLY']);

  // Still running, and settling within a minute once running jobs are on (they all live in Production).
  store.chooseMovingJobs(DEMO.moving.map((m) => ({ ...m, groupId: production.id })));

  for (const r of DEMO.storageRedirects) store.markJobFiles(production.id, r.clusterName, r.family, r.index, { storageRedirect: true });
  if (options.largeFileBytes !== undefined) {
    for (const l of DEMO.largeFiles) store.markJobFiles(production.id, l.clusterName, l.family, l.index, { bytes: options.largeFileBytes });
  }
}

export interface LargeSize {
  projects: number;
  clusters: number;
  restoreJobs: number;
}

/** Benchmark data: orgs of up to 100 projects, clusters spread evenly (3 dedicated : 1 serverless : 1 flex), jobs spread evenly. */
export function buildLarge(store: EmulatorStore, size: LargeSize): void {
  const orgCount = Math.max(1, Math.ceil(size.projects / 100));
  const orgs = Array.from({ length: orgCount }, (_, i) => store.addOrganization(`Bench-Org-${i + 1}`));
  const projects = Array.from({ length: size.projects }, (_, i) =>
    store.addProject(orgs[i % orgCount]!.id, `bench-project-${String(i + 1).padStart(4, '0')}`),
  );
  if (projects.length === 0) return;
  const perCluster = Math.floor(size.restoreJobs / Math.max(1, size.clusters));
  let remainder = size.restoreJobs - perCluster * size.clusters;
  for (let i = 0; i < size.clusters; i++) {
    const project = projects[i % projects.length]!;
    const kind = (['dedicated', 'dedicated', 'dedicated', 'serverless', 'flex'] as const)[i % 5]!;
    let jobs = perCluster;
    if (remainder > 0) {
      jobs++;
      remainder--;
    }
    const restoreJobs =
      kind === 'dedicated'
        ? { legacy: Math.floor(jobs * 0.3), cloudBackup: jobs - Math.floor(jobs * 0.3) }
        : kind === 'serverless'
          ? { serverless: jobs }
          : { flex: jobs };
    store.addCluster(project.id, kind, `bench-${kind.slice(0, 4)}-${String(i + 1).padStart(5, '0')}`, {
      clusterType: kind === 'dedicated' && i % 15 === 0 ? 'SHARDED' : 'REPLICASET',
      restoreJobs,
    });
  }
}
