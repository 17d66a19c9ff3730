import { strict as assert } from 'node:assert';
import { LimiterCancelled, PauseTooLong, RequestLimiter, type RateLimitPauseEvent } from '../../../src/atlas/limiter';

describe('RequestLimiter (the parts no HTTP test can pin down)', () => {
  const open = () => new AbortController().signal;
  const tick = () => new Promise((r) => setTimeout(r, 0));

  it('a retry keeps its first place in line: it goes ahead of calls that arrived after it', async () => {
    const limiter = new RequestLimiter(1);
    const started: string[] = [];
    const first = limiter.ticket();
    const holder = await limiter.acquire({ signal: open(), seq: first, maxPauseWaitMs: 0 });
    const later = [limiter.ticket(), limiter.ticket()];
    const waits = later.map((seq, i) => limiter.acquire({ signal: open(), seq, maxPauseWaitMs: 0 }).then((s) => (started.push(`new ${i}`), s)));
    holder.release();
    const retry = limiter.acquire({ signal: open(), seq: first, maxPauseWaitMs: 0 }).then((s) => (started.push('retry'), s));
    // The slot went to the oldest waiter when it was released; the retry then queues ahead of the other.
    (await waits[0]!).release();
    (await retry).release();
    (await waits[1]!).release();
    assert.deepEqual(started, ['new 0', 'retry', 'new 1']);
    limiter.dispose();
  });

  it('a pause only moves later; it fails waiters that will not wait that long; events for start, move and end', async () => {
    let now = 1_000;
    const limiter = new RequestLimiter(2, () => now);
    const events: RateLimitPauseEvent[] = [];
    limiter.onDidChangePause((e) => events.push(e));
    assert.equal(limiter.pause(5_000, { retryAfterSeconds: 5 }), true);
    assert.equal(limiter.pause(1_000), false, 'an earlier end changes nothing');
    const impatient = limiter.acquire({ signal: open(), seq: limiter.ticket(), maxPauseWaitMs: 6_000 });
    const patient = limiter.acquire({ signal: open(), seq: limiter.ticket(), maxPauseWaitMs: Infinity });
    assert.deepEqual(limiter.state, { maxInFlight: 2, inFlight: 0, queued: 2, pausedUntil: 6_000 });
    assert.equal(limiter.pause(8_000), true);
    await assert.rejects(impatient, (e: unknown) => e instanceof PauseTooLong && e.remainingMs === 8_000);
    await assert.rejects(limiter.acquire({ signal: open(), seq: limiter.ticket(), maxPauseWaitMs: 100 }), PauseTooLong);
    assert.deepEqual(events, [
      { paused: true, until: 6_000, ms: 5_000, retryAfterSeconds: 5 },
      { paused: true, until: 9_000, ms: 8_000 },
    ]);
    now = 9_000;
    limiter.dispose();
    await assert.rejects(patient, LimiterCancelled);
    assert.equal(events.length, 2, 'nothing after dispose');
  });

  it('ends the pause on time and lets the queue go, the slot count still bounding it', async () => {
    const limiter = new RequestLimiter(1);
    const events: RateLimitPauseEvent[] = [];
    limiter.onDidChangePause((e) => events.push(e));
    limiter.pause(30);
    const a = limiter.acquire({ signal: open(), seq: limiter.ticket(), maxPauseWaitMs: 1_000 });
    const b = limiter.acquire({ signal: open(), seq: limiter.ticket(), maxPauseWaitMs: 1_000 });
    await tick();
    assert.equal(limiter.state.queued, 2);
    const slot = await a;
    assert.deepEqual(events.map((e) => e.paused), [true, false]);
    assert.deepEqual(limiter.state, { maxInFlight: 1, inFlight: 1, queued: 1 });
    slot.release();
    slot.release(); // idempotent
    (await b).release();
    assert.deepEqual(limiter.state, { maxInFlight: 1, inFlight: 0, queued: 0 });
    limiter.dispose();
  });

  it('waitWhilePaused: at once without a pause; refuses a pause longer than the caller waits; cancellable', async () => {
    const limiter = new RequestLimiter(1);
    await limiter.waitWhilePaused(open(), 0);
    limiter.pause(10_000);
    await assert.rejects(limiter.waitWhilePaused(open(), 1_000), PauseTooLong);
    const ac = new AbortController();
    const waiting = limiter.waitWhilePaused(ac.signal, Infinity);
    ac.abort();
    await assert.rejects(waiting, LimiterCancelled);
    limiter.dispose();
  });
});
