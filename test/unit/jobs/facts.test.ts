import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import type { AnyRestoreJob } from '../../../src/atlas/types';
import { downloadCommand, deliveryInfo, fileNameOfUrl, shellQuote } from '../../../src/jobs/delivery';
import { compareNewestFirst, jobFacts } from '../../../src/jobs/facts';
import { objectIdTime } from '../../../src/jobs/objectIdTime';
import { isSettled, jobStatus } from '../../../src/jobs/status';
import { STATUS_ICONS, themeColorVariable } from '../../../src/jobs/statusIcons';

const NOW = new Date('2026-11-25T12:00:00Z');
// 0x6924d000 = 2025-11-24T21:37:04Z; the rest of an ObjectId does not matter here.
const ID = '6924d000aaaaaaaaaaaaaaaa';

describe('job facts', () => {
  describe('objectIdTime', () => {
    it('reads the creation second from an ObjectId', () => {
      assert.equal(objectIdTime(ID)?.toISOString(), '2025-11-24T21:37:04.000Z');
    });
    it('refuses things that are not ObjectIds', () => {
      assert.equal(objectIdTime('nope'), undefined);
      assert.equal(objectIdTime(undefined), undefined);
      assert.equal(objectIdTime('0000000000000000000000ab'), undefined);
    });
  });

  describe('status', () => {
    const cases: [AnyRestoreJob, string][] = [
      [{ family: 'legacy', job: { statusName: 'FINISHED', delivery: { methodName: 'HTTP' } } }, 'completed'],
      [{ family: 'legacy', job: { statusName: 'IN_PROGRESS', delivery: { methodName: 'HTTP' } } }, 'inProgress'],
      [{ family: 'legacy', job: { statusName: 'BROKEN', delivery: { methodName: 'HTTP' } } }, 'broken'],
      [{ family: 'legacy', job: { statusName: 'KILLED', delivery: { methodName: 'HTTP' } } }, 'killed'],
      [{ family: 'cloudBackup', job: { deliveryType: 'download', cancelled: true, finishedAt: '2026-01-01T00:00:00Z' } }, 'cancelled'],
      [{ family: 'cloudBackup', job: { deliveryType: 'download', failed: true, finishedAt: '2026-01-01T00:00:00Z' } }, 'failed'],
      [{ family: 'cloudBackup', job: { deliveryType: 'download', expired: true, finishedAt: '2026-01-01T00:00:00Z' } }, 'expired'],
      [{ family: 'cloudBackup', job: { deliveryType: 'automated', finishedAt: '2026-01-01T00:00:00Z' } }, 'completed'],
      [{ family: 'cloudBackup', job: { deliveryType: 'automated' } }, 'inProgress'],
      [{ family: 'serverless', job: { deliveryType: 'download', targetClusterName: 'x', targetGroupId: ID } }, 'inProgress'],
      [{ family: 'flex', job: { status: 'PENDING' } }, 'pending'],
      [{ family: 'flex', job: { status: 'QUEUED' } }, 'queued'],
      [{ family: 'flex', job: { status: 'RUNNING' } }, 'inProgress'],
      [{ family: 'flex', job: { status: 'FAILED' } }, 'failed'],
      [{ family: 'flex', job: { status: 'COMPLETED' } }, 'completed'],
    ];
    for (const [item, expected] of cases) {
      it(`${item.family} ${JSON.stringify(item.job).slice(0, 60)} → ${expected}`, () => {
        assert.equal(jobStatus(item), expected);
      });
    }
    it('has an icon and colour for every status, and knows which are settled', () => {
      for (const [, expected] of cases) {
        const icon = STATUS_ICONS[expected as keyof typeof STATUS_ICONS];
        assert.ok(icon.icon && icon.color);
      }
      assert.equal(isSettled('inProgress'), false);
      assert.equal(isSettled('completed'), true);
      assert.equal(themeColorVariable('testing.iconPassed'), '--vscode-testing-iconPassed');
    });
  });

  describe('delivery links', () => {
    it('prefers legacy urlV2 and carries its auth header', () => {
      const info = deliveryInfo(
        {
          family: 'legacy',
          job: {
            delivery: {
              methodName: 'HTTP',
              url: 'https://h/dl/old?key=1',
              urlV2: 'https://h/dl/restore-1.tar.gz',
              authHeader: 'X-Restore-Key',
              authValue: 's3cr3t',
              expires: '2026-11-26T12:00:00Z',
              maxDownloads: 3,
              statusName: 'READY',
            },
          },
        },
        NOW,
      );
      assert.equal(info.links.length, 1);
      assert.equal(info.links[0].url, 'https://h/dl/restore-1.tar.gz');
      assert.equal(info.links[0].source, 'urlV2');
      assert.deepEqual(info.links[0].authHeader, { name: 'X-Restore-Key', value: 's3cr3t' });
      assert.equal(info.expired, false);
      assert.equal(info.maxDownloads, 3);
    });
    it('falls back to the deprecated url, and treats exhausted downloads as expired', () => {
      const info = deliveryInfo(
        { family: 'legacy', job: { delivery: { methodName: 'HTTP', url: 'https://h/dl/x.tgz?k=1', statusName: 'MAX_DOWNLOADS_EXCEEDED' } } },
        NOW,
      );
      assert.equal(info.links[0].source, 'url');
      assert.equal(info.links[0].authHeader, undefined);
      assert.equal(info.expired, true);
    });
    it('names cloud backup links by replica set and keeps private ones apart', () => {
      const info = deliveryInfo(
        {
          family: 'cloudBackup',
          job: {
            deliveryType: 'download',
            deliveryUrl: ['https://h/a.tar.gz?sig=1', 'https://h/b.tar.gz?sig=2'],
            components: [
              { replicaSetName: 'shard-0', downloadUrl: 'https://h/a.tar.gz?sig=1' },
              { replicaSetName: 'config', downloadUrl: 'https://h/c.tar.gz?sig=3', privateDownloadDeliveryUrls: [{ deliveryUrl: 'https://p/c', endpointId: 'vpce-0123456789abcdef0' }] },
            ],
            expiresAt: '2026-11-25T11:00:00Z',
          },
        },
        NOW,
      );
      assert.deepEqual(
        info.links.map((l) => [l.name, l.source]),
        [
          ['shard-0', 'deliveryUrl'],
          ['b.tar.gz', 'deliveryUrl'],
          ['config', 'componentDownloadUrl'],
        ],
      );
      assert.equal(info.privateLinks.length, 1);
      assert.equal(info.privateLinks[0].endpointId, 'vpce-0123456789abcdef0');
      assert.equal(info.expired, true, 'expiresAt is an hour before now');
    });
    it('uses the flex snapshotUrl and expirationDate', () => {
      const info = deliveryInfo({ family: 'flex', job: { snapshotUrl: 'https://h/snap.tgz?X-Amz-Signature=z', expirationDate: '2026-12-01T00:00:00Z' } }, NOW);
      assert.equal(info.links[0].url, 'https://h/snap.tgz?X-Amz-Signature=z');
      assert.equal(info.links[0].name, 'snap.tgz');
      assert.equal(info.expired, false);
    });
    it('has no links for automated restores', () => {
      assert.equal(deliveryInfo({ family: 'cloudBackup', job: { deliveryType: 'automated' } }, NOW).links.length, 0);
    });
    it('quotes for the shell and builds a curl command with the header', () => {
      assert.equal(shellQuote("it's"), `'it'\\''s'`);
      const cmd = downloadCommand({ url: 'https://h/r.tgz?a=1&b=2', source: 'urlV2', name: 'r.tgz', authHeader: { name: 'X-Key', value: 'v' } });
      // With the auth header, no -L: curl would send the header on to any host a redirect names.
      assert.equal(cmd, `curl --fail -H 'X-Key: v' -o 'r.tgz' 'https://h/r.tgz?a=1&b=2'`);
      assert.equal(downloadCommand({ url: 'https://h/r.tgz', source: 'url', name: 'r.tgz' }), `curl --fail -L -o 'r.tgz' 'https://h/r.tgz'`);
      assert.equal(fileNameOfUrl('not a url'), '');
    });
  });

  describe('jobFacts', () => {
    it('derives the request time of a cloud job from its id and orders newest first', () => {
      const older = jobFacts({ family: 'cloudBackup', job: { id: ID, deliveryType: 'download' } }, NOW);
      const newer = jobFacts({ family: 'cloudBackup', job: { id: '6925d000aaaaaaaaaaaaaaaa', deliveryType: 'download' } }, NOW);
      assert.equal(older.requestedAt?.toISOString(), '2025-11-24T21:37:04.000Z');
      assert.deepEqual([older, newer].sort(compareNewestFirst).map((f) => f.id), [newer.id, older.id]);
    });
    it('maps every family to one vocabulary', () => {
      const legacy = jobFacts({ family: 'legacy', job: { id: ID, created: '2026-11-20T10:00:00Z', statusName: 'FINISHED', batchId: ID, delivery: { methodName: 'AUTOMATED_RESTORE', targetClusterName: 't', targetGroupId: ID } } }, NOW);
      assert.equal(legacy.requestedAt?.toISOString(), '2026-11-20T10:00:00.000Z');
      assert.equal(legacy.deliveryKind, 'automatedRestore');
      assert.equal(legacy.targetClusterName, 't');
      assert.equal(legacy.batchId, ID);
      const flex = jobFacts({ family: 'flex', job: { id: ID, status: 'COMPLETED', deliveryType: 'DOWNLOAD', instanceName: 'f1', restoreFinishedDate: '2026-11-21T00:00:00Z' } }, NOW);
      assert.equal(flex.deliveryKind, 'download');
      assert.equal(flex.clusterName, 'f1');
      assert.equal(flex.finishedAt?.toISOString(), '2026-11-21T00:00:00.000Z');
      const cloud = jobFacts({ family: 'cloudBackup', job: { id: ID, deliveryType: 'pointInTime', pointInTimeUTCSeconds: 1764000000, cancelled: true } }, NOW);
      assert.equal(cloud.atlasStatus, 'cancelled');
      assert.equal(cloud.pointInTimeAt?.toISOString(), new Date(1764000000 * 1000).toISOString());
    });
    it('has no key for a fact the document lacks, and its keys in the same order for every job', () => {
      const bare = jobFacts({ family: 'cloudBackup', job: { id: ID, deliveryType: 'download' } }, NOW);
      assert.deepEqual(Object.keys(bare), ['family', 'id', 'status', 'delivery', 'requestedAt', 'atlasStatus', 'deliveryKind', 'atlasDeliveryKind', 'hashes']);
      assert.ok(Object.values(bare).every((v) => v !== undefined));
      const full = jobFacts({ family: 'flex', job: { id: ID, status: 'COMPLETED', deliveryType: 'DOWNLOAD', snapshotId: ID, instanceName: 'f1', targetProjectId: ID, restoreFinishedDate: '2026-11-21T00:00:00Z' } }, NOW);
      const keys = ['family', 'id', 'status', 'delivery', 'requestedAt', 'finishedAt', 'atlasStatus', 'deliveryKind', 'atlasDeliveryKind', 'snapshotId', 'targetProjectId', 'clusterName', 'hashes'];
      assert.deepEqual(Object.keys(full), keys);
      assert.equal(JSON.stringify(Object.keys(JSON.parse(JSON.stringify(full)) as object)), JSON.stringify(keys));
    });
  });
});
