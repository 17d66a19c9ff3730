import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, it } from 'mocha';

const ROOT = resolve(__dirname, '../../..');

interface ZoneResult {
  zone: string;
  utc: string;
  local: string;
  durationMs: number;
  lastSuccessAgoMs: number;
  localBuilt: string[];
  inWeek: string[];
}

/** zoneNote.ts, run in a Node process of its own whose zone is `tz`. */
function inZone(tz: string): ZoneResult {
  const out = execFileSync(process.execPath, ['--import', 'tsx', join(__dirname, 'zoneNote.ts')], {
    cwd: ROOT,
    env: { ...process.env, TZ: tz },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return JSON.parse(out) as ZoneResult;
}

// The job was requested 2026-03-08 06:30Z and ready 08:30Z: in New York that is 01:30 EST and 04:30 EDT
// (clocks went forward at 07:00Z), in Seoul 15:30 and 17:30 (UTC+9, no daylight saving).
describe('restore history: time zones', function () {
  this.timeout(120_000);
  const results = new Map<string, ZoneResult>();
  const get = (tz: string) => {
    if (!results.has(tz)) results.set(tz, inZone(tz));
    return results.get(tz)!;
  };

  it('runs where the zone is set', () => {
    assert.equal(get('Asia/Seoul').zone, 'Asia/Seoul');
    assert.equal(get('America/New_York').zone, 'America/New_York');
  });

  it('writes the same UTC note in every zone', () => {
    const seoul = get('Asia/Seoul').utc;
    assert.equal(get('America/New_York').utc, seoul);
    assert.ok(seoul.includes('as of 2026-03-10 16:00 UTC. Times in UTC.'), seoul);
    assert.ok(seoul.includes('| 2026-03-08 06:30 UTC | prod-orders | Completed | 2 h |'), seoul);
    assert.ok(seoul.includes('- Last successful restore: 2026-03-08 08:30 UTC, 2 d 7 h ago'), seoul);
  });

  it('shows the same instants as the wall-clock time of the machine’s zone, and names the zone', () => {
    const seoul = get('Asia/Seoul').local;
    assert.ok(seoul.includes('as of 2026-03-11 01:00. Times in Asia/Seoul.'), seoul);
    assert.ok(seoul.includes('| 2026-03-08 15:30 | prod-orders | Completed | 2 h |'), seoul);
    assert.ok(seoul.includes('- Last successful restore: 2026-03-08 17:30, 2 d 7 h ago'), seoul);
    const newYork = get('America/New_York').local;
    assert.ok(newYork.includes('as of 2026-03-10 12:00. Times in America/New_York.'), newYork);
    assert.ok(newYork.includes('| 2026-03-08 01:30 | prod-orders | Completed | 2 h |'), newYork);
    assert.ok(newYork.includes('- Last successful restore: 2026-03-08 04:30, 2 d 7 h ago'), newYork);
  });

  it('measures durations across a daylight-saving change in absolute time', () => {
    // 01:30 EST to 04:30 EDT is three hours on the wall clock, two in fact.
    for (const tz of ['Asia/Seoul', 'America/New_York']) {
      assert.equal(get(tz).durationMs, 2 * 3600_000, tz);
      assert.equal(get(tz).lastSuccessAgoMs, new Date('2026-03-10T16:00:00Z').getTime() - new Date('2026-03-08T08:30:00Z').getTime(), tz);
    }
  });

  it('counts a window that spans a daylight-saving change by absolute time', () => {
    // Now is 2026-03-10 12:00 EDT; seven days of 24 hours back is 2026-03-03 11:00 EST (16:00Z), an hour
    // earlier on the wall clock than "the same time a week ago" would be. A job at 11:30 EST is in, one at
    // 10:59 EST out, and one at exactly 16:00Z is seven days old: out.
    const newYork = get('America/New_York');
    assert.deepEqual(newYork.localBuilt, ['2026-03-03T16:30:00.000Z', '2026-03-03T15:59:00.000Z', '2026-03-03T16:00:00.000Z']);
    assert.deepEqual(newYork.inWeek, ['2026-03-03T16:30:00.000Z']);
    // In Seoul the same wall-clock times are instants 14 hours earlier, before the window: out.
    assert.deepEqual(get('Asia/Seoul').localBuilt, ['2026-03-03T02:30:00.000Z', '2026-03-03T01:59:00.000Z', '2026-03-03T16:00:00.000Z']);
    assert.deepEqual(get('Asia/Seoul').inWeek, []);
  });
});
