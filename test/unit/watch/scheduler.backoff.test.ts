import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { MINUTE, SECOND, ref, setUp } from './harness';

const range = (from: number, to: number, step: number) => Array.from({ length: (to - from) / step + 1 }, (_, i) => from + i * step);

describe('watch scheduler: backoff', () => {
  it('polls a job every 5 s for its first minute, then backs off by doubling to once a minute', async () => {
    const { clock, watch, updatesOf, atlas } = setUp();
    watch(ref('a'));
    await clock.advance(400 * SECOND);
    assert.deepEqual(updatesOf('a'), [...range(5, 60, 5), ...range(70, 120, 10), 140, 160, 180, 220, 260, 320, 380]);
    assert.ok(atlas.calls.every((c) => c.kind === 'get'), 'a job alone is asked by id');
  });

  it('polls four times slower while the window is not focused, and never stops', async () => {
    const { clock, watch, updatesOf } = setUp({ isFocused: () => false });
    watch(ref('a'));
    await clock.advance(MINUTE * 60);
    const times = updatesOf('a');
    assert.deepEqual(times.slice(0, 7), [20, 40, 60, 100, 140, 220, 380]);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    assert.equal(Math.max(...gaps), 240, 'at most the 60 s maximum × 4');
    assert.ok(times.at(-1)! > 3600 - 240, 'still polling after an hour');
  });

  it('recomputes the waits when told the focus came back', async () => {
    let focused = false;
    const { clock, scheduler, updatesOf } = setUp({ isFocused: () => focused });
    // Followed for 10 minutes already: 60 s focused, 240 s unfocused.
    scheduler.watch(ref('a'), -10 * MINUTE);
    await clock.advance(30 * SECOND);
    focused = true;
    scheduler.focusChanged();
    await clock.advance(90 * SECOND);
    assert.deepEqual(updatesOf('a'), [60, 120]);
  });

  it('resumes a persisted job at the pace of its age, and reports when it started', async () => {
    const { clock, scheduler, updatesOf } = setUp();
    const since = -10 * MINUTE;
    scheduler.watch(ref('old'), since);
    scheduler.watch(ref('future'), 5 * MINUTE);
    assert.deepEqual(
      scheduler.watched().map((w) => [w.ref.jobId, w.since]),
      [
        ['old', since],
        ['future', 0],
      ],
      'a `since` in the future (a clock that moved back) counts as now',
    );
    await clock.advance(2 * MINUTE);
    assert.deepEqual(updatesOf('old'), [60, 120]);
    assert.equal(updatesOf('future')[0], 5);
  });

  it('polls at once on pollSoon, then goes on at its pace', async () => {
    const { clock, scheduler, updatesOf } = setUp();
    scheduler.watch(ref('a'), -10 * MINUTE);
    await clock.advance(10 * SECOND);
    scheduler.pollSoon(ref('a'));
    await clock.advance(80 * SECOND);
    assert.deepEqual(updatesOf('a'), [10, 70]);
  });
});
