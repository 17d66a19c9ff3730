import { strict as assert } from 'node:assert';
import type { RunningEmulator } from '../../atlas-emulator';
import { validateResponse } from '../../atlas-emulator/spec';
import type { LegacyRestoreJob } from '../../../src/atlas/types';
import { ACCEPT, demoProjects, emulatorSuite } from './support';

describe('emulator: broken documents on demand (patchDocument, POST /__emulator/patches)', function () {
  this.timeout(20_000);
  const suite = emulatorSuite({ today: '2026-01-10' });
  const call = (path: string, accept?: string) => suite.call(path, accept);
  let emu: RunningEmulator;
  let groupId: string;
  const legacyList = () => `/api/atlas/v2/groups/${groupId}/clusters/prod-sharded/restoreJobs`;
  const control = async (method: string, body?: unknown) => {
    const r = await fetch(`${emu.baseUrl}/__emulator/patches`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: r.status, json: await r.json() };
  };

  before(() => {
    emu = suite.emu;
    groupId = demoProjects(emu).production.id;
  });
  afterEach(() => emu.store.clearPatches());

  it('one restore job served without its delivery: the rest of the list as before; the generated job untouched', async () => {
    const jobs = emu.store.restoreJobs(groupId, 'prod-sharded', 'legacy');
    const broken = jobs[1]!;
    emu.patchDocument({ jobId: broken.id! }, { unset: ['delivery'] });
    const list = await call(legacyList());
    assert.equal(list.status, 200);
    const served = list.json.results as LegacyRestoreJob[];
    assert.equal(served.length, jobs.length);
    assert.equal('delivery' in served[1]!, false);
    assert.equal(served[1]!.id, broken.id);
    served.forEach((j, i) => i !== 1 && assert.deepEqual(j, JSON.parse(JSON.stringify(jobs[i]))));
    assert.ok(emu.store.restoreJobs(groupId, 'prod-sharded', 'legacy')[1]!.delivery, 'store.restoreJobs keeps the generated job');
    const one = await call(`${legacyList()}/${broken.id}`);
    assert.equal('delivery' in one.json, false, 'the single GET serves the same patched document');
    // On purpose outside the spec (delivery is required): that is why patched documents are exempt from conformance.
    assert.equal(validateResponse('getGroupClusterRestoreJob', 200, one.contentType, one.text).valid, false);
    assert.equal(emu.store.isPatched({ jobId: broken.id! }), true);
    assert.equal(emu.store.isPatched({ jobId: jobs[0]!.id! }), false);
  });

  it('set puts any value at a dotted path (wrong types, unknown enums, huge strings); unset takes array elements out; patches add up', async () => {
    const job = emu.store.restoreJobs(groupId, 'prod-sharded', 'legacy')[0]!;
    const huge = 'x'.repeat(20_000);
    emu.patchDocument({ jobId: job.id! }, { set: { statusName: 'REHYDRATING', 'delivery.urlV2': 42, 'delivery.extra.deep': null, clusterName: huge } });
    emu.patchDocument({ jobId: job.id! }, { unset: ['hashes.0', 'timestamp.date', 'no.such.path'] });
    const served = (await call(`${legacyList()}/${job.id}`)).json;
    assert.equal(served.statusName, 'REHYDRATING');
    assert.equal(served.delivery.urlV2, 42);
    assert.deepEqual(served.delivery.extra, { deep: null });
    assert.equal(served.clusterName.length, 20_000);
    assert.deepEqual(served.hashes, []);
    assert.deepEqual(Object.keys(served.timestamp), ['increment']);
    assert.equal(served.delivery.methodName, job.delivery.methodName, 'the rest is as generated');
  });

  it('the batchId filter sees the served document', async () => {
    const member = emu.store.restoreJobs(groupId, 'prod-sharded', 'legacy').find((j) => j.batchId)!;
    emu.patchDocument({ jobId: member.id! }, { unset: ['batchId'] });
    const batch = (await call(`${legacyList()}?batchId=${member.batchId}`)).json;
    assert.equal(batch.totalCount, 3);
    assert.ok(!batch.results.some((j: { id: string }) => j.id === member.id));
  });

  it('a cluster is patched in every version of every list that serves it', async () => {
    emu.patchDocument({ groupId, kind: 'flex', clusterName: 'prod-flex' }, { unset: ['providerSettings'] });
    emu.patchDocument({ groupId, kind: 'serverless', clusterName: 'prod-serverless' }, { unset: ['providerSettings'], set: { stateName: 42 } });
    emu.patchDocument({ groupId, kind: 'dedicated', clusterName: 'prod-rs' }, { set: { clusterType: 'GEOSHARDED_SOMETHING' } });
    const flex = (await call(`/api/atlas/v2/groups/${groupId}/flexClusters`, ACCEPT.v20241113)).json.results;
    assert.equal('providerSettings' in flex.find((c: { name: string }) => c.name === 'prod-flex'), false);
    const serverless = (await call(`/api/atlas/v2/groups/${groupId}/serverless`)).json.results[0];
    assert.equal('providerSettings' in serverless, false);
    assert.equal(serverless.stateName, 42);
    for (const accept of [ACCEPT.v20230101, ACCEPT.v20230201, ACCEPT.v20240805]) {
      const clusters = (await call(`/api/atlas/v2/groups/${groupId}/clusters`, accept)).json.results;
      assert.equal(clusters.find((c: { name: string }) => c.name === 'prod-rs').clusterType, 'GEOSHARDED_SOMETHING', accept);
      assert.equal(clusters.find((c: { name: string }) => c.name === 'prod-sharded').clusterType, 'SHARDED', accept);
    }
    emu.store.clearPatches();
    assert.ok('providerSettings' in (await call(`/api/atlas/v2/groups/${groupId}/serverless`)).json.results[0], 'clearPatches serves them as generated again');
  });

  it('refuses what it cannot patch: an unknown job or cluster, a bad path, an empty patch', () => {
    assert.throws(() => emu.patchDocument({ jobId: '0123456789abcdef01234567' }, { unset: ['delivery'] }), /No restore job/);
    assert.throws(() => emu.patchDocument({ groupId, kind: 'flex', clusterName: 'prod-rs' }, { unset: ['name'] }), /No flex cluster 'prod-rs'/);
    const job = emu.store.restoreJobs(groupId, 'prod-sharded', 'legacy')[0]!;
    for (const bad of [{ unset: ['a..b'] }, { unset: ['__proto__.x'] }, { set: { '': 1 } }, {}, { unset: 'delivery' as unknown as string[] }]) {
      assert.throws(() => emu.patchDocument({ jobId: job.id! }, bad), JSON.stringify(bad));
    }
    assert.deepEqual(emu.store.patchedDocuments(), []);
  });

  it('the control route does the same, for another process (UI tests, a demo)', async () => {
    const job = emu.store.restoreJobs(groupId, 'prod-sharded', 'legacy')[2]!;
    const r = await control('POST', { target: { jobId: job.id }, unset: ['delivery'], set: { statusName: null } });
    assert.equal(r.status, 200);
    assert.deepEqual(r.json.patches, [{ jobId: job.id }]);
    const served = (await call(`${legacyList()}/${job.id}`)).json;
    assert.equal(served.statusName, null);
    assert.equal('delivery' in served, false);
    const cluster = await control('POST', { target: { groupId, clusterName: 'prod-flex', kind: 'flex' }, unset: ['providerSettings'] });
    assert.equal(cluster.status, 200);
    const state = await (await fetch(`${emu.baseUrl}/__emulator/state`)).json();
    assert.deepEqual(state.patches, [{ jobId: job.id }, { groupId, clusterName: 'prod-flex', kind: 'flex' }]);
    assert.equal((await control('POST', { target: { jobId: job.id }, unset: ['a..b'] })).status, 400);
    assert.equal((await control('POST', { target: { clusterName: 'x' }, unset: ['a'] })).status, 400);
    assert.deepEqual((await control('DELETE')).json, { patches: [] });
    assert.ok('delivery' in (await call(`${legacyList()}/${job.id}`)).json);
  });
});
