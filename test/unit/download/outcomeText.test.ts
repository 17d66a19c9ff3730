import assert from 'node:assert/strict';
import { outcomeText, type FileOutcome } from '../../../src/download/outcomeText';
import { DownloadError, type DownloadResult } from '../../../src/download/types';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const ctx = { folder: '/data/restores', noHashReason: 'Atlas publishes no checksums for cloud backup restores.', cancelled: false };
const result = (over: Partial<DownloadResult>): DownloadResult => ({
  path: '/data/restores/f.tar.gz',
  bytes: 3 * 1024 * 1024,
  sha1: A,
  verified: 'match',
  resumedTimes: 0,
  restartedTimes: 0,
  ...over,
});

describe('how a download is said to have ended', () => {
  it('one verified file: the folder, the size, and that the SHA-1 matches', () => {
    const t = outcomeText([{ fileName: 'f.tar.gz', result: result({ expectedSha1: A }) }], ctx);
    assert.equal(t.level, 'info');
    assert.equal(t.message, 'f.tar.gz downloaded to /data/restores and verified: its SHA-1 matches the hash Atlas published (3.00 MB).');
  });

  it('a mismatch is an error naming the kept file, with both hashes in the detail', () => {
    const t = outcomeText([{ fileName: 'f.tar.gz', result: result({ verified: 'mismatch', sha1: B, expectedSha1: A, path: '/data/restores/f.tar.gz.mismatch' }) }], ctx);
    assert.equal(t.level, 'error');
    assert.match(t.message, /^SHA-1 MISMATCH: f\.tar\.gz is not the file Atlas published\. It is kept as f\.tar\.gz\.mismatch; do not restore from it\.$/);
    assert.ok(t.detail!.includes(`expected (Atlas): ${A}`));
    assert.ok(t.detail!.includes(`downloaded:       ${B}`));
  });

  it('no hash: says why and gives the exact size instead', () => {
    const t = outcomeText([{ fileName: 'r.tar.gz', result: result({ verified: 'no hash', bytes: 1_234_567 }) }], ctx);
    assert.equal(t.message, 'r.tar.gz downloaded to /data/restores (1.18 MB, 1,234,567 bytes). Atlas publishes no checksums for cloud backup restores.');
  });

  it('a failure or a cancel of one file is its own message, which names what was kept', () => {
    const failed = new DownloadError('http', 'Cannot download f.tar.gz from h: gone (410): the link has expired.', { status: 410 });
    assert.deepEqual(outcomeText([{ fileName: 'f.tar.gz', error: failed }], ctx), { level: 'error', message: failed.message });
    const cancelled = new DownloadError('cancelled', 'Download of f.tar.gz cancelled; 10 bytes kept in /x/f.tar.gz.part.', { keptPath: '/x/f.tar.gz.part' });
    assert.equal(outcomeText([{ fileName: 'f.tar.gz', error: cancelled }], { ...ctx, cancelled: true }).level, 'info');
  });

  it('several files: counts of downloaded, verified and unhashed; failures and mismatches make it an error with their lines', () => {
    const outcomes: FileOutcome[] = [
      { fileName: 's0', result: result({ expectedSha1: A }) },
      { fileName: 's1', result: result({ verified: 'mismatch', sha1: B, expectedSha1: A, path: '/d/s1.mismatch' }) },
      { fileName: 's2', error: new DownloadError('network', 'Connection lost while downloading s2 from h (ECONNRESET). 5 bytes kept in /d/s2.part.', { keptPath: '/d/s2.part' }) },
    ];
    const t = outcomeText(outcomes, ctx);
    assert.equal(t.level, 'error');
    assert.equal(t.message, 'SHA-1 MISMATCH in s1: not the files Atlas published, kept as .mismatch. 2 of 3 files downloaded to /data/restores; 1 verified by SHA-1; 1 failed.');
    assert.match(t.detail!, /s1\n {2}expected \(Atlas\): a+/);
    assert.match(t.detail!, /s2: Connection lost/);
    assert.match(t.detail!, /kept for resuming: \/d\/s2\.part/);
  });

  it('a cancelled batch says how many were not started, as a warning', () => {
    const t = outcomeText(
      [{ fileName: 'a', result: result({ expectedSha1: A }) }, { fileName: 'b', error: new DownloadError('cancelled', 'cancelled', { keptPath: '/d/b.part' }) }, { fileName: 'c' }],
      { ...ctx, cancelled: true },
    );
    assert.equal(t.level, 'warning');
    assert.equal(t.message, '1 of 3 files downloaded to /data/restores; 1 verified by SHA-1; cancelled with 1 not started.');
    assert.equal(t.detail, 'kept for resuming: /d/b.part');
  });

  it('a batch with no published hashes says so once', () => {
    const t = outcomeText([{ fileName: 'a', result: result({ verified: 'no hash' }) }, { fileName: 'b', result: result({ verified: 'no hash' }) }], ctx);
    assert.equal(t.message, '2 of 2 files downloaded to /data/restores; 2 with no published hash (6.00 MB).');
    assert.equal(t.detail, ctx.noHashReason);
  });
});
