import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DEMO, startEmulator, type RunningEmulator } from '../../atlas-emulator';
import { FILE_TILE, fileBytes, fileChunks, fileDigest, parseDownloadPath } from '../../atlas-emulator/downloads';
import type { CloudBackupRestoreJob } from '../../../src/atlas/types';
import { controlCall } from './support';
import { daemonHeader, fetchRaw, prodRs } from './download-support';

const MiB = 1024 * 1024;
const SIZE = 8 * MiB + 5; // not a multiple of a chunk nor of a word

describe('emulator: large download files (the largeFile option)', function () {
  this.timeout(30_000);
  let emu: RunningEmulator;
  let plain: RunningEmulator;
  before(async () => {
    emu = await startEmulator({ today: '2026-01-15', largeFile: { bytes: SIZE } });
    plain = await startEmulator({ today: '2026-01-15' });
  });
  after(async () => {
    await emu.close();
    await plain.close();
  });

  it('gives DEMO.largeFiles — prod-rs legacy #0 and cloud backup #0 — files of that size, and nothing else changes', () => {
    const jobs = emu.store.largeFileJobs();
    assert.deepEqual(
      jobs.map((j) => [j.clusterName, j.family, j.index]),
      DEMO.largeFiles.map((l) => [l.clusterName, l.family, l.index]),
    );
    const { groupId } = prodRs(emu);
    for (const j of jobs) {
      assert.equal(j.groupId, groupId);
      assert.equal(j.files.length, 1);
      assert.equal(j.files[0]!.size, SIZE);
      // Same job, same file name as without the option: only the size (and so the hash) differs.
      const same = plain.store.restoreJobs(groupId, j.clusterName, j.family)[j.index]!;
      assert.equal(same.id, j.jobId);
      const key = { family: j.family, groupId, clusterName: j.clusterName, jobId: j.jobId, part: '0' };
      assert.equal(plain.store.download(key)?.fileName, j.files[0]!.fileName);
      assert.ok(plain.store.download(key)!.size <= 4096);
    }
    assert.equal(plain.store.largeFileJobs().length, 0, 'without the option no file is large');
    assert.deepEqual(emu.store.counts(), plain.store.counts());
  });

  it('the legacy job: urlV2 streams SIZE bytes whose SHA-1 is hashes[0].hash; HEAD and a deep Range agree', async () => {
    const job = prodRs(emu).legacy[0]!;
    assert.equal(job.delivery.statusName, 'READY');
    const marked = emu.store.largeFileJobs().find((j) => j.family === 'legacy')!;
    assert.equal(job.id, marked.jobId);
    assert.equal(job.hashes![0]!.hash, marked.files[0]!.sha1);
    const r = await fetchRaw(job.delivery.urlV2!, { headers: daemonHeader(job) });
    assert.equal(r.status, 200);
    assert.equal(Number(r.headers['content-length']), SIZE);
    assert.equal(r.bytes, SIZE);
    assert.equal(r.sha1, job.hashes![0]!.hash);
    const head = await fetchRaw(job.delivery.urlV2!, { headers: daemonHeader(job), method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(Number(head.headers['content-length']), SIZE);
    // Over 16 MiB S3 would show a multipart ETag; 8 MiB is one part: an MD5.
    assert.match(String(head.headers.etag), /^"[0-9a-f]{32}"$/);
    const at = 7 * MiB + 3;
    const part = await fetchRaw(job.delivery.urlV2!, { headers: { ...daemonHeader(job), Range: `bytes=${at}-` }, keep: true });
    assert.equal(part.status, 206);
    assert.equal(part.headers['content-range'], `bytes ${at}-${SIZE - 1}/${SIZE}`);
    const key = parseDownloadPath(new URL(job.delivery.urlV2!).pathname)!.key;
    assert.ok(part.body!.equals(Buffer.concat([...fileChunks(1, key, at, SIZE)])));
  });

  it('the cloud backup job: its S3 link streams SIZE bytes with the SHA-1 largeFileJobs() names', async () => {
    const marked = emu.store.largeFileJobs().find((j) => j.family === 'cloudBackup')!;
    const job = emu.store.restoreJob(marked.groupId, marked.clusterName, 'cloudBackup', marked.jobId) as CloudBackupRestoreJob;
    assert.equal(job.deliveryType, 'download');
    assert.equal(job.deliveryUrl?.length, 1);
    const r = await fetchRaw(job.deliveryUrl![0]!);
    assert.equal(r.status, 200);
    assert.equal(r.bytes, SIZE);
    assert.equal(r.sha1, marked.files[0]!.sha1);
  });

  it('the control endpoint names the large files, their sizes and SHA-1s', async () => {
    const { json } = await controlCall(emu.baseUrl, 'GET', 'state');
    assert.deepEqual(
      json.largeFiles.map((j: { family: string; files: { size: number; sha1: string }[] }) => [j.family, j.files[0]!.size]),
      [['legacy', SIZE], ['cloudBackup', SIZE]],
    );
    assert.equal(json.largeFiles[0].jobId, emu.store.largeFileJobs()[0]!.jobId);
  });

  it('is refused outside the demo dataset and for sizes the generator cannot address', async () => {
    await assert.rejects(startEmulator({ dataset: 'empty', largeFile: { bytes: MiB } }), /demo dataset/);
    for (const bytes of [0, 1.5, 17 * 1024 * MiB]) {
      await assert.rejects(startEmulator({ largeFile: { bytes } }), /whole number of bytes/);
    }
  });

  it('fileDigest, computed from a reused buffer, is the SHA-1 of the bytes (sizes at chunk and word edges)', () => {
    const key = { family: 'flex' as const, groupId: 'g', clusterName: 'edges', jobId: 'j', part: '1' };
    for (const size of [1, 3, 4, 5, 65_535, 65_536, 65_537, 3 * 65_536 + 7]) {
      assert.equal(fileDigest(4, key, size), createHash('sha1').update(fileBytes(4, key, size)).digest('hex'), `size ${size}`);
    }
  });

  it('past its first MiB a file is that MiB rotated per MiB, never twice alike, at any offset and chunk size', () => {
    const key = { family: 'legacy' as const, groupId: 'g', clusterName: 'tiles', jobId: 'j', part: '0' };
    const size = 5 * FILE_TILE + 12_345;
    const whole = fileBytes(6, key, size);
    const first = whole.subarray(0, FILE_TILE);
    // The first MiB is the PRNG stream a small file is: what every demo file was before tiles.
    assert.ok(first.equals(fileBytes(6, key, FILE_TILE)));
    assert.ok(first.equals(fileBytes(6, key, FILE_TILE + 1).subarray(0, FILE_TILE)));
    const twice = Buffer.concat([first, first]);
    const rotations = [0];
    for (let t = 1; t * FILE_TILE < size; t++) {
      const tile = whole.subarray(t * FILE_TILE, Math.min(size, (t + 1) * FILE_TILE));
      const r = twice.indexOf(tile.subarray(0, 64));
      assert.ok(r > 0 && r < FILE_TILE, `tile ${t} is a rotation of the first (at ${r})`);
      assert.ok(tile.equals(twice.subarray(r, r + tile.length)), `tile ${t} is the first rotated by ${r}`);
      rotations.push(r);
    }
    assert.equal(new Set(rotations).size, rotations.length, `rotations ${rotations.join(', ')} all differ`);
    for (const [start, end, chunk] of [
      [0, size, 65_536],
      [FILE_TILE - 3, FILE_TILE + 3, 2],
      [3 * FILE_TILE - 100_001, 4 * FILE_TILE + 7, 99_999],
      [size - 10, size, 4],
      [FILE_TILE, FILE_TILE, 8],
    ] as const) {
      assert.ok(Buffer.concat([...fileChunks(6, key, start, end, chunk)]).equals(whole.subarray(start, end)), `${start}-${end}/${chunk}`);
      for (const c of fileChunks(6, key, start, end, chunk)) assert.ok(c.length <= chunk && c.length > 0);
    }
    for (const n of [FILE_TILE - 1, FILE_TILE, FILE_TILE + 1, 2 * FILE_TILE, size]) {
      assert.equal(fileDigest(6, key, n), createHash('sha1').update(fileBytes(6, key, n)).digest('hex'), `size ${n}`);
    }
  });

  it('fileDigest streams: hashing 64 MiB grows a fresh process’s peak RSS by a few MiB; holding the file by 64', async () => {
    const probe = async (mode: 'digest' | 'hold') => {
      const script = join(__dirname, 'memory-probe.ts');
      const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script, mode, String(64 * MiB)], { cwd: join(__dirname, '..', '..', '..') });
      return JSON.parse(stdout) as { growthMiB: number };
    };
    const streamed = await probe('digest');
    const held = await probe('hold');
    assert.ok(held.growthMiB >= 56, `the probe sees a held file (${held.growthMiB.toFixed(1)} MiB)`);
    assert.ok(streamed.growthMiB < 16, `hashing 64 MiB grew the peak RSS by ${streamed.growthMiB.toFixed(1)} MiB`);
  });
});
