/**
 * Run by timeZones.test.ts in a Node process of its own, with TZ set (a zone cannot be changed safely
 * inside the test process): prints, as JSON, what the history shows of fixed instants in that zone.
 */
import { inWindow } from '../../../src/history/historyJob';
import { historyStats } from '../../../src/history/historyStats';
import { incidentNote } from '../../../src/history/incidentNote';
import { cloudJob } from './fixtures';

const now = new Date('2026-03-10T16:00:00Z');
// Requested 06:30Z and ready 08:30Z on 2026-03-08, the day New York moves from EST to EDT (at 07:00Z).
const jobs = [cloudJob('2026-03-08T06:30:00Z', '2026-03-08T08:30:00Z', now)];
const window = inWindow(jobs, now, 90);
const stats = historyStats(window.jobs, now);
const note = (timeZone: 'utc' | 'local') => incidentNote({ title: 'prod-orders', scope: 'Acme SA · Production', windowDays: 90, now, timeZone, stats, jobs: window.jobs });

// Seven days before `now`, by the machine's wall clock: local dates built the way a person reads them.
const local = (day: number, hour: number, minute: number) => cloudJob(new Date(2026, 2, day, hour, minute).toISOString(), undefined, now, {}, day * 10_000 + hour * 100 + minute);
const dst = [local(3, 11, 30), local(3, 10, 59), cloudJob('2026-03-03T16:00:00Z', undefined, now, {}, 1)];
const week = inWindow(dst, now, 7);

process.stdout.write(
  JSON.stringify({
    zone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    utc: note('utc'),
    local: note('local'),
    durationMs: stats.medianMs,
    lastSuccessAgoMs: stats.lastSuccessAgoMs,
    localBuilt: dst.map((j) => j.requestedAt?.toISOString()),
    inWeek: week.jobs.map((j) => j.requestedAt?.toISOString()),
  }),
);
