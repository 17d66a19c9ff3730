import assert from 'node:assert/strict';
import { RequestGate } from '../../../src/search/requestGate';

/** A piece of work that ends when the test says so, noting when it started. */
function held(log: string[], name: string) {
  let finish!: () => void;
  let fail!: (e: Error) => void;
  const done = new Promise<string>((resolve, reject) => {
    finish = () => resolve(name);
    fail = reject;
  });
  return {
    work: () => {
      log.push(name);
      return done;
    },
    finish,
    fail,
  };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('the search request gate', () => {
  it('lets at most its limit through, then the deepest waiting first, in order of asking within a depth', async () => {
    const gate = new RequestGate(2);
    const started: string[] = [];
    const a = held(started, 'a@0');
    const b = held(started, 'b@0');
    const c = held(started, 'c@0');
    const d = held(started, 'd@2');
    const e = held(started, 'e@1');
    const f = held(started, 'f@2');
    const runs = [gate.run(0, undefined, a.work), gate.run(0, undefined, b.work), gate.run(0, undefined, c.work), gate.run(2, undefined, d.work), gate.run(1, undefined, e.work), gate.run(2, undefined, f.work)];
    await tick();
    assert.deepEqual(started, ['a@0', 'b@0']);
    a.finish();
    await tick();
    assert.deepEqual(started, ['a@0', 'b@0', 'd@2']);
    b.finish();
    d.finish();
    await tick();
    assert.deepEqual(started, ['a@0', 'b@0', 'd@2', 'f@2', 'e@1']);
    for (const x of [c, e, f]) x.finish();
    assert.deepEqual(await Promise.all(runs), ['a@0', 'b@0', 'c@0', 'd@2', 'e@1', 'f@2']);
  });

  it('gives the turn of a failed request to the next one', async () => {
    const gate = new RequestGate(1);
    const started: string[] = [];
    const a = held(started, 'a');
    const b = held(started, 'b');
    const first = gate.run(0, undefined, a.work);
    const second = gate.run(0, undefined, b.work);
    a.fail(new Error('500'));
    await assert.rejects(first, /500/);
    await tick();
    assert.deepEqual(started, ['a', 'b']);
    b.finish();
    assert.equal(await second, 'b');
  });

  it('drops a request whose signal aborts while it waits, without running it', async () => {
    const gate = new RequestGate(1);
    const started: string[] = [];
    const a = held(started, 'a');
    const b = held(started, 'b');
    const c = held(started, 'c');
    const controller = new AbortController();
    const first = gate.run(0, undefined, a.work);
    const dropped = gate.run(1, controller.signal, b.work);
    const third = gate.run(0, undefined, c.work);
    controller.abort();
    await assert.rejects(dropped, { name: 'AbortError' });
    a.finish();
    await first;
    await tick();
    assert.deepEqual(started, ['a', 'c']);
    c.finish();
    await third;
    await assert.rejects(gate.run(0, controller.signal, b.work), { name: 'AbortError' });
    assert.deepEqual(started, ['a', 'c']);
  });
});
