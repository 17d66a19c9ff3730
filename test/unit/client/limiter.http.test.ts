import { strict as assert } from 'node:assert';
import { collectAll, type RateLimitPauseEvent } from '../../../src/atlas';
import type { RecordedRequest } from '../../atlas-emulator';
import { API_KEY, apiRequests, delay, expectAtlasError, makeClient, suiteFixture, waitFor, warmClient } from './support';

/** The most API requests the emulator was answering at one moment (an answer sent before a request arrived does not overlap it). */
function maxInFlight(requests: readonly RecordedRequest[]): number {
  const edges = requests.flatMap((r) => [
    { at: r.receivedAt!, step: 1 },
    { at: r.answeredAt ?? Number.POSITIVE_INFINITY, step: -1 },
  ]);
  edges.sort((a, b) => a.at - b.at || a.step - b.step);
  let now = 0;
  let most = 0;
  for (const e of edges) most = Math.max(most, (now += e.step));
  return most;
}

describe('client over HTTP: one limiter per client (requests in flight, queue, rate-limit pause)', function () {
  this.timeout(20_000);
  const fx = suiteFixture();
  let jobs: string;
  before(() => {
    fx.emulator.store.addCluster(fx.groupId, 'flex', 'Many');
    fx.emulator.store.addRestoreJobs(fx.groupId, 'Many', 'flex', 2_000);
    jobs = `/api/atlas/v2/groups/${fx.groupId}/flexClusters/Many/backup/restoreJobs`;
  });

  describe('the bound on requests in flight', () => {
    it('12 calls at once with maxConcurrentRequests 3: never more than 3 at the emulator, the rest queued', async () => {
      const client = await warmClient(fx.emulator, { maxConcurrentRequests: 3 });
      fx.emulator.faults.add({ kind: 'latency', ms: 60 });
      const calls = Array.from({ length: 12 }, (_, i) => client.listRestoreJobs('flex', fx.groupId, 'Many', { itemsPerPage: 10, pageNum: i + 1 }));
      assert.deepEqual(client.limiter.state, { maxInFlight: 3, inFlight: 3, queued: 9 });
      const pages = await Promise.all(calls);
      assert.deepEqual(pages.map((p) => p.pageNum), Array.from({ length: 12 }, (_, i) => i + 1));
      const api = apiRequests(fx.emulator);
      assert.equal(api.length, 12);
      assert.equal(maxInFlight(api), 3);
      assert.deepEqual(client.limiter.state, { maxInFlight: 3, inFlight: 0, queued: 0 });
    });

    it('defaults to 8, for an API key too (its challenges count as requests in flight)', async () => {
      const client = makeClient(fx.emulator, { credentials: API_KEY });
      assert.equal(client.limiter.state.maxInFlight, 8);
      fx.emulator.faults.add({ kind: 'latency', ms: 40 });
      await Promise.all(Array.from({ length: 20 }, () => client.listProjects()));
      const api = apiRequests(fx.emulator);
      assert.ok(maxInFlight(api) <= 8, `max in flight ${maxInFlight(api)}`);
      assert.equal(api.filter((r) => r.status === 200).length, 20);
    });

    it('serves the queue first come, first served', async () => {
      const client = await warmClient(fx.emulator, { maxConcurrentRequests: 1 });
      fx.emulator.faults.add({ kind: 'latency', ms: 10 });
      const order = [5, 3, 9, 1, 7, 2];
      await Promise.all(order.map((pageNum) => client.listRestoreJobs('flex', fx.groupId, 'Many', { pageNum })));
      assert.deepEqual(apiRequests(fx.emulator).map((r) => Number(r.query.pageNum)), order);
      assert.equal(maxInFlight(apiRequests(fx.emulator)), 1);
    });

    it("allPages keeps its own concurrency below the client's bound, and shares the bound with other callers", async () => {
      fx.emulator.faults.add({ kind: 'latency', ms: 30 });
      const wide = await warmClient(fx.emulator, { maxConcurrentRequests: 8 });
      const all = (c: typeof wide, concurrency: number) =>
        collectAll(c.allPages((o) => c.listRestoreJobs('flex', fx.groupId, 'Many', o), { itemsPerPage: 100, concurrency }));
      assert.equal((await all(wide, 2)).length, 2_000);
      assert.equal(maxInFlight(apiRequests(fx.emulator)), 2, 'allPages with concurrency 2 under a bound of 8');
      fx.emulator.clearRequests();
      const narrow = await warmClient(fx.emulator, { maxConcurrentRequests: 3 });
      fx.emulator.clearRequests();
      const [a, b] = await Promise.all([all(narrow, 4), all(narrow, 4)]);
      assert.equal(a.length + b.length, 4_000);
      assert.equal(apiRequests(fx.emulator).length, 40);
      assert.equal(maxInFlight(apiRequests(fx.emulator)), 3, 'two listings of concurrency 4 share a bound of 3');
    });
  });

  describe('cancellation', () => {
    it('a queued call that is cancelled is never sent, fails at once as cancelled, and leaves the line', async () => {
      const client = await warmClient(fx.emulator, { maxConcurrentRequests: 1 });
      fx.emulator.faults.add({ kind: 'latency', ms: 300 });
      const ac = new AbortController();
      const first = client.listRestoreJobs('flex', fx.groupId, 'Many', { pageNum: 1 });
      const cancelled = client.listRestoreJobs('flex', fx.groupId, 'Many', { pageNum: 2, signal: ac.signal });
      const third = client.listRestoreJobs('flex', fx.groupId, 'Many', { pageNum: 3 });
      assert.equal(client.limiter.state.queued, 2);
      const t0 = Date.now();
      ac.abort();
      const err = await expectAtlasError(cancelled, 'cancelled');
      assert.ok(Date.now() - t0 < 250, 'without waiting for the call ahead of it (300 ms)');
      assert.equal(err.attempts, 0);
      assert.equal(client.limiter.state.queued, 1);
      await Promise.all([first, third]);
      assert.deepEqual(apiRequests(fx.emulator).map((r) => r.query.pageNum), ['1', '3']);
    });

    it('cancelling a call in flight frees its slot for the next at once', async () => {
      const client = await warmClient(fx.emulator, { maxConcurrentRequests: 1 });
      fx.emulator.faults.add({ kind: 'latency', ms: 1_000 });
      const ac = new AbortController();
      const first = client.listRestoreJobs('flex', fx.groupId, 'Many', { pageNum: 1, signal: ac.signal });
      const second = client.listRestoreJobs('flex', fx.groupId, 'Many', { pageNum: 2 });
      await waitFor(() => apiRequests(fx.emulator).length === 1);
      ac.abort();
      await expectAtlasError(first, 'cancelled');
      await waitFor(() => apiRequests(fx.emulator).length === 2, 800);
      const [a, b] = apiRequests(fx.emulator);
      assert.ok(b!.receivedAt! - a!.receivedAt! < 800, 'the second did not wait for the first one’s answer (1 s)');
      await second;
    });

    it('dispose fails every queued call as cancelled without sending it', async () => {
      const client = await warmClient(fx.emulator, { maxConcurrentRequests: 1 });
      fx.emulator.faults.add({ kind: 'latency', ms: 200 });
      const calls = [1, 2, 3].map((pageNum) => client.listRestoreJobs('flex', fx.groupId, 'Many', { pageNum }));
      await waitFor(() => apiRequests(fx.emulator).length === 1);
      client.dispose();
      for (const c of calls) await expectAtlasError(c, 'cancelled');
      await delay(250);
      assert.equal(apiRequests(fx.emulator).length, 1);
    });
  });

  describe("Atlas's rate limit: one pause for the whole client", () => {
    it('a 429 with Retry-After holds every queued call and the retry until then; one 429 in all', async () => {
      const client = await warmClient(fx.emulator, { maxConcurrentRequests: 2 });
      const events: RateLimitPauseEvent[] = [];
      client.limiter.onDidChangePause((e) => events.push(e));
      fx.emulator.faults.add({ kind: 'latency', ms: 20 });
      fx.emulator.faults.add({ kind: 'rateLimit', times: 1, retryAfterSeconds: 1 });
      const t0 = Date.now();
      const calls = Array.from({ length: 6 }, (_, i) => client.listRestoreJobs('flex', fx.groupId, 'Many', { itemsPerPage: 10, pageNum: i + 1 }));
      await waitFor(() => events.length === 1);
      const pausedAt = Date.now();
      const during = client.limiter.state;
      assert.ok(during.pausedUntil !== undefined && during.pausedUntil >= pausedAt + 900, 'paused about 1 s from now');
      assert.equal(during.queued, 5, 'four calls not sent yet, and the retry of the 429’d one');
      assert.equal((await Promise.all(calls)).length, 6);
      const api = apiRequests(fx.emulator);
      assert.deepEqual(api.map((r) => r.status).filter((s) => s !== 200), [429], 'the other calls did not run into the limit');
      const limited = api.find((r) => r.status === 429)!;
      // The one call already in flight beside it finishes; nothing else is sent before the pause ends.
      const after = api.filter((r) => r.receivedAt! > limited.answeredAt!);
      assert.equal(after.length, 5, 'four queued calls and the retry');
      for (const r of after) assert.ok(r.receivedAt! - limited.answeredAt! >= 990, `sent ${r.receivedAt! - limited.answeredAt!} ms after the 429`);
      const retry = after.find((r) => r.query.pageNum === limited.query.pageNum)!;
      assert.ok(retry.receivedAt! - limited.answeredAt! < 1_600, 'the retry went at the end of the pause, ahead of the others');
      assert.ok(Date.now() - t0 >= 1_000);
      assert.equal(events.length, 2);
      const [paused, resumed] = events;
      assert.ok(paused?.paused && paused.retryAfterSeconds === 1 && paused.ms === 1_000 && paused.operation === 'listGroupFlexClusterBackupRestoreJobs');
      assert.deepEqual(resumed, { paused: false });
      assert.equal(client.limiter.state.pausedUntil, undefined);
    });

    it('a 429 without Retry-After keeps its own backoff and holds the others for one base delay', async () => {
      const client = await warmClient(fx.emulator, { maxConcurrentRequests: 1, retry: { maxRetries: 3, baseDelayMs: 300, maxDelayMs: 2_000 }, random: () => 0 });
      const events: RateLimitPauseEvent[] = [];
      client.limiter.onDidChangePause((e) => events.push(e));
      fx.emulator.faults.add({ kind: 'rateLimit', times: 1 });
      await Promise.all([1, 2, 3].map((pageNum) => client.listRestoreJobs('flex', fx.groupId, 'Many', { pageNum })));
      const [limited, ...rest] = apiRequests(fx.emulator);
      assert.equal(limited!.status, 429);
      assert.deepEqual(rest.map((r) => [r.query.pageNum, r.status]), [['1', 200], ['2', 200], ['3', 200]]);
      const waited = rest[0]!.receivedAt! - limited!.answeredAt!;
      assert.ok(waited >= 290 && waited < 1_000, `next request ${waited} ms after the 429`);
      assert.ok(events[0]?.paused && events[0].ms === 300 && events[0].retryAfterSeconds === undefined);
    });

    it('a pause longer than a call waits fails that call at once, unsent; a call that accepts a long wait stays in line', async () => {
      const client = await warmClient(fx.emulator, { maxConcurrentRequests: 1 }); // maxDelayMs 2 s (FAST_RETRY)
      fx.emulator.faults.add({ kind: 'latency', ms: 50 });
      fx.emulator.faults.add({ kind: 'rateLimit', times: 1, retryAfterSeconds: 30 });
      const ac = new AbortController();
      const first = client.listRestoreJobs('flex', fx.groupId, 'Many', { pageNum: 1 });
      const queued = client.listRestoreJobs('flex', fx.groupId, 'Many', { pageNum: 2 });
      const patient = client.listRestoreJobs('flex', fx.groupId, 'Many', { pageNum: 3, maxRateLimitWaitMs: Infinity, signal: ac.signal });
      const err = await expectAtlasError(first, 'rateLimited');
      assert.equal(err.retryAfterSeconds, 30);
      const notSent = await expectAtlasError(queued, 'rateLimited');
      assert.equal(notSent.attempts, 0);
      assert.equal(notSent.status, 429);
      assert.ok(notSent.retryAfterSeconds === 30 || notSent.retryAfterSeconds === 29, String(notSent.retryAfterSeconds));
      assert.match(notSent.message, /Try again in (30|29) seconds/);
      const started = Date.now();
      const fresh = await expectAtlasError(client.listProjects(), 'rateLimited');
      assert.ok(Date.now() - started < 250, 'a new call is refused at once too');
      assert.equal(fresh.attempts, 0);
      assert.equal(client.limiter.state.queued, 1, 'the patient call waits');
      ac.abort();
      await expectAtlasError(patient, 'cancelled');
      assert.deepEqual(apiRequests(fx.emulator).map((r) => r.status), [429]);
    });

    it('a listener can unsubscribe; a listener that throws does not break the requests', async () => {
      const client = await warmClient(fx.emulator, { maxConcurrentRequests: 1 });
      let calls = 0;
      client.limiter.onDidChangePause(() => {
        throw new Error('listener bug');
      });
      const sub = client.limiter.onDidChangePause(() => calls++);
      sub.dispose();
      fx.emulator.faults.add({ kind: 'rateLimit', times: 1, retryAfterSeconds: 0 });
      fx.emulator.faults.add({ kind: 'rateLimit', times: 1 });
      await client.listProjects();
      assert.equal(calls, 0);
      assert.deepEqual(apiRequests(fx.emulator).map((r) => r.status), [429, 429, 200]);
    });
  });

  it("an enforced limit (the emulator's token bucket): a burst waits out Retry-After once and finishes", async function () {
    this.timeout(20_000);
    const client = await warmClient(fx.emulator, { maxConcurrentRequests: 4, retry: { maxRetries: 3, baseDelayMs: 5, maxDelayMs: 5_000 } });
    fx.emulator.setRateLimit({ capacity: 6, refillRate: 10, refillDurationSeconds: 2 });
    try {
      const pauses: RateLimitPauseEvent[] = [];
      client.limiter.onDidChangePause((e) => pauses.push(e));
      const pages = await Promise.all(Array.from({ length: 12 }, (_, i) => client.listRestoreJobs('flex', fx.groupId, 'Many', { itemsPerPage: 5, pageNum: i + 1 })));
      assert.equal(pages.length, 12);
      const api = apiRequests(fx.emulator).filter((r) => r.path === jobs);
      assert.equal(api.filter((r) => r.status === 200).length, 12);
      // Only the calls already in flight when the bucket ran dry get a 429; the queued ones wait for the refill.
      assert.ok(api.filter((r) => r.status === 429).length <= 4, `429s: ${api.filter((r) => r.status === 429).length}`);
      assert.ok(pauses.some((e) => e.paused && e.retryAfterSeconds !== undefined && e.retryAfterSeconds <= 2));
    } finally {
      fx.emulator.setRateLimit(false);
    }
  });
});
