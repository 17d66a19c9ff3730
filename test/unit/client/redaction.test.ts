import { strict as assert } from 'node:assert';
import { redactText } from '../../../src/atlas';

describe('redactText', () => {
  it('replaces every occurrence of each secret, longest first', () => {
    const out = redactText('a=s3cr3t-value b=s3cr3t-value-longer c=s3cr3t-value', ['s3cr3t-value', 's3cr3t-value-longer']);
    assert.equal(out.includes('s3cr3t'), false);
    assert.equal(out.split('[REDACTED]').length - 1, 3);
  });

  it('ignores empty and very short secrets rather than shredding text', () => {
    assert.equal(redactText('a cat sat', ['', 'a']), 'a cat sat');
  });

  it('removes bearer, basic and digest credentials', () => {
    const text =
      'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc-_DEF= then Basic bWRiX3NhX2lkOnNlY3JldA== and ' +
      'Digest username="demokeyz", realm="MMS Public API", nonce="abc", uri="/api/atlas/v2/orgs", response="6629fae49393a05397450978507c4ef1"';
    const out = redactText(text);
    assert.equal(out.includes('eyJhbGciOiJIUzI1NiJ9'), false);
    assert.equal(out.includes('bWRiX3NhX2lkOnNlY3JldA'), false);
    assert.equal(out.includes('6629fae49393a05397450978507c4ef1'), false);
    assert.match(out, /Bearer \[REDACTED\]/);
    assert.match(out, /Basic \[REDACTED\]/);
    assert.match(out, /Digest \[REDACTED\]/);
  });

  it('cuts the query string of every URL (signed delivery URLs keep their signature there)', () => {
    const url = 'https://s3.amazonaws.com/restore-bucket/snap.tar.gz?X-Amz-Signature=deadbeef&X-Amz-Credential=AKIA';
    const out = redactText(`download at ${url} now`);
    assert.equal(out, 'download at https://s3.amazonaws.com/restore-bucket/snap.tar.gz?[REDACTED] now');
  });

  it('masks the values of secret fields such as authValue, access_token and delivery URLs', () => {
    const json = JSON.stringify({
      authHeader: 'X-Auth',
      authValue: 'verification-key-123',
      access_token: 'tok-abc-123',
      deliveryUrl: ['https://host/x/y'],
      snapshotUrl: 'https://host/flex/z',
      urlV2: 'https://host/v2/file',
    });
    const out = redactText(json);
    for (const secret of ['verification-key-123', 'tok-abc-123', 'https://host/x/y', 'https://host/flex/z', 'https://host/v2/file']) {
      assert.equal(out.includes(secret), false, secret);
    }
    assert.ok(out.includes('X-Auth'), 'harmless fields stay readable');
    assert.equal(redactText('authValue=abcd1234 next'), 'authValue=[REDACTED] next');
  });

  it('leaves ordinary messages alone', () => {
    const text = 'Atlas answered listGroupClusters GET /api/atlas/v2/groups/64f0c0ffee00000000000001/clusters 200';
    assert.equal(redactText(text, ['mdb_sa_sk_secret']), text);
  });
});
