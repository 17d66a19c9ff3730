import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { pollDelay, pollInterval } from '../../../src/watch/cadence';
import { resolveWatchOptions } from '../../../src/watch/options';

const c = resolveWatchOptions();
const s = (seconds: number) => seconds * 1000;

describe('watch cadence', () => {
  it('polls every 5 s in the first minute, then doubles each minute up to 60 s', () => {
    const at = (ageSeconds: number) => pollInterval(s(ageSeconds), c) / 1000;
    assert.deepEqual([0, 30, 59.999, 60, 119, 120, 180, 240, 3600].map(at), [5, 5, 5, 10, 10, 20, 40, 60, 60]);
  });

  it('is four times slower unfocused, never stopped', () => {
    assert.equal(pollDelay(0, 0, false, c), s(20));
    assert.equal(pollDelay(s(7200), 0, false, c), s(240));
  });

  it('doubles the wait per failure in a row, capped at the maximum', () => {
    assert.deepEqual([0, 1, 2, 3, 4, 50].map((f) => pollDelay(0, f, true, c) / 1000), [5, 10, 20, 40, 60, 60]);
    assert.equal(pollDelay(0, 3, false, c), s(160));
  });
});

describe('watch options', () => {
  it('falls back to the defaults for values a setting could hold wrongly', () => {
    const o = resolveWatchOptions({ budgetPerMinute: 0, firstIntervalMs: NaN, maxIntervalMs: 1000, unfocusedFactor: 0.5, listPageSize: 9000, batchLeadMs: -1 });
    assert.equal(o.budgetPerMinute, 30);
    assert.equal(o.firstIntervalMs, 5000);
    assert.equal(o.maxIntervalMs, 5000, 'never shorter than the first interval');
    assert.equal(o.unfocusedFactor, 1);
    assert.equal(o.listPageSize, 500);
    assert.equal(o.batchLeadMs, 5000);
  });
});
