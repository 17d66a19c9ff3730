import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { expiryText } from '../../src/format/expiry';
import { displayText } from '../../src/format/text';
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
  it('says when a link expires, in one wording and one rounding', () => {
    const now = new Date('2026-11-25T12:00:00Z');
    const at = (hours: number) => new Date(now.getTime() + hours * 3_600_000);
    assert.equal(expiryText(at(71.9), now, 'en'), 'expires in 2 days', 'rounded down, never longer than it lasts');
    assert.equal(expiryText(at(72), now, 'en'), 'expires in 3 days');
    assert.equal(expiryText(at(3), now, 'en'), 'expires in 3 hours');
    assert.equal(expiryText(at(-48), now, 'en'), 'expired 2 days ago');
    assert.equal(expiryText(new Date(Number.NaN), now, 'en'), 'expiry unknown');
  });
});

describe('text from Atlas in labels', () => {
  it('keeps short text, and cuts long text with an ellipsis', () => {
    assert.equal(displayText('shard-0'), 'shard-0');
    assert.equal(displayText('x'.repeat(20_000)), `${'x'.repeat(199)}…`);
    assert.equal(displayText('abcdef', 4), 'abc…');
    assert.equal(displayText(42), '42');
    assert.equal(displayText(undefined), '');
    assert.equal(displayText({ a: 1 }), '');
  });

  it('puts it on one line, without the characters that reorder text, and never splits a character', () => {
    assert.equal(displayText('a\nb\tc'), 'a b c');
    assert.equal(displayText('evil\u202Egnp.exe'), 'evil gnp.exe');
    assert.equal(displayText('a💥b', 3), 'a…');
    assert.equal(displayText('a💥', 3), 'a💥');
  });
});
