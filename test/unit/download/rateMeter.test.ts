import assert from 'node:assert/strict';
import { RateMeter } from '../../../src/download/rateMeter';

describe('RateMeter', () => {
  it('knows no rate until half a second has been measured', () => {
    const m = new RateMeter();
    m.sample(0, 0);
    m.sample(1000, 400);
    assert.equal(m.bytesPerSecond(), undefined);
    assert.equal(m.secondsLeft(10_000), undefined);
    m.sample(2000, 1000);
    assert.equal(m.bytesPerSecond(), 2000);
    assert.equal(m.secondsLeft(10_000), 4);
  });

  it('measures over the last window only, so a stall shows at once and a burst is forgotten', () => {
    const m = new RateMeter(5_000);
    for (let t = 0; t <= 10_000; t += 1000) m.sample(t * 1000, t); // 1 MB/s for 10 s
    assert.equal(m.bytesPerSecond(), 1_000_000);
    for (let t = 11_000; t <= 16_000; t += 1000) m.sample(10_000_000, t); // stalled for 6 s
    assert.equal(m.bytesPerSecond(), 0);
    assert.equal(m.secondsLeft(20_000_000), undefined, 'no time left at a rate of zero');
  });

  it('starts afresh when the count goes down (the file was begun again)', () => {
    const m = new RateMeter();
    m.sample(5_000_000, 0);
    m.sample(6_000_000, 1000);
    m.sample(100, 1500);
    assert.equal(m.bytesPerSecond(), undefined);
    m.sample(1_100, 2500);
    assert.equal(m.bytesPerSecond(), 1000);
  });
});
