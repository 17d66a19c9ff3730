/**
 * Jobs that run and settle over time (lifecycle.ts, job-states.ts): driven by the emulator's clock —
 * `emu.advance(ms)` — never by sleeping.
 */
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { DEMO, outcomeFor, type RestoreFamily, type RunningEmulator, startEmulator } from '../../atlas-emulator';
import { addDeploymentsOfEveryKind, controlCall, get, restoreJobsPath, token } from './support';

const TODAY = '2026-01-10'; // serverless restore jobs are still served
const SECOND = 1000;

interface Session {
  emu: RunningEmulator;
  groupId: string;
  bearer: string;
  /** The job as the API serves it now. */
  read(family: RestoreFamily, clusterName: string, jobId: string): Promise<any>;
  /** The ids of a cluster's list, newest first, as the API serves it. */
  ids(family: RestoreFamily, clusterName: string): Promise<string[]>;
}

async function session(options: Parameters<typeof startEmulator>[0] = {}): Promise<Session> {
  const emu = await startEmulator({ dataset: 'empty', today: TODAY, ...options });
  const groupId = addDeploymentsOfEveryKind(emu);
  const bearer = await token(emu.baseUrl);
  const call = async (family: RestoreFamily, clusterName: string, jobId?: string) => {
    const { path, accept } = restoreJobsPath(family, groupId, clusterName, jobId);
    const r = await get(emu.baseUrl, path, { bearer, accept });
    assert.equal(r.status, 200, `${path}: ${r.text.slice(0, 200)}`);
    return r.json;
  };
  return {
    emu,
    groupId,
    bearer,
    read: (family, clusterName, jobId) => call(family, clusterName, jobId),
    ids: async (family, clusterName) => ((await call(family, clusterName)).results as { id: string }[]).map((j) => j.id),
  };
}

async function download(url: string, headers: Record<string, string> = {}): Promise<{ status: number; sha1: string }> {
  const r = await fetch(url, { headers });
  const bytes = Buffer.from(await r.arrayBuffer());
  return { status: r.status, sha1: createHash('sha1').update(bytes).digest('hex') };
}

const iso = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

describe('emulator: restore jobs that run and settle (running jobs, the clock, setJobState)', function () {
  this.timeout(30_000);
  let s: Session;
  beforeEach(async () => {
    s = await session();
  });
  afterEach(() => s.emu.close());

  it('without the option nothing moves: added jobs go last, generated days ago, and stay as they are', async () => {
    const before = s.emu.store.addRestoreJobs(s.groupId, 'Rs', 'legacy', 9);
    const again = s.emu.store.addRestoreJobs(s.groupId, 'Rs', 'legacy', 1)[0]!;
    assert.equal((await s.ids('legacy', 'Rs')).at(-1), again.id);
    assert.ok(Date.parse(again.created!) < s.emu.now().getTime() - 2 * 86_400_000);
    s.emu.advance(3_600_000);
    assert.deepEqual(s.emu.store.restoreJobs(s.groupId, 'Rs', 'legacy').slice(0, 9), before);
    assert.deepEqual(s.emu.movingJobs(), []);
  });

  it('a job added while running jobs are on is requested now, goes first, runs, and settles after runSeconds of emulator time', async () => {
    s.emu.setRunningJobs({ runSeconds: 30 });
    const start = s.emu.now().getTime();
    s.emu.store.addRestoreJobs(s.groupId, 'Rs', 'legacy', 3);
    // Asked for a finished variant: while the option is on, a new job runs whatever its variant.
    const [legacy] = s.emu.store.addRestoreJobs(s.groupId, 'Rs', 'legacy', [{ method: 'HTTP', delivery: 'READY', status: 'FINISHED' }]);
    const [cloud] = s.emu.store.addRestoreJobs(s.groupId, 'Sharded', 'cloudBackup', [{ deliveryType: 'download', state: 'finished' }]);
    const [serverless] = s.emu.store.addRestoreJobs(s.groupId, 'Sl', 'serverless', [{ deliveryType: 'download', state: 'finished' }]);
    const [flex] = s.emu.store.addRestoreJobs(s.groupId, 'Fx', 'flex', [{ deliveryType: 'DOWNLOAD', status: 'COMPLETED' }]);
    assert.equal((await s.ids('legacy', 'Rs'))[0], legacy!.id, 'newest first');
    assert.ok(Math.abs(Date.parse(legacy!.created!) - start) < 2 * SECOND, 'requested now, on the emulator clock');
    assert.equal(parseInt(cloud!.id!.slice(0, 8), 16), Math.floor(Date.parse(legacy!.created!) / 1000), 'the id tells the same time');

    const running = async () => {
      const l = await s.read('legacy', 'Rs', legacy!.id!);
      assert.equal(l.statusName, 'IN_PROGRESS');
      assert.equal(l.delivery.statusName, 'IN_PROGRESS');
      assert.ok(!('urlV2' in l.delivery) && !('hashes' in l));
      for (const [family, name, id] of [['cloudBackup', 'Sharded', cloud!.id], ['serverless', 'Sl', serverless!.id]] as const) {
        const c = await s.read(family, name, id!);
        assert.deepEqual([c.finishedAt, c.deliveryUrl, c.failed, c.cancelled], [undefined, [], false, false], family);
      }
      return (await s.read('flex', 'Fx', flex!.id!)).status as string;
    };
    assert.equal(await running(), 'QUEUED');
    s.emu.advance(7 * SECOND); // past a fifth of the run
    assert.equal(await running(), 'RUNNING');
    s.emu.advance(21 * SECOND); // 28 s in
    assert.equal(await running(), 'RUNNING');
    s.emu.advance(3 * SECOND); // 31 s in

    const moving = new Map(s.emu.movingJobs().map((m) => [m.jobId, m]));
    const settlesAt = moving.get(legacy!.id!)!.settlesAt!;
    assert.ok(Math.abs(Date.parse(settlesAt) - start - 30 * SECOND) <= SECOND, `${settlesAt} is 30 s after the start`);
    for (const id of [legacy, cloud, serverless, flex].map((j) => j!.id!)) {
      assert.deepEqual([moving.get(id)?.state, moving.get(id)?.outcome], ['finished', 'finished']);
    }

    const l = await s.read('legacy', 'Rs', legacy!.id!);
    assert.equal(l.statusName, 'FINISHED');
    assert.equal(l.delivery.statusName, 'READY');
    assert.equal(l.delivery.expires, iso(Date.parse(moving.get(legacy!.id!)!.settlesAt!) + l.delivery.expirationHours * 3_600_000));
    assert.equal(l.hashes.length, 1);
    const got = await download(l.delivery.urlV2, { [l.delivery.authHeader]: l.delivery.authValue });
    assert.deepEqual(got, { status: 200, sha1: l.hashes[0].hash });
    assert.equal((await download(l.delivery.url)).status, 200);

    const c = await s.read('cloudBackup', 'Sharded', cloud!.id!);
    assert.equal(c.finishedAt, moving.get(cloud!.id!)!.settlesAt, 'finishedAt is the emulator time it settled');
    assert.equal(c.deliveryUrl.length, 4, 'one file per shard and the config server');
    assert.equal(c.privateDownloadDeliveryUrls.length, 4);
    assert.deepEqual(c.components.map((x: { downloadUrl: string }) => x.downloadUrl), c.deliveryUrl);
    for (const url of c.deliveryUrl) assert.equal((await download(url)).status, 200);
    const sl = await s.read('serverless', 'Sl', serverless!.id!);
    assert.equal(sl.finishedAt, moving.get(serverless!.id!)!.settlesAt);
    assert.equal(sl.deliveryUrl.length, 1);
    assert.equal((await download(sl.deliveryUrl[0])).status, 200);
    const f = await s.read('flex', 'Fx', flex!.id!);
    assert.equal(f.status, 'COMPLETED');
    assert.equal(f.restoreFinishedDate, moving.get(flex!.id!)!.settlesAt);
    assert.equal((await download(f.snapshotUrl)).status, 200);
  });

  it('a job settles at its own time even when the clock jumps past it, and stays settled when the clock goes back', async () => {
    s.emu.setRunningJobs({ runSeconds: 60 });
    const [job] = s.emu.store.addRestoreJobs(s.groupId, 'Rs', 'cloudBackup', [{ deliveryType: 'automated', state: 'inProgress' }]);
    const settlesAt = s.emu.movingJobs()[0]!.settlesAt!;
    s.emu.setToday('2026-02-01'); // nothing read in between
    s.emu.setToday(TODAY); // and back, before its settle time
    const c = await s.read('cloudBackup', 'Rs', job!.id!);
    assert.equal(c.finishedAt, settlesAt);
    assert.equal(c.deliveryUrl, undefined, 'an automated restore has no links');
  });

  it('which jobs fail is the fail share of them, predictable from the seed and the job id (outcomeFor)', async () => {
    const failing = async (seed: number) => {
      const t = await session({ seed, runningJobs: { runSeconds: 10, failShare: 0.3 } });
      try {
        const jobs = t.emu.store.addRestoreJobs(t.groupId, 'Rs', 'cloudBackup', 200);
        t.emu.advance(11 * SECOND);
        const failed = t.emu.store.restoreJobs(t.groupId, 'Rs', 'cloudBackup').filter((j) => j.failed).map((j) => j.id!);
        const predicted = jobs.filter((j) => outcomeFor(seed, j.id!, 0.3) === 'failed').map((j) => j.id!);
        assert.deepEqual(failed.sort(), predicted.sort());
        assert.deepEqual(t.emu.movingJobs().filter((m) => m.outcome === 'failed').map((m) => m.jobId).sort(), predicted);
        return failed;
      } finally {
        await t.emu.close();
      }
    };
    const a = await failing(1);
    assert.deepEqual(await failing(1), a, 'the same seed fails the same jobs');
    assert.ok(a.length >= 40 && a.length <= 80, `${a.length} of 200 failed`);
    assert.notDeepEqual(await failing(2), a);

    s.emu.setRunningJobs({ runSeconds: 5, failShare: 1 });
    const all = s.emu.store.addRestoreJobs(s.groupId, 'Rs', 'legacy', 8);
    s.emu.setRunningJobs({ runSeconds: 5, failShare: 0 });
    const none = s.emu.store.addRestoreJobs(s.groupId, 'Fx', 'flex', 4);
    s.emu.advance(6 * SECOND);
    for (const j of all) assert.deepEqual(await s.read('legacy', 'Rs', j.id!).then((d) => [d.statusName, d.delivery.statusName]), ['BROKEN', 'FAILED']);
    for (const j of none) assert.equal((await s.read('flex', 'Fx', j.id!)).status, 'COMPLETED');
  });

  it('setJobState moves one job to any state now, per family; running holds it (or runs it runSeconds)', async () => {
    const [legacy] = s.emu.store.addRestoreJobs(s.groupId, 'Rs', 'legacy', [{ method: 'HTTP', delivery: 'READY', status: 'FINISHED' }]);
    const [cloud] = s.emu.store.addRestoreJobs(s.groupId, 'Rs', 'cloudBackup', [{ deliveryType: 'download', state: 'expired' }]);
    const [flex] = s.emu.store.addRestoreJobs(s.groupId, 'Fx', 'flex', [{ deliveryType: 'RESTORE', status: 'COMPLETED' }]);
    const now = () => iso(s.emu.now().getTime());

    let m = s.emu.setJobState(legacy!.id!, 'running');
    assert.deepEqual([m.state, m.settlesAt], ['running', undefined]);
    s.emu.advance(86_400_000);
    let l = await s.read('legacy', 'Rs', legacy!.id!);
    assert.deepEqual([l.statusName, l.delivery.statusName, l.hashes, l.delivery.url], ['IN_PROGRESS', 'IN_PROGRESS', undefined, undefined]);
    s.emu.setJobState(legacy!.id!, 'cancelled');
    l = await s.read('legacy', 'Rs', legacy!.id!);
    assert.deepEqual([l.statusName, l.delivery.statusName], ['KILLED', 'INTERRUPTED']);
    s.emu.setJobState(legacy!.id!, 'finished');
    l = await s.read('legacy', 'Rs', legacy!.id!);
    assert.deepEqual([l.statusName, l.delivery.statusName, l.hashes.length], ['FINISHED', 'READY', 1]);

    s.emu.setJobState(cloud!.id!, 'running');
    let c = await s.read('cloudBackup', 'Rs', cloud!.id!);
    assert.deepEqual([c.expired, c.finishedAt, c.expiresAt, c.deliveryUrl], [false, undefined, undefined, []]);
    s.emu.setJobState(cloud!.id!, 'finished');
    c = await s.read('cloudBackup', 'Rs', cloud!.id!);
    assert.equal(c.finishedAt, now());
    assert.equal(c.deliveryUrl.length, 1);
    s.emu.setJobState(cloud!.id!, 'cancelled');
    c = await s.read('cloudBackup', 'Rs', cloud!.id!);
    assert.deepEqual([c.cancelled, c.failed, c.finishedAt, c.deliveryUrl], [true, false, undefined, []]);

    assert.throws(() => s.emu.setJobState(flex!.id!, 'cancelled'), /flex restore job cannot be cancelled/);
    assert.equal(s.emu.movingJobs().find((j) => j.jobId === flex!.id), undefined, 'refused: nothing changed');
    assert.equal((await s.read('flex', 'Fx', flex!.id!)).status, 'COMPLETED');
    s.emu.setJobState(flex!.id!, 'failed');
    const f = await s.read('flex', 'Fx', flex!.id!);
    assert.deepEqual([f.status, f.restoreFinishedDate], ['FAILED', now()]);
    m = s.emu.setJobState(flex!.id!, 'running', { runSeconds: 20, outcome: 'failed' });
    assert.equal((await s.read('flex', 'Fx', flex!.id!)).status, 'QUEUED');
    s.emu.advance(21 * SECOND);
    assert.deepEqual([(await s.read('flex', 'Fx', flex!.id!)).status, m.outcome], ['FAILED', 'failed']);

    assert.throws(() => s.emu.setJobState('0123456789abcdef01234567', 'finished'), /No restore job/);
    assert.throws(() => s.emu.setJobState(legacy!.id!, 'done' as 'finished'), /state must be one of/);
    assert.throws(() => s.emu.setJobState(legacy!.id!, 'failed', { runSeconds: 3 }), /runSeconds goes with the state running/);
  });
});

describe('emulator: the control routes of running jobs (over HTTP)', function () {
  this.timeout(30_000);
  let s: Session;
  const control = (method: string, path: string, body?: unknown) => controlCall(s.emu.baseUrl, method, path, body);
  before(async () => {
    s = await session();
  });
  after(() => s.emu.close());

  it('POST running-jobs, POST restore-jobs and POST clock/advance: added jobs run, then settle', async () => {
    let r = await control('POST', 'running-jobs', { runSeconds: 20, failShare: 0 });
    assert.equal(r.status, 200);
    assert.deepEqual(r.json, { runningJobs: { runSeconds: 20, failShare: 0 }, movingJobs: [] });
    r = await control('POST', 'restore-jobs', { groupId: s.groupId, clusterName: 'Rs', family: 'legacy', count: 2 });
    assert.equal(r.status, 200);
    const ids: string[] = r.json.jobs;
    assert.deepEqual(r.json.moving.map((m: { state: string }) => m.state), ['running', 'running']);
    assert.deepEqual((await s.ids('legacy', 'Rs')).slice(0, 2), ids);
    assert.equal((await s.read('legacy', 'Rs', ids[0]!)).statusName, 'IN_PROGRESS');

    r = await control('POST', 'clock/advance', { seconds: 21 });
    assert.equal(r.status, 200);
    assert.equal(r.json.today, TODAY);
    assert.deepEqual(r.json.movingJobs.map((m: { state: string }) => m.state), ['finished', 'finished']);
    assert.equal((await s.read('legacy', 'Rs', ids[1]!)).statusName, 'FINISHED');

    const state = (await control('GET', 'state')).json;
    assert.deepEqual(state.runningJobs, { runSeconds: 20, failShare: 0 });
    assert.equal(state.movingJobs.length, 2);
    assert.deepEqual((await control('DELETE', 'running-jobs')).json.runningJobs, null);
    r = await control('POST', 'restore-jobs', { groupId: s.groupId, clusterName: 'Rs', family: 'legacy' });
    assert.equal((await s.ids('legacy', 'Rs')).at(-1), r.json.jobs[0], 'with the option off an added job goes last');
    assert.deepEqual(r.json.moving, []);
  });

  it('POST jobs/{jobId}/state moves one job of each family; the API serves the new document', async () => {
    const jobs = {
      legacy: s.emu.store.addRestoreJobs(s.groupId, 'Rs', 'legacy', [{ method: 'CLIENT_PIT_HTTP', delivery: 'NOT_STARTED', status: 'IN_PROGRESS' }])[0]!.id!,
      cloudBackup: s.emu.store.addRestoreJobs(s.groupId, 'Sharded', 'cloudBackup', [{ deliveryType: 'download', state: 'inProgress' }])[0]!.id!,
      serverless: s.emu.store.addRestoreJobs(s.groupId, 'Sl', 'serverless', [{ deliveryType: 'pointInTime', state: 'inProgress', pit: 'oplog' }])[0]!.id!,
      flex: s.emu.store.addRestoreJobs(s.groupId, 'Fx', 'flex', [{ deliveryType: 'DOWNLOAD', status: 'PENDING' }])[0]!.id!,
    };
    const cluster = { legacy: 'Rs', cloudBackup: 'Sharded', serverless: 'Sl', flex: 'Fx' } as const;
    const expected: Record<string, Record<RestoreFamily, (d: any) => boolean>> = {
      finished: {
        legacy: (d) => d.statusName === 'FINISHED' && d.delivery.statusName === 'READY' && typeof d.delivery.urlV2 === 'string',
        cloudBackup: (d) => typeof d.finishedAt === 'string' && d.deliveryUrl.length === 4,
        serverless: (d) => typeof d.finishedAt === 'string' && d.deliveryUrl === undefined,
        flex: (d) => d.status === 'COMPLETED' && typeof d.snapshotUrl === 'string',
      },
      failed: {
        legacy: (d) => d.statusName === 'BROKEN' && d.delivery.statusName === 'FAILED' && d.hashes === undefined,
        cloudBackup: (d) => d.failed === true && d.finishedAt === undefined && d.deliveryUrl.length === 0,
        serverless: (d) => d.failed === true,
        flex: (d) => d.status === 'FAILED' && d.snapshotUrl === undefined,
      },
      cancelled: {
        legacy: (d) => d.statusName === 'KILLED' && d.delivery.statusName === 'INTERRUPTED',
        cloudBackup: (d) => d.cancelled === true,
        serverless: (d) => d.cancelled === true,
        flex: () => false,
      },
      running: {
        legacy: (d) => d.statusName === 'IN_PROGRESS' && d.delivery.url === undefined,
        cloudBackup: (d) => d.finishedAt === undefined && d.failed === false && d.cancelled === false && d.deliveryUrl.length === 0,
        serverless: (d) => d.finishedAt === undefined && d.failed === false && d.cancelled === false,
        flex: (d) => d.status === 'RUNNING' && d.restoreFinishedDate === undefined,
      },
    };
    for (const state of ['finished', 'failed', 'cancelled', 'running'] as const) {
      for (const family of Object.keys(jobs) as RestoreFamily[]) {
        const r = await control('POST', `jobs/${jobs[family]}/state`, { state });
        if (family === 'flex' && state === 'cancelled') {
          assert.equal(r.status, 400);
          assert.match(r.json.error, /cannot be cancelled/);
          continue;
        }
        assert.equal(r.status, 200, `${family} → ${state}: ${JSON.stringify(r.json)}`);
        assert.deepEqual([r.json.jobId, r.json.family, r.json.state], [jobs[family], family, state]);
        const served = await s.read(family, cluster[family], jobs[family]);
        assert.deepEqual(r.json.document, served);
        assert.ok(expected[state]![family](served), `${family} → ${state}: ${JSON.stringify(served).slice(0, 300)}`);
      }
    }
    // A run of its own from another process: 'running' with runSeconds and an outcome.
    let r = await control('POST', `jobs/${jobs.legacy}/state`, { state: 'running', runSeconds: 5, outcome: 'failed' });
    assert.deepEqual([r.json.state, r.json.outcome], ['running', 'failed']);
    await control('POST', 'clock/advance', { ms: 5_500 });
    assert.equal((await s.read('legacy', 'Rs', jobs.legacy)).statusName, 'BROKEN');

    r = await control('POST', `jobs/${jobs.legacy}/state`, { state: 'done' });
    assert.deepEqual([r.status, r.json.error], [400, 'state must be one of running, finished, failed, cancelled']);
    assert.equal((await control('POST', 'jobs/0123456789abcdef01234567/state', { state: 'finished' })).status, 404);
    assert.equal((await control('POST', 'running-jobs', {})).status, 400);
    assert.equal((await control('POST', 'running-jobs', { runSeconds: 5, failShare: 2 })).status, 400);
    assert.equal((await control('POST', 'clock/advance', { ms: -1 })).status, 400);
    assert.equal((await control('POST', 'restore-jobs', { groupId: s.groupId, clusterName: 'Rs', family: 'nope' })).status, 400);
    assert.equal((await control('POST', 'restore-jobs', { groupId: s.groupId, clusterName: 'Nope', family: 'legacy' })).status, 400);
  });
});

describe("emulator: the demo's moving jobs", function () {
  this.timeout(30_000);

  for (const [today, families] of [
    ['2026-01-15', ['cloudBackup', 'legacy', 'flex']], // Atlas lists no serverless instance from this day
    ['2026-01-10', ['cloudBackup', 'serverless', 'legacy', 'flex']],
  ] as const) {
    it(`with runSeconds ${DEMO.runSeconds} (npm run demo), on ${today}: one per family runs at the start and settles within 60 s, one fails`, async () => {
      const emu = await startEmulator({ dataset: 'demo', today, runningJobs: { runSeconds: DEMO.runSeconds } });
      try {
        const bearer = await token(emu.baseUrl);
        const start = emu.now().getTime();
        const moving = emu.movingJobs();
        assert.deepEqual(moving.map((m) => m.family), families);
        assert.ok(moving.every((m) => m.chosen && m.state === 'running' && m.clusterName.startsWith('prod-')));
        assert.deepEqual(moving.filter((m) => m.outcome === 'failed').map((m) => m.family), ['flex']);
        for (const m of moving) {
          const seconds = (Date.parse(m.settlesAt!) - start) / 1000;
          assert.ok(seconds >= 15 && seconds <= 60, `${m.family} settles ${seconds} s after the start`);
        }
        const served = async () => {
          const docs = [];
          for (const m of moving) {
            const { path, accept } = restoreJobsPath(m.family, m.groupId, m.clusterName, m.jobId);
            docs.push((await get(emu.baseUrl, path, { bearer, accept })).json);
          }
          return docs;
        };
        const before = await served();
        assert.equal(before.find((d) => 'instanceName' in d).status, 'QUEUED');
        emu.advance(60 * SECOND);
        assert.deepEqual(emu.movingJobs().map((m) => m.state), moving.map((m) => m.outcome));
        const after = await served();
        assert.equal(after.find((d) => 'statusName' in d).statusName, 'FINISHED');
        assert.equal(after.find((d) => 'instanceName' in d).status, 'FAILED');
        assert.ok(after.filter((d) => 'deliveryType' in d && 'finishedAt' in d).every((d) => d.deliveryUrl.length > 0));

        // Turning running jobs on again starts them over from now (the demo does so once VS Code is ready).
        const again = emu.setRunningJobs({ runSeconds: 20 });
        assert.deepEqual(again.map((m) => m.state), families.map(() => 'running'));
        const restarted = await served();
        assert.equal(restarted.find((d) => 'statusName' in d).statusName, 'IN_PROGRESS');
        assert.equal(restarted.find((d) => 'instanceName' in d).status, 'QUEUED');
        assert.ok(restarted.filter((d) => 'deliveryType' in d && 'failed' in d).every((d) => d.finishedAt === undefined && d.deliveryUrl.length === 0));
      } finally {
        await emu.close();
      }
    });
  }

  it('nothing moves in the demo data unless running jobs are on', async () => {
    const emu = await startEmulator({ dataset: 'demo', today: '2026-01-15' });
    try {
      const production = emu.store.projects().find((p) => p.name === DEMO.projects.production)!;
      const flex = () => emu.store.restoreJobs(production.id, 'prod-flex', 'flex')[2];
      const before = structuredClone(flex());
      emu.advance(600 * SECOND);
      assert.deepEqual(flex(), before);
      assert.equal(before?.status, 'QUEUED');
      assert.deepEqual(emu.movingJobs(), []);
      assert.equal((await controlCall(emu.baseUrl, 'GET', 'running-jobs')).json.runningJobs, null);
    } finally {
      await emu.close();
    }
  });
});
