import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { DEMO, startEmulator, type RunningEmulator } from '../../atlas-emulator';
import type { CloudBackupRestoreJob, FlexRestoreJob, LegacyRestoreJob } from '../../../src/atlas/types';
import { demoProjects } from './support';

const sha1 = (b: ArrayBuffer) => createHash('sha1').update(Buffer.from(b)).digest('hex');

describe('emulator: delivery URLs serve real bytes', function () {
  this.timeout(20_000);
  let emu: RunningEmulator;
  let legacy: LegacyRestoreJob[];
  before(async () => {
    emu = await startEmulator({ today: '2026-01-15' });
    const p = demoProjects(emu);
    legacy = [
      ...emu.store.restoreJobs(p.production.id, 'prod-rs', 'legacy'),
      ...emu.store.restoreJobs(p.production.id, 'prod-sharded', 'legacy'),
      ...emu.store.restoreJobs(p.lab.id, 'lab-rs', 'legacy'),
    ];
  });
  after(() => emu.close());
  beforeEach(() => emu.setToday('2026-01-15'));

  it('delivery URLs point back at the emulator and look signed', () => {
    const withUrl = legacy.filter((j) => j.delivery.urlV2);
    assert.ok(withUrl.length >= 10);
    for (const j of withUrl) {
      const v2 = new URL(j.delivery.urlV2!);
      assert.equal(v2.origin, emu.baseUrl);
      assert.ok(v2.pathname.startsWith('/__downloads/legacy/'));
      assert.ok(v2.searchParams.get('signature') && v2.searchParams.get('expires'));
      assert.equal(new URL(j.delivery.url!).searchParams.get('key'), j.delivery.authValue);
    }
  });

  it('legacy urlV2 with the authHeader: authValue header: bytes whose SHA1 is the job’s hash; without it 401, wrong 403', async () => {
    const ready = legacy.filter((j) => j.delivery.statusName === 'READY' && j.delivery.urlV2);
    assert.ok(ready.length >= 6);
    const redirected = new Set(emu.store.storageRedirectJobs().map((m) => m.jobId));
    for (const j of ready) {
      const { authHeader, authValue, urlV2 } = j.delivery;
      // fetch would carry the daemon's header on to the storage host (which refuses it): follow by hand.
      let r = await fetch(urlV2!, { headers: { [authHeader!]: authValue! }, redirect: 'manual' });
      if (redirected.has(j.id!)) {
        assert.equal(r.status, 302, urlV2);
        r = await fetch(r.headers.get('location')!);
      }
      assert.equal(r.status, 200, urlV2);
      const data = await r.arrayBuffer();
      assert.ok(data.byteLength >= 1024 && data.byteLength <= 4096, 'KB-sized in the demo');
      assert.equal(sha1(data), j.hashes![0]!.hash);
      assert.equal(j.hashes![0]!.typeName, 'SHA1');
    }
    const j = ready[0]!;
    assert.equal((await fetch(j.delivery.urlV2!)).status, 401);
    assert.equal((await fetch(j.delivery.urlV2!, { headers: { [j.delivery.authHeader!]: 'wrong' } })).status, 403);
  });

  it('the deprecated url carries its key in the query and serves the same bytes', async () => {
    const j = legacy.find((x) => x.delivery.statusName === 'READY' && x.delivery.url)!;
    const r = await fetch(j.delivery.url!);
    assert.equal(r.status, 200);
    assert.equal(sha1(await r.arrayBuffer()), j.hashes![0]!.hash);
    const u = new URL(j.delivery.url!);
    u.searchParams.set('key', 'wrong');
    assert.equal((await fetch(u)).status, 403);
  });

  it('the HTML file name is served under its own (escaped) path', async () => {
    const j = legacy.find((x) => x.hashes?.[0]?.fileName === DEMO.htmlFileName)!;
    assert.ok(j, 'the demo has the HTML file name');
    const r = await fetch(j.delivery.urlV2!, { headers: { [j.delivery.authHeader!]: j.delivery.authValue! } });
    assert.equal(r.status, 200);
    assert.equal(sha1(await r.arrayBuffer()), j.hashes![0]!.hash);
    assert.match(r.headers.get('content-disposition') ?? '', /%3Cimg%20src%3Dx%20onerror%3Dalert\(1\)%3E\.tar\.gz/);
  });

  it('expired links answer 410 (legacy), max downloads 410, a tampered signature 403', async () => {
    const expired = legacy.find((j) => j.delivery.statusName === 'EXPIRED' && j.delivery.urlV2)!;
    assert.ok(Date.parse(expired.delivery.expires!) < Date.parse('2026-01-14'));
    assert.equal((await fetch(expired.delivery.urlV2!, { headers: { [expired.delivery.authHeader!]: expired.delivery.authValue! } })).status, 410);
    const maxed = legacy.find((j) => j.delivery.statusName === 'MAX_DOWNLOADS_EXCEEDED' && j.delivery.urlV2)!;
    assert.equal((await fetch(maxed.delivery.urlV2!, { headers: { [maxed.delivery.authHeader!]: maxed.delivery.authValue! } })).status, 410);
    const ready = legacy.find((j) => j.delivery.statusName === 'READY' && j.delivery.urlV2)!;
    const u = new URL(ready.delivery.urlV2!);
    u.searchParams.set('expires', String(Number(u.searchParams.get('expires')) + 3600));
    assert.equal((await fetch(u, { headers: { [ready.delivery.authHeader!]: ready.delivery.authValue! } })).status, 403);
  });

  it('cloud backup: one S3-style URL per shard and the config server, in deliveryUrl, components and private URLs', async () => {
    const p = demoProjects(emu);
    const jobs = emu.store.restoreJobs(p.production.id, 'prod-sharded', 'cloudBackup') as CloudBackupRestoreJob[];
    const finished = jobs.find((j) => j.deliveryType === 'download' && j.finishedAt && !j.expired)!;
    assert.equal(finished.deliveryUrl!.length, 4);
    assert.deepEqual(finished.components!.map((c) => c.downloadUrl), finished.deliveryUrl);
    assert.deepEqual(finished.privateDownloadDeliveryUrls!.map((u) => u.deliveryUrl), finished.deliveryUrl);
    assert.match(finished.privateDownloadDeliveryUrls![0]!.endpointId!, /^vpce-[0-9a-f]{17}$/);
    const bodies = new Set<string>();
    for (const url of finished.deliveryUrl!) {
      assert.match(url, /X-Amz-Signature=[0-9a-f]{64}/);
      const r = await fetch(url);
      assert.equal(r.status, 200);
      const again = sha1(await r.arrayBuffer());
      assert.equal(sha1(await (await fetch(url)).arrayBuffer()), again, 'the same bytes every time');
      bodies.add(again);
    }
    assert.equal(bodies.size, 4, 'each part is a different file');
    const expired = jobs.find((j) => j.deliveryType === 'download' && j.expired)!;
    const gone = await fetch(expired.deliveryUrl![0]!);
    assert.equal(gone.status, 403);
    assert.equal(gone.headers.get('content-type'), 'application/xml');
    assert.match(await gone.text(), /<Code>AccessDenied<\/Code><Message>Request has expired<\/Message>/);
  });

  it('flex snapshotUrl serves bytes; the expired one answers as S3 does; moving "today" expires every link', async () => {
    const p = demoProjects(emu);
    const flex = emu.store.restoreJobs(p.production.id, 'prod-flex', 'flex') as FlexRestoreJob[];
    const withUrl = flex.filter((j) => j.snapshotUrl);
    assert.equal(withUrl.length, 2);
    const valid = withUrl.find((j) => Date.parse(j.expirationDate!) > Date.parse('2026-01-16'))!;
    const expired = withUrl.find((j) => Date.parse(j.expirationDate!) < Date.parse('2026-01-14'))!;
    assert.equal((await fetch(valid.snapshotUrl!)).status, 200);
    assert.equal((await fetch(expired.snapshotUrl!)).status, 403);
    emu.setToday('2027-01-01');
    assert.equal((await fetch(valid.snapshotUrl!)).status, 403);
  });

  it('download requests are recorded without their signed query values', async () => {
    emu.clearRequests();
    const j = legacy.find((x) => x.delivery.statusName === 'READY' && x.delivery.url)!;
    await (await fetch(j.delivery.url!)).arrayBuffer();
    const [rec] = emu.requests;
    assert.equal(rec?.status, 200);
    assert.ok(rec?.path.startsWith('/__downloads/legacy/'));
    assert.deepEqual(Object.values(rec!.query), ['[redacted]', '[redacted]', '[redacted]']);
    assert.ok(!JSON.stringify(emu.requests).includes(j.delivery.authValue!));
  });
});
