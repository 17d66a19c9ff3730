import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startEmulator, type RunningEmulator } from '../../atlas-emulator';
import { DownloadSigner, fileBytes, fileChunks, fileDigest, parseRange, serveDownload, type DownloadFile } from '../../atlas-emulator/downloads';
import type { CloudBackupRestoreJob, LegacyRestoreJob } from '../../../src/atlas/types';
import { demoProjects } from './support';

const sha1 = (b: Buffer) => createHash('sha1').update(b).digest('hex');

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  /** The body ended early: the connection closed before Content-Length bytes arrived. */
  cut: boolean;
}

/** A GET over node:http that keeps what arrived even when the server cuts the body. */
function get(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent: false }, (res) => {
      const parts: Buffer[] = [];
      let settled = false;
      const finish = (cut: boolean) => {
        if (settled) return;
        settled = true;
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts), cut });
      };
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => finish(!res.complete));
      res.on('aborted', () => finish(true));
      res.on('error', () => finish(true));
      res.on('close', () => finish(!res.complete));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('emulator: downloads stream, with Range and download faults', function () {
  this.timeout(20_000);
  let emu: RunningEmulator;
  let job: LegacyRestoreJob;
  let url: string;
  let auth: Record<string, string>;
  let hash: string;
  let whole: Buffer;

  before(async () => {
    emu = await startEmulator({ today: '2026-01-15' });
    const p = demoProjects(emu);
    job = emu.store
      .restoreJobs(p.production.id, 'prod-rs', 'legacy')
      .find((j) => j.delivery.statusName === 'READY' && j.delivery.urlV2 && j.hashes?.length)!;
    assert.ok(job, 'a READY legacy job with hashes');
    url = job.delivery.urlV2!;
    auth = { [job.delivery.authHeader!]: job.delivery.authValue! };
    hash = job.hashes![0]!.hash!;
    const r = await get(url, auth);
    whole = r.body;
  });
  after(() => emu.close());
  beforeEach(() => {
    emu.setToday('2026-01-15');
    emu.faults.clear();
  });

  it('the streamed bytes are the generator’s bytes at any offset, in any chunk size', () => {
    const key = { family: 'legacy' as const, groupId: 'g', clusterName: 'c', jobId: 'j', part: 'p' };
    const ref = fileBytes(3, key, 10_000);
    for (const [start, end, chunk] of [[0, 10_000, 65_536], [0, 10_000, 7], [1, 9_999, 5], [4_097, 10_000, 1_000], [5, 5, 3]] as const) {
      assert.ok(Buffer.concat([...fileChunks(3, key, start, end, chunk)]).equals(ref.subarray(start, end)), `${start}-${end}/${chunk}`);
    }
  });

  it('200: the whole file streamed, Accept-Ranges: bytes, SHA-1 of the job’s hashes', async () => {
    const r = await get(url, auth);
    assert.equal(r.status, 200);
    assert.equal(r.headers['accept-ranges'], 'bytes');
    assert.equal(Number(r.headers['content-length']), r.body.length);
    assert.equal(r.cut, false);
    assert.equal(sha1(r.body), hash);
    const head = await get(url, auth, 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(Number(head.headers['content-length']), r.body.length);
    assert.equal(head.headers.etag, r.headers.etag);
  });

  it('Range bytes=N- and bytes=N-M: 206 with Content-Range and Content-Length, the same bytes', async () => {
    const size = whole.length;
    const from = await get(url, { ...auth, Range: 'bytes=100-' });
    assert.equal(from.status, 206);
    assert.equal(from.headers['content-range'], `bytes 100-${size - 1}/${size}`);
    assert.equal(Number(from.headers['content-length']), size - 100);
    assert.ok(from.body.equals(whole.subarray(100)));

    const mid = await get(url, { ...auth, Range: 'bytes=3-10' });
    assert.equal(mid.status, 206);
    assert.equal(mid.headers['content-range'], `bytes 3-10/${size}`);
    assert.equal(Number(mid.headers['content-length']), 8);
    assert.ok(mid.body.equals(whole.subarray(3, 11)));

    const pastEnd = await get(url, { ...auth, Range: `bytes=${size - 2}-${size + 100}` });
    assert.equal(pastEnd.status, 206);
    assert.equal(pastEnd.headers['content-range'], `bytes ${size - 2}-${size - 1}/${size}`);
    assert.ok(pastEnd.body.equals(whole.subarray(size - 2)));

    const resumed = Buffer.concat([whole.subarray(0, 100), from.body]);
    assert.equal(sha1(resumed), hash, 'a resumed download has the job’s SHA-1');
  });

  it('416 for an unsatisfiable range, with Content-Range: bytes */size', async () => {
    const r = await get(url, { ...auth, Range: `bytes=${whole.length}-` });
    assert.equal(r.status, 416);
    assert.equal(r.headers['content-range'], `bytes */${whole.length}`);
    assert.equal(r.body.length, 0);
  });

  it('Range does not bypass the legacy urlV2 auth header check', async () => {
    assert.equal((await get(url, { Range: 'bytes=0-' })).status, 401);
    assert.equal((await get(url, { [job.delivery.authHeader!]: 'wrong', Range: 'bytes=0-' })).status, 403);
  });

  it('parseRange: suffix ranges, malformed and multi-range headers are ignored', () => {
    assert.deepEqual(parseRange('bytes=-10', 100), { start: 90, end: 100 });
    assert.deepEqual(parseRange('bytes=-1000', 100), { start: 0, end: 100 });
    assert.equal(parseRange('bytes=0-1,5-6', 100), undefined);
    assert.equal(parseRange('items=0-1', 100), undefined);
    assert.equal(parseRange('bytes=9-3', 100), undefined);
    assert.equal(parseRange('bytes=100-', 100), 'unsatisfiable');
    assert.equal(parseRange('bytes=-0', 100), 'unsatisfiable');
  });

  it('cutBody (match /__downloads/): headers and afterBytes bytes, then the connection is cut; once', async () => {
    emu.faults.add({ kind: 'cutBody', times: 1, afterBytes: 700, match: '/__downloads/' });
    const r = await get(url, auth);
    assert.equal(r.status, 200);
    assert.equal(Number(r.headers['content-length']), whole.length);
    assert.equal(r.cut, true);
    assert.equal(r.body.length, 700);
    assert.ok(r.body.equals(whole.subarray(0, 700)));
    const rest = await get(url, { ...auth, Range: 'bytes=700-' });
    assert.equal(rest.status, 206);
    assert.equal(sha1(Buffer.concat([r.body, rest.body])), hash, 'resume after the cut');
  });

  it('cutBody applies to a ranged answer too, and at 0 bytes sends the headers only', async () => {
    emu.faults.add({ kind: 'cutBody', times: 1, afterBytes: 5, match: '/__downloads/' });
    const r = await get(url, { ...auth, Range: 'bytes=10-' });
    assert.equal(r.status, 206);
    assert.equal(r.cut, true);
    assert.ok(r.body.equals(whole.subarray(10, 15)));
    emu.faults.add({ kind: 'cutBody', times: 1, afterBytes: 0 }); // download kinds aim at downloads without a match
    const zero = await get(url, auth);
    assert.equal(zero.status, 200);
    assert.equal(zero.cut, true);
    assert.equal(zero.body.length, 0);
  });

  it('ignoreRange: 200 with the whole body although a Range was asked', async () => {
    emu.faults.add({ kind: 'ignoreRange', times: 1, match: '/__downloads/' });
    const r = await get(url, { ...auth, Range: 'bytes=100-' });
    assert.equal(r.status, 200);
    assert.equal(r.headers['content-range'], undefined);
    assert.equal(sha1(r.body), hash);
    assert.equal((await get(url, { ...auth, Range: 'bytes=100-' })).status, 206, 'used up');
  });

  it('corruptByte: one byte flipped at offset `at` of the body sent, so the SHA-1 mismatches', async () => {
    emu.faults.add({ kind: 'corruptByte', times: 1, at: 1000, match: '/__downloads/' });
    const r = await get(url, auth);
    assert.equal(r.status, 200);
    assert.equal(r.body.length, whole.length);
    assert.notEqual(sha1(r.body), hash);
    const diff = [...r.body].flatMap((b, i) => (b !== whole[i] ? [i] : []));
    assert.deepEqual(diff, [1000]);
    assert.equal(r.body[1000], ~whole[1000]! & 0xff);
    assert.equal(sha1((await get(url, auth)).body), hash, 'used up');
  });

  it('download faults do not hit the API, and API-only defaults do not hit downloads', async () => {
    emu.faults.add({ kind: 'reset', times: 1 }); // no match: API paths only
    const r = await get(url, auth);
    assert.equal(r.status, 200);
    assert.equal(sha1(r.body), hash);
    emu.faults.clear();
    emu.faults.add({ kind: 'reset', times: 1, match: '/__downloads/' });
    await assert.rejects(get(url, auth));
  });

  it('cloud backup S3 URLs take ranges too', async () => {
    const p = demoProjects(emu);
    const jobs = emu.store.restoreJobs(p.production.id, 'prod-sharded', 'cloudBackup') as CloudBackupRestoreJob[];
    const finished = jobs.find((j) => j.deliveryType === 'download' && j.finishedAt && !j.expired)!;
    const link = finished.deliveryUrl![0]!;
    const all = await get(link);
    assert.equal(all.status, 200);
    assert.equal(all.headers['accept-ranges'], 'bytes');
    const tail = await get(link, { Range: 'bytes=-16' });
    assert.equal(tail.status, 206);
    assert.ok(tail.body.equals(all.body.subarray(all.body.length - 16)));
  });

  it('the control endpoint accepts the download faults and checks their numbers', async () => {
    const post = (body: unknown) =>
      fetch(`${emu.baseUrl}/__emulator/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const ok = await post([
      { kind: 'cutBody', times: 1, afterBytes: 10, match: '/__downloads/' },
      { kind: 'ignoreRange', times: 2 },
      { kind: 'corruptByte', times: 1, at: 3 },
    ]);
    assert.equal(ok.status, 200);
    const state = (await ok.json()) as { faults: { kind: string }[] };
    assert.deepEqual(state.faults.map((f) => f.kind), ['cutBody', 'ignoreRange', 'corruptByte']);
    emu.faults.clear();
    assert.throws(() => emu.faults.add({ kind: 'cutBody', times: 1, afterBytes: -1 }));
    assert.throws(() => emu.faults.add({ kind: 'corruptByte', times: 1, at: 1.5 }));
  });

  it('a 32 MiB file streams in chunks with the SHA-1 computed by streaming; ranges deep inside it', async () => {
    const size = 32 * 1024 * 1024 + 3;
    const key = { family: 'flex' as const, groupId: 'g', clusterName: 'big', jobId: 'j', part: 'p' };
    const file: DownloadFile = { key, fileName: 'big.tar.gz', size, sha1: fileDigest(9, key, size), expiresAt: Date.now() + 3_600_000 };
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const signer = new DownloadSigner('secret', base);
    server.on('request', (req, res) => {
      const u = new URL(req.url ?? '/', base);
      serveDownload(req, res, u, { seed: 9, signer, now: () => Date.now(), find: (k) => (k.clusterName === 'big' ? file : undefined) });
    });
    try {
      const link = signer.s3Url(key, file.fileName, Date.now(), file.expiresAt);
      const h = createHash('sha1');
      let length = 0;
      let chunks = 0;
      await new Promise<void>((resolve, reject) => {
        request(link, (res) => {
          assert.equal(res.statusCode, 200);
          assert.equal(Number(res.headers['content-length']), size);
          res.on('data', (c: Buffer) => {
            h.update(c);
            length += c.length;
            chunks++;
          });
          res.on('end', resolve);
          res.on('error', reject);
        })
          .on('error', reject)
          .end();
      });
      assert.equal(length, size);
      assert.ok(chunks > 100, 'arrives as a stream of chunks');
      assert.equal(h.digest('hex'), file.sha1);
      const at = 20 * 1024 * 1024 + 1;
      const r = await get(link, { Range: `bytes=${at}-${at + 9}` });
      assert.equal(r.status, 206);
      assert.equal(r.headers['content-range'], `bytes ${at}-${at + 9}/${size}`);
      assert.ok(r.body.equals(Buffer.concat([...fileChunks(9, key, at, at + 10)])));
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
