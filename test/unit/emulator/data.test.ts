import { strict as assert } from 'node:assert';
import {
  CLOUD_VARIANTS,
  DEMO,
  FLEX_VARIANTS,
  startEmulator,
  type EmulatorStore,
  type RestoreFamily,
  type RunningEmulator,
} from '../../atlas-emulator';
import type { CloudBackupRestoreJob, FlexRestoreJob, LegacyRestoreJob, ServerlessRestoreJob } from '../../../src/atlas/types';
import { replicaSetId } from '../../atlas-emulator/job-factory';
import { ACCEPT, demoProjects, get, token } from './support';

/** Everything a store holds, as JSON with the base URL (the port) taken out. */
function snapshot(store: EmulatorStore): string {
  const data = {
    orgs: store.organizations(),
    projects: store.projects(),
    clusters: store.clusters(),
    jobs: store.clusters().map((c) =>
      (c.kind === 'dedicated' ? (['legacy', 'cloudBackup'] as RestoreFamily[]) : c.kind === 'serverless' ? ['serverless'] : ['flex']).map((f) =>
        store.restoreJobs(c.groupId, c.name, f as RestoreFamily),
      ),
    ),
  };
  return JSON.stringify(data).split(store.baseUrl).join('<base>');
}

const cloudState = (j: CloudBackupRestoreJob | ServerlessRestoreJob) =>
  j.cancelled ? 'cancelled' : j.expired ? 'expired' : j.failed ? 'failed' : j.finishedAt ? 'finished' : 'inProgress';

describe('emulator: generated data', function () {
  this.timeout(40_000);

  describe('determinism', () => {
    it('the same seed and today give the same data; another seed gives other data', async () => {
      const a = await startEmulator({ seed: 42, today: '2026-01-15' });
      const b = await startEmulator({ seed: 42, today: '2026-01-15' });
      const c = await startEmulator({ seed: 43, today: '2026-01-15' });
      try {
        // Read b's clusters in reverse order first: lazy generation must not depend on read order.
        for (const cl of [...b.store.clusters()].reverse()) b.store.restoreJobs(cl.groupId, cl.name, cl.kind === 'dedicated' ? 'cloudBackup' : cl.kind === 'serverless' ? 'serverless' : 'flex');
        assert.equal(snapshot(a.store), snapshot(b.store));
        assert.notEqual(snapshot(a.store), snapshot(c.store));
      } finally {
        await Promise.all([a.close(), b.close(), c.close()]);
      }
    });
  });

  describe('the demo layout', () => {
    let emu: RunningEmulator;
    before(async () => {
      emu = await startEmulator({ today: '2026-01-15' });
    });
    after(() => emu.close());

    it('two organizations, five projects (one named with & and \'), clusters of every kind', () => {
      const counts = emu.store.counts();
      assert.equal(counts.organizations, 2);
      assert.equal(counts.projects, 5);
      assert.deepEqual(counts.clusters, { dedicated: 8, serverless: 3, flex: 4 });
      assert.deepEqual(counts.restoreJobs, { legacy: 150, cloudBackup: 90, serverless: 19, flex: 18 });
      assert.deepEqual(emu.store.organizations().map((o) => o.name), [DEMO.orgs.acme, DEMO.orgs.globex]);
      assert.ok(emu.store.projects().some((p) => p.name.includes('&') && p.name.includes("'")));
      const sharded = emu.store.clusters(demoProjects(emu).production.id, 'dedicated').find((c) => c.clusterType === 'SHARDED')!;
      assert.equal(sharded.replicaSets.length, 4, '3 shards and a config server');
    });

    it('legacy jobs cover every statusName × methodName and every methodName × delivery.statusName', () => {
      const jobs = emu.store.projects().flatMap((p) =>
        emu.store.clusters(p.id, 'dedicated').flatMap((c) => emu.store.restoreJobs(p.id, c.name, 'legacy') as LegacyRestoreJob[]),
      );
      const pairs = (f: (j: LegacyRestoreJob) => string) => new Set(jobs.map(f));
      assert.equal(pairs((j) => `${j.statusName}|${j.delivery.methodName}`).size, 4 * 7);
      assert.equal(pairs((j) => `${j.delivery.methodName}|${j.delivery.statusName}`).size, 7 * 8);
      assert.ok(jobs.some((j) => j.hashes?.[0]?.fileName === DEMO.htmlFileName));
    });

    it('cloud backup and serverless cover deliveryType × cancelled/expired/failed/finished/in progress; flex status × deliveryType', () => {
      const p = demoProjects(emu).production;
      for (const [family, name] of [
        ['cloudBackup', 'prod-sharded'],
        ['serverless', 'prod-serverless'],
      ] as const) {
        const jobs = emu.store.restoreJobs(p.id, name, family) as CloudBackupRestoreJob[];
        const seen = new Set(jobs.map((j) => `${j.deliveryType}|${cloudState(j)}`));
        assert.equal(seen.size, CLOUD_VARIANTS.length, family);
        assert.equal(seen.size, 15);
      }
      const flex = emu.store.restoreJobs(p.id, 'prod-flex', 'flex') as FlexRestoreJob[];
      assert.equal(new Set(flex.map((j) => `${j.status}|${j.deliveryType}`)).size, 10);
      assert.equal(flex.length, FLEX_VARIANTS.length);
    });

    it('one list is longer than the tree\'s default page (100): prod-rs has 130 legacy restore jobs', async () => {
      const { project, cluster, family, jobs } = DEMO.longList;
      assert.equal(project, DEMO.projects.production);
      const p = demoProjects(emu).production;
      assert.equal(emu.store.restoreJobs(p.id, cluster, family).length, jobs);
      assert.ok(jobs > 100);
      const bearer = await token(emu.baseUrl);
      const first = await get(emu.baseUrl, `/api/atlas/v2/groups/${p.id}/clusters/${cluster}/restoreJobs`, { bearer, accept: ACCEPT.v20230101 });
      assert.equal(first.json.totalCount, 130);
      assert.equal(first.json.results.length, 100, 'a default page holds 100: the rest is "Load more…"');
      assert.ok(first.json.links.some((l: { rel: string }) => l.rel === 'next'));
    });

    describe('a sharded legacy batch carries what real batches carry', () => {
      let jobs: LegacyRestoreJob[];
      let batch: LegacyRestoreJob[];
      let cluster: ReturnType<EmulatorStore['clusters']>[number];
      before(() => {
        const p = demoProjects(emu).production;
        cluster = emu.store.cluster(p.id, 'dedicated', 'prod-sharded')!;
        jobs = emu.store.restoreJobs(p.id, 'prod-sharded', 'legacy');
        batch = jobs.filter((j) => j.batchId);
      });

      it('one job per replica set (3 shards, the config server), each with its own clusterId; clusterName is the cluster\'s', () => {
        assert.equal(batch.length, 4);
        assert.equal(new Set(batch.map((j) => j.batchId)).size, 1);
        const ids = batch.map((j) => j.clusterId!);
        assert.equal(new Set(ids).size, 4, 'a clusterId per replica set');
        for (const id of ids) assert.match(id, /^[a-f0-9]{24}$/);
        assert.ok(!ids.includes(cluster.id), 'not the sharded cluster\'s own id');
        assert.deepEqual(ids, cluster.replicaSets.map((rs) => replicaSetId(cluster.id, rs)));
        assert.ok(batch.every((j) => j.clusterName === 'prod-sharded'), 'the cluster that contains the snapshots');
        const lone = jobs.find((j) => !j.batchId)!;
        assert.equal(lone.clusterId, cluster.id, 'a job outside a batch names the cluster itself');
      });

      it('delivery url, urlV2 and the hash name the replica set\'s own file: <clusterName>-<replicaSetName>-<restore point>.tar.gz', () => {
        batch.forEach((j, i) => {
          const rs = cluster.replicaSets[i]!;
          const file = j.hashes?.[0]?.fileName;
          assert.equal(j.hashes?.length, 1, 'HTTP: one hash, of the .tar.gz file');
          assert.match(file ?? '', new RegExp(`^prod-sharded-${rs}-\\d{8}T\\d{6}\\.tar\\.gz$`));
          for (const url of [j.delivery.url!, j.delivery.urlV2!]) assert.equal(decodeURIComponent(new URL(url).pathname.split('/').at(-1)!), file);
        });
        assert.deepEqual(
          batch.map((j) => /-(shard-\d|config-\d)-/.exec(j.hashes![0]!.fileName!)?.[1]),
          ['shard-0', 'shard-1', 'shard-2', 'config-0'],
        );
        assert.equal(new Set(batch.map((j) => j.snapshotId)).size, 4, 'each replica set has its own snapshot');
      });

      it('one restore request: one created time, restore point, expiry, download limit and encryption for all', () => {
        const picks: ((j: LegacyRestoreJob) => unknown)[] = [
          (j: LegacyRestoreJob) => j.created,
          (j: LegacyRestoreJob) => JSON.stringify(j.timestamp),
          (j: LegacyRestoreJob) => j.delivery.expires,
          (j: LegacyRestoreJob) => j.delivery.expirationHours,
          (j: LegacyRestoreJob) => j.delivery.maxDownloads,
          (j: LegacyRestoreJob) => `${j.encryptionEnabled}:${j.masterKeyUUID}`,
        ];
        for (const pick of picks) {
          assert.equal(new Set(batch.map(pick)).size, 1, String(pick));
        }
        assert.equal(new Set(batch.map((j) => j.delivery.authValue)).size, 4, 'each file has its own key');
      });
    });

    it('dates are relative to "today": jobs are in the past; some links are expired, some are not', () => {
      const today = Date.parse('2026-01-15T12:00:00Z');
      const p = demoProjects(emu).production;
      const cloud = emu.store.restoreJobs(p.id, 'prod-sharded', 'cloudBackup') as CloudBackupRestoreJob[];
      for (const j of cloud) assert.ok(Date.parse(j.timestamp!) < today - 86_400_000);
      const expiries = cloud.filter((j) => j.expiresAt).map((j) => Date.parse(j.expiresAt!));
      assert.ok(expiries.some((t) => t < today - 86_400_000) && expiries.some((t) => t > today + 86_400_000));
    });
  });

  describe('fixtures for tests', () => {
    it('addCluster + addRestoreJobs make clusters with exactly 1, 500, 501 and 10,000 jobs, served and paged', async () => {
      const emu = await startEmulator({ dataset: 'empty', today: '2026-01-15' });
      try {
        assert.equal(emu.store.counts().projects, 0);
        const org = emu.store.addOrganization('Fixtures');
        const project = emu.store.addProject(org.id, 'fixtures');
        const bearer = await token(emu.baseUrl);
        for (const [n, family, kind] of [
          [1, 'legacy', 'dedicated'],
          [500, 'cloudBackup', 'dedicated'],
          [501, 'serverless', 'serverless'],
          [10_000, 'flex', 'flex'],
        ] as const) {
          const name = `c${n}`;
          emu.store.addCluster(project.id, kind, name);
          const t = Date.now();
          const added = emu.store.addRestoreJobs(project.id, name, family, n);
          const ms = Date.now() - t;
          assert.equal(added.length, n);
          assert.equal(new Set(added.map((j) => j.id)).size, n, 'ids are unique');
          const path = {
            legacy: `clusters/${name}/restoreJobs`,
            cloudBackup: `clusters/${name}/backup/restoreJobs`,
            serverless: `serverless/${name}/backup/restoreJobs`,
            flex: `flexClusters/${name}/backup/restoreJobs`,
          }[family];
          const r = await get(emu.baseUrl, `/api/atlas/v2/groups/${project.id}/${path}?itemsPerPage=500`, {
            bearer,
            accept: family === 'flex' ? ACCEPT.v20241113 : ACCEPT.v20230101,
          });
          assert.equal(r.status, 200);
          assert.equal(r.json.totalCount, n);
          assert.equal(r.json.results.length, Math.min(500, n));
          if (n === 10_000) console.log(`      (10,000 flex jobs generated in ${ms} ms)`);
        }
        assert.equal(emu.store.addRestoreJobs(project.id, 'c1', 'legacy', 2).length, 2);
        assert.equal(emu.store.restoreJobs(project.id, 'c1', 'legacy').length, 3);
        assert.throws(() => emu.store.addCluster(project.id, 'dedicated', 'bad name'));
        assert.throws(() => emu.store.addRestoreJobs(project.id, 'c1', 'flex', 1));
      } finally {
        await emu.close();
      }
    });
  });

  describe('the large dataset', () => {
    it('defaults to 200 projects, 2,000 clusters and 100,000 restore jobs, generated lazily (start-up printed)', async () => {
      const t = Date.now();
      const emu = await startEmulator({ dataset: 'large', today: '2026-01-15' });
      const startupMs = Date.now() - t;
      try {
        const c = emu.store.counts();
        console.log(`      (large dataset: start-up ${startupMs} ms; ${c.projects} projects, ${c.totalClusters} clusters, ${c.totalRestoreJobs} restore jobs)`);
        assert.equal(c.projects, 200);
        assert.equal(c.totalClusters, 2000);
        assert.equal(c.totalRestoreJobs, 100_000);
        assert.ok(startupMs < 3000, `start-up took ${startupMs} ms`);
        const bearer = await token(emu.baseUrl);
        const groups = await get(emu.baseUrl, '/api/atlas/v2/groups?itemsPerPage=500', { bearer, accept: ACCEPT.v20230101 });
        assert.equal(groups.json.totalCount, 200);
        const cluster = emu.store.clusters(undefined, 'dedicated')[0]!;
        const t2 = Date.now();
        const jobs = await get(emu.baseUrl, `/api/atlas/v2/groups/${cluster.groupId}/clusters/${cluster.name}/backup/restoreJobs`, { bearer, accept: ACCEPT.v20230101 });
        console.log(`      (first read of one cluster's ${jobs.json.totalCount} cloud backup jobs: ${Date.now() - t2} ms)`);
        assert.equal(jobs.status, 200);
        assert.ok(jobs.json.totalCount > 0);
      } finally {
        await emu.close();
      }
    });

    it('is sized by options', async () => {
      const emu = await startEmulator({ dataset: 'large', large: { projects: 7, clusters: 30, restoreJobs: 1001 } });
      try {
        const c = emu.store.counts();
        assert.deepEqual([c.projects, c.totalClusters, c.totalRestoreJobs], [7, 30, 1001]);
      } finally {
        await emu.close();
      }
    });
  });
});
