import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import type { Call } from './harness';
import { MINUTE, SECOND, ref, setUp } from './harness';

/** The most requests any half-open minute [t, t + 60 s) holds, t running over the send times. */
function peakPerMinute(calls: readonly Call[]): number {
  const times = calls.map((c) => c.at);
  return Math.max(0, ...times.map((t) => times.filter((u) => u >= t && u < t + MINUTE).length));
}

function maxGap(times: readonly number[]): number {
  return Math.max(...times.slice(1).map((t, i) => t - times[i]!));
}

describe('watch scheduler: budget per connection', () => {
  it('sends at most 30 requests in any minute however many jobs run, and starves none', async () => {
    const { clock, watch, atlas, updatesOf } = setUp();
    const jobs = Array.from({ length: 50 }, (_, i) => ref(`j${i}`, `Cluster${i}`));
    watch(...jobs);
    await clock.advance(10 * MINUTE);
    assert.equal(peakPerMinute(atlas.calls), 30);
    assert.equal(atlas.calls.length, 300, 'the whole budget, and not one request more');
    // 50 jobs sharing 30 requests a minute, oldest due first: each gets its sixth of the 300, none waits
    // more than two minutes.
    assert.deepEqual(new Set(jobs.map((j) => updatesOf(j.jobId).length)), new Set([6]));
    assert.ok(Math.max(...jobs.map((j) => maxGap(updatesOf(j.jobId)))) <= 120);
  });

  it('gives each connection its own budget', async () => {
    const { clock, watch, atlas, scheduler } = setUp();
    for (const conn of ['conn-a', 'conn-b']) watch(...Array.from({ length: 40 }, (_, i) => ref(`${conn}-${i}`, `Cluster${i}`, conn)));
    await clock.advance(3 * MINUTE);
    for (const conn of ['conn-a', 'conn-b']) {
      const calls = atlas.calls.filter((c) => c.ref.connectionId === conn);
      assert.equal(peakPerMinute(calls), 30, conn);
      assert.equal(scheduler.stats.byConnection.get(conn), calls.length);
    }
    assert.equal(scheduler.stats.requests, atlas.calls.length);
  });

  it('lets the job that has waited longest go first when a slot opens', async () => {
    const { clock, watch, atlas } = setUp({ budgetPerMinute: 1 });
    watch(ref('a', 'A'), ref('b', 'B'), ref('c', 'C'));
    await clock.advance(6 * MINUTE);
    assert.deepEqual(
      atlas.calls.map((c) => `${c.ref.jobId}@${c.at / SECOND}`),
      ['a@5', 'b@65', 'c@125', 'a@185', 'b@245', 'c@305'],
    );
  });

  it('puts a job asked for with pollSoon first in line', async () => {
    const { clock, watch, atlas, scheduler } = setUp({ budgetPerMinute: 1 });
    watch(ref('a', 'A'), ref('b', 'B'), ref('c', 'C'));
    await clock.advance(10 * SECOND);
    scheduler.pollSoon(ref('c', 'C'));
    await clock.advance(2 * MINUTE);
    assert.deepEqual(
      atlas.calls.map((c) => `${c.ref.jobId}@${c.at / SECOND}`),
      ['a@5', 'c@65', 'b@125'],
    );
  });

  it('keeps at most two requests of a connection in flight', async () => {
    const { clock, watch, atlas } = setUp();
    atlas.hold();
    watch(...Array.from({ length: 5 }, (_, i) => ref(`j${i}`, `Cluster${i}`)));
    await clock.advance(MINUTE);
    assert.equal(atlas.calls.length, 2);
    atlas.release();
    await clock.advance(0);
    assert.equal(atlas.calls.length, 5, 'the others go as soon as the answers free their slots');
  });
});
