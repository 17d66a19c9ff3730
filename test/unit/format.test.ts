import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { formatDateTime, formatRelative, shortId } from '../../src/format/time';

describe('time formatting', () => {
  it('formats UTC with its zone and local without', () => {
    const d = new Date('2026-11-24T14:05:59Z');
    assert.equal(formatDateTime(d, 'utc'), '2026-11-24 14:05 UTC');
    assert.match(formatDateTime(d, 'local'), /^2026-11-2[45] \d\d:\d\d$/);
  });
  it('says how far a time is from now', () => {
    const now = new Date('2026-11-25T12:00:00Z');
    assert.equal(formatRelative(new Date('2026-11-25T15:00:00Z'), now, 'en'), 'in 3 hours');
    assert.equal(formatRelative(new Date('2026-11-23T12:00:00Z'), now, 'en'), '2 days ago');
    assert.equal(formatRelative(new Date('2026-11-25T12:00:20Z'), now, 'en'), 'now');
  });
  it('shortens long ids', () => {
    assert.equal(shortId('6924d000aaaaaaaaaaaa0c21'), '6924…0c21');
    assert.equal(shortId('short'), 'short');
  });
});
