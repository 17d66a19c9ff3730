import assert from 'node:assert/strict';
import { matchingRows, queryWords, searchIndex } from '../../../src/webview/jobDetails/hashFilter';
import { copyHashLabel, fill } from '../../../src/webview/jobDetails/pageText';
import type { HashTable } from '../../../src/panel/protocol';

function table(count: number): HashTable {
  return {
    fileNames: Array.from({ length: count }, (_, i) => `${i % 2 ? 'index' : 'collection'}-${i}.wt`),
    typeNames: Array.from({ length: count }, () => 'SHA1'),
    hashes: Array.from({ length: count }, (_, i) => (i * 7919).toString(16).padStart(40, '0')),
  };
}

describe('the hash table filter', () => {
  const t = table(50_000);
  const index = searchIndex(t);

  it('matches every row for a blank query', () => {
    assert.equal(matchingRows(index, ''), undefined);
    assert.equal(matchingRows(index, '   \t '), undefined);
    assert.deepEqual(queryWords('  Index-12  ABC '), ['index-12', 'abc']);
  });

  it('finds a row deep in the list by its hash or its file name, ignoring case', () => {
    const hash = t.hashes[49_876]!;
    assert.deepEqual(matchingRows(index, hash.toUpperCase()), [49_876]);
    assert.deepEqual(matchingRows(index, 'collection-49876.wt'), [49_876]);
    assert.deepEqual(matchingRows(index, 'nothing-like-this'), []);
  });

  it('keeps every word: each must be in the name or the hash, and none across the two', () => {
    const rows = matchingRows(index, 'index- 1234')!;
    assert.ok(rows.length > 0);
    for (const i of rows) assert.ok(t.fileNames[i]!.startsWith('index-') && `${t.fileNames[i]} ${t.hashes[i]}`.includes('1234'));
    // "…wt" ends the name and "000…" starts the hash: together they are no match.
    assert.deepEqual(matchingRows(index, 'wt0000'), []);
    assert.deepEqual(matchingRows(index, 'sha1'), [], 'the type is not searched');
  });

  it('narrows the previous answer when the query only grows, with the same result as a search from scratch', () => {
    const first = matchingRows(index, 'index-4')!;
    const narrowed = matchingRows(index, 'index-49', { query: 'index-4', rows: first });
    assert.deepEqual(narrowed, matchingRows(index, 'index-49'));
    // A query that is not an extension of the last one searches everything again.
    const other = matchingRows(index, 'collection-2', { query: 'index-4', rows: first });
    assert.deepEqual(other, matchingRows(index, 'collection-2'));
    assert.ok(other!.length > 0);
  });

  it('answers over 50,000 rows fast enough to run on every keystroke', () => {
    const started = performance.now();
    for (const q of ['c', 'co', 'col', 'coll', 'colle', 'collec']) matchingRows(index, q);
    const ms = performance.now() - started;
    // Generous: a loaded CI machine must pass; it takes a few milliseconds.
    assert.ok(ms < 1_000, `${ms} ms for six searches`);
  });
});

describe("the page's own sentences", () => {
  it('fills templates without reading a $ in a value as a pattern', () => {
    assert.equal(fill('{0} of {1} files match', '12', '5,000'), '12 of 5,000 files match');
    assert.equal(fill('Copy hash of {0}', '$&$1.tar.gz'), 'Copy hash of $&$1.tar.gz');
  });

  it('labels a copy button by the file name, shortened and cleaned, else by the row number', () => {
    assert.equal(copyHashLabel('Copy hash of {0}', 'a\u202eb.tar.gz', 3), 'Copy hash of a b.tar.gz');
    assert.equal(copyHashLabel('Copy hash of {0}', 'x'.repeat(80), 3), `Copy hash of ${'x'.repeat(59)}…`);
    assert.equal(copyHashLabel('Copy hash of {0}', '', 3), 'Copy hash of 4');
  });
});
