import assert from 'node:assert/strict';
import type { AnyRestoreJob } from '../../../src/atlas/types';
import { jobFacts } from '../../../src/jobs/facts';
import { matchesQuery } from '../../../src/search/match';
import { isEmptyQuery, parseQuery, QueryError } from '../../../src/search/query';

const NOW = new Date('2026-11-25T12:00:00Z');
const ID = '65f0a1b2c3d4e5f6a7b8c9d0';
const facts = (family: AnyRestoreJob['family'], job: unknown) => jobFacts({ family, job } as AnyRestoreJob, NOW);

describe('search queries', () => {
  it('reads states, families, days and words, widening within a key and narrowing across keys', () => {
    const q = parseQuery('  state:failed,Cancelled family:legacy,cloud days:7 Prod-Analytics is:running ');
    assert.deepEqual(q.states, ['failed', 'cancelled', 'running']);
    assert.deepEqual(q.families, ['legacy', 'cloudBackup']);
    assert.equal(q.days, 7);
    assert.deepEqual(q.words, ['prod-analytics']);
    assert.equal(q.id, undefined);
    assert.equal(q.text, 'state:failed,cancelled,running family:legacy,cloud days:7 prod-analytics');
    assert.deepEqual(parseQuery('last:30d').days, 30);
    assert.deepEqual(parseQuery('state:in-progress status:valid').states, ['running', 'ready']);
  });

  it('takes a lone 24-hex id as an id, in any case', () => {
    assert.equal(parseQuery(` ${ID.toUpperCase()} `).id, ID);
    assert.equal(parseQuery(`${ID} state:failed`).id, undefined);
    assert.equal(parseQuery(`${ID}0`).id, undefined);
  });

  it('says what is wrong with a part instead of guessing', () => {
    assert.throws(() => parseQuery('state:sleeping'), (e: Error) => e instanceof QueryError && /"sleeping" is not a state/.test(e.message));
    assert.throws(() => parseQuery('family:atlas'), /not a restore job family/);
    for (const bad of ['days:0', 'days:-1', 'days:x', 'days:99999', 'days:1.5']) assert.throws(() => parseQuery(bad), /whole number of days/, bad);
    assert.throws(() => parseQuery('state:'), /needs a value/);
  });

  it('knows an empty query', () => {
    assert.equal(isEmptyQuery(parseQuery('   ')), true);
    assert.equal(isEmptyQuery(parseQuery('x')), false);
  });
});

describe('matching a job against a query', () => {
  const legacyFailed = facts('legacy', { id: ID, created: '2026-11-24T00:00:00Z', statusName: 'FINISHED', delivery: { statusName: 'FAILED' }, snapshotId: '65f0aaaaaaaaaaaaaaaaaaaa', batchId: '65f0bbbbbbbbbbbbbbbbbbbb', clusterName: 'prod' });
  const cloudReady = facts('cloudBackup', {
    id: '6543210fedcba98765432100',
    deliveryType: 'download',
    deliveryUrl: ['https://h.example/f.tar.gz'],
    expiresAt: '2026-11-30T00:00:00Z',
    finishedAt: '2026-11-01T00:00:00Z',
    targetClusterName: 'prod-analytics',
    targetGroupId: '6500000000000000000000ff',
  });
  const running = facts('flex', { id: '6560000000000000000000aa', status: 'RUNNING', deliveryType: 'RESTORE', targetDeploymentItemName: 'prod-analytics' });

  const m = (f: Parameters<typeof matchesQuery>[0], text: string) => matchesQuery(f, parseQuery(text), NOW);

  it('matches states as people mean them', () => {
    assert.equal(m(legacyFailed, 'state:failed'), true);
    assert.equal(m(legacyFailed, 'state:completed'), false);
    assert.equal(m(cloudReady, 'state:ready'), true);
    assert.equal(m(cloudReady, 'state:completed'), true);
    assert.equal(m(running, 'state:running'), true);
    assert.equal(m(running, 'state:failed,running'), true);
    assert.equal(m(cloudReady, 'state:running'), false);
  });

  it('matches families and the last N days by the request time', () => {
    assert.equal(m(legacyFailed, 'family:legacy'), true);
    assert.equal(m(legacyFailed, 'family:cloud,flex'), false);
    assert.equal(m(legacyFailed, 'days:2'), true);
    assert.equal(m(legacyFailed, 'days:1'), false, 'requested 36 h ago');
    // cloud backup jobs are dated by their ObjectId: 0x6543210f is in 2023
    assert.equal(m(cloudReady, 'days:365'), false);
  });

  it('matches words against ids, target cluster and target project, each word somewhere', () => {
    assert.equal(m(cloudReady, 'analytics'), true);
    assert.equal(m(cloudReady, 'PROD-ANALYTICS ff'), true);
    assert.equal(m(cloudReady, 'analytics nowhere'), false);
    assert.equal(m(legacyFailed, 'bbbbbbbb'), true, 'batch id');
    assert.equal(m(legacyFailed, '65f0aaaa'), true, 'snapshot id');
  });

  it('a lone id finds the job, its snapshot or its batch exactly', () => {
    assert.equal(m(legacyFailed, ID), true);
    assert.equal(m(legacyFailed, '65f0bbbbbbbbbbbbbbbbbbbb'), true);
    assert.equal(m(cloudReady, ID), false);
  });

  it('never throws on an odd document', () => {
    for (const doc of [null, 5, 'x', [], { id: 7 }, { created: 'not a date' }]) {
      const f = facts('legacy', doc);
      for (const q of ['state:failed', 'days:3', 'x', ID, 'family:legacy state:ready']) assert.equal(typeof m(f, q), 'boolean');
    }
  });
});
