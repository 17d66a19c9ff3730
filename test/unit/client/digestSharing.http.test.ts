import { strict as assert } from 'node:assert';
import { DigestAuth } from '../../../src/atlas/auth/digest';
import { DEMO_API_KEY } from '../../atlas-emulator';
import { API_KEY, apiRequests, expectAtlasError, extraSecrets, makeClient, suiteFixture, warmClient } from './support';

/**
 * The client shares one Digest nonce among all its requests (nonce count strictly increasing, fresh
 * cnonce each), checked by the emulator's http-auth, which keeps per nonce the highest nc it accepted
 * (`digestNonceCounts()`) and refuses anything not above it as stale.
 */
describe('client over HTTP: one Digest nonce shared by parallel requests', function () {
  this.timeout(20_000);
  const fx = suiteFixture();
  // Nonces handed out by earlier tests would show in digestNonceCounts(): each test starts from none.
  beforeEach(() => fx.emulator.expireDigestNonces());

  const statuses = () => apiRequests(fx.emulator).map((r) => `${r.status} ${r.authScheme ?? '-'}`);
  const count = (list: string[], s: string) => list.filter((x) => x === s).length;

  it('a new client: 8 parallel calls cost exactly one challenge, then go signed with one nonce, nc 1…8', async () => {
    const client = makeClient(fx.emulator, { credentials: API_KEY });
    await Promise.all(Array.from({ length: 8 }, () => client.listProjects()));
    const seen = statuses();
    assert.equal(seen.length, 9);
    assert.equal(seen[0], '401 -', 'one request went out unsigned');
    assert.equal(count(seen, '200 Digest'), 8);
    assert.deepEqual(fx.emulator.digestNonceCounts(), [8]);
  });

  it('the same with fewer slots than calls: still one challenge for 8 calls', async () => {
    const client = makeClient(fx.emulator, { credentials: API_KEY, maxConcurrentRequests: 3 });
    fx.emulator.faults.add({ kind: 'latency', ms: 20 });
    await Promise.all(Array.from({ length: 8 }, () => client.listProjects()));
    assert.equal(count(statuses(), '401 -'), 1);
    assert.equal(statuses().length, 9);
    assert.deepEqual(fx.emulator.digestNonceCounts(), [8]);
  });

  it('a client that holds a nonce signs parallel calls up front: no challenge at all', async () => {
    const client = await warmClient(fx.emulator, { credentials: API_KEY });
    fx.emulator.faults.add({ kind: 'latency', ms: 20 });
    await Promise.all(Array.from({ length: 8 }, () => client.listProjects()));
    assert.deepEqual(statuses(), Array(8).fill('200 Digest'));
    assert.deepEqual(fx.emulator.digestNonceCounts(), [9], 'the warm-up call and the 8');
  });

  it('a stale nonce under 8 calls in flight: each is refused once, and the new nonce is taken once, not 8 times', async () => {
    const client = await warmClient(fx.emulator, { credentials: API_KEY });
    fx.emulator.expireDigestNonces();
    fx.emulator.faults.add({ kind: 'latency', ms: 20 });
    await Promise.all(Array.from({ length: 8 }, () => client.listProjects()));
    const seen = statuses();
    assert.equal(count(seen, '401 Digest'), 8, 'signed with the old nonce before any refusal came back');
    assert.equal(count(seen, '200 Digest'), 8);
    // Each refusal carried a fresh nonce; the client used the first and signed all 8 retries with it.
    assert.deepEqual([...fx.emulator.digestNonceCounts()].sort((a, b) => a - b), [0, 0, 0, 0, 0, 0, 0, 8]);
    fx.emulator.clearRequests();
    await Promise.all(Array.from({ length: 8 }, () => client.listProjects()));
    assert.deepEqual(statuses(), Array(8).fill('200 Digest'), 'and the next burst needs nothing more');
    assert.equal(Math.max(...fx.emulator.digestNonceCounts()), 16);
  });

  it('a call that reaches Atlas after a higher nonce count is refused as stale and signed again with a new nonce', async () => {
    const client = await warmClient(fx.emulator, { credentials: API_KEY });
    // The cluster list is held back before authentication, so the project list signed after it is checked first.
    fx.emulator.faults.add({ kind: 'latency', ms: 300, match: '/clusters' });
    const slow = client.listClusters(fx.groupId);
    const fast = client.listProjects();
    await Promise.all([slow, fast]);
    const byPath = (suffix: string) =>
      apiRequests(fx.emulator)
        .filter((r) => r.path.endsWith(suffix))
        .map((r) => r.status);
    assert.deepEqual(byPath('/clusters'), [401, 200]);
    assert.deepEqual(byPath('/groups'), [200]);
    // nc 1 (warm-up), 3 (the project list) accepted; 2 came too late. The replacement counted 1.
    assert.deepEqual(fx.emulator.digestNonceCounts(), [3, 1]);
  });

  it('a wrong private key with 8 parallel calls: one challenge, 8 refusals, 8 unauthorized errors, no loop', async () => {
    const wrong = '5d1e0f5e-0000-4000-8000-00000000beef';
    extraSecrets.add(wrong);
    const client = makeClient(fx.emulator, { credentials: { kind: 'apiKey', publicKey: DEMO_API_KEY.publicKey, privateKey: wrong } });
    const calls = Array.from({ length: 8 }, () => client.listProjects());
    for (const c of calls) await expectAtlasError(c, 'unauthorized');
    const seen = statuses();
    assert.equal(count(seen, '401 -'), 1);
    assert.equal(count(seen, '401 Digest'), 8);
    assert.equal(seen.length, 9);
  });

  describe('nonce counts as http-auth checks them (the signer against the emulator, one request at a time)', () => {
    const orgs = '/api/atlas/v2/orgs';
    const send = (authorization: string) =>
      fetch(`${fx.emulator.baseUrl}${orgs}`, { headers: { Accept: 'application/vnd.atlas.2023-01-01+json', Authorization: authorization } });
    const field = (header: string, name: string) => new RegExp(`${name}="?([^",]+)"?`).exec(header)?.[1];

    it('nc is 8 hex digits and strictly increasing, each cnonce fresh; a gap is accepted, a lower or repeated nc is stale', async () => {
      const challenge = (await fetch(`${fx.emulator.baseUrl}${orgs}`)).headers.get('www-authenticate')!;
      const signer = new DigestAuth(DEMO_API_KEY.publicKey, DEMO_API_KEY.privateKey);
      const signal = new AbortController().signal;
      const probe = await signer.authorize({ method: 'GET', target: orgs, signal });
      assert.equal(probe.header, undefined, 'without a nonce the first request goes unsigned');
      assert.equal(signer.retryAfterUnauthorized(probe, challenge, 0), true);
      signer.settle(probe, 401);
      const headers = [];
      for (let i = 0; i < 4; i++) headers.push((await signer.authorize({ method: 'GET', target: orgs, signal })).sign!());
      assert.deepEqual(headers.map((h) => field(h, 'nc')), ['00000001', '00000002', '00000003', '00000004']);
      assert.equal(new Set(headers.map((h) => field(h, 'cnonce'))).size, 4);
      assert.equal(new Set(headers.map((h) => field(h, 'nonce'))).size, 1, 'one nonce for all');
      const [nc1, nc2, nc3, nc4] = headers as [string, string, string, string];
      const stale = (r: Response) => field(r.headers.get('www-authenticate') ?? '', 'stale');
      assert.equal((await send(nc1)).status, 200);
      assert.equal((await send(nc3)).status, 200, 'a gap (nc 2 never seen) is accepted');
      const late = await send(nc2);
      assert.equal([late.status, stale(late)].join(' '), '401 true', 'nc 2 after nc 3: out of order');
      const replay = await send(nc3);
      assert.equal([replay.status, stale(replay)].join(' '), '401 true', 'a replayed nc');
      assert.equal((await send(nc4)).status, 200);
      // The two refusals each handed out a nonce of their own, unused.
      assert.deepEqual(fx.emulator.digestNonceCounts(), [4, 0, 0]);
    });
  });
});
