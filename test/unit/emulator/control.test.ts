import { strict as assert } from 'node:assert';
import { DEMO_SERVICE_ACCOUNT, startEmulator, type RunningEmulator } from '../../atlas-emulator';
import { ACCEPT, controlCall, demoProjects, DigestSession, get, sleep, token } from './support';

describe('emulator: the control endpoint (/__emulator/)', function () {
  this.timeout(20_000);
  let emu: RunningEmulator;
  let bearer: string;
  const control = (method: string, path: string, body?: unknown) => controlCall(emu.baseUrl, method, path, body);
  const orgs = () => get(emu.baseUrl, '/api/atlas/v2/orgs', { bearer, accept: ACCEPT.v20230101 });

  before(async () => {
    emu = await startEmulator({ today: '2026-01-15' });
    bearer = await token(emu.baseUrl);
  });
  after(() => emu.close());

  it('GET state: today, counts, faults, token lifetime, principals — and no secret', async () => {
    const r = await control('GET', 'state');
    assert.equal(r.status, 200);
    assert.equal(r.json.today, '2026-01-15');
    assert.equal(r.json.dataset, 'demo');
    assert.equal(r.json.counts.projects, 5);
    assert.equal(r.json.tokenLifetimeSeconds, 3600);
    assert.ok(r.json.activeTokens >= 1);
    assert.deepEqual(r.json.faults, []);
    assert.ok(r.json.principals.includes(DEMO_SERVICE_ACCOUNT.clientId));
    assert.ok(!JSON.stringify(r.json).includes(DEMO_SERVICE_ACCOUNT.clientSecret));
  });

  it('POST faults (one or several) drives the API; DELETE clears them', async () => {
    let r = await control('POST', 'faults', [
      { kind: 'serverError', times: 1, status: 503 },
      { kind: 'rateLimit', times: 1, retryAfterSeconds: 2 },
    ]);
    assert.equal(r.status, 200);
    assert.equal(r.json.faults.length, 2);
    assert.equal((await orgs()).status, 503);
    const limited = await orgs();
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '2');
    assert.equal((await orgs()).status, 200);
    await control('POST', 'faults', { kind: 'latency', ms: 5000 });
    assert.equal((await control('GET', 'state')).json.faults.length, 1);
    r = await control('DELETE', 'faults');
    assert.deepEqual(r.json.faults, []);
    assert.equal((await orgs()).status, 200);
    assert.equal((await control('POST', 'faults', { kind: 'nonsense' })).status, 400);
    r = await control('POST', 'faults', { kind: 'totalCount', times: 1, value: 1_700_000_000, match: '/groups' });
    assert.equal(r.status, 200);
    assert.equal((await get(emu.baseUrl, '/api/atlas/v2/groups', { bearer, accept: ACCEPT.v20230101 })).json.totalCount, 1_700_000_000);
    assert.equal((await control('POST', 'faults', { kind: 'apiError', times: 1, status: 409, errorCode: 'CONFLICT' })).status, 200);
    assert.equal((await orgs()).status, 409);
    assert.equal((await control('POST', 'faults', '{not json')).status, 400);
  });

  it('POST today moves the sunset line', async () => {
    const p = demoProjects(emu).production;
    const path = `/api/atlas/v2/groups/${p.id}/serverless/prod-serverless/backup/restoreJobs`;
    assert.equal((await get(emu.baseUrl, path, { bearer, accept: ACCEPT.v20230101 })).status, 200);
    assert.deepEqual((await control('POST', 'today', { today: '2026-03-01' })).json, { today: '2026-03-01' });
    assert.equal((await get(emu.baseUrl, path, { bearer, accept: ACCEPT.v20230101 })).status, 410);
    await control('POST', 'today', { today: '2026-01-15' });
    assert.equal((await control('POST', 'today', { today: 'soon' })).status, 400);
  });

  it('POST grants changes roles', async () => {
    const p = demoProjects(emu).analytics;
    const path = `/api/atlas/v2/groups/${p.id}/clusters/analytics-rs/backup/restoreJobs`;
    assert.equal((await get(emu.baseUrl, path, { bearer, accept: ACCEPT.v20230101 })).status, 403);
    const r = await control('POST', 'grants', { principal: DEMO_SERVICE_ACCOUNT.clientId, groupId: p.id, roles: ['GROUP_BACKUP_MANAGER'] });
    assert.equal(r.status, 200);
    assert.deepEqual(r.json.roles, ['GROUP_BACKUP_MANAGER']);
    assert.equal((await get(emu.baseUrl, path, { bearer, accept: ACCEPT.v20230101 })).status, 200);
    await control('POST', 'grants', { principal: DEMO_SERVICE_ACCOUNT.clientId, groupId: p.id, roles: ['GROUP_READ_ONLY'] });
    assert.equal((await control('POST', 'grants', { principal: 'x', groupId: p.id, roles: ['ROOT'] })).status, 400);
  });

  it('POST token-lifetime, tokens/revoke and digest-nonces/expire', async () => {
    assert.equal((await control('POST', 'token-lifetime', { seconds: 1 })).status, 200);
    const short = await token(emu.baseUrl);
    await sleep(1100);
    assert.equal((await get(emu.baseUrl, '/api/atlas/v2/orgs', { bearer: short, accept: ACCEPT.v20230101 })).status, 401);
    await control('POST', 'token-lifetime', { seconds: 3600 });

    const t = await token(emu.baseUrl);
    await control('POST', 'tokens/revoke');
    assert.equal((await get(emu.baseUrl, '/api/atlas/v2/orgs', { bearer: t, accept: ACCEPT.v20230101 })).status, 401);
    bearer = await token(emu.baseUrl);

    const digest = new DigestSession(emu.baseUrl);
    await digest.get('/api/atlas/v2/orgs');
    await control('POST', 'digest-nonces/expire');
    assert.equal((await digest.get('/api/atlas/v2/orgs')).status, 200);
    assert.equal(digest.challenges, 2, 'the old nonce was refused as stale');
  });

  it('GET requests lists what was recorded (control calls are not); DELETE clears', async () => {
    await control('DELETE', 'requests');
    await orgs();
    await control('GET', 'state');
    const r = await control('GET', 'requests');
    assert.deepEqual(
      r.json.map((x: { path: string; status: number }) => [x.path, x.status]),
      [['/api/atlas/v2/orgs', 200]],
    );
    assert.equal((await control('GET', 'nothing')).status, 404);
  });
});
