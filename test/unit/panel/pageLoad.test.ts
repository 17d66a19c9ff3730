import * as assert from 'node:assert/strict';
import { PageLoad } from '../../../src/panel/pageLoad';

describe('a panel page’s loading (PageLoad)', () => {
  it('posts to the first page at once, and answers its "ready" with a sync naming the last state', () => {
    const load = new PageLoad();
    assert.equal(load.canPost, true);
    assert.equal(load.nextState(), 1);
    assert.equal(load.nextState(), 2);
    assert.deepEqual(load.ready(), { sync: 2 });
    assert.equal(load.canPost, true);
  });

  it('sends everything when the first page says "ready" before any state was sent', () => {
    const load = new PageLoad();
    assert.equal(load.ready(), 'resend');
    assert.equal(load.nextState(), 1);
  });

  it('sends everything again when a page that was synced says "ready" again (it lacked the state)', () => {
    const load = new PageLoad();
    load.nextState();
    assert.deepEqual(load.ready(), { sync: 1 });
    assert.equal(load.ready(), 'resend');
  });

  it('posts nothing to a page loaded again until it says "ready", then everything, numbered on', () => {
    const load = new PageLoad();
    load.nextState();
    load.ready();
    load.reloaded();
    assert.equal(load.canPost, false);
    assert.equal(load.ready(), 'resend');
    assert.equal(load.canPost, true);
    assert.equal(load.nextState(), 2);
  });
});
