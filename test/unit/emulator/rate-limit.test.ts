import { strict as assert } from 'node:assert';
import { DEFAULT_RATE_LIMIT, DEMO_API_KEY, DEMO_SERVICE_ACCOUNT, startEmulator, type RunningEmulator } from '../../atlas-emulator';
import { validateResponse } from '../../atlas-emulator/spec';
import { ACCEPT, controlCall, DigestSession, get, token, type Answer } from './support';

describe("emulator: Atlas's rate limit, enforced", function () {
  this.timeout(20_000);

  describe('defaults per dataset', () => {
    it('off for demo and empty (headers reported, never a 429); on for large with 100 per 60 s', async () => {
      for (const dataset of ['demo', 'empty'] as const) {
        const emu = await startEmulator({ dataset });
        try {
          assert.equal(emu.rateLimit(), undefined, dataset);
          const bearer = await token(emu.baseUrl);
          const answers = await Promise.all(Array.from({ length: 120 }, () => get(emu.baseUrl, '/api/atlas/v2/orgs', { bearer, accept: ACCEPT.v20230101 })));
          assert.ok(answers.every((a) => a.status === 200));
          assert.equal(answers[0]!.headers.get('ratelimit-limit'), '100');
        } finally {
          await emu.close();
        }
      }
      const large = await startEmulator({ dataset: 'large', large: { projects: 2, clusters: 2, restoreJobs: 4 } });
      try {
        assert.deepEqual(large.rateLimit(), { capacity: 100, refillRate: 100, refillDurationSeconds: 60 });
        assert.deepEqual(large.rateLimit(), { ...DEFAULT_RATE_LIMIT });
      } finally {
        await large.close();
      }
      const off = await startEmulator({ dataset: 'large', large: { projects: 1, clusters: 1, restoreJobs: 1 }, rateLimit: false });
      try {
        assert.equal(off.rateLimit(), undefined);
      } finally {
        await off.close();
      }
    });

    it('refuses numbers that are not whole and positive', async () => {
      await assert.rejects(startEmulator({ rateLimit: { capacity: 0 } }), /capacity must be a whole number >= 1/);
      await assert.rejects(startEmulator({ rateLimit: { refillDurationSeconds: 1.5 } }), /refillDurationSeconds/);
    });
  });

  describe('a token bucket per principal and project', () => {
    let emu: RunningEmulator;
    let bearer: string;
    let groupA: string;
    let groupB: string;
    let orgId: string;
    const call = (path: string) => get(emu.baseUrl, path, { bearer, accept: ACCEPT.v20230101 });
    const clusters = (groupId: string) => `/api/atlas/v2/groups/${groupId}/clusters`;

    before(async () => {
      emu = await startEmulator({ dataset: 'empty', today: '2026-01-15', rateLimit: { capacity: 3, refillRate: 2, refillDurationSeconds: 60 } });
      const principals = [DEMO_SERVICE_ACCOUNT.clientId, DEMO_API_KEY.publicKey];
      orgId = emu.store.addOrganization('Limited', { owners: principals }).id;
      groupA = emu.store.addProject(orgId, 'a').id;
      groupB = emu.store.addProject(orgId, 'b').id;
      for (const p of principals) for (const g of [groupA, groupB]) emu.grant(p, g, ['GROUP_OWNER']);
      bearer = await token(emu.baseUrl);
    });
    after(() => emu.close());
    beforeEach(() => emu.setRateLimit({ capacity: 3, refillRate: 2, refillDurationSeconds: 60 }));

    /** `retryAfter` as the bucket says it, or a second less when the test ran slowly (the clock ticks on). */
    function assertLimited(r: Answer, path: string, expected: number): void {
      assert.equal(r.status, 429);
      assert.equal(r.contentType, 'application/json');
      const retryAfter = Number(r.headers.get('retry-after'));
      assert.ok(retryAfter === expected || retryAfter === expected - 1, `Retry-After ${retryAfter}, expected ${expected}`);
      assert.equal(r.headers.get('ratelimit-limit'), '3');
      assert.equal(r.headers.get('ratelimit-remaining'), '0');
      assert.equal(r.json.error, 429);
      assert.equal(r.json.errorCode, 'RATE_LIMITED');
      assert.equal(r.json.reason, 'Too Many Requests');
      assert.equal(
        r.json.detail,
        `Rate limit exceeded for ${path.slice(1)}. Please retry after ${retryAfter} seconds. Request capacity: 3. Refill rate: 2 per 60 seconds.`,
      );
      // The spec's tooManyRequests response of the operation.
      const v = validateResponse({ method: 'GET', path }, r.status, r.contentType, r.text);
      assert.ok(v.valid, `${v.schema}: ${v.errors.join('; ')}`);
    }

    it('capacity requests pass with RateLimit-Remaining counting down; the next is 429 RATE_LIMITED with Retry-After', async () => {
      const remaining: (string | null)[] = [];
      for (let i = 0; i < 3; i++) {
        const r = await call(clusters(groupA));
        assert.equal(r.status, 200);
        assert.equal(r.headers.get('ratelimit-limit'), '3');
        remaining.push(r.headers.get('ratelimit-remaining'));
      }
      assert.deepEqual(remaining, ['2', '1', '0']);
      assertLimited(await call(clusters(groupA)), clusters(groupA), 60);
    });

    it('each project, each organization path and the principal-wide paths have their own bucket', async () => {
      for (let i = 0; i < 3; i++) assert.equal((await call(clusters(groupA))).status, 200);
      assert.equal((await call(clusters(groupA))).status, 429);
      assert.equal((await call(`/api/atlas/v2/groups/${groupA}/flexClusters`)).status, 429, 'the whole project, whatever the endpoint');
      assert.equal((await call(clusters(groupB))).status, 200, 'another project');
      assert.equal((await call('/api/atlas/v2/groups')).status, 200, 'the principal-wide list');
      assert.equal((await call(`/api/atlas/v2/orgs/${orgId}/groups`)).status, 200, 'the organization');
    });

    it('each principal has its own buckets (an API key next to a service account)', async () => {
      for (let i = 0; i < 3; i++) assert.equal((await call(clusters(groupA))).status, 200);
      assert.equal((await call(clusters(groupA))).status, 429);
      const digest = new DigestSession(emu.baseUrl);
      const r = await digest.get(clusters(groupA), ACCEPT.v20240805);
      assert.equal(r.status, 200);
      assert.equal(r.headers.get('ratelimit-remaining'), '2');
    });

    it('refused requests cost nothing: a 401 takes no token', async () => {
      for (let i = 0; i < 5; i++) assert.equal((await get(emu.baseUrl, clusters(groupA), { accept: ACCEPT.v20230101 })).status, 401);
      assert.equal((await call(clusters(groupA))).headers.get('ratelimit-remaining'), '2');
    });

    it('refills refillRate tokens every refillDurationSeconds on the emulator clock; Retry-After counts down to the next refill', async () => {
      for (let i = 0; i < 3; i++) await call(clusters(groupA));
      assertLimited(await call(clusters(groupA)), clusters(groupA), 60);
      emu.advance(45_000);
      assertLimited(await call(clusters(groupA)), clusters(groupA), 15);
      emu.advance(15_000);
      assert.deepEqual(
        [await call(clusters(groupA)), await call(clusters(groupA)), await call(clusters(groupA))].map((r) => r.status),
        [200, 200, 429],
        'refillRate (2) tokens, not the whole capacity (3)',
      );
      emu.advance(10 * 60_000);
      const after = await call(clusters(groupA));
      assert.equal(after.status, 200);
      assert.equal(after.headers.get('ratelimit-remaining'), '2', 'never more than the capacity');
    });

    it('setRateLimit(false) turns it off; on again, every bucket is full', async () => {
      for (let i = 0; i < 3; i++) await call(clusters(groupA));
      assert.equal((await call(clusters(groupA))).status, 429);
      emu.setRateLimit(false);
      assert.equal(emu.rateLimit(), undefined);
      for (let i = 0; i < 10; i++) assert.equal((await call(clusters(groupA))).status, 200);
      emu.setRateLimit({ capacity: 3 });
      assert.deepEqual(emu.rateLimit(), { capacity: 3, refillRate: 100, refillDurationSeconds: 60 });
      assert.equal((await call(clusters(groupA))).headers.get('ratelimit-remaining'), '2');
    });

    it('the control endpoint: POST / DELETE /__emulator/rate-limit, and the state shows it', async () => {
      let r = await controlCall(emu.baseUrl, 'POST', 'rate-limit', { capacity: 1, refillRate: 1, refillDurationSeconds: 5 });
      assert.equal(r.status, 200);
      assert.deepEqual(r.json.rateLimit, { capacity: 1, refillRate: 1, refillDurationSeconds: 5 });
      assert.deepEqual((await controlCall(emu.baseUrl, 'GET', 'state')).json.rateLimit, { capacity: 1, refillRate: 1, refillDurationSeconds: 5 });
      assert.equal((await call(clusters(groupB))).status, 200);
      assert.match((await call(clusters(groupB))).headers.get('retry-after') ?? '', /^[45]$/);
      assert.equal((await controlCall(emu.baseUrl, 'POST', 'rate-limit', { capacity: -1 })).status, 400);
      assert.equal((await controlCall(emu.baseUrl, 'POST', 'rate-limit', { perMinute: 5 })).status, 400);
      r = await controlCall(emu.baseUrl, 'DELETE', 'rate-limit');
      assert.equal(r.json.rateLimit, null);
      assert.equal((await controlCall(emu.baseUrl, 'GET', 'state')).json.rateLimit, null);
      assert.equal((await call(clusters(groupB))).status, 200);
    });
  });
});
