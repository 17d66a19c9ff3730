import { strict as assert } from 'node:assert';
import { DEMO, startEmulator, type RunningEmulator } from '../../atlas-emulator';
import { fileDigest, parseDownloadPath } from '../../atlas-emulator/downloads';
import { STORAGE_LINK_SECONDS } from '../../atlas-emulator/storage-host';
import type { CloudBackupRestoreJob, LegacyRestoreJob } from '../../../src/atlas/types';
import { daemonHeader, fetchRaw, prodRs } from './download-support';

describe('emulator: the storage host and redirected downloads', function () {
  this.timeout(20_000);
  let emu: RunningEmulator;
  let redirected: LegacyRestoreJob[];
  let direct: LegacyRestoreJob;
  before(async () => {
    emu = await startEmulator({ today: '2026-01-15' });
    const { legacy } = prodRs(emu);
    redirected = DEMO.storageRedirects.map((r) => legacy[r.index]!);
    direct = legacy[0]!;
  });
  after(() => emu.close());
  beforeEach(() => {
    emu.faults.clear();
    emu.clearRequests();
  });

  /** The 302 of a redirected urlV2, checked, and where it points. */
  async function handOff(job: LegacyRestoreJob): Promise<URL> {
    const r = await fetchRaw(job.delivery.urlV2!, { headers: daemonHeader(job) });
    assert.equal(r.status, 302, job.id);
    assert.equal(r.bytes, 0);
    return new URL(String(r.headers.location));
  }

  it('listens on a second 127.0.0.1 port, storageUrl, which close() closes too', async () => {
    const other = await startEmulator({ dataset: 'empty' });
    assert.match(other.storageUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.notEqual(other.storageUrl, other.baseUrl);
    assert.equal((await fetchRaw(`${other.storageUrl}/__downloads/x`)).status, 404);
    await other.close();
    await assert.rejects(fetchRaw(`${other.storageUrl}/__downloads/x`), /ECONNREFUSED/);
  });

  it('DEMO.storageRedirects: urlV2 with the header answers 302 to a presigned URL there, which serves the hashed bytes', async () => {
    assert.deepEqual(emu.store.storageRedirectJobs().map((j) => j.jobId), redirected.map((j) => j.id));
    for (const job of redirected) {
      assert.equal(job.delivery.statusName, 'READY');
      const location = await handOff(job);
      assert.equal(location.origin, emu.storageUrl);
      assert.equal(location.pathname, new URL(job.delivery.urlV2!).pathname, 'the same object, in the bucket');
      assert.equal(location.searchParams.get('X-Amz-Expires'), String(STORAGE_LINK_SECONDS));
      assert.ok(location.searchParams.get('X-Amz-Signature'));
      const r = await fetchRaw(location.href);
      assert.equal(r.status, 200);
      assert.equal(r.sha1, job.hashes![0]!.hash);
    }
    assert.deepEqual(
      emu.requests.map((r) => [r.server, r.status, r.authHeaderPresent]),
      redirected.flatMap(() => [['main', 302, true], ['storage', 200, false]]),
    );
    assert.ok(emu.requests.every((r) => Object.values(r.query).every((v) => v === '[redacted]')), 'signed queries are never recorded');
  });

  it('the daemon checks before it hands off: 401 without the header, 403 wrong; HEAD redirects too; the deprecated url does not', async () => {
    const job = redirected[0]!;
    assert.equal((await fetchRaw(job.delivery.urlV2!)).status, 401);
    assert.equal((await fetchRaw(job.delivery.urlV2!, { headers: { [job.delivery.authHeader!]: 'wrong' } })).status, 403);
    const head = await fetchRaw(job.delivery.urlV2!, { headers: daemonHeader(job), method: 'HEAD' });
    assert.equal(head.status, 302);
    assert.equal(new URL(String(head.headers.location)).origin, emu.storageUrl);
    const v1 = await fetchRaw(job.delivery.url!);
    assert.equal(v1.status, 200);
    assert.equal(v1.sha1, job.hashes![0]!.hash);
  });

  it('the storage host refuses a second credential — the daemon header or Authorization — with 400 InvalidArgument', async () => {
    const location = await handOff(redirected[0]!);
    emu.clearRequests();
    for (const headers of [daemonHeader(redirected[0]!), { 'x-restore-auth': 'anything' }, { Authorization: 'Bearer t' }]) {
      const r = await fetchRaw(location.href, { headers, keep: true });
      assert.equal(r.status, 400);
      assert.equal(r.headers['content-type'], 'application/xml');
      assert.match(r.body!.toString(), /<Code>InvalidArgument<\/Code><Message>Only one auth mechanism allowed;/);
      assert.ok(!r.body!.toString().includes(redirected[0]!.delivery.authValue!), 'never echoes the value');
    }
    assert.deepEqual(emu.requests.map((r) => [r.server, r.status, r.authHeaderPresent]), Array(3).fill(['storage', 400, true]));
  });

  it('serves Range and HEAD; refuses a tampered or API-host signature (403), an expired link (403), an unknown key (404), POST (405)', async () => {
    const job = redirected[1]!;
    const location = await handOff(job);
    const size = (await fetchRaw(location.href)).bytes;
    const part = await fetchRaw(location.href, { headers: { Range: 'bytes=10-19' } });
    assert.equal(part.status, 206);
    assert.equal(part.headers['content-range'], `bytes 10-19/${size}`);
    const head = await fetchRaw(location.href, { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(Number(head.headers['content-length']), size);
    const tampered = new URL(location);
    tampered.searchParams.set('X-Amz-Signature', '0'.repeat(64));
    assert.equal((await fetchRaw(tampered.href)).status, 403);
    const cloud = emu.store.restoreJobs(prodRs(emu).groupId, 'prod-rs', 'cloudBackup')[0] as CloudBackupRestoreJob;
    const apiSigned = new URL(cloud.deliveryUrl![0]!);
    assert.equal((await fetchRaw(`${emu.storageUrl}${apiSigned.pathname}${apiSigned.search}`)).status, 403, "the API host's signature is not the storage host's");
    const unknown = new URL(location);
    unknown.pathname = unknown.pathname.replace(job.id!, 'f'.repeat(24));
    assert.equal((await fetchRaw(unknown.href)).status, 404);
    assert.equal((await fetchRaw(location.href, { method: 'POST' })).status, 405);
    emu.advance((STORAGE_LINK_SECONDS + 1) * 1000);
    const expired = await fetchRaw(location.href, { keep: true });
    assert.equal(expired.status, 403);
    assert.match(expired.body!.toString(), /<Code>AccessDenied<\/Code><Message>Request has expired<\/Message>/);
    const again = await handOff(job);
    assert.equal((await fetchRaw(again.href)).status, 200, 'a new redirect signs a new link');
  });

  it('redirectToStorage: the next N downloads of any family redirect once checked, then are served directly again', async () => {
    const cloud = emu.store.restoreJobs(prodRs(emu).groupId, 'prod-rs', 'cloudBackup')[0] as CloudBackupRestoreJob;
    const cloudUrl = cloud.deliveryUrl![0]!;
    const key = parseDownloadPath(new URL(cloudUrl).pathname)!.key;
    emu.faults.add({ kind: 'redirectToStorage', times: 2 });
    assert.equal((await fetchRaw(direct.delivery.urlV2!)).status, 401, 'a refused request uses nothing up');
    assert.equal((await fetchRaw(cloudUrl, { method: 'HEAD' })).status, 200, 'HEAD uses nothing up');
    const first = await fetchRaw(cloudUrl);
    assert.equal(first.status, 302);
    const there = await fetchRaw(String(first.headers.location));
    assert.equal(there.status, 200);
    assert.equal(there.sha1, fileDigest(1, key, emu.store.download(key)!.size));
    const legacy = await fetchRaw(direct.delivery.urlV2!, { headers: daemonHeader(direct) });
    assert.equal(legacy.status, 302);
    assert.equal((await fetchRaw(String(legacy.headers.location))).sha1, direct.hashes![0]!.hash);
    assert.equal((await fetchRaw(cloudUrl)).status, 200, 'used up');
  });

  it('download faults without match reach the storage host too: a cut body there', async () => {
    const location = await handOff(redirected[0]!);
    emu.faults.add({ kind: 'cutBody', times: 1, afterBytes: 100 });
    const cut = await fetchRaw(location.href);
    assert.equal(cut.status, 200);
    assert.ok(cut.cut && cut.bytes <= 100);
    emu.faults.add({ kind: 'serverError', times: 1, status: 503, match: '/__downloads/' });
    const busy = await fetchRaw(location.href, { keep: true });
    assert.equal(busy.status, 503);
    assert.match(busy.body!.toString(), /<Code>SlowDown<\/Code>/);
    assert.equal((await fetchRaw(location.href)).status, 200);
  });
});
