import { strict as assert } from 'node:assert';
import { createServer } from 'node:net';
import { AtlasClient, OPERATIONS, type AtlasLogEvent, type OperationSpec } from '../../../src/atlas';
import { ServiceAccountAuth } from '../../../src/atlas/auth/serviceAccount';
import { HttpTransport } from '../../../src/atlas/http';
import { RequestPipeline } from '../../../src/atlas/pipeline';
import { RedactingLog, SecretSet } from '../../../src/atlas/redaction';
import {
  API_KEY,
  BOTH,
  DEMO_API_KEY,
  DEMO_SERVICE_ACCOUNT,
  SERVICE_ACCOUNT,
  allLogEvents,
  addOneOfEachKind,
  apiRequests,
  disposeAfterTest,
  expectAtlasError,
  makeClient,
  suiteFixture,
  warmClient,
} from './support';

describe('client over HTTP: errors and their messages', function () {
  this.timeout(20_000);
  const fx = suiteFixture();
  let readOnlyGroup: string;
  let otherOrg: string;
  before(() => {
    const { store } = fx.emulator;
    addOneOfEachKind(fx, { legacy: 3, cloudBackup: 3, serverless: 2, flex: 2 });
    // A project in an organization the demo principals do not own, where they may only read.
    otherOrg = store.addOrganization('Other Org', { owners: [] }).id;
    const ro = store.addProject(otherOrg, 'read-only');
    readOnlyGroup = ro.id;
    for (const p of [DEMO_SERVICE_ACCOUNT.clientId, DEMO_API_KEY.publicKey]) fx.emulator.grant(p, ro.id, ['GROUP_READ_ONLY']);
    store.addCluster(ro.id, 'dedicated', 'RoCluster');
    store.addRestoreJobs(ro.id, 'RoCluster', 'cloudBackup', 1);
    store.addRestoreJobs(ro.id, 'RoCluster', 'legacy', 1);
    store.addCluster(ro.id, 'serverless', 'RoServerless');
    store.addRestoreJobs(ro.id, 'RoServerless', 'serverless', 1);
  });
  beforeEach(() => {
    fx.emulator.setToday('2025-12-01');
  });

  describe('403 names the role the operation needs', () => {
    for (const who of [
      { name: 'service account', credentials: SERVICE_ACCOUNT },
      { name: 'API key', credentials: API_KEY },
    ]) {
      it(`cloud backup → Project Backup Manager (${who.name})`, async () => {
        const client = makeClient(fx.emulator, { credentials: who.credentials });
        const err = await expectAtlasError(client.listRestoreJobs('cloudBackup', readOnlyGroup, 'RoCluster'), 'forbidden');
        assert.equal(err.status, 403);
        assert.equal(err.requiredRole, 'Project Backup Manager');
        assert.equal(err.operation, 'listGroupClusterBackupRestoreJobs');
        assert.match(err.message, /Project Backup Manager/);
        assert.match(err.message, new RegExp(who.name));
        assert.equal(apiRequests(fx.emulator).filter((r) => r.status === 403).length, 1, '403 is not retried');
      });
    }

    it('serverless → Project Owner; the legacy jobs stay readable with Project Read Only', async () => {
      const client = makeClient(fx.emulator);
      const err = await expectAtlasError(client.listRestoreJobs('serverless', readOnlyGroup, 'RoServerless'), 'forbidden');
      assert.equal(err.requiredRole, 'Project Owner');
      assert.match(err.message, /Project Owner/);
      const legacy = await client.listRestoreJobs('legacy', readOnlyGroup, 'RoCluster');
      assert.equal(legacy.results.length, 1);
    });

    it('a project the principal has no role in → Project Read Only for legacy and flex', async () => {
      const hidden = fx.emulator.store.addProject(otherOrg, 'no-access');
      fx.emulator.store.addCluster(hidden.id, 'dedicated', 'Hidden');
      fx.emulator.store.addCluster(hidden.id, 'flex', 'HiddenFlex');
      const client = makeClient(fx.emulator);
      const errs = await Promise.all([
        client.listRestoreJobs('legacy', hidden.id, 'Hidden').then(
          () => assert.fail('expected an error'),
          (e: unknown) => e,
        ),
        client.listRestoreJobs('flex', hidden.id, 'HiddenFlex').then(
          () => assert.fail('expected an error'),
          (e: unknown) => e,
        ),
      ]);
      for (const e of errs) {
        const err = await expectAtlasError(Promise.reject(e), (e as { kind: 'forbidden' | 'notFound' }).kind);
        // Atlas may hide a project you cannot see (404) or refuse it (403); with 403 the role is named.
        if (err.kind === 'forbidden') assert.equal(err.requiredRole, 'Project Read Only');
        else assert.equal(err.kind, 'notFound');
      }
    });
  });

  it('404: the message names what was not found', async () => {
    const client = makeClient(fx.emulator);
    const err = await expectAtlasError(client.listRestoreJobs('cloudBackup', fx.groupId, 'NoSuchCluster'), 'notFound');
    assert.equal(err.status, 404);
    assert.match(err.message, /cluster 'NoSuchCluster'/);
    const jobErr = await expectAtlasError(client.getRestoreJob('flex', fx.groupId, 'Flex0', 'aaaaaaaaaaaaaaaaaaaaaaaa'), 'notFound');
    assert.match(jobErr.message, /restore job aaaaaaaaaaaaaaaaaaaaaaaa of flex cluster 'Flex0'/);
    assert.equal(apiRequests(fx.emulator).filter((r) => r.status === 404).length, 2, '404 is not retried');
  });

  describe('serverless restore jobs around the 2026-01-22 sunset', () => {
    it('before the sunset they are served', async () => {
      fx.emulator.setToday('2026-01-21');
      const client = makeClient(fx.emulator);
      const page = await client.listRestoreJobs('serverless', fx.groupId, 'Serverless0');
      assert.equal(page.results.length, 2);
      const one = await client.getRestoreJob('serverless', fx.groupId, 'Serverless0', page.results[0]!.id!);
      assert.equal(one.id, page.results[0]!.id);
    });

    it('after it: gone (410 VERSION_GONE) with the retirement message, for list and get', async () => {
      fx.emulator.setToday('2026-03-01');
      const client = makeClient(fx.emulator);
      const expected =
        'Atlas retired the serverless restore-job endpoint on 2026-01-22; serverless instances were migrated to flex clusters — see their restore jobs under the flex cluster.';
      const err = await expectAtlasError(client.listRestoreJobs('serverless', fx.groupId, 'Serverless0'), 'gone');
      assert.equal(err.status, 410);
      assert.equal(err.errorCode, 'VERSION_GONE');
      assert.equal(err.message, expected);
      assert.ok(err.detail && err.detail.length > 0, "Atlas's detail is kept");
      const err2 = await expectAtlasError(
        client.getRestoreJob('serverless', fx.groupId, 'Serverless0', 'bbbbbbbbbbbbbbbbbbbbbbbb'),
        'gone',
      );
      assert.equal(err2.message, expected);
      assert.equal(apiRequests(fx.emulator).filter((r) => r.status === 410).length, 2, '410 is not retried');
      // Flex, the replacement, still answers.
      assert.equal((await client.listRestoreJobs('flex', fx.groupId, 'Flex0')).results.length, 2);
    });
  });

  /** A pipeline of our own, to send what the client never would (an unlisted version, a bad parameter); closed after the test. */
  function rawPipeline() {
    const secrets = new SecretSet();
    secrets.add(DEMO_SERVICE_ACCOUNT.clientSecret);
    const lifetime = new AbortController();
    const transport = new HttpTransport(fx.emulator.baseUrl);
    const pipeline = new RequestPipeline({
      transport,
      log: new RedactingLog((e) => allLogEvents.push(e), secrets),
      retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 10, random: Math.random },
      timeoutMs: 5_000,
      userAgent: 'client-tests',
      authKind: 'serviceAccount',
      lifetime: lifetime.signal,
    });
    pipeline.setAuthenticator(
      new ServiceAccountAuth(
        async (signal) => {
          const t = await pipeline.requestToken(DEMO_SERVICE_ACCOUNT.clientId, DEMO_SERVICE_ACCOUNT.clientSecret, signal);
          secrets.addRecent(t.value);
          return t;
        },
        Date.now,
        lifetime.signal,
      ),
    );
    disposeAfterTest({ dispose: () => (lifetime.abort(), transport.destroy()) });
    return pipeline;
  }

  it('406: an API version Atlas does not accept → "the extension needs an update"', async () => {
    const pipeline = rawPipeline();
    const op: OperationSpec = {
      ...OPERATIONS.listGroupClusterRestoreJobs,
      version: '2023-10-01', // what the Korean seed pages show; not in the spec
      accept: 'application/vnd.atlas.2023-10-01+json',
    };
    const err = await expectAtlasError(
      pipeline.getJson(op, `/api/atlas/v2/groups/${fx.groupId}/clusters/Cluster0/restoreJobs`, undefined, undefined),
      'notAcceptable',
    );
    assert.equal(err.status, 406);
    assert.match(err.message, /2023-10-01/);
    assert.match(err.message, /needs an update/);
  });

  it('410 on another operation: the generic retirement message', async () => {
    fx.emulator.setToday('2027-08-01'); // past the 2027-07-01 sunset of the 2023-02-01 clusters version
    const pipeline = rawPipeline();
    const op: OperationSpec = { ...OPERATIONS.listGroupClusters, version: '2023-02-01', accept: 'application/vnd.atlas.2023-02-01+json' };
    const err = await expectAtlasError(pipeline.getJson(op, `/api/atlas/v2/groups/${fx.groupId}/clusters`, undefined, undefined), 'gone');
    assert.equal(err.status, 410);
    assert.match(err.message, /retired version 2023-02-01 of the endpoint used to list clusters/);
  });

  it('400: Atlas refuses a parameter out of range → badRequest with its detail', async () => {
    const pipeline = rawPipeline();
    const err = await expectAtlasError(
      pipeline.getJson(OPERATIONS.listGroups, '/api/atlas/v2/groups', new URLSearchParams({ itemsPerPage: '501' }), undefined),
      'badRequest',
    );
    assert.equal(err.status, 400);
    assert.ok(err.errorCode);
    assert.match(err.message, /rejected the request to list projects as invalid/);
  });

  describe('rate limiting (429)', () => {
    it('with Retry-After: waits that long, then succeeds', async () => {
      const client = await warmClient(fx.emulator); // token first, so the timing below is the API's alone
      fx.emulator.faults.add({ kind: 'rateLimit', times: 1, retryAfterSeconds: 1 });
      const t0 = Date.now();
      await client.listProjects();
      const waited = Date.now() - t0;
      assert.ok(waited >= 950, `waited ${waited} ms`);
      assert.deepEqual(apiRequests(fx.emulator).map((r) => r.status), [429, 200]);
    });

    it('with a Retry-After longer than maxDelayMs: fails at once and says when to retry', async () => {
      const client = await warmClient(fx.emulator);
      fx.emulator.faults.add({ kind: 'rateLimit', times: 1, retryAfterSeconds: 55 });
      const err = await expectAtlasError(client.listProjects(), 'rateLimited');
      assert.equal(err.retryAfterSeconds, 55);
      assert.equal(err.attempts, 1);
      assert.match(err.message, /Try again in 55 seconds/);
      assert.equal(apiRequests(fx.emulator).length, 1);
    });

    it('without Retry-After: exponential backoff, bounded; the message says to wait', async () => {
      fx.emulator.faults.add({ kind: 'rateLimit', times: 100 });
      const client = makeClient(fx.emulator, { retry: { maxRetries: 2, baseDelayMs: 10, maxDelayMs: 100 } });
      const err = await expectAtlasError(client.listProjects(), 'rateLimited');
      assert.equal(err.status, 429);
      assert.equal(err.attempts, 3);
      assert.equal(err.retryAfterSeconds, undefined);
      assert.match(err.message, /after 3 attempts/);
      assert.match(err.message, /Wait a minute/);
      assert.equal(apiRequests(fx.emulator).filter((r) => r.status === 429).length, 3, '1 + maxRetries attempts');
    });

    it('without Retry-After, a passing limit is ridden out', async () => {
      const client = await warmClient(fx.emulator);
      fx.emulator.faults.add({ kind: 'rateLimit', times: 2 });
      await client.listProjects();
      assert.deepEqual(apiRequests(fx.emulator).map((r) => r.status), [429, 429, 200]);
    });
  });

  describe('server errors, resets, timeouts: retried for GET, bounded', () => {
    it('5xx twice, then success', async () => {
      const client = await warmClient(fx.emulator);
      fx.emulator.faults.add({ kind: 'serverError', times: 2, status: 502 });
      await client.listProjects();
      assert.deepEqual(apiRequests(fx.emulator).map((r) => r.status), [502, 502, 200]);
    });

    it('5xx every time: server error after 1 + maxRetries attempts', async () => {
      const client = await warmClient(fx.emulator);
      fx.emulator.faults.add({ kind: 'serverError', times: 100, status: 503 });
      const err = await expectAtlasError(client.listProjects(), 'server');
      assert.equal(err.status, 503);
      assert.equal(err.attempts, 4);
      assert.match(err.message, /HTTP 503 after 4 attempts/);
      assert.match(err.message, /Try again in a few minutes/);
      assert.equal(apiRequests(fx.emulator).length, 4);
    });

    it('connection reset once, then success; reset every time → network error naming the host', async () => {
      const client = await warmClient(fx.emulator);
      fx.emulator.faults.add({ kind: 'reset', times: 1 });
      await client.listProjects();
      assert.deepEqual(apiRequests(fx.emulator).map((r) => r.status), [0, 200]);
      fx.emulator.clearRequests();
      fx.emulator.faults.add({ kind: 'reset', times: 100 });
      const err = await expectAtlasError(client.listProjects(), 'network');
      assert.equal(err.attempts, 4);
      assert.equal(apiRequests(fx.emulator).length, 4);
      const host = new URL(fx.emulator.baseUrl).host;
      assert.ok(err.message.includes(host), err.message);
      assert.match(err.message, /ECONNRESET/);
    });

    it('connection refused: network error with the host and ECONNREFUSED, not retried', async () => {
      const port = await new Promise<number>((resolve) => {
        const s = createServer();
        s.listen(0, '127.0.0.1', () => {
          const p = (s.address() as { port: number }).port;
          s.close(() => resolve(p));
        });
      });
      const client = disposeAfterTest(
        new AtlasClient({
          baseUrl: `http://127.0.0.1:${port}`,
          credentials: API_KEY,
          retry: { maxRetries: 3, baseDelayMs: 1, maxDelayMs: 5 },
          logger: (e) => allLogEvents.push(e),
        }),
      );
      const err = await expectAtlasError(client.listProjects(), 'network');
      assert.equal(err.code, 'ECONNREFUSED');
      assert.equal(err.attempts, 1);
      assert.match(err.message, new RegExp(`Could not reach 127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\)`));
    });

    it('a slow body past the timeout: timeout error saying after how long, attempts bounded', async () => {
      const client = await warmClient(fx.emulator, { timeoutMs: 300, retry: { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 5 } });
      fx.emulator.faults.add({ kind: 'slowBody', times: 100, ms: 3_000 });
      const t0 = Date.now();
      const err = await expectAtlasError(client.listProjects(), 'timeout');
      assert.ok(Date.now() - t0 < 2_000, 'each attempt was cut at the timeout');
      assert.equal(err.attempts, 2);
      assert.match(err.message, /did not answer within 0\.3 seconds after 2 attempts/);
      assert.equal(apiRequests(fx.emulator).length, 2);
    });

    it('a slow body once, then a normal answer: the retry succeeds', async () => {
      const client = await warmClient(fx.emulator, { timeoutMs: 300 });
      fx.emulator.faults.add({ kind: 'slowBody', times: 1, ms: 3_000 });
      const page = await client.listProjects();
      assert.ok(page.results.length >= 1);
    });
  });

  it('malformed JSON → badResponse, not retried', async () => {
    const client = await warmClient(fx.emulator);
    fx.emulator.faults.add({ kind: 'malformedJson', times: 1 });
    const err = await expectAtlasError(client.listClusters(fx.groupId), 'badResponse');
    assert.equal(err.status, 200);
    assert.match(err.message, /not valid JSON/);
    assert.equal(apiRequests(fx.emulator).length, 1);
    // It says what happened — the answer could not be read — and that Atlas reported no error.
    assert.match(err.message, /^Atlas's answer to the request to list clusters could not be read: its body is not valid JSON \(HTTP 200\)\./);
    assert.match(err.message, /not an error Atlas reported; try again/);
    assert.doesNotMatch(err.message, /server error/i);
  });

  it('409 → conflict with Atlas\'s detail and what to do; not retried', async () => {
    const client = await warmClient(fx.emulator);
    const detail = 'A restore for this cluster is being changed by another request.';
    fx.emulator.faults.add({ kind: 'apiError', times: 1, status: 409, errorCode: 'CONFLICTING_RESTORE_UPDATE', detail });
    const err = await expectAtlasError(client.listRestoreJobs('cloudBackup', fx.groupId, 'Cluster0'), 'conflict');
    assert.equal(err.status, 409);
    assert.equal(err.errorCode, 'CONFLICTING_RESTORE_UPDATE');
    assert.equal(err.detail, detail);
    assert.equal(
      err.message,
      'Atlas refused to list cloud backup restore jobs because of a conflicting change (HTTP 409, CONFLICTING_RESTORE_UPDATE): ' +
        'A restore for this cluster is being changed by another request. This is usually a change made at the same time elsewhere; refresh, then try again.',
    );
    assert.equal(apiRequests(fx.emulator).length, 1);
  });

  for (const who of BOTH) {
    it(`401 IP_ADDRESS_NOT_ON_ACCESS_LIST → ipAccessList, saying to add the address (${who.name})`, async () => {
      const client = await warmClient(fx.emulator, { credentials: who.credentials });
      // Twice: a service account asks for a new token once after a 401 before giving up.
      fx.emulator.faults.add({ kind: 'apiError', times: 2, status: 401, errorCode: 'IP_ADDRESS_NOT_ON_ACCESS_LIST', detail: 'IP address 203.0.113.7 is not allowed to access this resource.' });
      const err = await expectAtlasError(client.listProjects(), 'ipAccessList');
      assert.equal(err.status, 401);
      assert.match(err.message, new RegExp(`not on the API access list of this ${who.name}\\. Add this computer's public IP address`));
      assert.doesNotMatch(err.message, /sign in/i);
      fx.emulator.faults.clear();
    });
  }

  it('the expected 410 of the retired serverless endpoint is logged as information; other failures as errors', async () => {
    fx.emulator.setToday('2026-03-01');
    const events: AtlasLogEvent[] = [];
    const client = makeClient(fx.emulator, { logger: (e) => events.push(e) });
    await expectAtlasError(client.listRestoreJobs('serverless', fx.groupId, 'Serverless0'), 'gone');
    const gone = events.filter((e) => e.operation === 'listGroupServerlessBackupRestoreJobs' && e.status === 410 && e.message.startsWith('Atlas retired'));
    assert.deepEqual(gone.map((e) => e.level), ['info']);
    assert.equal(events.filter((e) => e.level === 'error').length, 0, 'nothing about it at error level');
    await expectAtlasError(client.listRestoreJobs('flex', fx.groupId, 'NoSuchFlex'), 'notFound');
    assert.deepEqual(
      events.filter((e) => e.status === 404 && e.level !== 'debug').map((e) => e.level),
      ['error'],
      'a 404 is still an error',
    );
  });
});
