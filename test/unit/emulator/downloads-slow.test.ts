import { strict as assert } from 'node:assert';
import { startEmulator, type RunningEmulator } from '../../atlas-emulator';
import type { LegacyRestoreJob } from '../../../src/atlas/types';
import { daemonHeader, fetchRaw, prodRs } from './download-support';
import { controlCall } from './support';

const SIZE = 4 * 1024 * 1024;

describe('emulator: slowBody on downloads', function () {
  this.timeout(20_000);
  let emu: RunningEmulator;
  let job: LegacyRestoreJob; // 4 MiB: back-pressure, not one socket write, decides the pace
  before(async () => {
    emu = await startEmulator({ today: '2026-01-15', largeFile: { bytes: SIZE } });
    job = prodRs(emu).legacy[0]!;
  });
  after(() => emu.close());
  beforeEach(() => emu.faults.clear());

  const download = (url = job.delivery.urlV2!, headers = daemonHeader(job)) => fetchRaw(url, { headers });

  it('aimed at /__downloads/: headers at once, the body dripped evenly over ms, every byte right; once', async () => {
    emu.faults.add({ kind: 'slowBody', times: 1, ms: 800, match: '/__downloads/' });
    const slow = await download();
    assert.equal(slow.status, 200);
    assert.ok(slow.headersAt < 300, `headers after ${slow.headersAt.toFixed(0)} ms`);
    assert.ok(slow.endAt >= 790, `body after ${slow.endAt.toFixed(0)} ms`);
    assert.ok(slow.halfAt! >= 250 && slow.halfAt! <= 650, `half the body after ${slow.halfAt!.toFixed(0)} ms: dripped, not one late lump`);
    assert.equal(slow.bytes, SIZE);
    assert.equal(slow.sha1, job.hashes![0]!.hash);
    const fast = await download();
    assert.ok(fast.endAt < 400, `the next one is not slow (${fast.endAt.toFixed(0)} ms)`);
    assert.equal(fast.sha1, job.hashes![0]!.hash);
  });

  it('a small file drips too, in small steps', async () => {
    const small = prodRs(emu).legacy.find((j) => j.delivery.statusName === 'READY' && j.delivery.url && j.id !== job.id)!;
    const url = small.delivery.url!; // the deprecated url: the daemon serves it itself, whatever the job
    emu.faults.add({ kind: 'slowBody', times: 1, ms: 500, match: '/__downloads/' });
    const r = await fetchRaw(url);
    assert.ok(r.endAt >= 490 && r.halfAt! >= 150, `${r.halfAt?.toFixed(0)} / ${r.endAt.toFixed(0)} ms`);
    assert.equal(r.sha1, small.hashes![0]!.hash);
  });

  it('without match slowBody stays on the API: downloads are not slowed', async () => {
    emu.faults.add({ kind: 'slowBody', times: 1, ms: 1000 });
    const r = await download();
    assert.ok(r.endAt < 500, `${r.endAt.toFixed(0)} ms`);
    const { json } = await controlCall(emu.baseUrl, 'GET', 'state');
    assert.deepEqual(json.faults, [{ kind: 'slowBody', times: 1, ms: 1000, remaining: 1 }], 'still waiting for an API answer');
  });

  it('with cutBody: dripped, then cut where told; a Range resumes it at full speed', async () => {
    emu.faults.add({ kind: 'slowBody', times: 1, ms: 600, match: '/__downloads/' });
    emu.faults.add({ kind: 'cutBody', times: 1, afterBytes: SIZE / 2 });
    const cut = await download();
    assert.ok(cut.cut);
    assert.equal(cut.bytes, SIZE / 2);
    assert.ok(cut.endAt >= 250, `cut after ${cut.endAt.toFixed(0)} ms, half-way through the drip`);
    const rest = await fetchRaw(job.delivery.urlV2!, { headers: { ...daemonHeader(job), Range: `bytes=${SIZE / 2}-` } });
    assert.equal(rest.status, 206);
    assert.equal(rest.bytes, SIZE / 2);
  });

  it('on the storage host: a redirected download drips there', async () => {
    emu.faults.add({ kind: 'redirectToStorage', times: 1 });
    emu.faults.add({ kind: 'slowBody', times: 1, ms: 500, match: '/__downloads/' });
    const hop = await download();
    assert.equal(hop.status, 302);
    const r = await fetchRaw(String(hop.headers.location));
    assert.ok(r.endAt >= 490, `${r.endAt.toFixed(0)} ms`);
    assert.equal(r.sha1, job.hashes![0]!.hash);
    assert.deepEqual(emu.requests.slice(-2).map((q) => [q.server, q.status]), [['main', 302], ['storage', 200]]);
  });
});
