import assert from 'node:assert/strict';
import { percentDone, progressText } from '../../../src/download/progressText';
import { bytesText, exactBytesText, rateText, timeLeftText } from '../../../src/format/bytes';

describe('byte counts, rates and time left', () => {
  it('shows sizes in powers of 1024 with at most three significant digits', () => {
    const cases: [number, string][] = [
      [0, '0 B'],
      [1023, '1023 B'],
      [1024, '1.00 KB'],
      [300_000, '293 KB'],
      [5 * 1024 * 1024 + 300_000, '5.29 MB'],
      [1024 ** 3, '1.00 GB'],
      [42.5 * 1024 ** 3, '42.5 GB'],
      [3 * 1024 ** 4, '3.00 TB'],
      [5 * 1024 ** 5, '5120 TB'],
    ];
    for (const [n, text] of cases) assert.equal(bytesText(n), text, String(n));
    assert.equal(bytesText(Number.NaN), '?');
    assert.equal(bytesText(-1), '?');
  });

  it('gives exact counts with separators, and rates per second', () => {
    assert.equal(exactBytesText(1_073_741_824), '1,073,741,824 bytes');
    assert.equal(rateText(12.5 * 1024 * 1024), '12.5 MB/s');
  });

  it('rounds time left up, so it never says 0 s while bytes remain', () => {
    assert.equal(timeLeftText(0.2), '1 s left');
    assert.equal(timeLeftText(58.5), '59 s left');
    assert.equal(timeLeftText(59.5), '1 min left');
    assert.equal(timeLeftText(60), '1 min left');
    assert.equal(timeLeftText(200), '3 min 20 s left');
    assert.equal(timeLeftText(3600), '1 h left');
    assert.equal(timeLeftText(7500), '2 h 5 min left');
    assert.equal(timeLeftText(Number.POSITIVE_INFINITY), '');
  });
});

describe('the progress line of a download', () => {
  it('names the file, bytes of total, rate and time left; the file number when there are several', () => {
    const MB = 1024 * 1024;
    assert.equal(
      progressText({ fileName: 'a.tar.gz', index: 1, count: 1, received: 12.3 * MB, total: 1024 * MB, bytesPerSecond: 45.1 * MB, secondsLeft: 21.4 }),
      'a.tar.gz — 12.3 MB of 1.00 GB · 45.1 MB/s · 22 s left',
    );
    assert.equal(progressText({ fileName: 'b', index: 2, count: 3, received: 10, resumedFrom: 4 * MB }), '2/3 · b — 10 B · resumed at 4.00 MB');
    assert.equal(progressText({ fileName: 'c', index: 1, count: 1, received: 5, total: 5, bytesPerSecond: 1, secondsLeft: 0 }), 'c — 5 B of 5 B · 1 B/s');
    assert.equal(percentDone(1, 1, 50, 100), 50);
    assert.equal(percentDone(2, 4, 50, 100), 37.5);
    assert.equal(percentDone(3, 4, 7, undefined), 50);
    assert.equal(percentDone(1, 1, 200, 100), 100);
  });
});
