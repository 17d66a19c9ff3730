import { strict as assert } from 'node:assert';
import {
  ATLAS_SITES,
  AtlasError,
  CLUSTER_NAME_PATTERN,
  ID_PATTERN,
  isAtlasError,
  isValidClusterName,
  isValidId,
  normalizeBaseUrl,
} from '../../../src/atlas';

describe('input validation', () => {
  it('accepts 24 lower-case hex ids only', () => {
    assert.equal(ID_PATTERN.source, '^[a-f0-9]{24}$');
    assert.ok(isValidId('64f0c0ffee00000000000001'));
    for (const bad of ['', '64F0C0FFEE00000000000001', '64f0c0ffee0000000000001', '64f0c0ffee000000000000012', '64f0c0ffee00000000000g01', '../etc/passwd', '64f0c0ffee00000000000001\n']) {
      assert.equal(isValidId(bad), false, JSON.stringify(bad));
    }
  });

  it('accepts cluster names as the spec pattern defines them', () => {
    assert.equal(CLUSTER_NAME_PATTERN.source, '^[a-zA-Z0-9][a-zA-Z0-9-]*$');
    for (const ok of ['Cluster0', 'a', 'my-flex-1', '0abc']) assert.ok(isValidClusterName(ok), ok);
    for (const bad of ['', '-lead', 'has space', 'slash/name', 'dot.name', 'under_score', 'ünïcode', '%2e%2e']) {
      assert.equal(isValidClusterName(bad), false, bad);
    }
  });
});

describe('normalizeBaseUrl', () => {
  it('keeps the two Atlas sites as they are', () => {
    assert.equal(normalizeBaseUrl(ATLAS_SITES.commercial), 'https://cloud.mongodb.com');
    assert.equal(normalizeBaseUrl(ATLAS_SITES.government), 'https://cloud.mongodbgov.com');
  });

  it('trims, drops a trailing slash, lower-cases the host and drops the default port', () => {
    assert.equal(normalizeBaseUrl('  https://Cloud.MongoDB.com/  '), 'https://cloud.mongodb.com');
    assert.equal(normalizeBaseUrl('https://cloud.mongodb.com:443/'), 'https://cloud.mongodb.com');
    assert.equal(normalizeBaseUrl('https://atlas.example.internal:8443'), 'https://atlas.example.internal:8443');
  });

  it('allows plain http only for loopback hosts', () => {
    assert.equal(normalizeBaseUrl('http://127.0.0.1:41234/'), 'http://127.0.0.1:41234');
    assert.equal(normalizeBaseUrl('http://localhost:8080'), 'http://localhost:8080');
    assert.equal(normalizeBaseUrl('http://[::1]:9000'), 'http://[::1]:9000');
  });

  for (const bad of [
    'http://cloud.mongodb.com',
    'http://10.0.0.5:8080',
    'ftp://cloud.mongodb.com',
    'cloud.mongodb.com',
    '',
    'https://cloud.mongodb.com/api/atlas/v2',
    'https://cloud.mongodb.com/?x=1',
    'https://user:pw@cloud.mongodb.com',
  ]) {
    it(`refuses ${JSON.stringify(bad)} with an invalidInput AtlasError`, () => {
      assert.throws(
        () => normalizeBaseUrl(bad),
        (e: unknown) => isAtlasError(e) && e instanceof AtlasError && e.kind === 'invalidInput' && e.message.length > 20 && !e.message.includes('pw@'),
      );
    });
  }
});
