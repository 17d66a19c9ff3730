import assert from 'node:assert/strict';
import { resolveCopy } from '../../../src/panel/copyTargets';
import { AUTH_VALUE_MASK } from '../../../src/jobs/masking';
import { jobKey, parseJobRef, shortJobId } from '../../../src/jobs/jobRef';
import { copyTargetKey, isFromWebview } from '../../../src/panel/protocol';
import { jsonTokens } from '../../../src/webview/jobDetails/jsonTokens';
import { AUTH_VALUE, cloudJob, cloudRef, HOSTILE_FILE, isoFormat, legacyJob, legacyRef, NOW, serverlessJob } from './fixtures';

const legacy = { family: 'legacy' as const, job: legacyJob };
const cloud = { family: 'cloudBackup' as const, job: cloudJob };

describe('job details copy targets', () => {
  const opts = { now: NOW, format: isoFormat };

  it('copies one delivery URL and says when it expires', () => {
    const r = resolveCopy({ kind: 'link', index: 1 }, cloudRef, cloud, opts);
    assert.equal(r?.text, cloudJob.deliveryUrl![1]);
    assert.equal(r?.description, 'Copied link of shard-1 (expires in 3 hours)');
    assert.equal(r?.expired, false);
  });

  it('copies all URLs one a line', () => {
    const r = resolveCopy({ kind: 'allLinks' }, cloudRef, cloud, opts);
    assert.equal(r?.text, cloudJob.deliveryUrl!.join('\n'));
    assert.match(r?.description ?? '', /^Copied 3 links, one per line \(expires in 3 hours\)$/);
  });

  it('copies a private endpoint URL', () => {
    const r = resolveCopy({ kind: 'link', index: 0, private: true }, cloudRef, cloud, opts);
    assert.equal(r?.text, 'https://vpce-1.s3.amazonaws.com/config.tar.gz?sig=1');
  });

  it('warns when the copied link has expired', () => {
    const r = resolveCopy({ kind: 'link', index: 0 }, cloudRef, { family: 'serverless', job: serverlessJob }, opts);
    assert.equal(r?.expired, true);
    // The warning comes first: a notification is cut off after a line or so.
    assert.equal(r?.description, 'Link expired 2 days ago — copied anyway: link of serverless0.tar.gz');
  });

  it('builds a curl command with the legacy auth header', () => {
    const r = resolveCopy({ kind: 'downloadCommand', index: 0 }, legacyRef, legacy, opts);
    assert.ok(r?.text.startsWith('curl --fail -H '), 'no -L with the header: it would go to any host a redirect names');
    assert.ok(r?.text.includes(`X-Restore-Auth: ${AUTH_VALUE}`));
    assert.ok(r?.text.includes(legacyJob.delivery.urlV2!));
    assert.ok(!r?.description.includes(AUTH_VALUE), 'the description never holds the value');
  });

  it('says how many downloads Atlas allows, and leads with the warning when none are left', () => {
    assert.equal(resolveCopy({ kind: 'link', index: 0 }, legacyRef, legacy, opts)?.description, `Copied link of ${HOSTILE_FILE} (expires in 3 hours, downloads allowed: 1)`);
    const used = { family: 'legacy' as const, job: { ...legacyJob, delivery: { ...legacyJob.delivery, statusName: 'MAX_DOWNLOADS_EXCEEDED' as const } } };
    assert.equal(resolveCopy({ kind: 'link', index: 0 }, legacyRef, used, opts)?.description, `Download limit reached — copied anyway: link of ${HOSTILE_FILE}`);
    assert.equal(
      resolveCopy({ kind: 'downloadCommand', index: 0 }, legacyRef, legacy, opts)?.description,
      `Copied curl command for ${HOSTILE_FILE} with its X-Restore-Auth header (expires in 3 hours, downloads allowed: 1)`,
    );
  });

  it('copies the auth header itself', () => {
    const r = resolveCopy({ kind: 'authHeader' }, legacyRef, legacy, opts);
    assert.equal(r?.text, `X-Restore-Auth: ${AUTH_VALUE}`);
  });

  it('copies the JSON masked unless revealed', () => {
    const masked = resolveCopy({ kind: 'json' }, legacyRef, legacy, opts);
    assert.ok(masked?.text.includes(AUTH_VALUE_MASK));
    assert.ok(!masked?.text.includes(AUTH_VALUE));
    assert.match(masked?.description ?? '', /masked/);
    const plain = resolveCopy({ kind: 'json' }, legacyRef, legacy, { ...opts, revealAuthValue: true });
    assert.ok(plain?.text.includes(AUTH_VALUE));
    const noAuth = resolveCopy({ kind: 'json' }, cloudRef, cloud, opts);
    assert.equal(noAuth?.description, 'Copied the job document.');
    assert.deepEqual(JSON.parse(noAuth!.text), cloudJob);
  });

  it('copies a hash, the job id and the snapshot id', () => {
    assert.equal(resolveCopy({ kind: 'hash', index: 0 }, legacyRef, legacy, opts)?.text, legacyJob.hashes![0]!.hash);
    assert.equal(resolveCopy({ kind: 'hash', index: 0 }, legacyRef, legacy, opts)?.description, `Copied the hash of ${HOSTILE_FILE}.`);
    assert.equal(resolveCopy({ kind: 'jobId' }, legacyRef, legacy, opts)?.text, legacyJob.id);
    assert.equal(resolveCopy({ kind: 'snapshotId' }, legacyRef, legacy, opts)?.text, legacyJob.snapshotId);
  });

  it('copies nothing for targets that do not exist', () => {
    assert.equal(resolveCopy({ kind: 'link', index: 9 }, cloudRef, cloud, opts), undefined);
    assert.equal(resolveCopy({ kind: 'hash', index: 5 }, legacyRef, legacy, opts), undefined);
    assert.equal(resolveCopy({ kind: 'authHeader' }, cloudRef, cloud, opts), undefined);
    assert.equal(resolveCopy({ kind: 'downloadCommand', index: 3 }, cloudRef, cloud, opts), undefined);
  });
});

describe('job details message protocol', () => {
  it('accepts each page message and rejects malformed ones', () => {
    for (const m of [
      { type: 'ready' },
      { type: 'refresh' },
      { type: 'openJson' },
      { type: 'openInAtlas' },
      { type: 'revealAuthValue', reveal: true },
      { type: 'copy', target: { kind: 'link', index: 0, private: true } },
      { type: 'copy', target: { kind: 'hash', index: 2 } },
      { type: 'copy', target: { kind: 'json' } },
    ]) {
      assert.equal(isFromWebview(m), true, JSON.stringify(m));
    }
    for (const m of [
      null,
      'ready',
      { type: 'eval' },
      { type: 'revealAuthValue', reveal: 'yes' },
      { type: 'copy', target: { kind: 'link', index: -1 } },
      { type: 'copy', target: { kind: 'link', index: 1.5 } },
      { type: 'copy', target: { kind: 'text', text: 'anything' } },
      { type: 'copy' },
    ]) {
      assert.equal(isFromWebview(m), false, JSON.stringify(m));
    }
  });

  it('keys copy targets the same on both sides', () => {
    assert.equal(copyTargetKey({ kind: 'link', index: 2 }), 'link:2');
    assert.equal(copyTargetKey({ kind: 'link', index: 2, private: true }), 'link:private:2');
    assert.equal(copyTargetKey({ kind: 'hash', index: 0 }), 'hash:0');
    assert.equal(copyTargetKey({ kind: 'json' }), 'json');
  });
});

describe('job refs', () => {
  it('keys one panel per job, ignoring labels', () => {
    assert.equal(jobKey(legacyRef), jobKey({ ...legacyRef, connectionLabel: 'renamed', projectName: 'other' }));
    assert.notEqual(jobKey(legacyRef), jobKey({ ...legacyRef, family: 'cloudBackup' }));
    assert.notEqual(jobKey(legacyRef), jobKey({ ...legacyRef, connectionId: 'conn-2' }));
  });

  it('shortens ObjectIds at both ends', () => {
    assert.equal(shortJobId('65f0a1b2c3d4e5f601234567'), '65f0…4567');
    assert.equal(shortJobId('short'), 'short');
  });

  it('reads a ref back from webview state and refuses anything else', () => {
    assert.deepEqual(parseJobRef(JSON.parse(JSON.stringify(legacyRef))), legacyRef);
    const { projectName: _dropped, ...withoutProject } = legacyRef;
    assert.deepEqual(parseJobRef(withoutProject), withoutProject);
    assert.equal('extra' in (parseJobRef({ ...legacyRef, extra: '<script>' }) ?? {}), false, 'unknown fields are dropped');
    assert.equal(parseJobRef(undefined), undefined);
    assert.equal(parseJobRef({ ...legacyRef, family: 'other' }), undefined);
    assert.equal(parseJobRef({ ...legacyRef, jobId: '' }), undefined);
    assert.equal(parseJobRef({ ...legacyRef, groupId: 42 }), undefined);
  });
});

describe('JSON colouring for the page', () => {
  it('returns the input unchanged when its runs are joined, with keys, strings, numbers and literals told apart', () => {
    const json = JSON.stringify({ a: 'x "y" \\ z', n: -1.5e3, t: true, f: false, z: null, list: [1, 'two'], [HOSTILE_FILE]: HOSTILE_FILE }, null, 2);
    const tokens = jsonTokens(json);
    assert.equal(tokens.map((t) => t.text).join(''), json);
    const kinds = (kind: string) => tokens.filter((t) => t.kind === kind).map((t) => t.text);
    assert.deepEqual(kinds('key'), ['"a"', '"n"', '"t"', '"f"', '"z"', '"list"', JSON.stringify(HOSTILE_FILE)]);
    assert.deepEqual(kinds('string'), [JSON.stringify('x "y" \\ z'), '"two"', JSON.stringify(HOSTILE_FILE)]);
    assert.deepEqual(kinds('number'), ['-1500', '1']);
    assert.deepEqual(kinds('literal'), ['true', 'false', 'null']);
  });
});
