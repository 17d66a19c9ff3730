import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import type { AnyRestoreJob } from '../../../src/atlas/types';
import { deliveryInfo, downloadCommand, linkCount } from '../../../src/jobs/delivery';
import { linkProblem, safeFileName } from '../../../src/jobs/links';

const NOW = new Date('2026-11-25T12:00:00Z');
const doc = (family: AnyRestoreJob['family'], job: unknown) => ({ family, job }) as AnyRestoreJob;
const s3 = (name: string) => `https://restore.s3.amazonaws.com/j/${name}?X-Amz-Signature=a`;
const V2 = 'https://restore-65f0.mongodb.net/v2/prod-shard-0.tar.gz';
const V1 = 'https://restore-65f0.mongodb.net/v1/prod-shard-0.tar.gz?key=k';

describe('delivery links that work', () => {
  describe('legacy urlV2 and its auth header', () => {
    it('offers the deprecated url when the header or its value is missing', () => {
      for (const header of [{ authValue: 'v' }, { authHeader: 'X-Restore-Auth' }, {}, { authHeader: 'Bad Header:', authValue: 'v' }, { authHeader: 'X', authValue: 'a\r\nHost: evil' }]) {
        const info = deliveryInfo(doc('legacy', { delivery: { methodName: 'HTTP', urlV2: V2, url: V1, ...header } }), NOW);
        assert.deepEqual(info.links.map((l) => [l.source, l.url, l.authHeader]), [['url', V1, undefined]], JSON.stringify(header));
        assert.deepEqual(info.invalid, []);
      }
    });

    it('offers no link when there is no url either, and says why urlV2 is unusable', () => {
      const info = deliveryInfo(doc('legacy', { delivery: { methodName: 'HTTP', urlV2: V2 } }), NOW);
      assert.deepEqual(info.links, []);
      assert.deepEqual(info.invalid, [{ source: 'urlV2', path: 'delivery.urlV2', value: V2, reason: 'needs its auth header, which Atlas did not send' }]);
    });

    it('offers urlV2 with its header when both are there', () => {
      const info = deliveryInfo(doc('legacy', { delivery: { methodName: 'HTTP', urlV2: V2, url: V1, authHeader: 'X-Restore-Auth', authValue: 'v' } }), NOW);
      assert.deepEqual(info.links.map((l) => [l.source, l.authHeader]), [['urlV2', { name: 'X-Restore-Auth', value: 'v' }]]);
    });
  });

  describe('the curl command', () => {
    it('follows no redirect when it sends the auth header, so the value goes to the link’s own host only', () => {
      const link = { url: V2, source: 'urlV2' as const, name: 'prod-shard-0.tar.gz', authHeader: { name: 'X-Restore-Auth', value: "it's" } };
      assert.equal(downloadCommand(link), `curl --fail -H 'X-Restore-Auth: it'\\''s' -o 'prod-shard-0.tar.gz' '${V2}'`);
      assert.doesNotMatch(downloadCommand(link), / -L /);
      assert.match(downloadCommand({ url: V1, source: 'url', name: 'x.tgz' }), /^curl --fail -L -o 'x.tgz' /);
    });

    it('writes only into the current directory, whatever the file name decodes to', () => {
      const link = { url: 'https://h/%2F..%2F..%2Fhome%2Fme%2F.bashrc', source: 'url' as const, name: '/../../home/me/.bashrc' };
      assert.match(downloadCommand(link), / -o '_.._.._home_me_.bashrc' /);
      assert.equal(safeFileName('..'), 'restore.tar.gz');
      assert.equal(safeFileName('-rf'), 'rf');
    });
  });

  describe('only https (and loopback http) counts as a link', () => {
    it('accepts https and http to this computer', () => {
      for (const url of ['https://h/x.tgz', 'http://127.0.0.1:8080/x', 'http://localhost/x', 'http://[::1]:80/x', 'HTTPS://H/X']) {
        assert.equal(linkProblem(url), undefined, url);
      }
    });

    it('refuses javascript:, relative, plain-http, malformed and spaced values, and lists them with the reason', () => {
      const values = ['javascript:alert(1)', '/relative/x.tgz', 'http://evil.example/x', 'https://', 'https://h/a b', 'ftp://h/x', 42];
      const info = deliveryInfo(doc('cloudBackup', { deliveryType: 'download', deliveryUrl: [...values, s3('ok.tgz')] }), NOW);
      assert.deepEqual(info.links.map((l) => l.url), [s3('ok.tgz')]);
      assert.deepEqual(
        info.invalid.map((i) => [i.path, i.value, i.reason]),
        [
          ['deliveryUrl[0]', 'javascript:alert(1)', 'not an https link'],
          ['deliveryUrl[1]', '/relative/x.tgz', 'not a web address'],
          ['deliveryUrl[2]', 'http://evil.example/x', 'plain http to another computer'],
          ['deliveryUrl[3]', 'https://', 'not a web address'],
          ['deliveryUrl[4]', 'https://h/a b', 'contains spaces or control characters'],
          ['deliveryUrl[5]', 'ftp://h/x', 'not an https link'],
          ['deliveryUrl[6]', '42', 'not text'],
        ],
      );
      const flex = deliveryInfo(doc('flex', { snapshotUrl: 'javascript:alert(1)' }), NOW);
      assert.deepEqual([flex.links.length, flex.invalid[0]?.path], [0, 'snapshotUrl']);
    });
  });

  describe('each link once', () => {
    const sharded = {
      deliveryType: 'download',
      deliveryUrl: [s3('rs0.tgz'), s3('rs1.tgz'), s3('rs0.tgz')],
      privateDownloadDeliveryUrls: [
        { deliveryUrl: s3('p-rs0.tgz'), endpointId: 'vpce-1' },
        { deliveryUrl: s3('p-rs1.tgz'), endpointId: 'vpce-1' },
      ],
      components: [
        { replicaSetName: 'shard-0', downloadUrl: s3('rs0.tgz'), privateDownloadDeliveryUrls: [{ deliveryUrl: s3('p-rs0.tgz'), endpointId: 'vpce-1' }] },
        { replicaSetName: 'shard-1', downloadUrl: s3('rs1.tgz'), privateDownloadDeliveryUrls: [{ deliveryUrl: s3('p-rs1.tgz'), endpointId: 'vpce-1' }] },
        { replicaSetName: 'config', downloadUrl: s3('cfg.tgz'), privateDownloadDeliveryUrls: [{ deliveryUrl: s3('p-cfg.tgz') }] },
      ],
    };

    it('lists public links once by URL and private ones apart, once each, named by replica set', () => {
      const info = deliveryInfo(doc('cloudBackup', sharded), NOW);
      assert.deepEqual(
        info.links.map((l) => [l.name, l.path]),
        [
          ['shard-0', 'deliveryUrl[0]'],
          ['shard-1', 'deliveryUrl[1]'],
          ['config', 'components[2].downloadUrl'],
        ],
      );
      assert.deepEqual(
        info.privateLinks.map((l) => [l.name, l.replicaSetName, l.endpointId]),
        [
          ['shard-0', 'shard-0', 'vpce-1'],
          ['shard-1', 'shard-1', 'vpce-1'],
          ['config', 'config', undefined],
        ],
      );
      assert.deepEqual(linkCount(info), { public: 3, private: 3 });
    });

    it('reads a lone deliveryUrl string as a list of one', () => {
      const info = deliveryInfo(doc('serverless', { deliveryType: 'download', deliveryUrl: s3('one.tgz') }), NOW);
      assert.deepEqual(info.links.map((l) => [l.url, l.path]), [[s3('one.tgz'), 'deliveryUrl']]);
    });
  });

  it('has no links, and no trouble, for a document that is not one', () => {
    for (const job of [null, 'text', 42, [], {}]) {
      for (const family of ['legacy', 'cloudBackup', 'serverless', 'flex'] as const) {
        const info = deliveryInfo(doc(family, job), NOW);
        assert.deepEqual([info.links, info.privateLinks, info.invalid, info.expired], [[], [], [], false]);
      }
    }
  });
});
