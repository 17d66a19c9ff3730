import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import type { AnyRestoreJob } from '../../../src/atlas/types';
import { clusterDescription, clusterNameOf, clusterSummaryRows } from '../../../src/jobs/clusterSummary';
import { jobFacts } from '../../../src/jobs/facts';
import type { ClusterDoc } from '../../../src/jobs/families';
import { jobProblemLabel } from '../../../src/jobs/labels';
import { jobSummaryRows, jobSummaryTitle } from '../../../src/jobs/summaryRows';

const NOW = new Date('2026-11-25T12:00:00Z');
const ID = '6924d000aaaaaaaaaaaaaaaa';
const doc = (family: AnyRestoreJob['family'], job: unknown) => ({ family, job }) as AnyRestoreJob;
const s3 = (name: string) => `https://restore.s3.amazonaws.com/j/${name}?X-Amz-Signature=a`;
const asRecord = (rows: { name: string; value: string }[]) => Object.fromEntries(rows.map((r) => [r.name, r.value]));

describe('what a row says about a job and a cluster', () => {
  describe('documents that cannot be a normal row', () => {
    it('says why: no delivery details, no id (or one too long), not a restore job document', () => {
      const noDelivery = jobFacts(doc('legacy', { id: ID, statusName: 'FINISHED' }), NOW);
      assert.equal(noDelivery.problem, 'no delivery details');
      assert.equal(jobProblemLabel(noDelivery), 'Restore job 6924…aaaa: no delivery details');
      assert.equal(jobFacts(doc('legacy', { id: ID, delivery: 'HTTP' }), NOW).problem, 'no delivery details');
      const noId = jobFacts(doc('flex', { status: 'COMPLETED' }), NOW);
      assert.deepEqual([noId.id, noId.problem, jobProblemLabel(noId)], ['', 'no id', 'Restore job: no id']);
      assert.equal(jobFacts(doc('cloudBackup', { id: 'x'.repeat(600), deliveryType: 'download' }), NOW).problem, 'id too long');
      for (const job of [null, undefined, 'text', 42, [{ id: ID }]]) {
        const facts = jobFacts(doc('cloudBackup', job), NOW);
        assert.deepEqual([facts.problem, facts.status], ['not a restore job document', 'unknown'], JSON.stringify(job));
      }
    });

    it('reads fields of the wrong type as missing', () => {
      const facts = jobFacts(
        doc('legacy', { id: ID, created: 5, statusName: 'FINISHED', batchId: {}, hashes: 'x', delivery: { methodName: 'HTTP', maxDownloads: '3', expires: 'soon' } }),
        NOW,
      );
      assert.equal(facts.problem, undefined);
      assert.equal(facts.requestedAt?.toISOString(), '2025-11-24T21:37:04.000Z', 'from the id, as created is no date');
      assert.deepEqual([facts.batchId, facts.hashes, facts.delivery.maxDownloads, facts.delivery.expiresAt], [undefined, [], undefined, undefined]);
      const far = jobFacts(doc('cloudBackup', { id: ID, deliveryType: 'pointInTime', pointInTimeUTCSeconds: 1e300 }), NOW);
      assert.equal(far.pointInTimeAt, undefined, 'no Invalid Date');
    });
  });

  describe('the job tooltip rows', () => {
    it('lists what Atlas told, links counted once with private ones apart, and the expiry in the one wording', () => {
      const facts = jobFacts(
        doc('cloudBackup', {
          id: ID,
          deliveryType: 'download',
          deliveryUrl: [s3('a.tgz'), s3('b.tgz')],
          privateDownloadDeliveryUrls: [{ deliveryUrl: s3('pa.tgz') }],
          components: [{ replicaSetName: 'rs0', downloadUrl: s3('a.tgz'), privateDownloadDeliveryUrls: [{ deliveryUrl: s3('pa.tgz') }] }],
          expiresAt: '2026-11-28T12:00:00Z',
          snapshotId: 'snap1',
          targetClusterName: 'target',
          finishedAt: 'not a date',
        }),
        NOW,
      );
      assert.equal(jobSummaryTitle(facts), 'Cloud backup · Ready');
      assert.deepEqual(asRecord(jobSummaryRows(facts, NOW, 'utc')), {
        Job: ID,
        'Atlas status': 'finished',
        Requested: '2025-11-24 21:37 UTC (last year)',
        Delivery: 'Download (download)',
        Snapshot: 'snap1',
        Target: 'target',
        'Download links': '2 · 1 by private endpoint · expires in 3 days',
      });
    });

    it('leads with the problem, shortens long values, and shows Atlas’s own words for what it does not know', () => {
      const facts = jobFacts(doc('legacy', { id: ID, statusName: 'RESTORING', batchId: 'b'.repeat(20_000) }), NOW);
      const rows = jobSummaryRows(facts, NOW, 'utc');
      assert.deepEqual(rows[0], { name: 'Problem', value: 'no delivery details' });
      assert.equal(asRecord(rows)['Atlas status'], 'RESTORING');
      assert.equal(asRecord(rows).Batch, `${'b'.repeat(199)}…`);
      assert.equal(jobSummaryTitle(facts), 'Legacy backup · RESTORING');
    });
  });

  describe('the cluster row', () => {
    it('describes each kind, and reads a document without providerSettings or with odd fields', () => {
      const dedicated: ClusterDoc = { kind: 'dedicated', cluster: { name: 'prod', clusterType: 'SHARDED', paused: true, stateName: 'UPDATING', backupEnabled: true, pitEnabled: true, mongoDBVersion: '8.0.4', id: 'c1' } };
      assert.equal(clusterDescription(dedicated), 'Dedicated · sharded · paused · updating');
      assert.deepEqual(asRecord(clusterSummaryRows(dedicated)), {
        Kind: 'Dedicated · sharded · paused · updating',
        MongoDB: '8.0.4',
        State: 'UPDATING',
        Backup: 'cloud backup on',
        'Continuous backup': 'on',
        Id: 'c1',
      });
      const flex = { kind: 'flex', cluster: { name: 'f', providerSettings: { backingProviderName: 'AWS', regionName: 'US_EAST_1' } } } as ClusterDoc;
      assert.equal(asRecord(clusterSummaryRows(flex)).Provider, 'AWS US_EAST_1');
      const bare = { kind: 'serverless', cluster: { name: 's' } } as ClusterDoc;
      assert.deepEqual(clusterSummaryRows(bare), [{ name: 'Kind', value: 'Serverless' }]);
      const odd = { kind: 'dedicated', cluster: { name: 7, backupEnabled: 'yes', stateName: 'STRANGE' } } as unknown as ClusterDoc;
      assert.deepEqual([clusterNameOf(odd), clusterDescription(odd)], ['', 'Dedicated · strange']);
      assert.equal(asRecord(clusterSummaryRows(odd)).Backup, undefined, 'not "off" when Atlas did not say');
      assert.equal(clusterDescription({ kind: 'flex', cluster: null } as unknown as ClusterDoc), 'Flex');
    });
  });
});
