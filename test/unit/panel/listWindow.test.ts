import assert from 'node:assert/strict';
import { blocks, visibleRange, type WindowInput } from '../../../src/webview/jobDetails/virtualWindow';
import { jsonLines } from '../../../src/webview/jobDetails/jsonLines';
import { jsonTokens } from '../../../src/webview/jobDetails/jsonTokens';
import { jobJson } from '../../../src/jobs/masking';
import { HOSTILE_FILE, legacyJob } from './fixtures';

const list = (over: Partial<WindowInput>): WindowInput => ({ count: 100, itemHeight: 1000, top: 0, viewportHeight: 900, overscan: 0, ...over });

describe('what a long list draws', () => {
  it('draws the blocks on screen, and `overscan` more each side', () => {
    // The list starts 2,500 px down the page: nothing of it is near the screen yet.
    assert.deepEqual(visibleRange(list({ top: 2_500 })), { start: 0, end: 0 });
    // 1,600 px below the screen's bottom edge: an overscan of three 1,000 px blocks reaches its second.
    assert.deepEqual(visibleRange(list({ top: 2_500, overscan: 3 })), { start: 0, end: 2 });
    // Its top edge 400 px down the screen: the first block shows.
    assert.deepEqual(visibleRange(list({ top: 400 })), { start: 0, end: 1 });
    // Scrolled 12.2 blocks into it: blocks 12 and 13 share the screen.
    assert.deepEqual(visibleRange(list({ top: -12_200 })), { start: 12, end: 14 });
    assert.deepEqual(visibleRange(list({ top: -12_200, overscan: 1 })), { start: 11, end: 15 });
  });

  it('stays inside the list at both ends, and is empty once the list is scrolled past', () => {
    assert.deepEqual(visibleRange(list({ top: -99_500, overscan: 2 })), { start: 97, end: 100 });
    assert.deepEqual(visibleRange(list({ top: -120_000, overscan: 1 })), { start: 100, end: 100 });
    assert.deepEqual(visibleRange(list({ count: 0 })), { start: 0, end: 0 });
    assert.deepEqual(visibleRange(list({ count: 3, itemHeight: 0 })), { start: 0, end: 3 }, 'a list not laid out yet draws from its start');
  });

  it('cuts a list into blocks of a fixed size, the last one short', () => {
    assert.deepEqual(blocks(0, 50), []);
    assert.deepEqual(blocks(50, 50), [{ start: 0, end: 50 }]);
    assert.deepEqual(blocks(120, 50), [
      { start: 0, end: 50 },
      { start: 50, end: 100 },
      { start: 100, end: 120 },
    ]);
    const many = blocks(50_000, 50);
    assert.equal(many.length, 1_000);
    assert.deepEqual(many.at(-1), { start: 49_950, end: 50_000 });
  });
});

describe('a long job document, line by line', () => {
  it('colours each line on its own exactly as the whole document', () => {
    const doc = { ...legacyJob, note: 'two\nlines and a "quote"', hashes: Array.from({ length: 30 }, (_, i) => ({ fileName: `${HOSTILE_FILE}-${i}`, hash: 'ab'.repeat(20), typeName: 'SHA1' as const })) };
    const json = jobJson(doc);
    const { lines, longest } = jsonLines(json);
    assert.equal(lines.join('\n'), json);
    assert.equal(longest.length, Math.max(...lines.map((l) => l.length)));
    const perLine = lines.map((l) => jsonTokens(l));
    assert.deepEqual(
      perLine.flatMap((t, i) => (i === 0 ? t : [{ kind: 'punctuation', text: '\n' }, ...t])).filter((t) => t.kind !== 'punctuation'),
      jsonTokens(json).filter((t) => t.kind !== 'punctuation'),
    );
  });
});
