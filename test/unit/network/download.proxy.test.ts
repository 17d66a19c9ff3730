// Downloads behind the real proxy: a CONNECT tunnel to the HTTPS emulator (and its storage host), a Range
// resume through a new tunnel, the absolute form for plain http, and the same messages as the client's.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CloudBackupRestoreJob } from '../../../src/atlas/types';
import { DownloadError, downloadFile, type DownloadRequest } from '../../../src/download/downloadFile';
import { parseDownloadPath } from '../../atlas-emulator/download-files';
import { PROXY_ONLY_HOST } from '../../support/testCa';
import { body, fileHandler, serve, sha1 } from '../download/server';
import { networkWorld, PROXY_PASSWORD, PROXY_USER, withCredentials } from './support';

describe('downloads behind a proxy', function () {
  this.timeout(20_000);
  const world = networkWorld();
  let folder: string;
  let job: CloudBackupRestoreJob;
  before(() => {
    const { store } = world.fx.emulator;
    store.addCluster(world.fx.groupId, 'dedicated', 'Cluster0');
    const jobs = store.addRestoreJobs(world.fx.groupId, 'Cluster0', 'cloudBackup', 12);
    const found = jobs.find((j) => j.deliveryType === 'download' && (j.deliveryUrl?.length ?? 0) > 0 && !j.expired);
    assert.ok(found, 'a cloud backup download with a link that works');
    job = found;
  });
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'proxy-download-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  const link = () => job.deliveryUrl![0]!;
  const expected = () => world.fx.emulator.store.download(parseDownloadPath(new URL(link()).pathname)!.key)!;
  const request = (extra: Partial<DownloadRequest>): DownloadRequest => ({ url: link(), folder, fileName: 'restore.tar.gz', retryDelayMs: () => 0, ...extra });
  const failure = async (p: Promise<unknown>): Promise<DownloadError> => {
    const e = await p.then(
      () => assert.fail('expected the download to fail'),
      (error: unknown) => error,
    );
    assert.ok(e instanceof DownloadError, String(e));
    return e;
  };

  it('fetches the file through a CONNECT tunnel to the HTTPS host, checked against the company CA', async () => {
    const result = await downloadFile(request({ network: { proxy: world.open.url, ca: [world.ca.cert] } }));
    assert.equal(result.sha1, expected().sha1);
    assert.equal(result.bytes, expected().size);
    await world.open.seen(1);
    assert.deepEqual(world.open.connects(), [`${PROXY_ONLY_HOST}:${new URL(link()).port}`]);
  });

  it('resumes a cut transfer with Range through a new tunnel', async () => {
    world.fx.emulator.faults.add({ kind: 'cutBody', times: 1, afterBytes: 700 });
    const result = await downloadFile(request({ network: { proxy: world.open.url, ca: [world.ca.cert] } }));
    assert.equal(result.resumedTimes, 1);
    assert.equal(result.sha1, expected().sha1);
    assert.equal((await world.open.seen(2)).filter((r) => r.method === 'CONNECT').length, 2);
    const ranged = world.fx.emulator.requests.filter((r) => r.path.startsWith('/__downloads/'));
    // The cut answer never finished, so the emulator recorded no status for it.
    assert.deepEqual(ranged.map((r) => r.status), [0, 206]);
  });

  it('follows a redirect to the storage host through the proxy as well', async () => {
    world.fx.emulator.faults.add({ kind: 'redirectToStorage', times: 1 });
    const result = await downloadFile(request({ network: { proxy: withCredentials(world.guarded, PROXY_USER, PROXY_PASSWORD), ca: [world.ca.cert] } }));
    assert.equal(result.sha1, expected().sha1);
    const ports = [new URL(link()).port, new URL(world.fx.emulator.storageUrl).port];
    await world.guarded.seen(2);
    assert.deepEqual(world.guarded.connects(), ports.map((p) => `${PROXY_ONLY_HOST}:${p}`));
    assert.ok(world.guarded.requests.every((r) => r.auth === 'accepted'));
  });

  it('a proxy that wants credentials: the same message as the client’s, not retried', async () => {
    const e = await failure(downloadFile(request({ network: { proxy: world.guarded.url, proxySource: '`http.proxy`', ca: [world.ca.cert] } })));
    assert.equal(e.status, 407);
    assert.equal(
      e.message,
      `Cannot download restore.tar.gz from ${new URL(link()).host}: The proxy at ${world.guarded.url} asks for credentials: add them to \`http.proxy\` as http://user:password@host:port.`,
    );
    assert.equal((await world.guarded.seen(1)).length, 1);
  });

  it('an untrusted certificate: the certificate message, not retried', async () => {
    const e = await failure(downloadFile(request({ network: { proxy: world.open.url } })));
    assert.equal(e.kind, 'network');
    assert.match(e.message, /: The certificate of atlas-emulator\.test:\d+ is not trusted — see `http\.systemCertificates`/);
    assert.ok(!e.message.includes('?'), 'no query of the signed link');
    assert.equal((await world.open.seen(1)).length, 1);
  });

  it('sends plain http to the proxy in absolute form, with its credentials', async () => {
    const data = body(200_000);
    const server = await serve(fileHandler(data));
    try {
      const url = `${server.origin}/files/plain.tar.gz?sig=abc`;
      const proxy = withCredentials(world.guarded, PROXY_USER, PROXY_PASSWORD);
      const result = await downloadFile({ url, folder, fileName: 'plain.tar.gz', network: { proxy } });
      assert.equal(result.sha1, sha1(data));
      assert.deepEqual(await world.guarded.seen(1), [{ method: 'GET', target: `${server.origin}/files/plain.tar.gz`, auth: 'accepted', status: 'forwarded' }]);
      assert.equal(server.requests[0]!.url, '/files/plain.tar.gz?sig=abc');
      assert.equal(server.requests[0]!.headers['proxy-authorization'], undefined, 'the proxy keeps its credentials to itself');
      // A plain-http 407 is the proxy's own answer.
      const e = await failure(downloadFile({ url, folder, fileName: 'again.tar.gz', network: { proxy: world.guarded.url } }));
      assert.match(e.message, /asks for credentials/);
    } finally {
      await server.close();
    }
  });

  it('goes direct to loopback when noProxy says so', async () => {
    const data = body(10_000);
    const server = await serve(fileHandler(data));
    try {
      const result = await downloadFile({ url: `${server.origin}/f.tar.gz`, folder, fileName: 'f.tar.gz', network: { proxy: world.open.url, noProxy: ['127.0.0.1'] } });
      assert.equal(result.sha1, sha1(data));
      assert.deepEqual(world.open.requests, []);
    } finally {
      await server.close();
    }
  });
});
