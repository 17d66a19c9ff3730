// The copy's file: what is read back, what is ignored (missing, corrupt, another shape, an older format) and
// replaced by the next save, written whole or not at all, and deleted.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'mocha';
import type { Page } from '../../../src/atlas';
import { listKey } from '../../../src/cache/pageCache';
import { keptPage, recordPage, type Snapshot } from '../../../src/offline/snapshot';
import { deleteSnapshots, parseSnapshot, readSnapshot, SNAPSHOT_FORMAT, snapshotFileName, writeSnapshot } from '../../../src/offline/snapshotFile';
import { captureLog, copies, tempFolder } from './support';

const page = (results: unknown[], pageNum = 1, itemsPerPage = 2, totalCount?: number): Page<unknown> => ({
  results,
  pageNum,
  itemsPerPage,
  hasNextPage: results.length === itemsPerPage,
  ...(totalCount !== undefined ? { totalCount } : {}),
});

describe('offline copy: the file', () => {
  let tmp: ReturnType<typeof tempFolder>;
  beforeEach(() => {
    tmp = tempFolder();
  });
  afterEach(() => tmp.remove());

  const file = () => join(tmp.folder, snapshotFileName('c1'));
  const put = (text: string) => {
    mkdirSync(tmp.folder, { recursive: true });
    writeFileSync(file(), text);
  };

  it('names a file by a hash of the connection id, never by the id', () => {
    const name = snapshotFileName('../../etc/passwd Acme (prod)');
    assert.match(name, /^[0-9a-f]{32}\.json$/);
    assert.notEqual(snapshotFileName('a'), snapshotFileName('b'));
  });

  it('reads no file as an empty copy, without a warning', async () => {
    const log = captureLog();
    assert.deepEqual(await readSnapshot(file(), log), { lists: {} });
    assert.deepEqual(log.lines, []);
  });

  const unreadable: [string, string][] = [
    ['bad JSON', '{"format":1,"savedAt":'],
    ['an empty file', ''],
    ['an array', '[]'],
    ['an older format', JSON.stringify({ savedAt: '2026-01-01T00:00:00Z', lists: {} })],
    ['a newer format', JSON.stringify({ format: SNAPSHOT_FORMAT + 1, savedAt: '2026-01-01T00:00:00Z', lists: {} })],
    ['no savedAt', JSON.stringify({ format: SNAPSHOT_FORMAT, lists: {} })],
    ['lists of the wrong shape', JSON.stringify({ format: SNAPSHOT_FORMAT, savedAt: '2026-01-01T00:00:00Z', lists: [] })],
    ['a list without items', JSON.stringify({ format: SNAPSHOT_FORMAT, savedAt: '2026-01-01T00:00:00Z', lists: { 'projects/': { at: '2026-01-01T00:00:00Z', itemsPerPage: 100 } } })],
    ['a list with a bad page size', JSON.stringify({ format: SNAPSHOT_FORMAT, savedAt: '2026-01-01T00:00:00Z', lists: { 'projects/': { at: '2026-01-01T00:00:00Z', itemsPerPage: 0, items: [] } } })],
  ];
  for (const [what, text] of unreadable) {
    it(`ignores ${what}, with a line in the log and no error`, async () => {
      put(text);
      const log = captureLog();
      assert.deepEqual(await readSnapshot(file(), log), { lists: {} });
      assert.equal(log.lines.length, 1);
      assert.match(log.lines[0]!, /^warn Offline copy: ignored .* the next save replaces it$/);
    });
  }

  it('replaces an unreadable file at the next save, with a copy that reads back', async () => {
    put('{ not json');
    const log = captureLog();
    const offline = copies(tmp.folder, { log });
    offline.keep(listKey.projects('c1'), page([{ id: 'p1', name: 'Production' }], 1, 100, 1));
    await new Promise((r) => setTimeout(r, 10));
    await offline.flush();
    const parsed = parseSnapshot(readFileSync(file(), 'utf8'));
    assert.ok(!('problem' in parsed), JSON.stringify(parsed));
    assert.deepEqual(parsed.lists['projects/']!.items, [{ id: 'p1', name: 'Production' }]);
    assert.ok(log.lines.some((l) => l.startsWith('warn Offline copy: ignored')));
    assert.deepEqual(readdirSync(tmp.folder), [snapshotFileName('c1')], 'nothing half written is left beside it');
  });

  it('writes whole: the old file stays until the new one is complete, and a failed write leaves no temp file', async () => {
    const snapshot: Snapshot = { savedAt: '2026-01-01T00:00:00.000Z', lists: {} };
    await writeSnapshot(tmp.folder, file(), snapshot);
    const before = readFileSync(file(), 'utf8');
    // A folder where the file should be makes the rename fail.
    const blocked = join(tmp.folder, 'blocked.json');
    mkdirSync(join(blocked, 'inside'), { recursive: true });
    await assert.rejects(writeSnapshot(tmp.folder, blocked, snapshot));
    assert.equal(readFileSync(file(), 'utf8'), before);
    assert.ok(!readdirSync(tmp.folder).some((n) => n.endsWith('.tmp')));
  });

  it('deletes every copy but those it is told to keep, and temp files left by a crash', async () => {
    for (const id of ['a', 'b', 'c']) await writeSnapshot(tmp.folder, join(tmp.folder, snapshotFileName(id)), { savedAt: new Date().toISOString(), lists: {} });
    writeFileSync(join(tmp.folder, `${snapshotFileName('a')}.123.1.tmp`), '{');
    await deleteSnapshots(tmp.folder, ['b']);
    assert.deepEqual(readdirSync(tmp.folder), [snapshotFileName('b')]);
    await deleteSnapshots(tmp.folder);
    assert.deepEqual(readdirSync(tmp.folder), []);
    assert.deepEqual(await deleteSnapshots(join(tmp.folder, 'missing')), []);
  });

  it('keeps a list from page 1 on, in order, and gives back any window of it', () => {
    const s: Snapshot = { lists: {} };
    const now = new Date('2026-01-10T10:42:00Z');
    assert.ok(recordPage(s, 'l/', page(['a', 'b'], 1, 2, 5), now));
    assert.ok(!recordPage(s, 'l/', page(['e'], 3, 2), now), 'a page after a gap is not kept');
    assert.ok(recordPage(s, 'l/', page(['c', 'd'], 2, 2), now));
    assert.ok(!recordPage(s, 'l/', page(['x', 'y', 'z'], 2, 3), now), 'another page size does not follow on');
    assert.deepEqual(s.lists['l/']!.items, ['a', 'b', 'c', 'd']);
    assert.deepEqual(keptPage(s.lists['l/']!, 1, 3), { results: ['a', 'b', 'c'], totalCount: 5, pageNum: 1, itemsPerPage: 3, hasNextPage: true }, "Atlas's total");
    assert.deepEqual(keptPage(s.lists['l/']!, 2, 3)?.results, ['d']);
    assert.equal(keptPage(s.lists['l/']!, 3, 3), undefined, 'past what the copy holds, nothing');
    assert.equal(keptPage(s.lists['l/']!, 3, 2), undefined, 'the fifth item, never loaded, is not in the copy');
    assert.ok(recordPage(s, 'l/', page(['A'], 1, 2, 1), now));
    assert.deepEqual(s.lists['l/']!.items, ['A'], 'page 1 again starts the list again, as a refresh shows it');
    assert.equal(existsSync(tmp.folder), false, 'recording alone writes nothing');
  });
});
