import { strict as assert } from 'node:assert';
import { OPERATIONS } from '../../../src/atlas';
import { badResponseError, formatSeconds, httpError, isServerlessSunset, transportError } from '../../../src/atlas/errors';
import { redactText } from '../../../src/atlas/redaction';

/** The message builders alone, for the cases the emulator cannot produce. */
describe('error messages', () => {
  const redact = (t: string) => redactText(t, ['mdb_sa_sk_secret-value']);
  const base = { attempts: 1, redact };

  it('403 with an IP access list errorCode says to add this computer to the access list', () => {
    for (const errorCode of ['IP_ADDRESS_NOT_ON_ACCESS_LIST', 'ORG_REQUIRES_ACCESS_LIST']) {
      const e = httpError({ ...base, status: 403, authKind: 'apiKey', operation: OPERATIONS.listGroupClusters, body: { error: 403, errorCode } });
      // Its own kind (was 'forbidden'), so that the tree offers the access list, not a missing role.
      assert.equal(e.kind, 'ipAccessList');
      assert.match(e.message, /IP address that is not on the API access list of this API key/);
    }
  });

  it('401 with an IP access list errorCode is ipAccessList, not unauthorized: add the address, do not sign in again', () => {
    for (const errorCode of ['IP_ADDRESS_NOT_ON_ACCESS_LIST', 'NOT_IN_IP_ACCESS_LIST', 'IP_ADDRESS_NOT_ON_WHITELIST']) {
      const e = httpError({ ...base, status: 401, authKind: 'serviceAccount', operation: OPERATIONS.listGroups, body: { error: 401, errorCode } });
      assert.equal(e.kind, 'ipAccessList', errorCode);
      assert.equal(e.status, 401);
      assert.equal(e.message,
        "Atlas refused the request because it comes from an IP address that is not on the API access list of this service account. " +
        "Add this computer's public IP address to the service account's access list in Atlas, then try again.");
      assert.doesNotMatch(e.message, /sign in/i);
    }
    const creds = httpError({ ...base, status: 401, authKind: 'serviceAccount', operation: OPERATIONS.listGroups, body: { error: 401, errorCode: 'UNAUTHORIZED' } });
    assert.equal(creds.kind, 'unauthorized', 'a real credential failure keeps its kind');
    assert.match(creds.message, /Sign in again/);
    const other = httpError({ ...base, status: 400, authKind: 'apiKey', operation: OPERATIONS.listGroups, body: { error: 400, errorCode: 'IP_ADDRESS_INVALID' } });
    assert.equal(other.kind, 'badRequest', 'only a 401 or 403 is about the access list');
  });

  it("409 is a conflict: Atlas's detail, and what to do", () => {
    const detail = 'Another update of this project is in progress.';
    const op = OPERATIONS.listGroupServerlessInstances;
    const e = httpError({ ...base, status: 409, authKind: 'apiKey', operation: op, body: { error: 409, errorCode: 'CONFLICTING_UPDATE', detail } });
    assert.equal(e.kind, 'conflict');
    assert.equal(e.status, 409);
    assert.equal(e.detail, detail);
    assert.equal(
      e.message,
      'Atlas refused to list serverless instances because of a conflicting change (HTTP 409, CONFLICTING_UPDATE): ' +
        'Another update of this project is in progress. This is usually a change made at the same time elsewhere; refresh, then try again.',
    );
    const bare = httpError({ ...base, status: 409, authKind: 'apiKey', operation: OPERATIONS.listGroups });
    assert.equal(bare.message, 'Atlas refused to list projects because of a conflicting change (HTTP 409). This is usually a change made at the same time elsewhere; refresh, then try again.');
  });

  it('an unreadable answer is badResponse and says so — not a server error', () => {
    const e = badResponseError(OPERATIONS.listGroupClusters, 200, 'its body is not valid JSON', 1);
    assert.equal(e.kind, 'badResponse');
    assert.equal(e.status, 200);
    assert.equal(
      e.message,
      "Atlas's answer to the request to list clusters could not be read: its body is not valid JSON (HTTP 200). " +
        'This is not an error Atlas reported; try again, and if it keeps happening, report it with the log.',
    );
    assert.doesNotMatch(e.message, /server error/i);
  });

  it('only the retired serverless endpoint’s 410 counts as its sunset (logged as information)', () => {
    assert.equal(isServerlessSunset(410, OPERATIONS.listGroupServerlessBackupRestoreJobs, 'VERSION_GONE'), true);
    assert.equal(isServerlessSunset(410, OPERATIONS.getGroupServerlessBackupRestoreJob, undefined), true);
    assert.equal(isServerlessSunset(410, OPERATIONS.listGroupServerlessBackupRestoreJobs, 'SOMETHING_ELSE'), false);
    assert.equal(isServerlessSunset(410, OPERATIONS.listGroupFlexClusterBackupRestoreJobs, 'VERSION_GONE'), false);
    assert.equal(isServerlessSunset(404, OPERATIONS.listGroupServerlessBackupRestoreJobs, undefined), false);
  });

  it('403 without a role in the table still says what to do', () => {
    const e = httpError({ ...base, status: 403, authKind: 'serviceAccount', operation: OPERATIONS.listOrgs, body: { error: 403, errorCode: 'X' } });
    assert.equal(e.requiredRole, undefined);
    assert.match(e.message, /does not allow this service account to list organizations/);
  });

  it("never lets a secret or a signed URL from Atlas's detail into the message or detail", () => {
    const e = httpError({
      ...base,
      status: 400,
      authKind: 'serviceAccount',
      operation: OPERATIONS.listGroups,
      body: { error: 400, errorCode: 'INVALID', detail: 'bad mdb_sa_sk_secret-value at https://x.example/f?sig=abc' },
    });
    assert.equal(e.message.includes('mdb_sa_sk_secret-value'), false);
    assert.equal(e.message.includes('sig=abc'), false);
    assert.equal(e.detail?.includes('sig=abc'), false);
    assert.match(e.message, /INVALID/);
  });

  it('410 VERSION_GONE only on serverless gets the retirement text; any 410 is "gone"', () => {
    const s = httpError({ ...base, status: 410, authKind: 'apiKey', operation: OPERATIONS.getGroupServerlessBackupRestoreJob, body: { error: 410, errorCode: 'VERSION_GONE' } });
    assert.match(s.message, /^Atlas retired the serverless restore-job endpoint on 2026-01-22/);
    const f = httpError({ ...base, status: 410, authKind: 'apiKey', operation: OPERATIONS.listGroupFlexClusters, body: { error: 410, errorCode: 'VERSION_GONE' } });
    assert.match(f.message, /retired version 2024-11-13 of the endpoint used to list flex clusters/);
  });

  it('429 says when to retry; 5xx says to try later', () => {
    const r = httpError({ ...base, status: 429, attempts: 4, retryAfterSeconds: 1, authKind: 'apiKey', operation: OPERATIONS.listGroups });
    assert.match(r.message, /HTTP 429 after 4 attempts\). Try again in 1 second\./);
    const s = httpError({ ...base, status: 500, authKind: 'apiKey', operation: OPERATIONS.listGroups, body: { error: 500, errorCode: 'UNEXPECTED_ERROR' } });
    assert.equal(s.kind, 'server');
    assert.equal(s.errorCode, 'UNEXPECTED_ERROR');
  });

  it('a redirect means a wrong base URL (the client follows none)', () => {
    const e = httpError({ ...base, status: 302, authKind: 'apiKey', operation: OPERATIONS.listOrgs });
    assert.equal(e.kind, 'badResponse');
    assert.match(e.message, /redirect \(HTTP 302\).*Check the Atlas base URL/);
  });

  it('timeouts and network errors name the host and the numbers', () => {
    const t = transportError({ kind: 'timeout', host: 'cloud.mongodb.com', timeoutMs: 30_000, attempts: 4, operation: OPERATIONS.listGroups });
    assert.equal(t.message, 'cloud.mongodb.com did not answer within 30 seconds after 4 attempts (trying to list projects). Check the network connection, or raise the request timeout.');
    const n = transportError({ kind: 'network', host: 'cloud.mongodbgov.com', code: 'ENOTFOUND', attempts: 1, tokenEndpoint: true });
    assert.match(n.message, /^Could not reach cloud\.mongodbgov\.com \(ENOTFOUND\) to sign in\./);
    assert.equal(formatSeconds(1500), '1.5 seconds');
    assert.equal(formatSeconds(1000), '1 second');
  });
});
