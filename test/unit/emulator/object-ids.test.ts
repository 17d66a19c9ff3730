import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import { objectIdTime } from '../../../src/jobs/objectIdTime';
import { startEmulator, type RunningEmulator } from '../../../test/atlas-emulator';

// Clients read the creation time of cloud backup, serverless and flex jobs from their ObjectId, so the
// emulator's ids must tell the same time as the dates in the documents.
describe('emulator ObjectIds carry the document times', () => {
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await startEmulator({ dataset: 'demo', today: '2026-01-15T12:00:00Z' });
  });
  after(() => emulator.close());

  function seconds(iso: string | undefined): number {
    assert.ok(iso, 'date present');
    return Math.floor(new Date(iso).getTime() / 1000);
  }

  it('for every job of every family', () => {
    const s = emulator.store;
    let checked = 0;
    for (const p of s.projects()) {
      for (const c of s.clusters(p.id, 'dedicated')) {
        for (const j of s.restoreJobs(p.id, c.name, 'legacy')) {
          assert.equal(objectIdTime(j.id)!.getTime() / 1000, seconds(j.created));
          assert.equal(objectIdTime(j.snapshotId)!.getTime() / 1000, seconds(j.timestamp?.date));
          checked++;
        }
        for (const j of s.restoreJobs(p.id, c.name, 'cloudBackup')) {
          assert.equal(objectIdTime(j.id)!.getTime() / 1000, seconds(j.timestamp));
          checked++;
        }
      }
      for (const c of s.clusters(p.id, 'serverless')) {
        for (const j of s.restoreJobs(p.id, c.name, 'serverless')) {
          assert.equal(objectIdTime(j.id)!.getTime() / 1000, seconds(j.timestamp));
          checked++;
        }
      }
      for (const c of s.clusters(p.id, 'flex')) {
        for (const j of s.restoreJobs(p.id, c.name, 'flex')) {
          assert.equal(objectIdTime(j.id)!.getTime() / 1000, seconds(j.restoreScheduledDate));
          assert.equal(objectIdTime(j.snapshotId)!.getTime() / 1000, seconds(j.snapshotFinishedDate));
          checked++;
        }
      }
    }
    assert.ok(checked > 100, `checked ${checked} jobs`);
  });

  it('lists newest first, as the tree expects page 1 to hold the latest jobs', () => {
    const s = emulator.store;
    const p = s.projects().find((x) => x.name === 'Production')!;
    const times = s.restoreJobs(p.id, 'prod-rs', 'cloudBackup').map((j) => objectIdTime(j.id)!.getTime());
    assert.deepEqual(times, [...times].sort((a, b) => b - a));
  });
});
