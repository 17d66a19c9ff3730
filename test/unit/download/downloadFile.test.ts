import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DownloadError, downloadFile, type DownloadRequest } from '../../../src/download/downloadFile';
import { body, fileHandler, serve, sha1, type TestServer } from './server';

const DATA = body(300_000);
const HASH = sha1(DATA);
const NAME = 'restore-abc.tar.gz';
const SECRET_QUERY = 'X-Amz-Signature=s3cr3t-signature';
const AUTH = { name: 'X-Auth-Token', value: 'auth-value-secret-42' };

describe('downloadFile over real HTTP', () => {
  let folder: string;
  const servers: TestServer[] = [];
  const start = async (handler: Parameters<typeof serve>[0]) => {
    const s = await serve(handler);
    servers.push(s);
    return s;
  };
  const request = (url: string, extra: Partial<DownloadRequest> = {}): DownloadRequest => ({
    url,
    folder,
    fileName: NAME,
    retryDelayMs: () => 0,
    ...extra,
  });
  const rejected = async (promise: Promise<unknown>): Promise<DownloadError> => {
    try {
      await promise;
    } catch (error) {
      assert.ok(error instanceof DownloadError, `not a DownloadError: ${String(error)}`);
      assert.ok(!error.message.includes('s3cr3t') && !error.message.includes(AUTH.value), `secret in message: ${error.message}`);
      return error;
    }
    assert.fail('expected a DownloadError');
  };

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'download-test-'));
  });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
    rmSync(folder, { recursive: true, force: true });
  });

  it('downloads the whole file, verifies its SHA-1 and leaves no .part', async () => {
    const s = await start(fileHandler(DATA));
    const progress: { received: number; total?: number }[] = [];
    const result = await downloadFile(request(`${s.origin}/file?${SECRET_QUERY}`, { expectedSha1: HASH.toUpperCase(), onProgress: (p) => progress.push(p) }));
    assert.deepEqual(
      { path: result.path, bytes: result.bytes, sha1: result.sha1, verified: result.verified, resumedTimes: result.resumedTimes },
      { path: join(folder, NAME), bytes: DATA.length, sha1: HASH, verified: 'match', resumedTimes: 0 },
    );
    assert.ok(readFileSync(result.path).equals(DATA));
    assert.equal(existsSync(`${result.path}.part`), false);
    assert.deepEqual(progress.at(-1), { received: DATA.length, total: DATA.length });
    assert.equal(s.requests[0]!.headers.range, undefined);
  });

  it('says "no hash" when none is expected', async () => {
    const s = await start(fileHandler(DATA));
    const result = await downloadFile(request(`${s.origin}/file`));
    assert.equal(result.verified, 'no hash');
    assert.equal(result.sha1, HASH);
  });

  it('resumes with Range after the connection is cut, and the SHA-1 still matches', async () => {
    const s = await start(fileHandler(DATA, { cutAfter: 70_000, cuts: 2 }));
    const result = await downloadFile(request(`${s.origin}/file`, { expectedSha1: HASH }));
    assert.equal(result.verified, 'match');
    assert.ok(result.resumedTimes >= 1, `resumedTimes ${result.resumedTimes}`);
    assert.equal(result.restartedTimes, 0);
    assert.equal(s.requests.length, 3);
    assert.match(String(s.requests[1]!.headers.range), /^bytes=\d+-$/);
    assert.ok(Number(/\d+/.exec(String(s.requests[1]!.headers.range))![0]) > 0);
    assert.ok(readFileSync(result.path).equals(DATA));
  });

  it('begins again cleanly when the server ignores Range', async () => {
    const s = await start(fileHandler(DATA, { cutAfter: 100_000, ignoreRange: true }));
    const result = await downloadFile(request(`${s.origin}/file`, { expectedSha1: HASH }));
    assert.equal(result.verified, 'match');
    assert.equal(result.bytes, DATA.length);
    assert.equal(result.restartedTimes, 1);
    assert.equal(result.resumedTimes, 0);
    assert.ok(s.requests[1]!.headers.range, 'the second request asked for a range');
    assert.equal(statSync(result.path).size, DATA.length);
  });

  it('follows a redirect to another origin without the auth header', async () => {
    const storage = await start(fileHandler(DATA));
    const api = await start((_req, res) => {
      res.writeHead(302, { location: `${storage.origin}/bucket/${NAME}?${SECRET_QUERY}` });
      res.end();
    });
    const result = await downloadFile(request(`${api.origin}/download?key=1`, { authHeader: AUTH, expectedSha1: HASH }));
    assert.equal(result.verified, 'match');
    assert.equal(api.requests[0]!.headers['x-auth-token'], AUTH.value);
    assert.equal(storage.requests.length, 1);
    assert.equal(storage.requests[0]!.headers['x-auth-token'], undefined);
  });

  it('keeps the auth header on a redirect within the same origin, and after a resume', async () => {
    const files = fileHandler(DATA, { cutAfter: 50_000 });
    const s = await start((req, res) => {
      if (req.headers['x-auth-token'] !== AUTH.value) {
        res.writeHead(401).end();
      } else if (req.url!.startsWith('/start')) {
        res.writeHead(307, { location: '/real-file' }).end();
      } else {
        files(req, res);
      }
    });
    const result = await downloadFile(request(`${s.origin}/start`, { authHeader: AUTH, expectedSha1: HASH }));
    assert.equal(result.verified, 'match');
    assert.deepEqual(
      s.requests.map((r) => [r.url, r.headers['x-auth-token']]),
      [
        ['/start', AUTH.value],
        ['/real-file', AUTH.value],
        ['/start', AUTH.value],
        ['/real-file', AUTH.value],
      ],
    );
  });

  it('gives up after five redirects', async () => {
    const s = await start((_req, res) => res.writeHead(302, { location: '/again' }).end());
    const error = await rejected(downloadFile(request(`${s.origin}/start`)));
    assert.equal(error.kind, 'http');
    assert.equal(s.requests.length, 6);
  });

  it('keeps a file whose SHA-1 differs as .mismatch, with both values', async () => {
    const s = await start(fileHandler(DATA));
    const wrong = '0'.repeat(40);
    const result = await downloadFile(request(`${s.origin}/file`, { expectedSha1: wrong }));
    assert.equal(result.verified, 'mismatch');
    assert.equal(result.path, join(folder, `${NAME}.mismatch`));
    assert.equal(result.sha1, HASH);
    assert.equal(result.expectedSha1, wrong);
    assert.equal(existsSync(join(folder, NAME)), false);
    assert.equal(existsSync(join(folder, `${NAME}.part`)), false);
    assert.ok(readFileSync(result.path).equals(DATA));
  });

  it('on cancel keeps the .part and says so; the next run resumes from it', async () => {
    const stalled = await start(fileHandler(DATA, { stallAfter: 40_000 }));
    const controller = new AbortController();
    const error = await rejected(
      downloadFile(
        request(`${stalled.origin}/file`, {
          signal: controller.signal,
          onProgress: (p) => {
            if (p.received >= 40_000) controller.abort();
          },
        }),
      ),
    );
    const part = join(folder, `${NAME}.part`);
    assert.equal(error.kind, 'cancelled');
    assert.equal(error.keptPath, part);
    assert.match(error.message, /cancelled; 39\.1 KB kept in .*\.part\. Downloading it again into the same folder resumes from there\./);
    assert.equal(statSync(part).size, 40_000);

    const s = await start(fileHandler(DATA));
    const result = await downloadFile(request(`${s.origin}/file`, { expectedSha1: HASH }));
    assert.equal(s.requests[0]!.headers.range, 'bytes=40000-');
    assert.equal(result.verified, 'match');
    assert.equal(result.resumedTimes, 1);
  });

  it('on cancel before any byte arrived keeps nothing, and says so', async () => {
    const silent = await start(() => undefined);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const error = await rejected(downloadFile(request(`${silent.origin}/file`, { signal: controller.signal })));
    assert.equal(error.kind, 'cancelled');
    assert.equal(error.keptPath, undefined);
    assert.match(error.message, /nothing was kept/);
    assert.deepEqual(readdirSync(folder), []);
  });

  it("fails with 'disk' naming the file when the folder cannot be written", async () => {
    const s = await start(fileHandler(DATA));
    const readOnly = join(folder, 'read-only');
    mkdirSync(readOnly, { mode: 0o555 });
    let target = readOnly;
    try {
      writeFileSync(join(readOnly, 'probe'), 'x');
      // Running as root: the mode does not stop us. A path under a regular file fails (ENOTDIR) for anyone.
      target = join(folder, 'a-file');
      writeFileSync(target, 'not a folder');
    } catch {
      // The folder is really read-only.
    }
    const error = await rejected(downloadFile(request(`${s.origin}/file`, { folder: target })));
    assert.equal(error.kind, 'disk');
    assert.ok(['EACCES', 'ENOTDIR', 'EROFS'].includes(error.code!), error.code);
    assert.ok(error.message.includes(NAME), error.message);
    assert.equal(s.requests.length, 0);
  });

  it("refuses to overwrite an existing file, before any request; overwrites when asked", async () => {
    const s = await start(fileHandler(DATA));
    writeFileSync(join(folder, NAME), 'old');
    const error = await rejected(downloadFile(request(`${s.origin}/file`)));
    assert.equal(error.kind, 'exists');
    assert.equal(s.requests.length, 0);
    assert.equal(readFileSync(join(folder, NAME), 'utf8'), 'old');

    const result = await downloadFile(request(`${s.origin}/file`, { overwrite: true, expectedSha1: HASH }));
    assert.equal(result.verified, 'match');
    assert.ok(readFileSync(join(folder, NAME)).equals(DATA));
  });

  for (const status of [403, 404, 410]) {
    it(`fails with 'http' ${status} from storage, naming host and file but not the signed URL`, async () => {
      const s = await start((_req, res) => res.writeHead(status).end());
      const error = await rejected(downloadFile(request(`${s.origin}/bucket/${NAME}?${SECRET_QUERY}`, { authHeader: AUTH })));
      assert.equal(error.kind, 'http');
      assert.equal(error.status, status);
      assert.ok(error.message.includes(NAME) && error.message.includes(`127.0.0.1:${s.port}`), error.message);
      assert.equal(s.requests.length, 1);
      assert.equal(error.keptPath, undefined);
      assert.equal(existsSync(join(folder, `${NAME}.part`)), false, 'an empty .part is not left behind');
    });
  }

  it('keeps the bytes it got when retries run out, and says where', async () => {
    const s = await start(fileHandler(DATA, { cutAfter: 20_000, cuts: 100 }));
    // Each cut attempt made progress, so the count of failures in a row starts again: it finishes.
    const result = await downloadFile(request(`${s.origin}/file`, { maxRetries: 1, expectedSha1: HASH }));
    assert.equal(result.verified, 'match');
    assert.ok(result.resumedTimes >= 14, `resumedTimes ${result.resumedTimes}`);

    const failing = await start(fileHandler(DATA, { cutAfter: 0, cuts: 100 }));
    writeFileSync(join(folder, 'other.bin.part'), DATA.subarray(0, 1000));
    const error = await rejected(downloadFile(request(`${failing.origin}/file`, { fileName: 'other.bin', maxRetries: 2 })));
    assert.equal(error.kind, 'network');
    assert.equal(error.keptPath, join(folder, 'other.bin.part'));
    assert.match(error.message, /1000 bytes kept/);
    assert.equal(failing.requests.length, 3);
    assert.ok(failing.requests.every((r) => r.headers.range === 'bytes=1000-'));
  });

  it("retries a dropped connection maxRetries times, then fails with 'network'", async () => {
    const s = await start((req) => req.socket.destroy());
    const delays: number[] = [];
    const error = await rejected(downloadFile(request(`${s.origin}/file?${SECRET_QUERY}`, { maxRetries: 3, retryDelayMs: (n) => (delays.push(n), 0) })));
    assert.equal(error.kind, 'network');
    assert.equal(s.requests.length, 4);
    assert.deepEqual(delays, [1, 2, 3]);
  });

  it("retries a 503 and then succeeds", async () => {
    const files = fileHandler(DATA);
    let first = true;
    const s = await start((req, res) => {
      if (first) {
        first = false;
        res.writeHead(503).end();
      } else files(req, res);
    });
    const result = await downloadFile(request(`${s.origin}/file`, { expectedSha1: HASH }));
    assert.equal(result.verified, 'match');
    assert.equal(s.requests.length, 2);
  });

  it("refuses plain http to another computer and names that are paths, with 'badUrl' / 'disk'", async () => {
    const bad = await rejected(downloadFile(request(`http://example.com/file?${SECRET_QUERY}`)));
    assert.equal(bad.kind, 'badUrl');
    assert.ok(bad.message.includes('example.com'));
    const climbing = await rejected(downloadFile(request('https://example.com/f', { fileName: '../escape' })));
    assert.equal(climbing.kind, 'disk');
  });

  it('treats a stalled connection as dropped after the idle timeout and resumes', async () => {
    let calls = 0;
    const stall = fileHandler(DATA, { stallAfter: 30_000 });
    const files = fileHandler(DATA);
    const s = await start((req, res) => (calls++ === 0 ? stall(req, res) : files(req, res)));
    const result = await downloadFile(request(`${s.origin}/file`, { idleTimeoutMs: 200, expectedSha1: HASH }));
    assert.equal(result.verified, 'match');
    assert.equal(s.requests[1]!.headers.range, 'bytes=30000-');
  });
  it('refuses a file the disk cannot hold before writing a byte, and says how much is needed and free', async () => {
    const s = await start(fileHandler(DATA));
    const asked: string[] = [];
    const error = await rejected(
      downloadFile(request(`${s.origin}/file?${SECRET_QUERY}`, { freeSpace: async (f) => (asked.push(f), 1000) })),
    );
    assert.equal(error.kind, 'disk');
    assert.equal(error.code, 'ENOSPC');
    assert.deepEqual(asked, [folder]);
    assert.match(error.message, /needs 293 KB more, and 1000 B is free/);
    assert.equal(existsSync(join(folder, `${NAME}.part`)), false, 'nothing written');
    assert.equal(error.keptPath, undefined);
  });

  it('counts only the bytes still to come when a .part is resumed, and asks the real file system by default', async () => {
    const s = await start(fileHandler(DATA));
    writeFileSync(join(folder, `${NAME}.part`), DATA.subarray(0, 299_000));
    const result = await downloadFile(request(`${s.origin}/file`, { expectedSha1: HASH, freeSpace: async () => 1_000 }));
    assert.equal(result.verified, 'match');
    assert.equal(s.requests[0]!.headers.range, 'bytes=299000-');
    // The default asks statfs, which on any test machine has room for 300 kB.
    rmSync(result.path);
    assert.equal((await downloadFile(request(`${s.origin}/file`, { expectedSha1: HASH }))).verified, 'match');
  });
});
