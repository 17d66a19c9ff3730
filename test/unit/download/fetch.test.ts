import * as assert from 'node:assert/strict';
import { parseContentRange } from '../../../src/download/fetch';
import { defaultRetryDelayMs } from '../../../src/download/transfer';

describe('download helpers', () => {
  it('reads Content-Range', () => {
    assert.deepEqual(parseContentRange('bytes 100-199/200'), { start: 100, total: 200 });
    assert.deepEqual(parseContentRange('bytes 0-9/*'), { start: 0 });
    assert.deepEqual(parseContentRange('bytes */500'), { total: 500 });
    assert.deepEqual(parseContentRange(undefined), {});
    assert.deepEqual(parseContentRange('items 1-2/3'), {});
  });

  it('backs off 1 s, 2 s, 4 s … up to 30 s', () => {
    assert.deepEqual([1, 2, 3, 4, 5, 6, 7].map(defaultRetryDelayMs), [1000, 2000, 4000, 8000, 16000, 30000, 30000]);
  });
});
