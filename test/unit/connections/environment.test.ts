import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { environmentConnection } from '../../../src/connections/environment';

describe('connection from MONGODB_ATLAS_* variables', () => {
  it('is absent without a complete pair', () => {
    assert.equal(environmentConnection({}), undefined);
    assert.equal(environmentConnection({ MONGODB_ATLAS_CLIENT_ID: 'mdb_sa_id_x' }), undefined);
    assert.equal(environmentConnection({ MONGODB_ATLAS_PUBLIC_API_KEY: 'abcdefgh' }), undefined);
  });

  it('uses a service account, on commercial Atlas by default', () => {
    const c = environmentConnection({ MONGODB_ATLAS_CLIENT_ID: ' mdb_sa_id_x ', MONGODB_ATLAS_CLIENT_SECRET: 'mdb_sa_sk_y' })!;
    assert.deepEqual(c.credentials, { kind: 'serviceAccount', clientId: 'mdb_sa_id_x', clientSecret: 'mdb_sa_sk_y' });
    assert.equal(c.info.baseUrl, 'https://cloud.mongodb.com');
    assert.equal(c.info.site, 'commercial');
    assert.equal(c.info.source, 'environment');
    assert.equal(c.info.publicId, 'mdb_sa_id_x');
    assert.ok(!JSON.stringify(c.info).includes('mdb_sa_sk_y'), 'the non-secret part holds no secret');
  });

  it('prefers the service account over an API key, as the Atlas CLI does', () => {
    const c = environmentConnection({
      MONGODB_ATLAS_CLIENT_ID: 'id',
      MONGODB_ATLAS_CLIENT_SECRET: 'secret',
      MONGODB_ATLAS_PUBLIC_API_KEY: 'pub',
      MONGODB_ATLAS_PRIVATE_API_KEY: 'priv',
    })!;
    assert.equal(c.info.kind, 'serviceAccount');
  });

  it('uses an API key pair and the MONGODB_ATLAS_OPS_MANAGER_URL base URL', () => {
    const gov = environmentConnection({
      MONGODB_ATLAS_PUBLIC_API_KEY: 'pub',
      MONGODB_ATLAS_PRIVATE_API_KEY: 'priv',
      MONGODB_ATLAS_OPS_MANAGER_URL: 'https://cloud.mongodbgov.com/',
    })!;
    assert.deepEqual(gov.credentials, { kind: 'apiKey', publicKey: 'pub', privateKey: 'priv' });
    assert.equal(gov.info.baseUrl, 'https://cloud.mongodbgov.com');
    assert.equal(gov.info.site, 'government');
    const local = environmentConnection({ MONGODB_ATLAS_CLIENT_ID: 'i', MONGODB_ATLAS_CLIENT_SECRET: 's', MONGODB_ATLAS_OPS_MANAGER_URL: 'http://127.0.0.1:8080' })!;
    assert.equal(local.info.site, 'custom');
    assert.equal(local.problem, undefined);
  });

  it('reports an unusable base URL instead of using it', () => {
    const c = environmentConnection({ MONGODB_ATLAS_CLIENT_ID: 'i', MONGODB_ATLAS_CLIENT_SECRET: 's', MONGODB_ATLAS_OPS_MANAGER_URL: 'http://evil.example.com' })!;
    assert.ok(c.problem, 'plain http to a remote host is refused');
    assert.equal(c.info.baseUrl, 'https://cloud.mongodb.com');
  });
});
