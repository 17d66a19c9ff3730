import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'mocha';
import type { AnyRestoreJob, RestoreJobFamily } from '../../../src/atlas/types';
import { jobFacts } from '../../../src/jobs/facts';
import type { JobStatus } from '../../../src/jobs/status';
import { STATUS_ICONS } from '../../../src/jobs/statusIcons';
import { historyJob, inWindow, outcomeColor, outcomeIcon, outcomeLabel, outcomeOf, type HistoryJob, type Outcome } from '../../../src/history/historyJob';
import { cloudJob, doc, fromDoc, oid } from './fixtures';

const NOW = new Date('2026-11-25T12:00:00Z');
const MIN = 60_000;
const DAY = 24 * 3600_000;

describe('restore history: jobs', () => {
  describe('outcomeOf', () => {
    const expected: Record<JobStatus, Outcome> = {
      ready: 'succeeded',
      completed: 'succeeded',
      expired: 'succeeded',
      downloadLimitReached: 'succeeded',
      failed: 'failed',
      broken: 'failed',
      interrupted: 'failed',
      cancelled: 'cancelled',
      killed: 'cancelled',
      pending: 'running',
      queued: 'running',
      inProgress: 'running',
      unknown: 'unknown',
    };
    for (const status of Object.keys(STATUS_ICONS) as JobStatus[]) {
      it(`${status} → ${expected[status]}`, () => {
        assert.equal(outcomeOf(status), expected[status]);
      });
    }
    it('knows every status there is, and calls anything else unknown', () => {
      assert.deepEqual(Object.keys(expected).sort(), Object.keys(STATUS_ICONS).sort());
      assert.equal(outcomeOf('toString' as JobStatus), 'unknown');
      assert.equal(outcomeOf(undefined as unknown as JobStatus), 'unknown');
    });
    it('colours an outcome as STATUS_ICONS colours its status, and names it', () => {
      assert.equal(outcomeColor('succeeded'), STATUS_ICONS.completed.color);
      assert.equal(outcomeColor('failed'), STATUS_ICONS.failed.color);
      assert.equal(outcomeColor('running'), STATUS_ICONS.inProgress.color);
      assert.equal(outcomeIcon('cancelled'), STATUS_ICONS.cancelled.icon);
      assert.equal(outcomeIcon('unknown'), STATUS_ICONS.unknown.icon);
      assert.deepEqual(['succeeded', 'failed', 'cancelled', 'running', 'unknown'].map((o) => outcomeLabel(o as Outcome)), ['Succeeded', 'Failed', 'Cancelled', 'Running', 'Unknown']);
    });
  });

  describe('historyJob', () => {
    it('takes a cloud backup job’s end from finishedAt, its start from its ObjectId', () => {
      const id = oid('2026-11-20T10:00:00Z');
      const item = doc('cloudBackup', { id, deliveryType: 'automated', finishedAt: '2026-11-20T10:42:00Z' });
      assert.deepEqual(historyJob(item, jobFacts(item, NOW), { key: 'key-1', clusterName: 'prod-orders' }), {
        key: 'key-1',
        family: 'cloudBackup',
        clusterName: 'prod-orders',
        id,
        status: 'completed',
        atlasStatus: 'finished',
        outcome: 'succeeded',
        requestedAt: new Date('2026-11-20T10:00:00Z'),
        endedAt: new Date('2026-11-20T10:42:00Z'),
        durationMs: 42 * MIN,
      });
    });

    it('reads serverless jobs as cloud backup ones', () => {
      const job = fromDoc(doc('serverless', { id: oid('2026-11-20T10:00:00Z'), deliveryType: 'automated', targetClusterName: 'x', targetGroupId: 'g', finishedAt: '2026-11-20T11:00:00Z' }), NOW);
      assert.deepEqual([job.family, job.outcome, job.durationMs], ['serverless', 'succeeded', 60 * MIN]);
    });

    it('takes a flex job’s end from restoreFinishedDate', () => {
      const job = fromDoc(doc('flex', { id: oid('2026-11-20T10:00:00Z'), status: 'COMPLETED', restoreFinishedDate: '2026-11-20T10:07:30Z' }), NOW);
      assert.deepEqual([job.family, job.status, job.outcome, job.endedAt?.toISOString(), job.durationMs], ['flex', 'completed', 'succeeded', '2026-11-20T10:07:30.000Z', 7.5 * MIN]);
    });

    it('gives a job still running no end, whatever its document says', () => {
      const job = fromDoc(doc('flex', { id: oid('2026-11-20T10:00:00Z'), status: 'RUNNING', restoreFinishedDate: '2026-11-20T10:07:30Z' }), NOW);
      assert.deepEqual([job.outcome, job.endedAt, job.durationMs], ['running', undefined, undefined]);
    });

    const legacy = (delivery: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
      fromDoc(doc('legacy', { id: oid('2026-11-20T09:00:00Z'), created: '2026-11-20T10:00:00Z', statusName: 'FINISHED', delivery: { methodName: 'HTTP', ...delivery }, ...extra }), NOW);

    it('dates a legacy job’s completion as its link’s expiry less expirationHours', () => {
      const job = legacy({ expires: '2026-11-20T12:40:00Z', expirationHours: 2, statusName: 'READY' });
      assert.deepEqual([job.requestedAt?.toISOString(), job.endedAt?.toISOString(), job.durationMs], ['2026-11-20T10:00:00.000Z', '2026-11-20T10:40:00.000Z', 40 * MIN]);
      assert.equal(legacy({ expires: '2026-11-20T12:40:00Z', expirationHours: 0.5 }).durationMs, 130 * MIN, 'fractions of hours count');
      assert.equal(legacy({ expires: '2026-11-20T12:40:00Z', expirationHours: 2, statusName: 'EXPIRED' }).outcome, 'succeeded', 'the link ran out later');
    });

    it('gives a legacy job no end without both expires and expirationHours as they should be', () => {
      const cases: Record<string, unknown>[] = [
        {},
        { expires: '2026-11-20T12:40:00Z' },
        { expirationHours: 2 },
        { expires: '2026-11-20T12:40:00Z', expirationHours: '2' },
        { expires: '2026-11-20T12:40:00Z', expirationHours: -1 },
        { expires: '2026-11-20T12:40:00Z', expirationHours: null },
        { expires: 'tomorrow-ish', expirationHours: 2 },
        { expires: 1795000000, expirationHours: 2 },
        { expires: '2026-11-20T12:40:00Z', expirationHours: 1e300 },
      ];
      for (const delivery of cases) {
        const job = legacy(delivery);
        assert.deepEqual([job.outcome, job.endedAt, job.durationMs], ['succeeded', undefined, undefined], JSON.stringify(delivery));
      }
    });

    it('keeps an end before the request but gives it no duration', () => {
      const cloud = cloudJob('2026-11-20T10:00:00Z', '2026-11-20T09:00:00Z', NOW);
      assert.deepEqual([cloud.endedAt?.toISOString(), cloud.durationMs], ['2026-11-20T09:00:00.000Z', undefined]);
      const old = legacy({ expires: '2026-11-20T11:00:00Z', expirationHours: 2 });
      assert.deepEqual([old.endedAt?.toISOString(), old.durationMs], ['2026-11-20T09:00:00.000Z', undefined]);
      assert.equal(cloudJob('2026-11-20T10:00:00Z', '2026-11-20T10:00:00Z', NOW).durationMs, 0, 'ready at once is a duration of 0');
    });

    it('carries a legacy batch job’s batch and shard', () => {
      const job = fromDoc(
        doc('legacy', { id: oid('2026-11-20T10:00:00Z'), batchId: 'b1', clusterName: 'prod', statusName: 'IN_PROGRESS', delivery: { methodName: 'HTTP', url: 'https://h/dl/prod-shard-1-2026-11-20T100000Z.tar.gz' } }),
        NOW,
      );
      assert.deepEqual([job.batchId, job.componentLabel, job.outcome], ['b1', 'shard-1', 'running']);
    });

    it('never throws on odd documents, and keeps what could be read', () => {
      const odd: unknown[] = [
        null,
        'job',
        42,
        [],
        {},
        { id: 7, created: 12345, statusName: ['FINISHED'], delivery: 'x', batchId: 5 },
        { id: null, finishedAt: {}, restoreFinishedDate: 'not a date', status: 99, delivery: { expires: {}, expirationHours: '2' } },
        { id: 'x'.repeat(600), created: 'yesterday', finishedAt: '2026-13-45T99:99:99Z', deliveryType: null, cancelled: 'yes' },
        { id: oid('2026-11-20T10:00:00Z'), created: null, delivery: null, hashes: 'none', timestamp: 3 },
      ];
      for (const family of ['legacy', 'cloudBackup', 'serverless', 'flex', 'nonsense'] as RestoreJobFamily[]) {
        for (const job of odd) {
          const item = { family, job } as AnyRestoreJob;
          let result: HistoryJob | undefined;
          assert.doesNotThrow(() => {
            result = historyJob(item, jobFacts(item, NOW), { key: 'k', clusterName: 'c' });
          }, `${family} ${JSON.stringify(job)?.slice(0, 80)}`);
          assert.equal(result!.key, 'k');
          assert.equal(result!.clusterName, 'c');
          assert.equal(typeof result!.id, 'string');
          assert.equal(result!.durationMs === undefined || result!.durationMs >= 0, true);
          for (const date of [result!.requestedAt, result!.endedAt]) assert.ok(date === undefined || !Number.isNaN(date.getTime()));
        }
      }
      const noId = fromDoc(doc('cloudBackup', { deliveryType: 'automated', finishedAt: '2026-11-20T10:00:00Z' }), NOW);
      assert.deepEqual([noId.id, noId.requestedAt, noId.endedAt?.toISOString(), noId.durationMs], ['', undefined, '2026-11-20T10:00:00.000Z', undefined]);
      const wrongShape = fromDoc(doc('legacy', { id: 'abc', created: '2026-11-20T10:00:00Z', statusName: 'BROKEN', delivery: [] }), NOW);
      assert.deepEqual([wrongShape.id, wrongShape.outcome, wrongShape.requestedAt?.toISOString()], ['abc', 'failed', '2026-11-20T10:00:00.000Z']);
    });
  });

  describe('inWindow', () => {
    const at = (ms: number, n: number) => cloudJob(new Date(ms).toISOString(), undefined, NOW, {}, n);
    const start = NOW.getTime() - 90 * DAY;

    it('holds the jobs requested in (now − days, now], newest first: exactly `days` old is out', () => {
      // ObjectIds keep whole seconds: the boundary cases are a second apart.
      const jobs = [at(start, 1), at(start + 1000, 2), at(NOW.getTime(), 3), at(NOW.getTime() - DAY, 4), at(start - 1000, 5)];
      const { jobs: within, undated, future } = inWindow(jobs, NOW, 90);
      assert.deepEqual(
        within.map((j) => j.requestedAt?.toISOString()),
        [NOW.toISOString(), new Date(NOW.getTime() - DAY).toISOString(), new Date(start + 1000).toISOString()],
      );
      assert.deepEqual([undated, future], [0, 0]);
    });

    it('counts jobs without a request time, and jobs dated after now, apart', () => {
      const undatedJob = fromDoc(doc('cloudBackup', { id: 'not-an-object-id', deliveryType: 'automated' }), NOW);
      const result = inWindow([undatedJob, at(NOW.getTime() + 60_000, 1), at(NOW.getTime() - 1000, 2), undatedJob], NOW, 90);
      assert.deepEqual([result.jobs.length, result.undated, result.future], [1, 2, 1]);
    });

    it('orders equal times by id, and leaves its input as it was', () => {
      const jobs = [at(NOW.getTime() - 1000, 1), at(NOW.getTime() - 1000, 3), at(NOW.getTime() - 1000, 2)];
      const before = jobs.map((j) => j.id);
      assert.deepEqual(
        inWindow(jobs, NOW, 1).jobs.map((j) => j.id.slice(-1)),
        ['3', '2', '1'],
      );
      assert.deepEqual(jobs.map((j) => j.id), before);
    });
  });

  it('keeps VS Code out of src/history, so all of it runs in plain Node', () => {
    const dir = resolve(__dirname, '../../../src/history');
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
    assert.ok(files.length >= 3);
    for (const file of files) {
      const text = readFileSync(join(dir, file), 'utf8');
      assert.doesNotMatch(text, /from\s+'vscode'|require\('vscode'\)/, file);
    }
  });
});
