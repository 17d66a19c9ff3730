import { strict as assert } from 'node:assert';
import { OPERATIONS, collectAll } from '../../../src/atlas';
import {
  API_KEY,
  DEMO_API_KEY,
  DEMO_SERVICE_ACCOUNT,
  SERVICE_ACCOUNT,
  apiRequests,
  delay,
  expectAtlasError,
  extraSecrets,
  makeClient,
  suiteFixture,
  tokenRequests,
  warmClient,
} from './support';

describe('client over HTTP: signing in', function () {
  const fx = suiteFixture();
  beforeEach(() => {
    fx.emulator.setTokenLifetime(3600);
  });

  describe('service account (OAuth client credentials)', () => {
    it('gets a token from POST /api/oauth/token and sends it as Bearer with the operation\'s Accept', async () => {
      const client = makeClient(fx.emulator);
      const page = await client.listOrganizations();
      assert.equal(page.results.length, 1);
      const [token, api] = fx.emulator.requests;
      assert.equal(token?.method, 'POST');
      assert.equal(token?.path, '/api/oauth/token');
      assert.equal(token?.authScheme, 'Basic');
      assert.equal(token?.status, 200);
      assert.equal(api?.path, '/api/atlas/v2/orgs');
      assert.equal(api?.authScheme, 'Bearer');
      assert.equal(api?.accept, OPERATIONS.listOrgs.accept);
      assert.equal(api?.status, 200);
    });

    it('reuses the cached token for later calls', async () => {
      const client = makeClient(fx.emulator);
      await client.listOrganizations();
      await client.listProjects();
      await client.listOrganizationProjects(fx.orgId);
      assert.equal(tokenRequests(fx.emulator).length, 1);
      assert.equal(apiRequests(fx.emulator).length, 3);
    });

    it('shares one token request among concurrent callers', async () => {
      const client = makeClient(fx.emulator);
      const pages = await Promise.all(Array.from({ length: 12 }, () => client.listProjects()));
      assert.equal(pages.length, 12);
      assert.equal(tokenRequests(fx.emulator).length, 1);
      assert.equal(apiRequests(fx.emulator).filter((r) => r.status === 200).length, 12);
    });

    it('asks for a new token shortly before the old one expires (setTokenLifetime + clock)', async () => {
      fx.emulator.setTokenLifetime(10);
      let now = 1_000_000;
      const client = makeClient(fx.emulator, { clock: () => now });
      await client.listProjects();
      now += 8_000; // still inside the lifetime minus the refresh margin (10 % of 10 s)
      await client.listProjects();
      assert.equal(tokenRequests(fx.emulator).length, 1);
      now += 1_100; // 9.1 s: within the margin, so the client refreshes before Atlas would refuse
      await client.listProjects();
      assert.equal(tokenRequests(fx.emulator).length, 2);
      assert.equal(apiRequests(fx.emulator).filter((r) => r.status === 401).length, 0, 'no request was refused');
    });

    it('when Atlas says the token expired (401) before the client thought so, gets a new token and retries once', async () => {
      fx.emulator.setTokenLifetime(1);
      const frozen = 5_000_000; // the client's clock never moves, so only Atlas notices the expiry
      const client = makeClient(fx.emulator, { clock: () => frozen });
      await client.listProjects();
      await delay(1_100);
      const page = await client.listProjects();
      assert.ok(Array.isArray(page.results));
      assert.deepEqual(
        fx.emulator.requests.map((r) => `${r.method} ${r.path} ${r.status}`),
        ['POST /api/oauth/token 200', 'GET /api/atlas/v2/groups 200', 'GET /api/atlas/v2/groups 401', 'POST /api/oauth/token 200', 'GET /api/atlas/v2/groups 200'],
      );
    });

    it('after the tokens are revoked, concurrent callers share exactly one new token request', async () => {
      const client = await warmClient(fx.emulator);
      fx.emulator.faults.add({ kind: 'revokeTokens' });
      await Promise.all(Array.from({ length: 6 }, () => client.listProjects()));
      assert.equal(tokenRequests(fx.emulator).length, 1, 'one new token');
      const api = apiRequests(fx.emulator);
      assert.equal(api.filter((r) => r.status === 200).length, 6);
      assert.ok(api.filter((r) => r.status === 401).length <= 6);
    });

    it('a wrong client secret is an unauthorized error naming the client ID/secret; no API request is sent', async () => {
      const wrong = 'mdb_sa_sk_this-is-the-wrong-secret-000';
      extraSecrets.add(wrong);
      const client = makeClient(fx.emulator, {
        credentials: { kind: 'serviceAccount', clientId: DEMO_SERVICE_ACCOUNT.clientId, clientSecret: wrong },
      });
      const err = await expectAtlasError(client.listProjects(), 'unauthorized');
      assert.equal(err.status, 401);
      assert.match(err.message, /client ID or client secret/);
      assert.match(err.message, /sign in again/);
      assert.equal(err.message.includes(wrong), false);
      assert.equal(tokenRequests(fx.emulator).length, 1, 'a 401 from the token endpoint is not retried');
      assert.equal(apiRequests(fx.emulator).length, 0);
    });

    it('retries the token request on 5xx and resets like any idempotent request, bounded', async () => {
      fx.emulator.faults.add({ kind: 'serverError', times: 1, status: 503, match: '/api/oauth/token' });
      fx.emulator.faults.add({ kind: 'reset', times: 1, match: '/api/oauth/token' });
      const client = makeClient(fx.emulator);
      await client.listProjects();
      assert.deepEqual(tokenRequests(fx.emulator).map((r) => r.status), [503, 0, 200]);
      fx.emulator.clearRequests();
      fx.emulator.faults.add({ kind: 'serverError', times: 100, match: '/api/oauth/token' });
      const failing = makeClient(fx.emulator, { retry: { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 5 } });
      const err = await expectAtlasError(failing.listProjects(), 'server');
      assert.equal(err.attempts, 2);
      assert.equal(err.operation, undefined, 'the token request is no API operation');
      assert.match(err.message, /while trying to sign in/);
      assert.equal(tokenRequests(fx.emulator).length, 2);
      assert.equal(apiRequests(fx.emulator).length, 0);
    });

    it('a token Atlas keeps refusing ends in unauthorized after exactly one new token ("sign in again")', async function () {
      this.timeout(10_000);
      // Tokens live 1 s and every API answer is delayed 1.1 s, so each token has expired when Atlas checks
      // it; the client's clock stands still, so only Atlas's 401s tell it.
      fx.emulator.setTokenLifetime(1);
      fx.emulator.faults.add({ kind: 'latency', ms: 1_100 });
      const client = makeClient(fx.emulator, { clock: () => 42 });
      const err = await expectAtlasError(client.listProjects(), 'unauthorized');
      assert.deepEqual(
        fx.emulator.requests.map((r) => `${r.method} ${r.path} ${r.status}`),
        ['POST /api/oauth/token 200', 'GET /api/atlas/v2/groups 401', 'POST /api/oauth/token 200', 'GET /api/atlas/v2/groups 401'],
      );
      assert.equal(err.status, 401);
      assert.match(err.message, /service account/);
      assert.match(err.message, /Sign in again/);
    });
  });

  describe('API key (HTTP Digest, checked by the http-auth package)', () => {
    it('answers the challenge, then reuses the nonce with an increasing nc', async () => {
      const client = makeClient(fx.emulator, { credentials: API_KEY });
      await client.listOrganizations();
      await client.listProjects();
      await client.listOrganizationProjects(fx.orgId);
      const seen = apiRequests(fx.emulator).map((r) => `${r.status} ${r.authScheme ?? '-'}`);
      assert.deepEqual(seen, ['401 -', '200 Digest', '200 Digest', '200 Digest'], 'one challenge, then three signed requests');
    });

    it('answers a stale nonce (expireDigestNonces) with the new challenge and succeeds', async () => {
      const client = await warmClient(fx.emulator, { credentials: API_KEY });
      fx.emulator.expireDigestNonces();
      const page = await client.listProjects();
      assert.ok(Array.isArray(page.results));
      assert.deepEqual(
        apiRequests(fx.emulator).map((r) => r.status),
        [401, 200],
      );
    });

    it('survives concurrent paging (nonce counts can arrive out of order) and stale nonces in the middle', async function () {
      this.timeout(20_000);
      fx.emulator.store.addCluster(fx.groupId, 'dedicated', 'DigestPaging');
      fx.emulator.store.addRestoreJobs(fx.groupId, 'DigestPaging', 'cloudBackup', 3_000);
      const client = makeClient(fx.emulator, { credentials: API_KEY, pageConcurrency: 8 });
      for (let round = 0; round < 3; round++) {
        if (round === 1) fx.emulator.expireDigestNonces();
        const items = await collectAll(
          client.allPages((o) => client.listRestoreJobs('cloudBackup', fx.groupId, 'DigestPaging', o), { itemsPerPage: 100 }),
        );
        assert.equal(items.length, 3_000);
        assert.equal(new Set(items.map((j) => j.id)).size, 3_000);
      }
      const answered = apiRequests(fx.emulator).filter((r) => r.status === 200);
      assert.equal(answered.length, 90, '30 pages per round, each answered once');
      // Extra exchanges are refusals only: the new client's one challenge, one per request in flight when the
      // nonces expired, and the odd request that reached the emulator after a higher nonce count.
      assert.ok(apiRequests(fx.emulator).length - 90 <= 8 * 3, `challenges: ${apiRequests(fx.emulator).length - 90}`);
    });

    it('a wrong private key is an unauthorized error about the API key after one answered challenge', async () => {
      const wrong = '5d1e0f5e-0000-4000-8000-00000000dead';
      extraSecrets.add(wrong);
      const client = makeClient(fx.emulator, { credentials: { kind: 'apiKey', publicKey: DEMO_API_KEY.publicKey, privateKey: wrong } });
      const err = await expectAtlasError(client.listProjects(), 'unauthorized');
      assert.equal(err.status, 401);
      assert.match(err.message, /API key/);
      assert.match(err.message, /sign in again/);
      assert.deepEqual(apiRequests(fx.emulator).map((r) => r.status), [401, 401]);
    });

    it('verifyCredentials makes one cheap real request and reports bad keys', async () => {
      const good = makeClient(fx.emulator, { credentials: SERVICE_ACCOUNT });
      await good.verifyCredentials();
      const req = apiRequests(fx.emulator).at(-1)!;
      assert.equal(req.path, '/api/atlas/v2/orgs');
      assert.deepEqual(req.query, { itemsPerPage: '1', pageNum: '1', includeCount: 'false' });
      const bad = makeClient(fx.emulator, { credentials: { kind: 'apiKey', publicKey: 'nosuchkey', privateKey: 'nope-nope-nope' } });
      extraSecrets.add('nope-nope-nope');
      await expectAtlasError(bad.verifyCredentials(), 'unauthorized');
    });
  });
});
