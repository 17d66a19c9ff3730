import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import type { WatchOptions } from '../../../src/watch/scheduler';
import { SECOND, atlasError, ref, setUp } from './harness';

const show = (c: { kind: string; ref: { jobId: string }; at: number }) => `${c.kind} ${c.ref.jobId}@${c.at / SECOND}`;

describe('watch scheduler: batching per cluster', () => {
  it('polls the jobs of one cluster with one list request, and updates each', async () => {
    const { clock, watch, atlas, updatesOf, scheduler } = setUp({ listPageSize: 20 });
    watch(ref('a'), ref('b'), ref('c'));
    await clock.advance(10 * SECOND);
    assert.deepEqual(atlas.calls.map(show), ['list a@5', 'list a@10']);
    assert.equal(atlas.calls[0]!.itemsPerPage, 20);
    for (const j of ['a', 'b', 'c']) assert.deepEqual(updatesOf(j), [5, 10]);
    assert.deepEqual([scheduler.stats.requests, scheduler.stats.lists, scheduler.stats.gets], [2, 2, 0]);
  });

  it('asks by id, at once and from then on, for a job that is not on the first page', async () => {
    const { clock, watch, atlas, updatesOf } = setUp();
    atlas.offPage.add('c');
    watch(ref('a'), ref('b'), ref('c'));
    await clock.advance(10 * SECOND);
    assert.deepEqual(atlas.calls.map(show), ['list a@5', 'get c@5', 'list a@10', 'get c@10']);
    assert.deepEqual(updatesOf('c'), [5, 10]);
  });

  it('asks by id for a job alone in its cluster, family, project or connection', async () => {
    const { clock, watch, atlas } = setUp();
    const other = { ...ref('d'), groupId: '64f0c0ffee00000000000002' };
    watch(ref('a'), ref('b', 'Other'), ref('c', 'Cluster0', 'conn-a', 'legacy'), other, ref('e', 'Cluster0', 'conn-b'));
    await clock.advance(5 * SECOND);
    assert.deepEqual(atlas.calls.map(show).sort(), ['get a@5', 'get b@5', 'get c@5', 'get d@5', 'get e@5']);
  });

  /** Jobs a and b of one cluster, b watched 3 s after a: what is sent in the first 10 s. */
  async function watchedThreeSecondsApart(options: WatchOptions) {
    const { clock, scheduler, atlas, updatesOf } = setUp(options);
    atlas.know(ref('a'), ref('b'));
    scheduler.watch(ref('a'));
    await clock.advance(3 * SECOND);
    scheduler.watch(ref('b'));
    await clock.advance(7 * SECOND);
    return { calls: atlas.calls.map(show), updatesOf };
  }

  it('takes along a job of the cluster due within the next few seconds', async () => {
    const { calls, updatesOf } = await watchedThreeSecondsApart({});
    assert.deepEqual(calls, ['list a@5', 'list a@10']);
    assert.deepEqual(updatesOf('b'), [5, 10], 'polled 3 s early, then in step with a');
  });

  it('does not batch jobs due further apart than batchLeadMs', async () => {
    const { calls } = await watchedThreeSecondsApart({ batchLeadMs: 1000 });
    assert.deepEqual(calls, ['get a@5', 'get b@8', 'get a@10']);
  });

  it('counts each request against the budget: a list and the gets it leaves', async () => {
    const { clock, watch, atlas } = setUp({ budgetPerMinute: 2 });
    atlas.offPage.add('b');
    atlas.offPage.add('c');
    watch(ref('a'), ref('b'), ref('c'));
    await clock.advance(65 * SECOND);
    // The list finds a; b is asked at once with the second request of the minute; c, due since 5 s, when
    // the minute has room again — before a, due since 10 s, and now alone on the list side.
    assert.deepEqual(atlas.calls.map(show), ['list a@5', 'get b@5', 'get c@65', 'get a@65']);
  });

  it('asks each job by id when the list answers 404, and drops only the jobs that are gone', async () => {
    const { clock, watch, atlas, events, scheduler } = setUp();
    atlas.fail(atlasError('notFound'), (c) => c.kind === 'list');
    atlas.fail(atlasError('notFound'), (c) => c.kind === 'get' && c.ref.jobId === 'b');
    watch(ref('a'), ref('b'));
    await clock.advance(5 * SECOND);
    assert.deepEqual(atlas.calls.map(show), ['list a@5', 'get a@5', 'get b@5']);
    assert.deepEqual(events.map((e) => `${e.type} ${'jobId' in e ? e.jobId : ''}`), ['update a', 'gone b']);
    assert.deepEqual(scheduler.watched().map((w) => w.ref.jobId), ['a']);
  });

  it('backs off every job of a list that failed', async () => {
    const { clock, watch, atlas, events } = setUp();
    atlas.fail(atlasError('server', { status: 503 }), (c) => c.kind === 'list');
    watch(ref('a'), ref('b'));
    await clock.advance(15 * SECOND);
    assert.deepEqual(atlas.calls.map(show), ['list a@5', 'list a@15']);
    assert.deepEqual(events.filter((e) => e.type === 'retrying').map((e) => e.type === 'retrying' && [e.jobId, e.nextInMs]), [
      ['a', 10_000],
      ['b', 10_000],
    ]);
  });
});
