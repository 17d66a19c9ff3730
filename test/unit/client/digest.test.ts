import { strict as assert } from 'node:assert';
import { digestResponse, formatNc, parseDigestChallenge } from '../../../src/atlas/auth/digest';

describe('Digest (RFC 2617) pieces', () => {
  it('computes the response of the RFC 2617 section 3.5 example', () => {
    const response = digestResponse({
      username: 'Mufasa',
      password: 'Circle Of Life',
      method: 'GET',
      uri: '/dir/index.html',
      challenge: { realm: 'testrealm@host.com', nonce: 'dcd98b7102dd2f0e8b11d0f600bfb0c093', qop: 'auth', algorithm: 'MD5' },
      nc: 1,
      cnonce: '0a4f113b',
    });
    assert.equal(response, '6629fae49393a05397450978507c4ef1');
  });

  it('formats nc as 8 hex digits', () => {
    assert.equal(formatNc(1), '00000001');
    assert.equal(formatNc(255), '000000ff');
  });

  it("reads Atlas's challenge (stale unquoted) and http-auth's (everything quoted)", () => {
    const atlas = parseDigestChallenge('Digest realm="MMS Public API", domain="", nonce="abc+/=", algorithm=MD5, qop="auth", stale=false');
    assert.deepEqual(atlas, { realm: 'MMS Public API', nonce: 'abc+/=', opaque: undefined, qop: 'auth', algorithm: 'MD5', stale: false });
    const httpAuth = parseDigestChallenge('Digest realm="Atlas", qop="auth", nonce="n1", algorithm="MD5", stale="true"');
    assert.equal(httpAuth?.stale, true);
    assert.equal(parseDigestChallenge('Digest realm="x", nonce="n", stale=TRUE')?.stale, true);
    assert.equal(parseDigestChallenge('Digest realm="x", nonce="n", qop="auth-int,auth"')?.qop, 'auth');
  });

  it('finds the Digest challenge among others and refuses unusable ones', () => {
    assert.equal(parseDigestChallenge('Bearer realm="a", Digest realm="b", nonce="n"')?.realm, 'b');
    assert.equal(parseDigestChallenge('Bearer realm="a"'), undefined);
    assert.equal(parseDigestChallenge(undefined), undefined);
    assert.equal(parseDigestChallenge('Digest realm="x", nonce="n", algorithm=SHA-256'), undefined);
    assert.equal(parseDigestChallenge('Digest realm="x", nonce="n", qop="auth-int"'), undefined);
  });
});
