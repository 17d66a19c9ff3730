import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { parseDate } from '../../../src/format/time';
import { objectIdTime } from '../../../src/jobs/objectIdTime';

/** What parseDate answered before it read Atlas's own form by hand: the reference for every string. */
function reference(value: string): number | undefined {
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d.getTime();
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

describe('dates from Atlas (parseDate)', () => {
  it('reads the form Atlas writes exactly as new Date does, at every edge of every field', () => {
    const checked: string[] = [];
    const years = [0, 50, 99, 100, 1004, 1600, 1899, 1900, 1969, 1970, 2000, 2024, 2026, 2100, 2400, 9999];
    for (const year of years) {
      for (const month of [0, 1, 2, 12, 13]) {
        for (const day of [0, 1, 28, 29, 30, 31, 32]) {
          for (const [hour, minute, second] of [[0, 0, 0], [23, 59, 59], [24, 0, 0], [12, 60, 0], [12, 0, 60], [25, 0, 0]]) {
            const base = `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour!)}:${pad(minute!)}:${pad(second!)}`;
            for (const value of [`${base}Z`, `${base}.000Z`, `${base}.999Z`, `${base}.5Z`, `${base}.123456Z`, base, `${base}+02:00`]) {
              assert.equal(parseDate(value)?.getTime(), reference(value), value);
              checked.push(value);
            }
          }
        }
      }
    }
    assert.equal(checked.length, years.length * 5 * 7 * 6 * 7);
  });

  it('reads the other forms new Date reads, and refuses what is no date', () => {
    for (const value of ['2026-01-08', '2026-01-08T12:55Z', '2026-01-08 12:55:00Z', '+002026-01-08T12:55:00Z', '2026-01-08t12:55:00z', 'Thu, 08 Jan 2026 12:55:00 GMT']) {
      assert.equal(parseDate(value)?.getTime(), reference(value), value);
      assert.ok(parseDate(value), `${value} is a date`);
    }
    for (const value of ['', 'soon', '2026-0x-08T12:55:00Z', '2026-01-08T12:5x:00Z', '2026-01-08T12:55:00.12xZ', '２０２６-01-08T12:55:00Z']) {
      assert.equal(parseDate(value), undefined, value);
    }
    for (const value of [undefined, null, 0, 1767876900000, {}, ['2026-01-08T12:55:00Z']]) assert.equal(parseDate(value), undefined);
    assert.equal(parseDate('2026-01-08T12:55:00Z')?.toISOString(), '2026-01-08T12:55:00.000Z');
    assert.equal(parseDate('2026-01-08T12:55:00.123Z')?.toISOString(), '2026-01-08T12:55:00.123Z');
  });
});

describe('request times from ObjectIds (objectIdTime)', () => {
  it('reads the seconds of a lower-case 24-digit hex id, and nothing else', () => {
    assert.equal(objectIdTime('6924d000aaaaaaaaaaaa0c21')?.toISOString(), '2025-11-24T21:37:04.000Z');
    assert.equal(objectIdTime('ffffffff0000000000000000')?.getTime(), 0xffffffff * 1000);
    for (const id of ['6924D000aaaaaaaaaaaa0c21', '6924d000aaaaaaaaaaaa0c2g', '6924d000aaaaaaaaaaaa0c2', '6924d000aaaaaaaaaaaa0c211', '000000000000000000000000', '', ' 6924d000aaaaaaaaaaaa0c2', undefined]) {
      assert.equal(objectIdTime(id), undefined, id);
    }
  });
});
