// Which failures the copy stands in for, and how the connection row says how old the copy is.
import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { AtlasError } from '../../../src/atlas';
import type { AtlasErrorInit } from '../../../src/atlas/errors';
import { asOfText, isUnreachable, keptStatus } from '../../../src/offline/keptJobs';

const error = (init: Partial<AtlasErrorInit> & Record<string, unknown>) => new AtlasError({ kind: 'network', message: 'm', ...init } as AtlasErrorInit);

describe('offline copy: when it stands in, and what the rows say', () => {
  it('stands in when nothing answered: refused, reset, no such host, no route, a timeout', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', undefined]) {
      assert.ok(isUnreachable(error({ code })), String(code));
    }
    assert.ok(isUnreachable(error({ kind: 'timeout' })));
    assert.ok(isUnreachable(error({ code: 'ECONNREFUSED', networkProblem: 'proxyUnreachable' })), 'a proxy that cannot be reached');
  });

  it('does not stand in when something answered: Atlas with an error, a certificate refused, a proxy refusing', () => {
    for (const kind of ['server', 'unauthorized', 'forbidden', 'rateLimited', 'badResponse', 'cancelled', 'notFound'] as const) {
      assert.ok(!isUnreachable(error({ kind })), kind);
    }
    for (const code of ['CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'ERR_TLS_CERT_ALTNAME_INVALID']) {
      assert.ok(!isUnreachable(error({ code })), code);
    }
    assert.ok(!isUnreachable(error({ code: 'PROXY_407', networkProblem: 'proxyCredentials' })));
    assert.ok(!isUnreachable(error({ code: 'X', networkProblem: 'untrustedCertificate' })));
    assert.ok(!isUnreachable(new Error('ECONNREFUSED')), 'only the client’s own errors say what happened');
  });

  it('says the time alone on the day itself, the date too on another, in the time zone setting', () => {
    const asOf = new Date('2026-03-10T10:42:00Z');
    assert.equal(asOfText(asOf, new Date('2026-03-10T18:00:00Z'), 'utc'), '10:42 UTC');
    assert.equal(asOfText(asOf, new Date('2026-03-11T08:00:00Z'), 'utc'), '2026-03-10 10:42 UTC');
    const local = asOfText(asOf, asOf, 'local');
    assert.match(local, /^\d\d:\d\d$/);
  });

  it('shows a kept ready job as expired once its kept expiry has passed', () => {
    const info = { asOf: new Date(), status: 'ready' as const };
    assert.equal(keptStatus(info, false), 'ready');
    assert.equal(keptStatus(info, true), 'expired');
    assert.equal(keptStatus({ ...info, status: 'failed' }, true), 'failed');
  });
});
