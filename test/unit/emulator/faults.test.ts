import { strict as assert } from 'node:assert';
import { startEmulator, type RunningEmulator } from '../../atlas-emulator';
import { ACCEPT, get, requestToken, token } from './support';

describe('emulator: fault switches', function () {
  this.timeout(20_000);
  let emu: RunningEmulator;
  let bearer: string;
  const orgs = '/api/atlas/v2/orgs';
  const groups = '/api/atlas/v2/groups';
  const call = (path = orgs) => get(emu.baseUrl, path, { bearer, accept: ACCEPT.v20230101 });
  const timed = async <T>(f: () => Promise<T>): Promise<[T, number]> => {
    const t = Date.now();
    const v = await f();
    return [v, Date.now() - t];
  };

  before(async () => {
    emu = await startEmulator({ today: '2026-01-15' });
    bearer = await token(emu.baseUrl);
  });
  after(() => emu.close());
  beforeEach(() => {
    emu.faults.clear();
    emu.clearRequests();
  });

  it('latency: a fault adds its delay to every matching API answer until cleared', async () => {
    emu.faults.add({ kind: 'latency', ms: 250 });
    const [r1, ms1] = await timed(() => call());
    const [, ms2] = await timed(() => call());
    assert.equal(r1.status, 200);
    assert.ok(ms1 >= 240 && ms2 >= 240, `${ms1} / ${ms2} ms`);
    emu.faults.clear();
    const [, fast] = await timed(() => call());
    assert.ok(fast < 200, `${fast} ms after clear`);
  });

  it('latency: the latencyMs option delays every API answer, tokens included', async () => {
    const slow = await startEmulator({ latencyMs: 200, today: '2026-01-15' });
    try {
      const [t, tokenMs] = await timed(() => token(slow.baseUrl));
      const [r, apiMs] = await timed(() => get(slow.baseUrl, orgs, { bearer: t, accept: ACCEPT.v20230101 }));
      assert.equal(r.status, 200);
      assert.ok(tokenMs >= 190 && apiMs >= 190, `${tokenMs} / ${apiMs} ms`);
    } finally {
      await slow.close();
    }
  });

  it('rateLimit: 429 ApiError with RateLimit headers; Retry-After only when given; counts down', async () => {
    emu.faults.add({ kind: 'rateLimit', times: 1, retryAfterSeconds: 7 });
    emu.faults.add({ kind: 'rateLimit', times: 2 });
    const first = await call();
    assert.equal(first.status, 429);
    assert.equal(first.headers.get('retry-after'), '7');
    assert.equal(first.headers.get('ratelimit-remaining'), '0');
    assert.match(first.headers.get('ratelimit-limit') ?? '', /^\d+$/);
    assert.equal(first.json.errorCode, 'RATE_LIMITED_TOKEN_BUCKET');
    assert.match(first.json.detail, /retry after 7 seconds/);
    for (let i = 0; i < 2; i++) {
      const r = await call();
      assert.equal(r.status, 429);
      assert.equal(r.headers.get('retry-after'), null);
    }
    assert.equal((await call()).status, 200);
  });

  it('serverError: 500 by default, or the status given, as ApiError', async () => {
    emu.faults.add({ kind: 'serverError', times: 1 });
    emu.faults.add({ kind: 'serverError', times: 1, status: 503 });
    emu.faults.add({ kind: 'serverError', times: 1, status: 502 });
    emu.faults.add({ kind: 'serverError', times: 1, status: 504 });
    const got = [];
    for (let i = 0; i < 5; i++) got.push((await call()).status);
    assert.deepEqual(got, [500, 503, 502, 504, 200]);
  });

  it('reset: the connection is destroyed without an answer (recorded with status 0)', async () => {
    emu.faults.add({ kind: 'reset', times: 1 });
    await assert.rejects(call(), /fetch failed/);
    assert.equal((await call()).status, 200);
    assert.deepEqual(emu.requests.map((r) => r.status), [0, 200]);
  });

  it('slowBody: headers at once, the body dripped over the given time, intact', async () => {
    emu.faults.add({ kind: 'slowBody', times: 1, ms: 600 });
    const t = Date.now();
    const res = await fetch(`${emu.baseUrl}${groups}`, { headers: { Authorization: `Bearer ${bearer}`, Accept: ACCEPT.v20230101 } });
    const headersAt = Date.now() - t;
    const body = await res.json();
    const bodyAt = Date.now() - t;
    assert.equal(res.status, 200);
    assert.ok(headersAt < 300, `headers after ${headersAt} ms`);
    assert.ok(bodyAt >= 550, `body after ${bodyAt} ms`);
    assert.equal(body.totalCount, 4);
  });

  it('malformedJson: a 200 with the vendor type whose body does not parse; then normal again', async () => {
    emu.faults.add({ kind: 'malformedJson', times: 1 });
    const bad = await call();
    assert.equal(bad.status, 200);
    assert.equal(bad.contentType, ACCEPT.v20230101);
    assert.throws(() => JSON.parse(bad.text));
    assert.equal((await call()).json.totalCount, 2);
  });

  it('totalCount: the next counted list answers report the given total; uncounted answers do not use it up', async () => {
    emu.faults.add({ kind: 'totalCount', times: 2, value: 1_700_000_000 });
    const uncounted = await call(`${groups}?includeCount=false`);
    assert.equal('totalCount' in uncounted.json, false);
    for (let i = 0; i < 2; i++) {
      const r = await call(groups);
      assert.equal(r.json.totalCount, 1_700_000_000);
      assert.equal(r.json.results.length, 4, 'the results are what they are');
    }
    assert.equal((await call(groups)).json.totalCount, 4);
    assert.throws(() => emu.faults.add({ kind: 'totalCount', times: 1, value: -1 }));
    assert.throws(() => emu.faults.add({ kind: 'totalCount', times: 1, value: 1.5 }));
  });

  it('apiError: any status with an ApiError body (409 conflict, 401 IP access list), then normal again', async () => {
    emu.faults.add({ kind: 'apiError', times: 1, status: 409, errorCode: 'CONFLICTING_UPDATE', detail: 'Another change is in progress.' });
    emu.faults.add({ kind: 'apiError', times: 1, status: 401, errorCode: 'IP_ADDRESS_NOT_ON_ACCESS_LIST' });
    const conflict = await call();
    assert.equal(conflict.status, 409);
    assert.equal(conflict.contentType, 'application/json');
    assert.deepEqual(conflict.json, { detail: 'Another change is in progress.', error: 409, errorCode: 'CONFLICTING_UPDATE', parameters: [], reason: 'Conflict' });
    const ip = await call();
    assert.equal(ip.status, 401);
    assert.equal(ip.json.errorCode, 'IP_ADDRESS_NOT_ON_ACCESS_LIST');
    assert.equal(ip.json.reason, 'Unauthorized');
    assert.equal((await call()).status, 200);
    assert.throws(() => emu.faults.add({ kind: 'apiError', times: 1, status: 200, errorCode: 'X' }));
  });

  it('match aims a fault: substring or /regex/; without match only /api/atlas/v2 is hit, not the token endpoint', async () => {
    emu.faults.add({ kind: 'serverError', times: 1, match: '/groups' });
    assert.equal((await call(orgs)).status, 200);
    assert.equal((await call(groups)).status, 500);
    emu.faults.add({ kind: 'rateLimit', times: 1, match: '/^\\/api\\/atlas\\/v2\\/orgs$/' });
    assert.equal((await call(groups)).status, 200);
    assert.equal((await call(orgs)).status, 429);

    emu.faults.add({ kind: 'serverError', times: 1 });
    assert.equal((await requestToken(emu.baseUrl)).status, 200, 'an unaimed fault spares the token endpoint');
    assert.equal((await call()).status, 500);
    emu.faults.add({ kind: 'serverError', times: 1, status: 503, match: '/api/oauth/token' });
    assert.equal((await requestToken(emu.baseUrl)).status, 503);
  });

  it('clear() removes every pending fault; bad faults are refused', async () => {
    emu.faults.add({ kind: 'serverError', times: 5 });
    emu.faults.add({ kind: 'latency', ms: 1000 });
    emu.faults.clear();
    const [r, ms] = await timed(() => call());
    assert.equal(r.status, 200);
    assert.ok(ms < 500);
    assert.throws(() => emu.faults.add({ kind: 'reset', times: 0 }));
    assert.throws(() => emu.faults.add({ kind: 'latency', ms: -1 }));
  });
});
