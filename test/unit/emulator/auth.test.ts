import { strict as assert } from 'node:assert';
import { DEMO_API_KEY, DEMO_SERVICE_ACCOUNT, DIGEST_REALM, startEmulator, type RunningEmulator } from '../../atlas-emulator';
import { ACCEPT, demoProjects, digestHeader, DigestSession, get, md5, parseChallenge, requestToken, sleep, token } from './support';

describe('emulator: authentication and roles', function () {
  this.timeout(20_000);
  let emu: RunningEmulator;
  const orgs = '/api/atlas/v2/orgs';
  before(async () => {
    emu = await startEmulator({ today: '2026-01-15' });
  });
  after(() => emu.close());
  beforeEach(() => {
    emu.faults.clear();
    emu.setTokenLifetime(3600);
  });

  describe('service accounts (OAuth 2.0 client credentials)', () => {
    it('issues a Bearer token for Basic client id/secret and form grant_type=client_credentials', async () => {
      const r = await requestToken(emu.baseUrl);
      assert.equal(r.status, 200);
      assert.match(r.contentType ?? '', /^application\/json/);
      assert.deepEqual(Object.keys(r.json).sort(), ['access_token', 'expires_in', 'token_type']);
      assert.equal(r.json.token_type, 'Bearer');
      assert.equal(r.json.expires_in, 3600);
      const api = await get(emu.baseUrl, orgs, { bearer: r.json.access_token, accept: ACCEPT.v20230101 });
      assert.equal(api.status, 200);
      assert.equal(api.json.totalCount, 2);
    });

    it('refuses a wrong secret, an unknown client, a missing Basic header, other grants and other methods', async () => {
      assert.equal((await requestToken(emu.baseUrl, { ...DEMO_SERVICE_ACCOUNT, clientSecret: 'wrong' })).status, 401);
      const unknown = await requestToken(emu.baseUrl, { clientId: 'mdb_sa_id_nobody', clientSecret: 'x' });
      assert.equal(unknown.status, 401);
      assert.equal(unknown.json.error, 'invalid_client');
      const noBasic = await fetch(`${emu.baseUrl}/api/oauth/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials',
      });
      assert.equal(noBasic.status, 401);
      const password = await requestToken(emu.baseUrl, DEMO_SERVICE_ACCOUNT, 'grant_type=password');
      assert.equal(password.status, 400);
      assert.equal(password.json.error, 'unsupported_grant_type');
      assert.equal((await requestToken(emu.baseUrl, DEMO_SERVICE_ACCOUNT, '')).status, 400);
      assert.equal((await fetch(`${emu.baseUrl}/api/oauth/token`)).status, 405);
    });

    it('a Bearer token that is unknown gets a 401 ApiError', async () => {
      const r = await get(emu.baseUrl, orgs, { bearer: 'eyJhbGciOi.invalid.token', accept: ACCEPT.v20230101 });
      assert.equal(r.status, 401);
      assert.equal(r.json.error, 401);
      assert.equal(r.contentType, 'application/json');
      assert.match(r.headers.get('www-authenticate') ?? '', /^Bearer error="invalid_token"/);
    });

    it('tokens expire after their lifetime (settable for tests)', async () => {
      emu.setTokenLifetime(1);
      const r = await requestToken(emu.baseUrl);
      assert.equal(r.json.expires_in, 1);
      assert.equal((await get(emu.baseUrl, orgs, { bearer: r.json.access_token, accept: ACCEPT.v20230101 })).status, 200);
      await sleep(1100);
      const expired = await get(emu.baseUrl, orgs, { bearer: r.json.access_token, accept: ACCEPT.v20230101 });
      assert.equal(expired.status, 401);
      assert.match(expired.json.detail, /expired/);
    });

    it('the revokeTokens fault invalidates every issued token; a new one works', async () => {
      const a = await token(emu.baseUrl);
      const b = await token(emu.baseUrl);
      emu.faults.add({ kind: 'revokeTokens' });
      for (const t of [a, b]) assert.equal((await get(emu.baseUrl, orgs, { bearer: t, accept: ACCEPT.v20230101 })).status, 401);
      assert.equal((await get(emu.baseUrl, orgs, { bearer: await token(emu.baseUrl), accept: ACCEPT.v20230101 })).status, 200);
    });

    it('POST /api/oauth/revoke revokes one token', async () => {
      const a = await token(emu.baseUrl);
      const b = await token(emu.baseUrl);
      const basic = Buffer.from(`${DEMO_SERVICE_ACCOUNT.clientId}:${DEMO_SERVICE_ACCOUNT.clientSecret}`).toString('base64');
      const r = await fetch(`${emu.baseUrl}/api/oauth/revoke`, {
        method: 'POST',
        headers: { Authorization: `Basic ${basic}`, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: `token=${encodeURIComponent(a)}&token_type_hint=access_token`,
      });
      assert.equal(r.status, 200);
      assert.equal((await get(emu.baseUrl, orgs, { bearer: a, accept: ACCEPT.v20230101 })).status, 401);
      assert.equal((await get(emu.baseUrl, orgs, { bearer: b, accept: ACCEPT.v20230101 })).status, 200);
    });
  });

  describe('API keys (HTTP Digest, verified by http-auth)', () => {
    it('challenges like Atlas: realm "MMS Public API", MD5, qop="auth", stale=false', async () => {
      const r = await get(emu.baseUrl, orgs, { accept: ACCEPT.v20230101 });
      assert.equal(r.status, 401);
      assert.equal(r.json.errorCode, 'UNAUTHORIZED');
      const header = r.headers.get('www-authenticate') ?? '';
      assert.match(header, /^Digest realm="MMS Public API", domain="", nonce="[0-9a-f]+", algorithm=MD5, qop="auth", stale=false$/);
      assert.equal(parseChallenge(header).realm, DIGEST_REALM);
    });

    it('accepts an answer computed independently (RFC 2617), then the same nonce with a growing nc', async () => {
      const s = new DigestSession(emu.baseUrl);
      for (let i = 0; i < 3; i++) assert.equal((await s.get(orgs)).status, 200);
      assert.equal(s.challenges, 1, 'one challenge, then nonce reuse');
      assert.equal(s.nc, 3);
    });

    it('a replayed nc, an expired nonce list and an unknown nonce all get stale=true; the fresh nonce then works', async () => {
      const s = new DigestSession(emu.baseUrl);
      await s.get(orgs);
      s.nc = 0; // replay nc=1
      const replay = await fetch(`${emu.baseUrl}${orgs}`, {
        headers: {
          Accept: ACCEPT.v20230101,
          Authorization: digestHeader({ username: DEMO_API_KEY.publicKey, password: DEMO_API_KEY.privateKey, realm: s.realm!, nonce: s.nonce!, method: 'GET', uri: orgs, nc: 1 }),
        },
      });
      assert.equal(replay.status, 401);
      assert.equal(parseChallenge(replay.headers.get('www-authenticate')).stale, 'true');
      const unknownNonce = await fetch(`${emu.baseUrl}${orgs}`, {
        headers: {
          Accept: ACCEPT.v20230101,
          Authorization: digestHeader({ username: DEMO_API_KEY.publicKey, password: DEMO_API_KEY.privateKey, realm: s.realm!, nonce: 'deadbeef', method: 'GET', uri: orgs, nc: 1 }),
        },
      });
      assert.equal(unknownNonce.status, 401);
      assert.equal(parseChallenge(unknownNonce.headers.get('www-authenticate')).stale, 'true');

      const fresh = new DigestSession(emu.baseUrl);
      await fresh.get(orgs);
      emu.expireDigestNonces();
      const oldNonce = fresh.nonce;
      const r = await fresh.get(orgs); // first try 401 stale, then answers the new challenge
      assert.equal(r.status, 200);
      assert.notEqual(fresh.nonce, oldNonce);
      assert.equal(fresh.challenges, 2);
    });

    it('stale=true only for nonce problems: a wrong key, a wrong uri or another qop are plain 401s', async () => {
      const first = await get(emu.baseUrl, orgs, { accept: ACCEPT.v20230101 });
      const c = parseChallenge(first.headers.get('www-authenticate'));
      const attempt = async (over: { password?: string; uri?: string }, nc: number) => {
        const header = digestHeader({
          username: DEMO_API_KEY.publicKey,
          password: over.password ?? DEMO_API_KEY.privateKey,
          realm: c.realm!,
          nonce: c.nonce!,
          method: 'GET',
          uri: over.uri ?? orgs,
          nc,
        });
        return fetch(`${emu.baseUrl}${orgs}`, { headers: { Accept: ACCEPT.v20230101, Authorization: header } });
      };
      const wrongKey = await attempt({ password: 'wrong' }, 1);
      assert.equal(wrongKey.status, 401);
      assert.equal(parseChallenge(wrongKey.headers.get('www-authenticate')).stale, 'false');
      const wrongUri = await attempt({ uri: '/api/atlas/v2/groups' }, 2);
      assert.equal(wrongUri.status, 401);
      // RFC 2069 style (no qop) with an otherwise correct response: Atlas asks for qop=auth.
      const ha1 = md5(`${DEMO_API_KEY.publicKey}:${c.realm}:${DEMO_API_KEY.privateKey}`);
      const noQop = `Digest username="${DEMO_API_KEY.publicKey}", realm="${c.realm}", nonce="${c.nonce}", uri="${orgs}", response="${md5(`${ha1}:${c.nonce}:${md5(`GET:${orgs}`)}`)}"`;
      const qopless = await fetch(`${emu.baseUrl}${orgs}`, { headers: { Accept: ACCEPT.v20230101, Authorization: noQop } });
      assert.equal(qopless.status, 401);
      assert.equal((await attempt({}, 3)).status, 200);
      const unknownUser = await fetch(`${emu.baseUrl}${orgs}`, {
        headers: { Accept: ACCEPT.v20230101, Authorization: digestHeader({ username: 'nobody', password: 'x', realm: c.realm!, nonce: c.nonce!, method: 'GET', uri: orgs, nc: 4 }) },
      });
      assert.equal(unknownUser.status, 401);
      const basic = await get(emu.baseUrl, orgs, { accept: ACCEPT.v20230101, headers: { Authorization: `Basic ${Buffer.from('demokeyz:x').toString('base64')}` } });
      assert.equal(basic.status, 401);
      assert.match(basic.headers.get('www-authenticate') ?? '', /^Digest /);
    });
  });

  it('recorded requests name the scheme but never hold a credential', async () => {
    emu.clearRequests();
    const t = await token(emu.baseUrl);
    await get(emu.baseUrl, orgs, { bearer: t, accept: ACCEPT.v20230101 });
    const s = new DigestSession(emu.baseUrl);
    await s.get(orgs);
    const schemes = emu.requests.map((r) => r.authScheme ?? 'none');
    assert.deepEqual(schemes, ['Basic', 'Bearer', 'none', 'Digest']);
    const dump = JSON.stringify(emu.requests);
    for (const secret of [t, DEMO_SERVICE_ACCOUNT.clientSecret, DEMO_API_KEY.privateKey, s.nonce!, 'response=']) assert.ok(!dump.includes(secret));
  });

  describe('roles', () => {
    it('the demo principals own organization 1 and only read one project of organization 2', async () => {
      for (const auth of ['bearer', 'digest'] as const) {
        const bearer = auth === 'bearer' ? await token(emu.baseUrl) : undefined;
        const digest = new DigestSession(emu.baseUrl);
        const call = (path: string, accept: string = ACCEPT.v20230101) => (bearer ? get(emu.baseUrl, path, { bearer, accept }) : digest.get(path, accept));
        const p = demoProjects(emu);
        const orgList = (await call(orgs)).json;
        assert.equal(orgList.totalCount, 2);
        const groups = (await call('/api/atlas/v2/groups')).json;
        assert.deepEqual(
          groups.results.map((g: { name: string }) => g.name),
          ['Production', 'Staging', "R&D-Tom's-Lab", 'Globex-Analytics'],
          'the project without any role is not listed',
        );
        const globex = emu.store.organization(p.analytics.orgId)!;
        const globexGroups = (await call(`/api/atlas/v2/orgs/${globex.id}/groups`)).json;
        assert.deepEqual(globexGroups.results.map((g: { name: string }) => g.name), ['Globex-Analytics']);
        const a = `/api/atlas/v2/groups/${p.analytics.id}`;
        const expectations: [string, string, number][] = [
          [`${a}/clusters`, ACCEPT.v20240805, 200],
          [`${a}/serverless`, ACCEPT.v20230101, 200],
          [`${a}/flexClusters`, ACCEPT.v20241113, 200],
          [`${a}/clusters/analytics-rs/restoreJobs`, ACCEPT.v20230101, 200],
          [`${a}/flexClusters/analytics-flex/backup/restoreJobs`, ACCEPT.v20241113, 200],
          [`${a}/clusters/analytics-rs/backup/restoreJobs`, ACCEPT.v20230101, 403],
          [`${a}/serverless/analytics-sl/backup/restoreJobs`, ACCEPT.v20230101, 403],
          [`/api/atlas/v2/groups/${p.internal.id}/clusters`, ACCEPT.v20240805, 403],
        ];
        for (const [path, accept, status] of expectations) {
          const r = await call(path, accept);
          assert.equal(r.status, status, `${auth} ${path}`);
          if (status === 403) {
            assert.equal(r.json.error, 403);
            assert.match(r.json.detail, /role/);
          }
        }
        const backup = await call(`${a}/clusters/analytics-rs/backup/restoreJobs`);
        assert.match(backup.json.detail, /Project Backup Manager/);
        const serverless = await call(`${a}/serverless/analytics-sl/backup/restoreJobs`);
        assert.match(serverless.json.detail, /Project Owner/);
      }
    });

    it('grant() raises roles along Owner ⊇ Backup Manager ⊇ Read Only, per principal', async () => {
      const p = demoProjects(emu).analytics;
      const bearer = await token(emu.baseUrl);
      const backup = `/api/atlas/v2/groups/${p.id}/clusters/analytics-rs/backup/restoreJobs`;
      const serverless = `/api/atlas/v2/groups/${p.id}/serverless/analytics-sl/backup/restoreJobs`;
      const legacy = `/api/atlas/v2/groups/${p.id}/clusters/analytics-rs/restoreJobs`;
      const status = async (path: string) => (await get(emu.baseUrl, path, { bearer, accept: ACCEPT.v20230101 })).status;
      try {
        emu.grant(DEMO_SERVICE_ACCOUNT.clientId, p.id, ['GROUP_BACKUP_MANAGER']);
        assert.deepEqual([await status(legacy), await status(backup), await status(serverless)], [200, 200, 403]);
        emu.grant(DEMO_SERVICE_ACCOUNT.clientId, p.id, ['GROUP_OWNER']);
        assert.deepEqual([await status(legacy), await status(backup), await status(serverless)], [200, 200, 200]);
        // The API key principal was not granted anything more.
        const digest = new DigestSession(emu.baseUrl);
        assert.equal((await digest.get(backup)).status, 403);
        emu.grant(DEMO_SERVICE_ACCOUNT.clientId, p.id, []);
        assert.equal(await status(legacy), 403, 'no role left in the project');
      } finally {
        emu.grant(DEMO_SERVICE_ACCOUNT.clientId, p.id, ['GROUP_READ_ONLY']);
      }
    });
  });
});
