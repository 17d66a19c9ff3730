import { strict as assert } from 'node:assert';
import { AtlasClient, type RestoreJobFamily } from '../../../src/atlas';
import { API_KEY, apiRequests, expectAtlasError, makeClient, suiteFixture, waitFor, warmClient } from './support';

describe('client over HTTP: input validation and cancellation', function () {
  this.timeout(20_000);
  const fx = suiteFixture();
  before(() => {
    fx.emulator.store.addCluster(fx.groupId, 'dedicated', 'Cluster0');
    fx.emulator.store.addRestoreJobs(fx.groupId, 'Cluster0', 'cloudBackup', 5);
  });

  describe('bad input is refused before any request', () => {
    const good = '64f0c0ffee00000000000001';
    const cases: [string, (c: AtlasClient) => Promise<unknown>, RegExp][] = [
      ['a project id that is not 24 hex', (c) => c.listClusters('my-project'), /"my-project" is not a valid project id/],
      ['an upper-case project id', (c) => c.listFlexClusters('64F0C0FFEE00000000000001'), /not a valid project id/],
      ['an organization id', (c) => c.listOrganizationProjects('org-1'), /not a valid organization id/],
      ['a cluster name with a slash', (c) => c.listRestoreJobs('cloudBackup', good, '../orgs'), /not a valid cluster name/],
      ['a cluster name with a space', (c) => c.listRestoreJobs('legacy', good, 'my cluster'), /not a valid cluster name/],
      ['an instance name starting with a hyphen', (c) => c.listRestoreJobs('serverless', good, '-x'), /not a valid serverless instance name/],
      ['a flex name with a dot', (c) => c.getRestoreJob('flex', good, 'a.b', good), /not a valid flex cluster name/],
      ['a restore job id', (c) => c.getRestoreJob('cloudBackup', good, 'Cluster0', 'job-1'), /not a valid restore job id/],
      ['a batch id', (c) => c.listRestoreJobs('legacy', good, 'Cluster0', { batchId: 'batch' }), /not a valid batch id/],
      ['batchId on another family', (c) => c.listRestoreJobs('flex', good, 'Flex0', { batchId: good }), /Only legacy/],
      ['a family that does not exist', (c) => c.getRestoreJob('toString' as RestoreJobFamily, good, 'Cluster0', good), /Unknown restore job family/],
      ['itemsPerPage 0', (c) => c.listProjects({ itemsPerPage: 0 }), /from 1 to 500/],
      ['itemsPerPage 501', (c) => c.listOrganizations({ itemsPerPage: 501 }), /from 1 to 500/],
      ['itemsPerPage 2.5', (c) => c.listProjects({ itemsPerPage: 2.5 }), /whole number/],
      ['pageNum 0', (c) => c.listProjects({ pageNum: 0 }), /at least 1/],
      ['pageNum NaN', (c) => c.listProjects({ pageNum: Number.NaN }), /at least 1/],
      ['allPages with 1000 per page', (c) => c.allPages((o) => c.listProjects(o), { itemsPerPage: 1000 }).next(), /from 1 to 500/],
    ];
    for (const [name, call, message] of cases) {
      it(name, async () => {
        const client = makeClient(fx.emulator, { credentials: API_KEY });
        const err = await expectAtlasError(call(client), 'invalidInput');
        assert.match(err.message, message);
        assert.equal(fx.emulator.requests.length, 0, 'no request reached the emulator');
      });
    }

    it('bad client options and credentials are refused when the client is made', () => {
      const base = { baseUrl: fx.emulator.baseUrl, credentials: API_KEY };
      for (const bad of [
        { ...base, baseUrl: 'http://example.com' },
        { ...base, credentials: { kind: 'apiKey' as const, publicKey: '', privateKey: 'x' } },
        { ...base, credentials: { kind: 'serviceAccount' as const, clientId: 'id', clientSecret: ' ' } },
        { ...base, timeoutMs: 0 },
        { ...base, retry: { maxRetries: -1 } },
        { ...base, pageConcurrency: 0 },
        { ...base, maxConcurrentRequests: 0 },
        { ...base, maxConcurrentRequests: 2.5 },
      ]) {
        assert.throws(() => new AtlasClient(bad), (e: unknown) => (e as { kind?: string }).kind === 'invalidInput');
      }
      assert.equal(fx.emulator.requests.length, 0);
    });
  });

  describe('cancellation', () => {
    it('an already aborted signal sends nothing', async () => {
      const client = makeClient(fx.emulator);
      const err = await expectAtlasError(client.listProjects({ signal: AbortSignal.abort() }), 'cancelled');
      assert.match(err.message, /cancelled/);
      assert.equal(fx.emulator.requests.length, 0);
    });

    it('aborting mid-request ends the call at once', async () => {
      const client = await warmClient(fx.emulator, { credentials: API_KEY });
      fx.emulator.faults.add({ kind: 'latency', ms: 3_000 });
      const ac = new AbortController();
      const call = client.listRestoreJobs('cloudBackup', fx.groupId, 'Cluster0', { signal: ac.signal });
      setTimeout(() => ac.abort(), 100);
      const t0 = Date.now();
      const err = await expectAtlasError(call, 'cancelled');
      assert.ok(Date.now() - t0 < 1_000, 'did not wait for the answer');
      assert.equal(err.operation, 'listGroupClusterBackupRestoreJobs');
      assert.match(err.message, /The request to list cloud backup restore jobs was cancelled/);
    });

    it('aborting during a backoff wait ends the call at once, after one attempt', async () => {
      const client = await warmClient(fx.emulator, { retry: { maxRetries: 3, baseDelayMs: 10_000, maxDelayMs: 10_000 }, random: () => 0.99 });
      fx.emulator.faults.add({ kind: 'serverError', times: 10 });
      const ac = new AbortController();
      const call = client.listProjects({ signal: ac.signal });
      await waitFor(() => apiRequests(fx.emulator).length === 1);
      await new Promise((r) => setTimeout(r, 30));
      const t0 = Date.now();
      ac.abort();
      const err = await expectAtlasError(call, 'cancelled');
      assert.ok(Date.now() - t0 < 500, 'the 10 s backoff was cut short');
      assert.equal(err.attempts, 1);
      assert.equal(apiRequests(fx.emulator).length, 1);
    });

    it('aborting a caller that waits for a shared token does not fail the others', async () => {
      fx.emulator.faults.add({ kind: 'latency', ms: 300, match: '/api/oauth/token' });
      const client = makeClient(fx.emulator);
      const ac = new AbortController();
      const cancelled = client.listProjects({ signal: ac.signal });
      const other = client.listProjects();
      setTimeout(() => ac.abort(), 50);
      await expectAtlasError(cancelled, 'cancelled');
      const page = await other;
      assert.ok(page.results.length >= 1);
      assert.equal(fx.emulator.requests.filter((r) => r.path === '/api/oauth/token').length, 1);
    });

    it('aborting a caller that waits for the shared Digest challenge does not fail the one fetching it', async () => {
      fx.emulator.faults.add({ kind: 'latency', ms: 300 });
      const client = makeClient(fx.emulator, { credentials: API_KEY });
      const fetching = client.listProjects();
      const ac = new AbortController();
      const waiting = client.listProjects({ signal: ac.signal });
      setTimeout(() => ac.abort(), 50);
      await expectAtlasError(waiting, 'cancelled');
      assert.ok((await fetching).results.length >= 1);
      assert.deepEqual(apiRequests(fx.emulator).map((r) => `${r.status} ${r.authScheme ?? '-'}`), ['401 -', '200 Digest'], 'the waiter sent nothing');
    });

    it('dispose() aborts in-flight requests and refuses new ones', async () => {
      const client = await warmClient(fx.emulator, { credentials: API_KEY });
      fx.emulator.faults.add({ kind: 'latency', ms: 3_000 });
      const inFlight = client.listProjects();
      setTimeout(() => client.dispose(), 50);
      await expectAtlasError(inFlight, 'cancelled');
      const err = await expectAtlasError(client.listProjects(), 'cancelled');
      assert.match(err.message, /connection was closed/);
    });
  });
});
