import { strict as assert } from 'node:assert';
import { backoffDelayMs, parseRetryAfter, sleep, SleepCancelled } from '../../../src/atlas/retry';

describe('backoff math', () => {
  const policy = (r: number) => ({ baseDelayMs: 500, maxDelayMs: 30_000, random: () => r });

  it('grows the ceiling exponentially from the base delay and caps it at maxDelayMs', () => {
    const almostOne = 0.999999;
    assert.deepEqual(
      [0, 1, 2, 3, 4, 5, 6, 7].map((i) => backoffDelayMs(i, policy(almostOne))),
      [499, 999, 1999, 3999, 7999, 15999, 29999, 29999],
    );
  });

  it('applies full jitter: the delay is uniform between 0 and the ceiling', () => {
    assert.equal(backoffDelayMs(3, policy(0)), 0);
    assert.equal(backoffDelayMs(3, policy(0.5)), 2000);
    const seen = new Set<number>();
    for (let i = 0; i < 200; i++) {
      const d = backoffDelayMs(2, { baseDelayMs: 100, maxDelayMs: 10_000, random: Math.random });
      assert.ok(d >= 0 && d < 400, String(d));
      seen.add(d);
    }
    assert.ok(seen.size > 50, 'delays are spread, not constant');
  });
});

describe('Retry-After', () => {
  it('reads delta-seconds and HTTP dates; ignores the unreadable', () => {
    assert.equal(parseRetryAfter('55', 0), 55);
    assert.equal(parseRetryAfter(' 0 ', 0), 0);
    const now = Date.parse('2026-03-02T10:00:00Z');
    assert.equal(parseRetryAfter('Mon, 02 Mar 2026 10:00:30 GMT', now), 30);
    assert.equal(parseRetryAfter('Mon, 02 Mar 2026 09:00:00 GMT', now), 0);
    assert.equal(parseRetryAfter(undefined, now), undefined);
    assert.equal(parseRetryAfter('soon', now), undefined);
    assert.equal(parseRetryAfter('-3', now), undefined);
  });
});

describe('abortable sleep', () => {
  it('waits, and is cut short by the signal', async () => {
    const t0 = Date.now();
    await sleep(30, new AbortController().signal);
    assert.ok(Date.now() - t0 >= 25);
    const ac = new AbortController();
    const started = Date.now();
    setTimeout(() => ac.abort(), 20);
    await assert.rejects(sleep(5_000, ac.signal), SleepCancelled);
    assert.ok(Date.now() - started < 1_000);
  });
});
