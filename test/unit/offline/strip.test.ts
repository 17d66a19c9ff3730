// What reaches the disk of the emulator's demo documents (all four families, projects and clusters), and of
// documents built to smuggle a link or a secret past the rules: nothing that downloads a restore or signs in.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import type { AtlasClient } from '../../../src/atlas';
import { PageCache } from '../../../src/cache/pageCache';
import { jobFacts } from '../../../src/jobs/facts';
import { keptItem, type KeptJob } from '../../../src/offline/snapshot';
import { isSecretName, stripDocument } from '../../../src/offline/strip';
import { DEMO, KIND_OF_FAMILY, startEmulator, type RunningEmulator } from '../../atlas-emulator';
import { BEFORE_SERVERLESS_END, client, copies, demoSecrets, FAMILIES, filesUnder, leaks, loadEverything, tempFolder } from './support';

describe('offline copy: stripping before writing', function () {
  this.timeout(60_000);
  let emulator: RunningEmulator;
  let c: AtlasClient;
  let secrets: string[];

  before(async () => {
    emulator = await startEmulator({ dataset: 'demo', today: BEFORE_SERVERLESS_END });
    c = client(emulator);
    secrets = demoSecrets(emulator);
  });

  after(async () => {
    c?.dispose();
    await emulator?.close();
  });

  it('writes the whole demo tree, every family, without a link, an auth value or a credential', async () => {
    const tmp = tempFolder();
    try {
      const offline = copies(tmp.folder);
      const lists = await loadEverything(c, new PageCache(100_000, offline), 'conn');
      await offline.flush();
      const files = filesUnder(tmp.folder);
      assert.equal(files.length, 1, 'one file for the one connection');
      const text = files[0]!.text;
      assert.deepEqual(leaks(text, secrets), []);
      const snapshot = JSON.parse(text) as { lists: Record<string, { items: unknown[] }> };
      assert.equal(Object.keys(snapshot.lists).length, lists, 'every list the tree loaded is kept');
      const jobs = Object.values(snapshot.lists).flatMap((l) => l.items).filter((i): i is KeptJob => typeof i === 'object' && i !== null && 'status' in i);
      assert.deepEqual([...new Set(jobs.map((j) => j.family))].sort(), [...FAMILIES].sort(), 'jobs of all four families are kept');
      // The secrets this test looks for are really there to be found: the demo has links and auth values.
      assert.ok(secrets.filter((s) => s.includes('://')).length > 100 && secrets.some((s) => /^[0-9a-f]{40}$/.test(s)));
    } finally {
      tmp.remove();
    }
  });

  it('keeps what the rows and panels show: ids, states, dates, hashes, replica sets, the status a link made', () => {
    const production = emulator.store.projects().find((p) => p.name === DEMO.projects.production)!;
    const legacy = emulator.store.restoreJobs(production.id, 'prod-rs', 'legacy').find((j) => j.delivery.urlV2 && j.hashes?.length)!;
    const kept = stripDocument(legacy) as typeof legacy;
    assert.equal(kept.id, legacy.id);
    assert.equal(kept.statusName, legacy.statusName);
    // Each hash's `links` (its self link) goes; the file, its hash and type stay.
    assert.deepEqual(kept.hashes, legacy.hashes!.map(({ fileName, hash, typeName }) => ({ fileName, hash, typeName })));
    assert.equal(kept.delivery.expires, legacy.delivery.expires);
    assert.equal(kept.delivery.statusName, legacy.delivery.statusName);
    assert.equal(kept.delivery.methodName, legacy.delivery.methodName);
    for (const gone of ['url', 'urlV2', 'authValue', 'authHeader'] as const) assert.equal(kept.delivery[gone], undefined, gone);

    const sharded = emulator.store.restoreJobs(production.id, 'prod-sharded', 'cloudBackup').find((j) => (j.components?.length ?? 0) > 1 && j.deliveryUrl?.length)!;
    const item = keptItem({ family: 'cloudBackup', job: sharded }, new Date()) as KeptJob;
    const job = item.job as typeof sharded;
    assert.deepEqual(job.components?.map((p) => p.replicaSetName), sharded.components?.map((p) => p.replicaSetName));
    assert.equal(job.deliveryUrl, undefined);
    assert.equal(job.privateDownloadDeliveryUrls, undefined);
    assert.ok(job.components?.every((p) => p.downloadUrl === undefined && p.privateDownloadDeliveryUrls === undefined));
    assert.equal(item.status, jobFacts({ family: 'cloudBackup', job: sharded }, new Date()).status, 'the status its links made is kept beside it');
    assert.notEqual(jobFacts({ family: 'cloudBackup', job }, new Date()).status, 'ready', 'which the stripped document alone no longer tells');

    const flexCluster = emulator.store.clusters(production.id, KIND_OF_FAMILY.flex)[0]!;
    const flex = emulator.store.restoreJobs(production.id, flexCluster.name, 'flex').find((j) => j.snapshotUrl)!;
    const keptFlex = stripDocument(flex) as typeof flex;
    assert.equal(keptFlex.snapshotUrl, undefined);
    assert.equal(keptFlex.status, flex.status);
    assert.equal(keptFlex.snapshotId, flex.snapshotId);
  });

  it('takes out links and secrets under names no family uses, at any depth, in arrays and in keys', () => {
    const authValue = 'c0ffee00deadbeef0123456789abcdef01234567';
    const hostile = {
      id: 'job-1',
      notes: `mirrored from the auth value ${authValue}`,
      plain: 'a sentence with no address in it',
      count: 3,
      mirror: 'https://mirror.example.com/restore.tar.gz',
      legacyish: { delivery: { authValue, methodName: 'HTTP' } },
      nested: [{ deeper: [{ location: 's3://bucket/restore.tar.gz' }, 'keep me', 'ftp://files.example.com/x'] }],
      bare: 'storage.example.com/restores/x.tar.gz?X-Amz-Signature=abc',
      gcs: 'storage.googleapis.com/b/o?X-Goog-Signature=1',
      azure: 'acct.blob.core.windows.net/c/x?sv=2024-01-01&sig=abc',
      signedQuery: 'files/x.tar.gz?signature=abc',
      keyQuery: 'files/x.tar.gz?key=abc',
      www: 'www.example.com/x',
      header: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig',
      jwt: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl',
      basic: 'Basic ZGVtbzpkZW1v',
      accessToken: 12345678,
      x_auth_token: 'opaque',
      clientSecret: 'mdb_sa_sk_whatever-it-is',
      leaked: 'mdb_sa_sk_demo-only-not-a-real-secret-0001',
      APIKEY: 'k',
      privateKey: { anything: 'inside' },
      'X-Amz-Signature': 'abc',
      ['https://example.com/as-a-key']: 'value',
      [authValue]: 'the secret as a key',
      password: null,
      links: [{ href: 'https://cloud.mongodb.com/api/atlas/v2/x', rel: 'self' }],
      http: 'http://127.0.0.1:8080/__downloads/x',
      mongo: { connectionString: 'mongodb+srv://user:pass@cluster0.example.mongodb.net' },
      masterKeyUUID: '1b2c3d4e-0000-4000-8000-000000000001',
    };
    const kept = stripDocument(hostile) as Record<string, unknown>;
    const text = JSON.stringify(kept);
    for (const s of ['http', '://', 'X-Amz', 'X-Goog', 'sig=', 'signature=', 'key=', 'www.', 'eyJ', 'Bearer', 'Basic', authValue, 'mdb_sa_sk', '12345678', 'opaque', 'inside', 'example.com', 'pass@']) {
      assert.ok(!text.includes(s), `${s} survived: ${text}`);
    }
    assert.deepEqual(kept, {
      id: 'job-1',
      plain: 'a sentence with no address in it',
      count: 3,
      legacyish: { delivery: { methodName: 'HTTP' } },
      nested: [{ deeper: [{}, 'keep me'] }],
      mongo: {},
      masterKeyUUID: '1b2c3d4e-0000-4000-8000-000000000001',
    });
  });

  it('judges names by their words, so a field that only contains one is kept', () => {
    for (const name of ['deliveryUrl', 'urlV2', 'mongoURI', 'privateDownloadDeliveryUrls', 'authValue', 'authHeader', 'AWSAccessKeyId', 'apikey', 'sessionToken', 'links']) {
      assert.ok(isSecretName(name), name);
    }
    for (const name of ['securityFeatures', 'duration', 'statusName', 'hashes', 'replicaSetName', 'snapshotId', 'deliveryType', 'expiresAt', 'masterKeyUUID']) {
      assert.ok(!isSecretName(name), name);
    }
  });

  it('survives what is not a document at all', () => {
    assert.equal(stripDocument('https://x.example.com/'), null);
    assert.equal(stripDocument(undefined), null);
    assert.deepEqual(stripDocument([1, 'two', null, true]), [1, 'two', null, true]);
    let deep: unknown = { leaf: 'https://x/' };
    for (let i = 0; i < 200; i++) deep = { down: deep };
    assert.ok(!JSON.stringify(stripDocument(deep)).includes('http'));
  });
});
