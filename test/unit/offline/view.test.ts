// The details panel's view of a job from the offline copy: the banner, no link anywhere, the status it had.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import type { AnyRestoreJob, CloudBackupRestoreJob } from '../../../src/atlas/types';
import type { JobRef } from '../../../src/jobs/jobRef';
import { keptItem, type KeptJob } from '../../../src/offline/snapshot';
import { buildJobDetailsView } from '../../../src/panel/jobDetailsView';
import { DEMO, startEmulator, type RunningEmulator } from '../../atlas-emulator';

describe('offline copy: the details panel', () => {
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await startEmulator({ dataset: 'demo' });
  });
  after(async () => emulator?.close());

  it('shows a kept job with the banner, its kept status and no link, and says why the links are missing', () => {
    const production = emulator.store.projects().find((p) => p.name === DEMO.projects.production)!;
    const now = new Date();
    const ready = emulator.store
      .restoreJobs(production.id, 'prod-sharded', 'cloudBackup')
      .find((j) => (j.deliveryUrl?.length ?? 0) > 1 && !j.expired && new Date(j.expiresAt!).getTime() > now.getTime())!;
    const kept = keptItem({ family: 'cloudBackup', job: ready }, now) as KeptJob;
    const ref: JobRef = { connectionId: 'c', connectionLabel: 'Acme', family: 'cloudBackup', groupId: production.id, clusterName: 'prod-sharded', jobId: ready.id! };
    const asOf = new Date(now.getTime() - 3_600_000);
    const input = { ref, now, fetchedAt: now, format: { dateTime: (d: Date) => d.toISOString() } };
    const online = buildJobDetailsView({ ...input, job: { family: 'cloudBackup', job: ready } });
    const view = buildJobDetailsView({ ...input, job: { family: 'cloudBackup', job: kept.job as CloudBackupRestoreJob } as AnyRestoreJob, offline: { asOf, status: kept.status } });
    assert.equal(online.offline, undefined);
    assert.equal(view.offline?.note, `Offline: the copy from ${asOf.toISOString()}; delivery links are not kept offline and are not shown.`);
    assert.equal(view.status.key, 'ready');
    assert.equal(view.status.key, online.status.key);
    assert.deepEqual([view.delivery.links, view.delivery.privateLinks], [[], []]);
    assert.match(view.delivery.emptyReason!, /not kept offline/);
    assert.equal(view.fetched.label, `Offline copy of ${asOf.toISOString()}`);
    assert.ok(!JSON.stringify(view).includes('http'), 'no address anywhere in what the page gets');
    assert.ok(online.delivery.links.length > 1, 'online, the same job has its links');
  });
});
