import assert from 'node:assert/strict';
import type { AnyRestoreJob } from '../../../src/atlas/types';
import { batchDownloads, jobDownloads } from '../../../src/jobs/downloadPlan';
import { jobFacts } from '../../../src/jobs/facts';

const NOW = new Date('2026-11-25T12:00:00Z');
const LATER = '2026-11-28T12:00:00Z';
const facts = (family: AnyRestoreJob['family'], job: unknown) => jobFacts({ family, job } as AnyRestoreJob, NOW);
const SHA = 'A94A8FE5CCB19BA61C4C0873D391E987982FBBD3';

function legacy(over: Record<string, unknown> = {}, name = 'prod-shard-0-20261120.tar.gz') {
  return {
    id: '65f0a1b2c3d4e5f6a7b8c9d0',
    clusterName: 'prod',
    delivery: {
      methodName: 'HTTP',
      urlV2: `https://restore-65f0.mongodb.net/v2/${name}`,
      authHeader: 'X-Restore-Auth',
      authValue: 'secret',
      expires: LATER,
      maxDownloads: 3,
      statusName: 'READY',
    },
    hashes: [{ fileName: name, hash: SHA, typeName: 'SHA1' }],
    ...over,
  };
}

describe('what a download fetches', () => {
  it('a legacy job: its urlV2 with the auth header, the SHA-1 of the same file name, and the download limit', () => {
    const plan = jobDownloads(facts('legacy', legacy()));
    assert.equal(plan.blocked, undefined);
    assert.equal(plan.publishesHashes, true);
    assert.equal(plan.maxDownloads, 3);
    assert.equal(plan.files.length, 1);
    const [f] = plan.files;
    assert.equal(f!.fileName, 'prod-shard-0-20261120.tar.gz');
    assert.equal(f!.expectedSha1, SHA.toLowerCase());
    assert.deepEqual(f!.link.authHeader, { name: 'X-Restore-Auth', value: 'secret' });
    assert.equal(f!.viaPrivateEndpoint, false);
  });

  it('checks against no hash when no entry names the file, the entry is no SHA-1, or entries disagree', () => {
    const other = { hashes: [{ fileName: 'other.tar.gz', hash: SHA, typeName: 'SHA1' }] };
    const md5 = { hashes: [{ fileName: 'prod-shard-0-20261120.tar.gz', hash: SHA, typeName: 'MD5' }] };
    const short = { hashes: [{ fileName: 'prod-shard-0-20261120.tar.gz', hash: 'abc', typeName: 'SHA1' }] };
    const twice = { hashes: [{ fileName: 'prod-shard-0-20261120.tar.gz', hash: SHA }, { fileName: 'prod-shard-0-20261120.tar.gz', hash: '0'.repeat(40) }] };
    for (const over of [other, md5, short, twice, { hashes: null }, { hashes: 'x' }]) {
      const [f] = jobDownloads(facts('legacy', legacy(over))).files;
      assert.equal(f!.expectedSha1, undefined, JSON.stringify(over));
    }
  });

  it('cloud backup: every component once, named by file, a replica set in front where two share a name; no hashes', () => {
    const url = (dir: string, name: string) => `https://bucket.s3.amazonaws.com/${dir}/${name}?X-Amz-Signature=s`;
    const job = {
      id: '65f0a1b2c3d4e5f6a7b8c9d1',
      deliveryType: 'download',
      expiresAt: LATER,
      deliveryUrl: [url('a', 'restore.tar.gz'), url('b', 'restore.tar.gz')],
      components: [
        { replicaSetName: 'shard0', downloadUrl: url('a', 'restore.tar.gz') },
        { replicaSetName: 'shard1', downloadUrl: url('b', 'restore.tar.gz') },
        { replicaSetName: 'config', downloadUrl: url('c', 'restore.tar.gz') },
      ],
    };
    const plan = jobDownloads(facts('cloudBackup', job));
    assert.equal(plan.publishesHashes, false);
    assert.deepEqual(
      plan.files.map((f) => [f.fileName, f.label, f.expectedSha1]),
      [
        ['restore.tar.gz', 'shard0', undefined],
        ['shard1-restore.tar.gz', 'shard1', undefined],
        ['config-restore.tar.gz', 'config', undefined],
      ],
    );
    assert.deepEqual(jobDownloads(facts('cloudBackup', job), 2).files.map((f) => f.fileName), ['restore.tar.gz']);
  });

  it('never plans a name that leaves the folder', () => {
    const job = { id: 'x', deliveryType: 'download', expiresAt: LATER, deliveryUrl: ['https://h.example/a/..%2F..%2Fetc%2Fpasswd'] };
    const [f] = jobDownloads(facts('cloudBackup', job)).files;
    assert.doesNotMatch(f!.fileName, /[/\\]/);
    assert.ok(!f!.fileName.startsWith('.'));
  });

  it('blocks an expired or used-up link with the reason, and a job without links', () => {
    const expired = jobDownloads(facts('legacy', legacy({ delivery: { ...legacy().delivery, expires: '2026-11-20T00:00:00Z' } })));
    assert.equal(expired.blocked?.reason, 'expired');
    assert.match(expired.blocked!.message, /has expired/);
    assert.deepEqual(expired.files, []);
    const usedUp = jobDownloads(facts('legacy', legacy({ delivery: { ...legacy().delivery, statusName: 'MAX_DOWNLOADS_EXCEEDED' } })));
    assert.match(usedUp.blocked!.message, /as often as Atlas allows/);
    assert.equal(jobDownloads(facts('flex', { id: 'f', deliveryType: 'DOWNLOAD' })).blocked?.reason, 'noLink');
  });

  it('falls back to private-endpoint links when there are no others, and says so', () => {
    const job = { id: 'p', deliveryType: 'download', expiresAt: LATER, privateDownloadDeliveryUrls: [{ deliveryUrl: 'https://pl-0.example/r.tar.gz', endpointId: 'vpce-1' }] };
    const [f] = jobDownloads(facts('cloudBackup', job)).files;
    assert.equal(f!.viaPrivateEndpoint, true);
    assert.equal(f!.fileName, 'r.tar.gz');
  });

  it('a sharded batch: every job once, names unique across the batch, the smallest download limit; a job without a link is skipped, not fatal', () => {
    const jobs = [
      facts('legacy', legacy({ id: 'a1' }, 'prod-shard-0.tar.gz')),
      facts('legacy', legacy({ id: 'a2' }, 'prod-shard-1.tar.gz')),
      facts('legacy', legacy({ id: 'a3', delivery: { methodName: 'HTTP', maxDownloads: 1 } })),
    ];
    const plan = batchDownloads(jobs);
    assert.deepEqual(plan.files.map((f) => [f.jobId, f.fileName]), [['a1', 'prod-shard-0.tar.gz'], ['a2', 'prod-shard-1.tar.gz']]);
    assert.equal(plan.maxDownloads, 1);
    assert.equal(plan.blocked, undefined);
    assert.deepEqual(plan.skipped?.map((b) => b.reason), ['noLink']);
    const allExpired = batchDownloads(jobs.slice(0, 2).map((f) => ({ ...f, delivery: { ...f.delivery, expired: true } })));
    assert.equal(allExpired.blocked?.reason, 'expired');
  });
});
