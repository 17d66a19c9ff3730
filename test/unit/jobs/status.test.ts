import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import type { AnyRestoreJob } from '../../../src/atlas/types';
import { jobFacts } from '../../../src/jobs/facts';
import { deliveryKindText, jobStatusText, statusLabel } from '../../../src/jobs/labels';
import { batchStatus, isSettled, jobStatus, type JobStatus } from '../../../src/jobs/status';
import { STATUS_ICONS } from '../../../src/jobs/statusIcons';

const NOW = new Date('2026-11-25T12:00:00Z');
const LINK = 'https://restore.s3.amazonaws.com/j/prod-shard-0.tar.gz?X-Amz-Signature=a';
/** Anything: documents from Atlas may hold what the types do not allow. */
const doc = (family: AnyRestoreJob['family'], job: unknown) => ({ family, job }) as AnyRestoreJob;

describe('job status as Atlas means it', () => {
  describe('cloud backup and serverless downloads', () => {
    it('is ready as soon as a download job lists its link, before finishedAt', () => {
      for (const family of ['cloudBackup', 'serverless'] as const) {
        const job = { deliveryType: 'download', deliveryUrl: [LINK], expiresAt: '2026-11-26T12:00:00Z' };
        assert.equal(jobStatus(doc(family, job), NOW), 'ready', family);
        assert.equal(jobStatus(doc(family, { ...job, finishedAt: '2026-11-25T11:00:00Z' }), NOW), 'ready', `${family} finished`);
      }
      assert.equal(isSettled('ready'), true);
      assert.equal(statusLabel('ready'), 'Ready');
    });

    it('is not ready when failed, cancelled or expired, nor without a link, nor for other delivery types', () => {
      const base = { deliveryType: 'download', deliveryUrl: [LINK] };
      assert.equal(jobStatus(doc('cloudBackup', { ...base, failed: true }), NOW), 'failed');
      assert.equal(jobStatus(doc('cloudBackup', { ...base, cancelled: true }), NOW), 'cancelled');
      assert.equal(jobStatus(doc('cloudBackup', { ...base, expired: true }), NOW), 'expired');
      assert.equal(jobStatus(doc('cloudBackup', { ...base, expiresAt: '2026-11-25T11:00:00Z' }), NOW), 'expired', 'the link ran out');
      assert.equal(jobStatus(doc('cloudBackup', { deliveryType: 'download', deliveryUrl: [] }), NOW), 'inProgress');
      assert.equal(jobStatus(doc('cloudBackup', { deliveryType: 'download', deliveryUrl: ['javascript:alert(1)'] }), NOW), 'inProgress', 'no usable link');
      assert.equal(jobStatus(doc('cloudBackup', { deliveryType: 'automated', deliveryUrl: [LINK], finishedAt: '2026-11-25T11:00:00Z' }), NOW), 'completed');
    });
  });

  describe('legacy jobs', () => {
    const finished = (statusName: unknown) => doc('legacy', { statusName: 'FINISHED', delivery: { methodName: 'HTTP', statusName } });

    it('ends as its delivery did when FINISHED', () => {
      const cases: [string, JobStatus, string][] = [
        ['READY', 'completed', 'Completed'],
        ['FAILED', 'failed', 'Failed'],
        ['INTERRUPTED', 'interrupted', 'Interrupted'],
        ['EXPIRED', 'expired', 'Expired'],
        ['MAX_DOWNLOADS_EXCEEDED', 'downloadLimitReached', 'Download limit reached'],
      ];
      for (const [delivery, status, label] of cases) {
        const facts = jobFacts(finished(delivery), NOW);
        assert.deepEqual([facts.status, jobStatusText(facts)], [status, label], delivery);
        assert.equal(isSettled(status), true);
      }
      assert.equal(jobStatus(finished(undefined), NOW), 'completed', 'no delivery status: as Atlas says, finished');
      assert.equal(jobStatus(finished('SOMETHING_NEW'), NOW), 'completed');
    });

    it('shows a status it does not know as Atlas wrote it, with the neutral icon, and keeps polling it', () => {
      const facts = jobFacts(doc('legacy', { statusName: 'RESTORING', delivery: { methodName: 'HTTP' } }), NOW);
      assert.equal(facts.status, 'unknown', 'never "In progress" or anything else it is not');
      assert.equal(jobStatusText(facts), 'RESTORING');
      assert.deepEqual([STATUS_ICONS.unknown.icon, STATUS_ICONS.unknown.color], ['question', 'disabledForeground']);
      assert.equal(isSettled('unknown'), false);
    });

    it('says UNKNOWN for a missing status, and never reads Object’s own properties as values', () => {
      const missing = jobFacts(doc('legacy', { delivery: { methodName: 'HTTP' } }), NOW);
      assert.deepEqual([missing.status, jobStatusText(missing)], ['unknown', 'UNKNOWN']);
      for (const value of ['constructor', '__proto__', 'toString']) {
        const facts = jobFacts(doc('legacy', { statusName: value, delivery: { methodName: value } }), NOW);
        assert.deepEqual([facts.status, jobStatusText(facts), facts.deliveryKind, deliveryKindText(facts)], ['unknown', value, 'unknown', value]);
      }
      const numeric = jobFacts(doc('legacy', { statusName: 7, delivery: { methodName: 'HTTP' } }), NOW);
      assert.equal(jobStatusText(numeric), '7', 'a value of the wrong type still reads as what Atlas sent');
    });
  });

  describe('flex jobs and delivery types', () => {
    it('shows an unknown flex status and unknown delivery types as Atlas wrote them', () => {
      const flex = jobFacts(doc('flex', { status: 'ARCHIVING', deliveryType: 'STREAM' }), NOW);
      assert.deepEqual([flex.status, jobStatusText(flex), flex.deliveryKind, deliveryKindText(flex)], ['unknown', 'ARCHIVING', 'unknown', 'STREAM']);
      const cloud = jobFacts(doc('cloudBackup', { deliveryType: 'snapshotExport', finishedAt: '2026-11-25T11:00:00Z' }), NOW);
      assert.deepEqual([cloud.status, deliveryKindText(cloud)], ['completed', 'snapshotExport']);
      const none = jobFacts(doc('cloudBackup', {}), NOW);
      assert.equal(deliveryKindText(none), 'Unknown delivery');
    });
  });

  it('has one icon, colour and label for every status', () => {
    for (const [status, entry] of Object.entries(STATUS_ICONS)) {
      assert.ok(entry.icon && entry.color && entry.label(), status);
    }
  });

  it('sums up a sharded restore by its slowest or worst job', () => {
    assert.equal(batchStatus(['completed', 'completed']), 'completed');
    assert.equal(batchStatus(['completed', 'inProgress']), 'inProgress');
    assert.equal(batchStatus(['inProgress', 'interrupted']), 'interrupted');
    assert.equal(batchStatus(['completed', 'unknown']), 'unknown');
    assert.equal(batchStatus(['completed', 'downloadLimitReached', 'expired']), 'downloadLimitReached');
    assert.equal(batchStatus([]), 'completed');
  });
});
