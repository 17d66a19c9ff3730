import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { MINUTE, SECOND, ref, setUp } from './harness';

describe('watch scheduler: requests in flight, unwatch and dispose', () => {
  it('never has two requests in flight for the same job', async () => {
    const { clock, watch, atlas } = setUp();
    atlas.hold();
    watch(ref('a'), ref('b'), ref('c', 'Other'));
    await clock.advance(10 * MINUTE);
    assert.deepEqual(atlas.calls.map((c) => `${c.kind} ${c.ref.jobId}`), ['list a', 'get c']);
  });

  it('drops the answer of a job unwatched during its request, and aborts the request', async () => {
    const { clock, watch, atlas, events, scheduler } = setUp();
    atlas.hold();
    watch(ref('a'));
    await clock.advance(6 * SECOND);
    scheduler.unwatch(ref('a'));
    assert.equal(atlas.calls[0]!.signal.aborted, true);
    await clock.advance(MINUTE);
    assert.deepEqual(events, []);
    assert.equal(atlas.calls.length, 1);
    assert.equal(clock.pendingTimers, 0);
  });

  it('keeps a list request that still answers for other jobs, and updates only those', async () => {
    const { clock, watch, atlas, scheduler, updatesOf } = setUp();
    atlas.hold(undefined, 1);
    watch(ref('a'), ref('b'));
    await clock.advance(6 * SECOND);
    scheduler.unwatch(ref('a'));
    assert.equal(atlas.calls[0]!.signal.aborted, false);
    atlas.release();
    await clock.advance(0);
    assert.deepEqual([updatesOf('a'), updatesOf('b')], [[], [6]]);
  });

  it('does not mix up a job watched again while its old request was in flight', async () => {
    const { clock, watch, atlas, scheduler, updatesOf } = setUp();
    atlas.hold(undefined, 1);
    watch(ref('a'));
    await clock.advance(5 * SECOND);
    scheduler.unwatch(ref('a'));
    scheduler.watch(ref('a'));
    await clock.advance(5 * SECOND);
    assert.deepEqual(updatesOf('a'), [10], 'only the new entry’s own poll');
  });

  it('stops on the unwatch its update handler makes (a settled job)', async () => {
    const { clock, watch, atlas, scheduler } = setUp({}, { update: (r) => scheduler.unwatch(r) });
    watch(ref('a'), ref('b'), ref('c', 'Other'));
    await clock.advance(MINUTE);
    assert.equal(atlas.calls.length, 2);
    assert.deepEqual(scheduler.watched(), []);
    assert.equal(clock.pendingTimers, 0, 'no timer once nothing is followed');
  });

  it('aborts requests in flight and clears its timer on dispose, then does nothing', async () => {
    const { clock, watch, atlas, events, scheduler } = setUp();
    watch(ref('a'), ref('b'), ref('c', 'Other'));
    await clock.advance(5 * SECOND);
    atlas.hold();
    await clock.advance(5 * SECOND);
    assert.ok(atlas.calls.length >= 3);
    const inFlight = atlas.calls.slice(-2);
    const before = events.length;
    scheduler.dispose();
    assert.ok(inFlight.every((c) => c.signal.aborted));
    assert.equal(clock.pendingTimers, 0);
    scheduler.watch(ref('d'));
    scheduler.pollSoon(ref('a'));
    scheduler.resumeConnection('conn-a');
    scheduler.focusChanged();
    await clock.advance(10 * MINUTE);
    assert.equal(clock.pendingTimers, 0);
    assert.equal(events.length, before, 'the cancelled requests report nothing');
    assert.deepEqual(scheduler.watched(), []);
  });

  it('leaves no timer when the last job is unwatched', async () => {
    const { clock, watch, scheduler } = setUp();
    watch(ref('a'), ref('b', 'Other'));
    await clock.advance(30 * SECOND);
    assert.equal(clock.pendingTimers, 1, 'one timer, however many jobs');
    scheduler.unwatch(ref('a'));
    scheduler.unwatch(ref('b', 'Other'));
    assert.equal(clock.pendingTimers, 0);
  });

  it('follows a job once, whatever its labels say, and lists what it follows in watch order', async () => {
    const { clock, scheduler, atlas } = setUp();
    scheduler.watch(ref('a'), -5000);
    scheduler.watch({ ...ref('a'), connectionLabel: 'Renamed', projectName: 'Prod' }, 0);
    scheduler.watch(ref('b', 'Other'));
    assert.deepEqual(
      scheduler.watched().map((w) => [w.ref.jobId, w.ref.connectionLabel, w.since]),
      [
        ['a', 'Label conn-a', -5000],
        ['b', 'Label conn-a', 0],
      ],
    );
    assert.equal(scheduler.isWatched({ ...ref('a'), connectionLabel: 'Renamed' }), true);
    await clock.advance(5 * SECOND);
    assert.equal(atlas.callsFor('a').length, 1);
  });
});
