import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import type { HistoryJob } from '../../../src/history/historyJob';
import { historyStats, median, percentile } from '../../../src/history/historyStats';
import { cloudJob, doc, fromDoc, legacyPart, oid } from './fixtures';

const NOW = new Date('2026-11-25T12:00:00Z');
const MIN = 60_000;
const HOUR = 60 * MIN;

describe('restore history: statistics', () => {
  describe('median', () => {
    it('is the middle value of an odd count', () => {
      assert.equal(median([1, 3, 5]), 3);
      assert.equal(median([10, 20, 30, 40, 1000]), 30);
    });
    it('is the mean of the two middle values of an even count', () => {
      assert.equal(median([1, 3, 5, 7]), 4);
      assert.equal(median([10, 11]), 10.5);
    });
    it('is the value itself for one value, and nothing for none', () => {
      assert.equal(median([42]), 42);
      assert.equal(median([]), undefined);
    });
  });

  describe('percentile (nearest rank)', () => {
    const upTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
    it('takes the value of rank ⌈p/100 · n⌉, never interpolating', () => {
      assert.equal(percentile(upTo(10), 90), 9, 'rank 9 of 10; linear interpolation would say 9.1');
      assert.equal(percentile(upTo(20), 90), 18, 'even count: rank 18 of 20');
      assert.equal(percentile(upTo(11), 90), 10, 'odd count: rank ⌈9.9⌉ = 10 of 11');
      assert.equal(percentile([1, 2, 3, 4], 50), 2, 'rank 2 of 4, where the median says 2.5');
    });
    it('is the largest value when there are fewer than ten', () => {
      assert.equal(percentile([5, 7, 9, 30, 31], 90), 31, 'odd count');
      assert.equal(percentile([5, 7, 9, 30], 90), 30, 'even count');
      assert.equal(percentile([12], 90), 12, 'one value');
    });
    it('is nothing for no values or a p outside 0–100, and the ends for 0 and 100', () => {
      assert.equal(percentile([], 90), undefined);
      assert.equal(percentile([1, 2], -1), undefined);
      assert.equal(percentile([1, 2], 101), undefined);
      assert.equal(percentile([1, 2], Number.NaN), undefined);
      assert.equal(percentile([3, 4, 5], 0), 3);
      assert.equal(percentile([3, 4, 5], 100), 5);
    });
  });

  describe('historyStats', () => {
    const succeeded = (requested: string, minutes: number, n: number) =>
      cloudJob(requested, new Date(new Date(requested).getTime() + minutes * MIN).toISOString(), NOW, {}, n);
    // Newest first, as inWindow hands them over.
    const jobs: HistoryJob[] = [
      cloudJob('2026-11-25T11:00:00Z', undefined, NOW, {}, 1), // running
      fromDoc(doc('flex', { id: oid('2026-11-25T10:00:00Z', 2), status: 'QUEUED' }), NOW), // running
      succeeded('2026-11-24T10:00:00Z', 30, 3),
      cloudJob('2026-11-23T10:00:00Z', '2026-11-23T10:20:00Z', NOW, { failed: true }, 4), // failed, has a duration
      succeeded('2026-11-22T10:00:00Z', 130, 5),
      cloudJob('2026-11-21T10:00:00Z', undefined, NOW, { cancelled: true }, 6),
      fromDoc(doc('cloudBackup', { id: oid('2026-11-20T10:00:00Z', 7), deliveryType: 'download', deliveryUrl: ['https://h/dl/r.tar.gz'] }), NOW), // ready, no finishedAt
      succeeded('2026-11-19T10:00:00Z', 42, 8),
      succeeded('2026-11-18T10:00:00Z', 10, 9),
      fromDoc(doc('legacy', { id: oid('2026-11-17T10:00:00Z', 10), statusName: 'RESTORING', delivery: { methodName: 'HTTP' } }), NOW), // unknown
    ];
    const stats = historyStats(jobs, NOW);

    it('counts the jobs by outcome', () => {
      assert.equal(stats.total, 10);
      assert.deepEqual(stats.byOutcome, { succeeded: 5, failed: 1, cancelled: 1, running: 2, unknown: 1 });
    });

    it('takes durations over succeeded jobs with a duration only, and says what it left out and why', () => {
      assert.equal(stats.timed, 4);
      assert.deepEqual(stats.leftOut, { running: 2, noEndTime: 1, failedOrCancelled: 2, unknown: 1 });
      const { running, noEndTime, failedOrCancelled, unknown } = stats.leftOut;
      assert.equal(stats.timed + running + noEndTime + failedOrCancelled + unknown, stats.total);
      // 10, 30, 42, 130 min: the failed job's 20 min and the running jobs are not among them.
      assert.equal(stats.medianMs, 36 * MIN, 'even count: (30 + 42) / 2');
      assert.equal(stats.p90Ms, 130 * MIN, 'nearest rank ⌈3.6⌉ = 4 of 4');
      assert.equal(stats.longest?.durationMs, 130 * MIN);
      assert.equal(stats.longest?.requestedAt?.toISOString(), '2026-11-22T10:00:00.000Z');
    });

    it('gives the median of an odd count of durations as the middle one', () => {
      const odd = historyStats([succeeded('2026-11-24T10:00:00Z', 5, 1), succeeded('2026-11-23T10:00:00Z', 50, 2), succeeded('2026-11-22T10:00:00Z', 7, 3)], NOW);
      assert.deepEqual([odd.timed, odd.medianMs, odd.p90Ms], [3, 7 * MIN, 50 * MIN]);
    });

    it('counts a succeeded job with an end before its request as without a usable end time', () => {
      const odd = historyStats([cloudJob('2026-11-24T10:00:00Z', '2026-11-24T09:00:00Z', NOW)], NOW);
      assert.deepEqual([odd.timed, odd.leftOut.noEndTime, odd.medianMs], [0, 1, undefined]);
    });

    it('gives the share that failed among the jobs that ended', () => {
      assert.equal(stats.failedShare, 1 / 7);
      assert.equal(historyStats([jobs[0], jobs[1]], NOW).failedShare, undefined, 'none ended');
      assert.equal(historyStats([], NOW).failedShare, undefined);
    });

    it('names the last successful restore and how long ago it was ready', () => {
      assert.equal(stats.lastSuccess?.requestedAt?.toISOString(), '2026-11-24T10:00:00.000Z');
      assert.equal(stats.lastSuccessAgoMs, NOW.getTime() - new Date('2026-11-24T10:30:00Z').getTime());
      // One without an end counts from its request.
      const noEnd = historyStats([jobs[6], jobs[7]], NOW);
      assert.equal(noEnd.lastSuccess, jobs[6]);
      assert.equal(noEnd.lastSuccessAgoMs, NOW.getTime() - new Date('2026-11-20T10:00:00Z').getTime());
      // The latest end wins, not the latest request.
      const slow = succeeded('2026-11-24T09:00:00Z', 200, 11);
      assert.equal(historyStats([jobs[2], slow], NOW).lastSuccess, slow);
    });

    it('has nothing to say about durations or successes without them', () => {
      const none = historyStats([], NOW);
      assert.deepEqual(none, {
        total: 0,
        byOutcome: { succeeded: 0, failed: 0, cancelled: 0, running: 0, unknown: 0 },
        timed: 0,
        leftOut: { running: 0, noEndTime: 0, failedOrCancelled: 0, unknown: 0 },
      });
    });

    describe('latest batch', () => {
      const older = ['shard-0', 'shard-1'].map((s, i) => legacyPart('batch-old', '2026-11-10T10:00:00Z', 500, s, NOW, i));
      const newer = [
        legacyPart('batch-new', '2026-11-24T10:00:00Z', 30, 'shard-0', NOW, 10),
        legacyPart('batch-new', '2026-11-24T10:00:00Z', 95, 'shard-10', NOW, 11),
        legacyPart('batch-new', '2026-11-24T10:00:00Z', 40, 'shard-2', NOW, 12),
        legacyPart('batch-new', '2026-11-24T10:00:00Z', 20, 'config', NOW, 13),
      ];
      const lone = legacyPart('batch-lone', '2026-11-25T09:00:00Z', 5, 'shard-0', NOW, 20);

      it('picks the newest batch of two jobs or more, and marks its slowest part', () => {
        const batch = historyStats([lone, ...newer, ...older], NOW).latestBatch;
        assert.equal(batch?.batchId, 'batch-new', 'not the lone job’s, though it is newer');
        assert.equal(batch?.requestedAt?.toISOString(), '2026-11-24T10:00:00.000Z');
        assert.deepEqual(
          batch?.parts.map((p) => [p.label, p.durationMs === undefined ? undefined : p.durationMs / MIN]),
          [['config', 20], ['shard-0', 30], ['shard-2', 40], ['shard-10', 95]],
        );
        assert.equal(batch?.slowest, 'shard-10');
        assert.equal(batch?.parts.find((p) => p.label === 'shard-10')?.job, newer[1]);
      });

      it('marks a part still running as the slowest once it has run longest', () => {
        const running = legacyPart('batch-now', '2026-11-25T09:00:00Z', undefined, 'shard-1', NOW, 31);
        const done = legacyPart('batch-now', '2026-11-25T09:00:00Z', 25, 'shard-0', NOW, 30);
        const batch = historyStats([running, done, ...older], NOW).latestBatch;
        assert.equal(batch?.batchId, 'batch-now');
        assert.deepEqual(
          batch?.parts.map((p) => [p.label, p.durationMs, p.runningForMs]),
          [['shard-0', 25 * MIN, undefined], ['shard-1', undefined, 3 * HOUR]],
        );
        assert.equal(batch?.slowest, 'shard-1');
      });

      it('tells apart parts that would have the same label', () => {
        const twins = [legacyPart('b', '2026-11-24T10:00:00Z', 10, 'shard-0', NOW, 1), legacyPart('b', '2026-11-24T10:00:00Z', 12, 'shard-0', NOW, 2)];
        const batch = historyStats(twins, NOW).latestBatch;
        assert.deepEqual(batch?.parts.map((p) => p.label), ['shard-0', 'shard-0 (2)']);
        assert.equal(batch?.slowest, 'shard-0 (2)');
        const plain = (n: number) => fromDoc(doc('legacy', { id: oid('2026-11-24T10:00:00Z', n), batchId: 'b', created: '2026-11-24T10:00:00Z', statusName: 'IN_PROGRESS', delivery: { methodName: 'HTTP' } }), NOW);
        const labels = historyStats([plain(1), plain(2)], NOW).latestBatch?.parts.map((p) => p.label);
        assert.deepEqual(labels, ['job 6b05…0001', 'job 6b05…0002'], 'no shard to tell: the short id');
      });

      it('is absent without a batch of two', () => {
        assert.equal(historyStats([lone, ...jobs], NOW).latestBatch, undefined);
      });
    });
  });
});
