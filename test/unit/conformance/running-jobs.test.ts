/**
 * Jobs that move (running jobs, setJobState) validate against the spec in every state they pass
 * through — running (flex QUEUED, then RUNNING), finished, failed, cancelled and running again — in every
 * delivery kind of every family, alone and in their lists; no property appears that the spec does not
 * define for the family, and no writeOnly one. The demo's moving jobs too, before and after they settle.
 */
import { strict as assert } from 'node:assert';
import {
  CLOUD_VARIANTS,
  DEMO,
  FLEX_VARIANTS,
  JOB_STATES,
  LEGACY_VARIANTS,
  type RestoreFamily,
  type RunningEmulator,
  startEmulator,
} from '../../atlas-emulator';
import { presentPropertyPaths, responsePropertyPaths, validateResponse, writeOnlyProperties } from '../../atlas-emulator/spec';
import { addDeploymentsOfEveryKind, get, restoreJobsPath, token } from '../emulator/support';

const SCHEMA: Record<RestoreFamily, string> = {
  legacy: 'BackupRestoreJob',
  cloudBackup: 'DiskBackupSnapshotRestoreJob',
  serverless: 'ServerlessBackupRestoreJob',
  flex: 'FlexBackupRestoreJob20241113',
};

interface Moving {
  family: RestoreFamily;
  groupId: string;
  clusterName: string;
  jobId: string;
}

describe('conformance: restore jobs that move validate in every state', function () {
  this.timeout(60_000);
  let emu: RunningEmulator;
  let bearer: string;
  let checked = 0;
  const present: Record<RestoreFamily, Set<string>> = { legacy: new Set(), cloudBackup: new Set(), serverless: new Set(), flex: new Set() };
  const seen = new Set<string>();

  /** GETs a job (with `jobId`) or its cluster's list, validates the answer, and returns the job documents in it. */
  async function check(j: Moving, label: string, jobId?: string): Promise<any[]> {
    const { path, accept } = restoreJobsPath(j.family, j.groupId, j.clusterName, jobId);
    const r = await get(emu.baseUrl, path, { bearer, accept });
    assert.equal(r.status, 200, `${label} ${path}`);
    const v = validateResponse({ method: 'GET', path }, r.status, r.contentType, r.text);
    assert.ok(v.valid, `${label}: ${path} → ${v.schema}:\n  ${v.errors.slice(0, 8).join('\n  ')}\n${r.text.slice(0, 1500)}`);
    checked++;
    const docs = jobId ? [r.json] : (r.json.results as unknown[]);
    for (const doc of docs) presentPropertyPaths(doc, '', present[j.family]);
    return docs;
  }

  /** Checks each job alone and each of their lists, and returns the jobs' documents. */
  async function checkAll(jobs: readonly Moving[], label: string): Promise<any[]> {
    const docs: any[] = [];
    for (const j of jobs) {
      const [doc] = await check(j, label, j.jobId);
      seen.add(`${j.family}:${JSON.stringify(stateWords(j.family, doc))}`);
      docs.push(doc);
    }
    const lists = new Map(jobs.map((j) => [`${j.family}:${j.groupId}:${j.clusterName}`, j]));
    for (const j of lists.values()) await check(j, label);
    return docs;
  }

  before(async () => {
    emu = await startEmulator({ dataset: 'empty', today: '2026-01-10', runningJobs: { runSeconds: 30, failShare: 0.5 } });
    bearer = await token(emu.baseUrl);
  });
  after(() => emu.close());

  it('every delivery kind of every family: scheduled, settled by the clock, then moved through every state', async () => {
    const groupId = addDeploymentsOfEveryKind(emu);
    const add = <F extends RestoreFamily>(family: F, clusterName: string, variants: Parameters<typeof emu.store.addRestoreJobs<F>>[3]) =>
      emu.store.addRestoreJobs(groupId, clusterName, family, variants).map((j) => ({ family, groupId, clusterName, jobId: j.id! }));
    const methods = LEGACY_VARIANTS.filter((v) => v.delivery === 'READY');
    const jobs: Moving[] = [
      ...add('legacy', 'Rs', methods),
      ...add('cloudBackup', 'Sharded', CLOUD_VARIANTS),
      ...add('cloudBackup', 'Rs', CLOUD_VARIANTS),
      ...add('serverless', 'Sl', CLOUD_VARIANTS),
      ...add('flex', 'Fx', FLEX_VARIANTS),
    ];
    // A sharded legacy batch, added with running jobs off, then moved by hand.
    const options = emu.store.runningJobs();
    emu.setRunningJobs(undefined);
    const sharded = emu.store.cluster(groupId, 'dedicated', 'Sharded')!;
    const batch = add(
      'legacy',
      'Sharded',
      sharded.replicaSets.map((replicaSetName) => ({ method: 'HTTP' as const, delivery: 'READY' as const, status: 'FINISHED' as const, batch: { batchId: 'a'.repeat(24), replicaSetName } })),
    );
    emu.setRunningJobs(options);

    await checkAll(jobs, 'scheduled');
    emu.advance(7_000);
    await checkAll(jobs, 'a fifth in');
    emu.advance(25_000);
    const settled = await checkAll(jobs, 'settled');
    const outcomes = new Set(emu.movingJobs().map((m) => `${m.family}:${m.state}`));
    for (const f of ['legacy', 'cloudBackup', 'serverless', 'flex']) for (const s of ['finished', 'failed']) assert.ok(outcomes.has(`${f}:${s}`), `${f} ${s}`);
    assert.equal(settled.length, jobs.length);

    for (const state of [...JOB_STATES, 'finished' as const]) {
      for (const j of [...jobs, ...batch]) if (!(j.family === 'flex' && state === 'cancelled')) emu.setJobState(j.jobId, state);
      await checkAll([...jobs, ...batch], state);
    }
    const replicaSetFiles = (await checkAll(batch, 'batch')).map((d) => d.hashes[0].fileName);
    assert.deepEqual(
      replicaSetFiles.map((name: string) => sharded.replicaSets.find((rs) => name.startsWith(`Sharded-${rs}-`))),
      sharded.replicaSets,
      'each job of a batch names its own replica set',
    );
    assert.ok(checked > 200, `${checked} answers`);
  });

  it("the demo's moving jobs, before, during and after they settle", async () => {
    const demo = await startEmulator({ dataset: 'demo', today: '2026-01-10', runningJobs: { runSeconds: DEMO.runSeconds } });
    const [saved, savedBearer] = [emu, bearer];
    try {
      [emu, bearer] = [demo, await token(demo.baseUrl)];
      const moving = demo.movingJobs();
      assert.equal(moving.length, 4);
      for (const step of [0, 20_000, 20_000, 20_000]) {
        demo.advance(step);
        await checkAll(moving, `demo +${step}`);
      }
      assert.ok(demo.movingJobs().every((m) => m.state !== 'running'));
    } finally {
      [emu, bearer] = [saved, savedBearer];
      await demo.close();
    }
  });

  it('shows only properties the spec defines, never a writeOnly one, and went through every state of every family', () => {
    const writeOnly = writeOnlyProperties();
    for (const [family, schema] of Object.entries(SCHEMA) as [RestoreFamily, string][]) {
      const defined = responsePropertyPaths(schema);
      assert.deepEqual([...present[family]].filter((p) => !defined.includes(p)), [], `${family}: properties the spec does not define`);
      for (const p of writeOnly[schema] ?? []) assert.ok(!present[family].has(p), `${family} has writeOnly ${p}`);
    }
    // legacy IN_PROGRESS, FINISHED/READY, BROKEN/FAILED, KILLED/INTERRUPTED; the cloud flags running, finished,
    // failed, cancelled; flex QUEUED, RUNNING, COMPLETED, FAILED.
    const states = (family: string) => [...seen].filter((s) => s.startsWith(`${family}:`)).length;
    assert.deepEqual(Object.keys(SCHEMA).map(states), [4, 4, 4, 4], [...seen].join('\n'));
  });
});

/** The fields that say a job's state, per family (to count the states the checks went through). */
function stateWords(family: RestoreFamily, d: any): unknown[] {
  if (family === 'legacy') return [d.statusName, d.delivery.statusName];
  if (family === 'flex') return [d.status];
  return [d.cancelled, d.failed, d.expired, 'finishedAt' in d];
}
