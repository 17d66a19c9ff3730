import { strict as assert } from 'node:assert';
import { addOneOfEachKind, apiRequests, expectAtlasError, FAST_RETRY, suiteFixture, warmClient } from './support';

/**
 * A caller that retries on a schedule of its own (following running jobs counts every request against a
 * budget) bounds the client's retries per call; the client's own bound stays the ceiling.
 */
describe('client over HTTP: retries bounded per call', function () {
  this.timeout(20_000);
  const fx = suiteFixture();
  before(() => addOneOfEachKind(fx, { legacy: 2, cloudBackup: 2, serverless: 0, flex: 2 }));

  const cluster = () => fx.emulator.store.clusters(undefined, 'dedicated')[0];

  it('sends one request and no retry with maxRetries 0, for a job and for a page', async () => {
    const client = await warmClient(fx.emulator, { retry: FAST_RETRY });
    const c = cluster();
    const jobId = fx.emulator.store.restoreJobs(c.groupId, c.name, 'cloudBackup')[0].id!;
    fx.emulator.faults.add({ kind: 'serverError', times: 10, status: 503 });
    await expectAtlasError(client.getRestoreJob('cloudBackup', c.groupId, c.name, jobId, { maxRetries: 0 }), 'server');
    assert.equal(apiRequests(fx.emulator).length, 1);
    fx.emulator.clearRequests();
    await expectAtlasError(client.listRestoreJobs('cloudBackup', c.groupId, c.name, { maxRetries: 0 }), 'server');
    assert.equal(apiRequests(fx.emulator).length, 1);
    fx.emulator.faults.clear();
  });

  it('keeps the client’s retries otherwise, and never goes past them', async () => {
    const client = await warmClient(fx.emulator, { retry: FAST_RETRY });
    const c = cluster();
    fx.emulator.faults.add({ kind: 'serverError', times: 10, status: 503 });
    await expectAtlasError(client.listRestoreJobs('cloudBackup', c.groupId, c.name), 'server');
    assert.equal(apiRequests(fx.emulator).length, FAST_RETRY.maxRetries + 1);
    fx.emulator.clearRequests();
    await expectAtlasError(client.listRestoreJobs('cloudBackup', c.groupId, c.name, { maxRetries: 99 }), 'server');
    assert.equal(apiRequests(fx.emulator).length, FAST_RETRY.maxRetries + 1);
    fx.emulator.faults.clear();
  });
});
