import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { MINUTE, SECOND, atlasError, ref, setUp } from './harness';

const onConn = (conn: string) => (c: { ref: { connectionId: string } }) => c.ref.connectionId === conn;

describe('watch scheduler: failures', () => {
  it('pauses the connection for Retry-After on a 429, and only that connection', async () => {
    const { clock, watch, atlas, events, updatesOf } = setUp();
    atlas.fail(atlasError('rateLimited', { retryAfterSeconds: 120 }), onConn('conn-a'));
    watch(ref('a1', 'A'), ref('a2', 'B'), ref('b', 'A', 'conn-b'));
    await clock.advance(130 * SECOND);
    const aTimes = atlas.calls.filter(onConn('conn-a')).map((c) => c.at / SECOND);
    // a1's 429 at 5 s; a2, sent at the same instant in the other slot, was answered; then nothing until 125 s.
    assert.deepEqual(aTimes, [5, 5, 125, 125]);
    assert.deepEqual(updatesOf('a1'), [125]);
    assert.ok(updatesOf('b').length > 15, 'the other connection went on');
    const retrying = events.filter((e) => e.type === 'retrying');
    assert.deepEqual(retrying.map((e) => e.type === 'retrying' && [e.jobId, e.nextInMs]), [['a1', 120_000]]);
  });

  it('pauses for a minute on a 429 without Retry-After', async () => {
    const { clock, watch, atlas } = setUp();
    atlas.fail(atlasError('rateLimited'));
    watch(ref('a'));
    await clock.advance(70 * SECOND);
    assert.deepEqual(atlas.calls.map((c) => c.at / SECOND), [5, 65]);
  });

  for (const kind of ['unauthorized', 'ipAccessList'] as const) {
    it(`stops a connection on ${kind} with one event, not one per job, until resumeConnection`, async () => {
      const { clock, watch, atlas, events, scheduler, updatesOf } = setUp();
      atlas.fail(atlasError(kind), onConn('conn-a'), 2);
      watch(ref('a1', 'A'), ref('a2', 'B'), ref('a3', 'C'), ref('b', 'A', 'conn-b'));
      await clock.advance(10 * MINUTE);
      assert.equal(atlas.calls.filter(onConn('conn-a')).length, 2, 'two in flight got the 401; nothing after');
      const unauthorized = events.filter((e) => e.type === 'unauthorized');
      assert.deepEqual(unauthorized.map((e) => e.type === 'unauthorized' && [e.connectionId, e.at]), [['conn-a', 5 * SECOND]]);
      assert.ok(updatesOf('b').length > 20, 'the other connection went on');
      assert.ok(scheduler.isWatched(ref('a1', 'A')), 'the jobs stay followed');

      scheduler.resumeConnection('conn-a');
      await clock.advance(0);
      assert.deepEqual(['a1', 'a2', 'a3'].map((j) => updatesOf(j)), [[600], [600], [600]], 'polled at once after signing in again');
    });
  }

  it('backs a job off on network, server, timeout and unreadable answers, and forgets it after a success', async () => {
    const { clock, watch, atlas, events, updatesOf } = setUp();
    for (const kind of ['network', 'server', 'timeout', 'badResponse'] as const) atlas.fail(atlasError(kind));
    watch(ref('a'));
    await clock.advance(160 * SECOND);
    assert.deepEqual(atlas.calls.map((c) => c.at / SECOND), [5, 15, 35, 75, 135, 155]);
    const retrying = events.filter((e) => e.type === 'retrying');
    assert.deepEqual(retrying.map((e) => e.type === 'retrying' && e.nextInMs / SECOND), [10, 20, 40, 60]);
    assert.deepEqual(updatesOf('a'), [135, 155]);
  });

  it('drops a job Atlas answers 404 for, with one gone event and no timer left', async () => {
    const { clock, watch, atlas, events, scheduler } = setUp();
    atlas.fail(atlasError('notFound'));
    watch(ref('a'));
    await clock.advance(5 * MINUTE);
    assert.equal(atlas.calls.length, 1);
    assert.deepEqual(events.map((e) => e.type), ['gone']);
    assert.equal(scheduler.isWatched(ref('a')), false);
    assert.equal(clock.pendingTimers, 0);
  });

  it('polls again at the usual pace, silently, when the client was closed under a request', async () => {
    const { clock, watch, atlas, events } = setUp();
    atlas.fail(atlasError('cancelled'));
    watch(ref('a'));
    await clock.advance(11 * SECOND);
    assert.deepEqual(atlas.calls.map((c) => c.at / SECOND), [5, 10]);
    assert.deepEqual(events.map((e) => e.type), ['update']);
  });

  it('survives a handler that throws: the exception surfaces on its own, polling goes on', async () => {
    const thrown: unknown[] = [];
    const listeners = process.listeners('uncaughtException');
    process.removeAllListeners('uncaughtException');
    process.on('uncaughtException', (e) => thrown.push(e));
    try {
      const { clock, watch, updatesOf } = setUp({}, { update: () => { throw new Error('handler bug'); } });
      watch(ref('a', 'A'), ref('b', 'B'));
      await clock.advance(10 * SECOND);
      assert.deepEqual([updatesOf('a'), updatesOf('b')], [[5, 10], [5, 10]]);
      assert.equal(thrown.length, 4);
    } finally {
      process.removeAllListeners('uncaughtException');
      for (const l of listeners) process.on('uncaughtException', l);
    }
  });
});
