import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { RequestWindow } from '../../../src/watch/requestWindow';

describe('the budget window', () => {
  it('has room for N requests in any minute, then opens when the oldest leaves it', () => {
    const w = new RequestWindow(3);
    w.record(0);
    w.record(10_000);
    assert.equal(w.nextSlot(20_000), 20_000);
    w.record(20_000);
    assert.equal(w.nextSlot(20_000), 60_000);
    assert.equal(w.nextSlot(59_999), 60_000);
    // A request sent at 0 no longer counts at 60 s: the window is half-open.
    assert.equal(w.nextSlot(60_000), 60_000);
    w.record(60_000);
    assert.equal(w.nextSlot(60_000), 70_000);
  });
});
