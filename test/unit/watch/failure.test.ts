import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { rateLimitPauseMs, reactionTo } from '../../../src/watch/failure';
import { atlasError } from './harness';

describe('what a failed poll means for watching', () => {
  it('reacts to each kind of AtlasError as the issue says', () => {
    const cases = [
      ['notFound', 'drop'],
      ['gone', 'drop'],
      ['invalidInput', 'drop'],
      ['unauthorized', 'needsUser'],
      ['ipAccessList', 'needsUser'],
      ['rateLimited', 'rateLimited'],
      ['network', 'retry'],
      ['timeout', 'retry'],
      ['server', 'retry'],
      ['badResponse', 'retry'],
      ['forbidden', 'retry'],
      ['conflict', 'retry'],
      ['cancelled', 'again'],
    ] as const;
    for (const [kind, reaction] of cases) assert.equal(reactionTo(atlasError(kind)), reaction, kind);
  });

  it('retries what is not an AtlasError (a bug in the fetcher is no verdict on the job)', () => {
    assert.equal(reactionTo(new TypeError('x is undefined')), 'retry');
    assert.equal(reactionTo('string'), 'retry');
  });

  it('pauses for Retry-After, or the fallback when Atlas sent none or nonsense', () => {
    assert.equal(rateLimitPauseMs(atlasError('rateLimited', { retryAfterSeconds: 7 }), 60_000), 7_000);
    assert.equal(rateLimitPauseMs(atlasError('rateLimited'), 60_000), 60_000);
    assert.equal(rateLimitPauseMs(atlasError('rateLimited', { retryAfterSeconds: -3 }), 60_000), 60_000);
    assert.equal(rateLimitPauseMs(atlasError('rateLimited', { retryAfterSeconds: 1e9 }), 60_000), 3_600_000);
  });
});
