import { strict as assert } from 'node:assert';
import { DigestAuth, digestResponse, formatNc, parseDigestChallenge } from '../../../src/atlas/auth/digest';

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

describe('Digest: the nonce shared by all requests of a client', () => {
  const challenge = (nonce: string, stale = false) => `Digest realm="MMS Public API", domain="", nonce="${nonce}", algorithm=MD5, qop="auth", stale=${stale}`;
  const req = (signal = new AbortController().signal) => ({ method: 'GET', target: '/api/atlas/v2/groups', signal });
  const nonceOf = (header: string | undefined) => /nonce="([^"]+)"/.exec(header ?? '')?.[1];
  const ncOf = (header: string | undefined) => /nc=([0-9a-f]+)/.exec(header ?? '')?.[1];

  /** A signer holding nonce `n1`, answered once (like the first challenge). */
  async function holding(nonce = 'n1', proven = false) {
    const auth = new DigestAuth('user', 'pass');
    const probe = await auth.authorize(req());
    assert.equal(auth.retryAfterUnauthorized(probe, challenge(nonce), 0), true);
    auth.settle(probe, 401);
    if (proven) {
      const t = await auth.authorize(req());
      t.sign!();
      auth.settle(t, 200);
    }
    return auth;
  }

  it('while one request fetches the challenge the others wait for it, then all sign with its nonce', async () => {
    const auth = new DigestAuth('user', 'pass');
    const probe = await auth.authorize(req());
    assert.equal(probe.header, undefined);
    let signed = 0;
    const waiting = [auth.authorize(req()), auth.authorize(req())].map((p) => p.then((t) => (signed++, t)));
    await new Promise((r) => setTimeout(r, 10));
    assert.equal(signed, 0, 'they wait rather than go unsigned too');
    assert.equal(auth.retryAfterUnauthorized(probe, challenge('n1'), 0), true);
    auth.settle(probe, 401);
    const headers = (await Promise.all(waiting)).map((t) => t.sign!());
    assert.deepEqual(headers.map(nonceOf), ['n1', 'n1']);
    assert.deepEqual(headers.map(ncOf), ['00000001', '00000002']);
    assert.equal(ncOf((await auth.authorize(req())).sign!()), '00000003', 'the prober signs with the next count');
  });

  it('a waiter whose signal aborts stops waiting; a probe that brings no challenge lets a waiter probe next', async () => {
    const auth = new DigestAuth('user', 'pass');
    const probe = await auth.authorize(req());
    const ac = new AbortController();
    const cancelled = auth.authorize(req(ac.signal));
    const next = auth.authorize(req());
    ac.abort();
    await assert.rejects(cancelled, (e: Error) => e.name === 'TransportFailure');
    auth.settle(probe, undefined); // a network failure: no answer
    const t = await next;
    assert.equal(t.header, undefined, 'it goes out unsigned in the failed probe’s place');
  });

  it('stale refusals of one nonce by several requests in flight replace it once: the first refusal’s nonce wins', async () => {
    const auth = await holding('n1', true);
    const inFlight = await Promise.all([1, 2, 3].map(() => auth.authorize(req())));
    assert.ok(inFlight.every((t) => nonceOf(t.sign!()) === 'n1'));
    assert.equal(auth.retryAfterUnauthorized(inFlight[0]!, challenge('n2', true), 0), true);
    assert.equal(auth.retryAfterUnauthorized(inFlight[1]!, challenge('n3', true), 0), true);
    assert.equal(auth.retryAfterUnauthorized(inFlight[2]!, challenge('n4', true), 0), true);
    const again = (await Promise.all([1, 2, 3].map(() => auth.authorize(req())))).map((t) => t.sign!());
    assert.deepEqual(again.map(nonceOf), ['n2', 'n2', 'n2']);
    assert.deepEqual(again.map(ncOf), ['00000001', '00000002', '00000003']);
  });

  it('a refusal without stale: signed again only when the nonce had worked (it expired), never for a new one (wrong key)', async () => {
    const fresh = await holding('n1');
    const t1 = await fresh.authorize(req());
    t1.sign!();
    assert.equal(fresh.retryAfterUnauthorized(t1, challenge('n2'), 0), false, 'the key was checked and refused');
    const proven = await holding('n1', true);
    const t2 = await proven.authorize(req());
    t2.sign!();
    assert.equal(proven.retryAfterUnauthorized(t2, challenge('n2'), 0), true, 'a nonce that worked and is refused now expired');
    const t3 = await proven.authorize(req());
    assert.equal(nonceOf(t3.sign!()), 'n2');
    assert.equal(proven.retryAfterUnauthorized(t3, challenge('n3'), 1), false, 'the replacement never worked: the key is refused');
  });

  it('only an answer past authentication proves a nonce: a 429 or a 5xx may come from in front of it', async () => {
    const auth = await holding('n1');
    for (const status of [429, 500, 503]) {
      const t = await auth.authorize(req());
      t.sign!();
      auth.settle(t, status);
    }
    const t = await auth.authorize(req());
    assert.equal(auth.retryAfterUnauthorized(t, challenge('n2'), 0), false);
  });

  it('gives up after a bounded number of challenges, and without a Digest challenge at all', async () => {
    const auth = await holding('n1', true);
    const t = await auth.authorize(req());
    assert.equal(auth.retryAfterUnauthorized(t, challenge('n2', true), 4), false);
    assert.equal(auth.retryAfterUnauthorized(t, undefined, 0), false);
    assert.equal(auth.retryAfterUnauthorized(t, 'Bearer error="invalid_token"', 0), false);
  });

  it('reset forgets the nonce: the next request fetches a challenge again', async () => {
    const auth = await holding('n1', true);
    auth.reset();
    assert.equal(auth.nonceCount, 0);
    assert.equal((await auth.authorize(req())).header, undefined);
  });
});

describe('Digest: signed when the request leaves', () => {
  it('takes the nonce count at sign time, with the nonce current then', async () => {
    const challenge = (nonce: string, stale = false) => `Digest realm="r", nonce="${nonce}", algorithm=MD5, qop="auth", stale=${stale}`;
    const req = { method: 'GET', target: '/x', signal: new AbortController().signal };
    const auth = new DigestAuth('user', 'pass');
    const probe = await auth.authorize(req);
    auth.retryAfterUnauthorized(probe, challenge('n1'), 0);
    auth.settle(probe, 401);
    const early = await auth.authorize(req);
    const late = await auth.authorize(req);
    const lateHeader = late.sign!();
    assert.match(lateHeader, /nc=00000001/, 'the one that left first counts first, whatever order they were authorized in');
    assert.equal(auth.retryAfterUnauthorized(late, challenge('n2', true), 0), true);
    assert.match(early.sign!(), /nonce="n2", .*nc=00000001/, 'a nonce replaced in the meantime is not sent again');
  });
});
