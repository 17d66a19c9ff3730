/**
 * The demo's restore history (DEMO.history, history.ts): one sharded cluster with months of restores —
 * a spread worth drawing on a timeline — read over HTTP as the extension reads it, every answer
 * validated against the spec.
 */
import { strict as assert } from 'node:assert';
import type { CloudBackupRestoreJob, LegacyRestoreJob } from '../../../src/atlas/types';
import { objectIdTime } from '../../../src/jobs/objectIdTime';
import { DEMO, startEmulator, type ClusterRecord, type RunningEmulator } from '../../atlas-emulator';
import { replicaSetId } from '../../atlas-emulator/job-factory';
import { validateResponse } from '../../atlas-emulator/spec';
import { ACCEPT, type Answer, demoProjects, emulatorSuite, restoreJobsPath } from './support';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const TODAY = '2026-01-15';
const NOW = Date.parse(`${TODAY}T12:00:00Z`);

const requestedAt = (j: { id?: string }) => objectIdTime(j.id)!.getTime();
/** Time to ready: request → finishedAt (jobs that have one). */
const lengthOf = (j: CloudBackupRestoreJob) => Date.parse(j.finishedAt!) - requestedAt(j);
const outcome = (j: CloudBackupRestoreJob) =>
  j.cancelled ? 'cancelled' : j.failed ? 'failed' : j.expired ? 'expired' : j.finishedAt ? 'finished' : 'inProgress';
/** Nearest-rank percentile of sorted values. */
const percentile = (sorted: number[], p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
const within = (days: number) => (j: { id?: string }) => requestedAt(j) >= NOW - days * DAY;
/** A legacy job's completion, as the spec defines `expirationHours` ("hours after the restore job completes"). */
const completedAt = (j: LegacyRestoreJob) => Date.parse(j.delivery.expires!) - j.delivery.expirationHours! * HOUR;

describe('emulator: the demo restore history (DEMO.history)', function () {
  this.timeout(40_000);
  const suite = emulatorSuite({ today: TODAY });
  let cluster: ClusterRecord;
  let cloud: CloudBackupRestoreJob[];
  let legacy: LegacyRestoreJob[];
  let checked = 0;

  /** GET with the suite's token; the answer must be a 200 that validates against the spec. */
  async function valid(path: string, accept: string): Promise<Answer> {
    const r = await suite.call(path, accept);
    assert.equal(r.status, 200, `${path}: ${r.text.slice(0, 200)}`);
    const v = validateResponse({ method: 'GET', path }, r.status, r.contentType, r.text);
    assert.ok(v.valid, `${path} → ${v.schema}:\n  ${v.errors.slice(0, 8).join('\n  ')}`);
    checked++;
    return r;
  }

  before(async () => {
    const p = demoProjects(suite.emu).production;
    assert.equal(DEMO.history.project, DEMO.projects.production);
    cluster = suite.emu.store.cluster(p.id, 'dedicated', DEMO.history.cluster)!;
    assert.ok(cluster, `${DEMO.history.cluster} is in Production`);
    const c = restoreJobsPath('cloudBackup', p.id, DEMO.history.cluster);
    cloud = (await valid(`${c.path}?itemsPerPage=500`, c.accept)).json.results;
    const l = restoreJobsPath('legacy', p.id, DEMO.history.cluster);
    legacy = (await valid(`${l.path}?itemsPerPage=500`, l.accept)).json.results;
  });

  it('is a dedicated sharded cluster of 2 shards in Production (AWS, US_EAST_1, M40), created before its first restore', async () => {
    assert.deepEqual(
      { type: cluster.clusterType, replicaSets: cluster.replicaSets.length, provider: cluster.provider, region: cluster.region, size: cluster.instanceSize },
      { type: 'SHARDED', replicaSets: DEMO.history.shards + 1, provider: 'AWS', region: 'US_EAST_1', size: 'M40' },
    );
    assert.match(cluster.replicaSets.at(-1)!, /-config-0$/);
    const listed = (await valid(`/api/atlas/v2/groups/${cluster.groupId}/clusters`, ACCEPT.v20240805)).json.results.find(
      (c: { name: string }) => c.name === DEMO.history.cluster,
    );
    assert.equal(listed.clusterType, 'SHARDED');
    assert.equal(listed.replicationSpecs.length, DEMO.history.shards);
    const first = Math.min(...cloud.map(requestedAt), ...legacy.map(requestedAt));
    assert.ok(Date.parse(cluster.created) < first);
  });

  describe('cloud backup restores', () => {
    it(`${DEMO.history.cloudBackupJobs} of them, newest first, over more than 90 days and within ${DEMO.history.days}`, () => {
      assert.equal(cloud.length, DEMO.history.cloudBackupJobs);
      const times = cloud.map(requestedAt);
      assert.deepEqual(times, [...times].sort((a, b) => b - a), 'newest first');
      const oldest = NOW - Math.min(...times);
      assert.ok(oldest > 90 * DAY && oldest <= DEMO.history.days * DAY, `oldest ${(oldest / DAY).toFixed(1)} days ago`);
      for (const j of cloud) assert.equal(j.timestamp, new Date(requestedAt(j)).toISOString().replace('.000Z', 'Z'), 'the id tells the same time');
    });

    it('a 90-day window holds 25 or more (not all of them), a 30-day window fewer', () => {
      const in90 = cloud.filter(within(DEMO.history.windowDays)).length;
      const in30 = cloud.filter(within(30)).length;
      assert.ok(in90 >= 25 && in90 < cloud.length, `${in90} in 90 days`);
      assert.ok(in30 > 3 && in30 < in90 * 0.6, `${in30} in 30 days, ${in90} in 90`);
    });

    it('not evenly spread: routine gaps of days, and bursts of 3 or more restores within hours', () => {
      const times = cloud.map(requestedAt).reverse();
      const gaps = times.slice(1).map((t, i) => t - times[i]!);
      assert.ok(Math.max(...gaps) <= 14 * DAY, 'no month without a restore');
      assert.ok(gaps.filter((g) => g >= 3 * DAY).length >= 10, 'routine restores days apart');
      let bursts = 0;
      for (let i = 0; i + 2 < times.length; ) {
        if (times[i + 2]! - times[i]! <= 6 * HOUR) {
          bursts++;
          while (i + 1 < times.length && times[i + 1]! - times[i]! <= 3 * HOUR) i++;
        }
        i++;
      }
      assert.ok(bursts >= 3, `${bursts} bursts`);
    });

    it('lengths are skewed: mostly 15–60 min, the p90 at least 3× the median, one of 5 h or more', () => {
      for (const days of [DEMO.history.windowDays, DEMO.history.days]) {
        const lengths = cloud.filter(within(days)).filter((j) => j.finishedAt).map(lengthOf).sort((a, b) => a - b);
        const median = percentile(lengths, 0.5);
        const p90 = percentile(lengths, 0.9);
        const shown = `${days} days: median ${(median / MINUTE).toFixed(0)} min, p90 ${(p90 / MINUTE).toFixed(0)} min, longest ${(lengths.at(-1)! / HOUR).toFixed(1)} h`;
        assert.ok(median >= 15 * MINUTE && median <= 60 * MINUTE, shown);
        assert.ok(p90 >= 3 * median, shown);
        assert.ok(lengths.at(-1)! >= 5 * HOUR && lengths.at(-1)! <= 8 * HOUR, shown);
        assert.ok(lengths[0]! >= 15 * MINUTE, shown);
        assert.ok(lengths.filter((l) => l <= HOUR).length >= lengths.length * 0.6, `${shown}: most within an hour`);
        assert.ok(lengths.some((l) => l > HOUR && l <= 3 * HOUR), `${shown}: some of 1–3 h`);
      }
    });

    it('outcomes: mostly finished (downloads and automated restores, old links expired), 4–6 failed, 1–2 cancelled, the newest still running', () => {
      const count = (o: string) => cloud.filter((j) => outcome(j) === o).length;
      assert.ok(count('failed') >= 4 && count('failed') <= 6, `${count('failed')} failed`);
      assert.ok(count('cancelled') >= 1 && count('cancelled') <= 2, `${count('cancelled')} cancelled`);
      assert.equal(count('inProgress'), 1);
      assert.ok(count('finished') + count('expired') >= cloud.length * 0.8);
      assert.ok(count('expired') > 0, 'some links expired');
      for (const t of ['download', 'automated'] as const) assert.ok(cloud.some((j) => j.deliveryType === t && j.finishedAt), `a finished ${t}`);

      const [running] = cloud;
      assert.equal(outcome(running!), 'inProgress', 'the newest one');
      assert.equal(running!.finishedAt, undefined);
      // Noon UTC is "today": 12–13 h before it is in the past of every clock on that UTC day.
      assert.ok(requestedAt(running!) < NOW - 12 * HOUR && requestedAt(running!) > NOW - 13 * HOUR, 'requested 12 to 13 hours before "today"');
      assert.deepEqual(running!.deliveryUrl, []);
      assert.deepEqual(running!.components?.map((c) => c.replicaSetName), cluster.replicaSets, 'one component per shard and the config server, no links yet');

      for (const j of cloud.filter((x) => x.failed)) assert.equal(j.finishedAt, undefined, 'a failed job has no finishedAt (as the factory makes them)');
      for (const j of cloud.filter((x) => x.expired)) {
        assert.equal(j.deliveryType, 'download');
        assert.ok(Date.parse(j.expiresAt!) < NOW - DAY);
      }
      for (const j of cloud.slice(1).filter((x) => x.finishedAt)) assert.ok(Date.parse(j.finishedAt!) < NOW - DAY, 'ended a day or more ago');
      const downloads = cloud.filter((j) => j.deliveryType === 'download' && j.finishedAt);
      for (const j of downloads) assert.equal(j.deliveryUrl?.length, cluster.replicaSets.length, 'a link per shard and the config server');
    });
  });

  describe('legacy restores: sharded batches', () => {
    const batches = () => {
      const byId = new Map<string, LegacyRestoreJob[]>();
      for (const j of legacy) byId.set(j.batchId!, [...(byId.get(j.batchId!) ?? []), j]);
      return [...byId.values()];
    };

    it(`${DEMO.history.legacyBatches} batches over the months, each one job per replica set, HTTP, FINISHED, links expired`, () => {
      assert.ok(legacy.every((j) => j.batchId), 'every job is in a batch');
      const all = batches();
      assert.equal(all.length, DEMO.history.legacyBatches);
      for (const batch of all) {
        assert.deepEqual(
          batch.map((j) => j.clusterId),
          cluster.replicaSets.map((rs) => replicaSetId(cluster.id, rs)),
          'a job per shard, then the config server',
        );
        assert.equal(new Set(batch.map((j) => j.created)).size, 1, 'one restore request');
        assert.equal(new Set(batch.map((j) => j.delivery.expirationHours)).size, 1);
        for (const j of batch) {
          assert.deepEqual([j.statusName, j.delivery.methodName, j.delivery.statusName], ['FINISHED', 'HTTP', 'EXPIRED']);
          assert.equal(j.clusterName, DEMO.history.cluster);
          assert.ok(Date.parse(j.delivery.expires!) < NOW - DAY, 'expired long ago');
        }
      }
      const created = all.map((b) => Date.parse(b[0]!.created!));
      assert.deepEqual(created, [...created].sort((a, b) => b - a), 'newest batch first');
      assert.ok(created[0]! - created.at(-1)! > 90 * DAY, 'spread over months');
      assert.ok(created.every((t) => t > NOW - DEMO.history.days * DAY));
    });

    it('each job has its own completion (expires − expirationHours h); in the latest batch one shard is clearly the slow one', () => {
      for (const batch of batches()) {
        for (const j of batch) assert.ok(completedAt(j) > Date.parse(j.created!), 'completed after it was requested');
      }
      const latest = batches()[0]!;
      const minutes = latest.map((j) => (completedAt(j) - Date.parse(j.created!)) / MINUTE);
      assert.deepEqual([...minutes], [...DEMO.history.latestBatchReadyMinutes]);
      assert.equal(new Set(latest.map((j) => j.delivery.expires)).size, latest.length, 'each job its own expiry');
      const slow = DEMO.history.slowReplicaSet;
      assert.equal(minutes.indexOf(Math.max(...minutes)), slow);
      assert.match(cluster.replicaSets[slow]!, /-shard-1$/);
      for (const [i, m] of minutes.entries()) if (i !== slow) assert.ok(minutes[slow]! >= 2 * m, `${minutes[slow]} min vs ${m} min`);
    });

    it('an expired link answers 410', async () => {
      const j = legacy[0]!;
      const r = await fetch(j.delivery.urlV2!, { headers: { [j.delivery.authHeader!]: j.delivery.authValue! } });
      assert.equal(r.status, 410);
    });
  });

  it('every document of the history validates against the spec, listed and one by one', async () => {
    const p = demoProjects(suite.emu).production;
    for (const [family, jobs] of [
      ['cloudBackup', cloud],
      ['legacy', legacy],
    ] as const) {
      for (const j of jobs) {
        const one = restoreJobsPath(family, p.id, DEMO.history.cluster, j.id);
        const r = await valid(one.path, one.accept);
        assert.equal(r.json.id, j.id);
      }
    }
    const l = restoreJobsPath('legacy', p.id, DEMO.history.cluster);
    await valid(`${l.path}?batchId=${legacy[0]!.batchId}`, l.accept);
    assert.ok(checked >= cloud.length + legacy.length);
  });

  it('the other demo clusters are not its restore target: their automated restores name what they named before', () => {
    const p = demoProjects(suite.emu).production;
    for (const name of ['prod-sharded', 'prod-rs']) {
      const targets = suite.emu.store.restoreJobs(p.id, name, 'cloudBackup').map((j) => j.targetClusterName);
      assert.ok(!targets.includes(DEMO.history.cluster), name);
    }
    const own = new Set(cloud.filter((j) => j.deliveryType === 'automated').map((j) => j.targetClusterName));
    assert.ok(!own.has(DEMO.history.cluster) && own.size > 0, 'its own automated restores go to another cluster');
  });

  describe('other seeds give another history of the same shape', () => {
    for (const seed of [2, 7, 42]) {
      it(`seed ${seed}`, async () => {
        const emu: RunningEmulator = await startEmulator({ seed, today: TODAY });
        try {
          const p = demoProjects(emu).production;
          const jobs = emu.store.restoreJobs(p.id, DEMO.history.cluster, 'cloudBackup');
          assert.equal(jobs.length, DEMO.history.cloudBackupJobs, 'the same count whatever the seed');
          assert.notEqual(jobs[1]!.id, cloud[1]!.id);
          const lengths = jobs.filter((j) => j.finishedAt).map(lengthOf).sort((a, b) => a - b);
          assert.ok(percentile(lengths, 0.9) >= 3 * percentile(lengths, 0.5));
          assert.ok(lengths.at(-1)! >= 5 * HOUR);
          assert.ok(NOW - Math.min(...jobs.map(requestedAt)) > 90 * DAY);
          assert.ok(jobs.filter(within(90)).length >= 25);
          const failed = jobs.filter((j) => j.failed).length;
          const cancelled = jobs.filter((j) => j.cancelled).length;
          assert.ok(failed >= 4 && failed <= 6 && cancelled >= 1 && cancelled <= 2);
          assert.equal(outcome(jobs[0]!), 'inProgress');
          const legacyJobs = emu.store.restoreJobs(p.id, DEMO.history.cluster, 'legacy');
          assert.equal(legacyJobs.length, DEMO.history.legacyBatches * (DEMO.history.shards + 1));
          const latest = legacyJobs.slice(0, DEMO.history.shards + 1).map((j) => (completedAt(j) - Date.parse(j.created!)) / MINUTE);
          assert.deepEqual(latest, [...DEMO.history.latestBatchReadyMinutes]);
        } finally {
          await emu.close();
        }
      });
    }
  });
});
