import type { AnyRestoreJob } from '../../../src/atlas/types';
import { jobFacts } from '../../../src/jobs/facts';
import { historyJob, type HistoryJob } from '../../../src/history/historyJob';

/** Anything: documents from Atlas may hold what the types do not allow. */
export const doc = (family: AnyRestoreJob['family'], job: unknown) => ({ family, job }) as AnyRestoreJob;

/** An ObjectId created at `iso` (seconds), the rest of it from `n`. */
export function oid(iso: string, n = 0): string {
  const seconds = Math.floor(new Date(iso).getTime() / 1000);
  return seconds.toString(16).padStart(8, '0') + n.toString(16).padStart(16, '0');
}

/** A HistoryJob built the way the panel builds it: document → jobFacts → historyJob. */
export function fromDoc(item: AnyRestoreJob, now: Date, clusterName = 'prod-orders', key = 'k'): HistoryJob {
  return historyJob(item, jobFacts(item, now), { key, clusterName });
}

/** A cloud backup automated restore requested at `requested`, finished at `finished` (or still running), with the given flags. */
export function cloudJob(requested: string, finished: string | undefined, now: Date, extra: Record<string, unknown> = {}, n = 0): HistoryJob {
  const id = oid(requested, n);
  const job: Record<string, unknown> = { id, deliveryType: 'automated', ...extra };
  if (finished) job.finishedAt = finished;
  return fromDoc(doc('cloudBackup', job), now, 'prod-orders', id);
}

/** A legacy job of a batch: requested at `created`, completed `minutes` later (expires − expirationHours), or still running. */
export function legacyPart(batchId: string, created: string, minutes: number | undefined, shard: string, now: Date, n = 0): HistoryJob {
  const completed = minutes === undefined ? undefined : new Date(new Date(created).getTime() + minutes * 60_000);
  const delivery: Record<string, unknown> = { methodName: 'HTTP', url: `https://restore.example.net/dl/prod-${shard}-2026-11-20T100000Z.tar.gz` };
  if (completed) {
    delivery.expires = new Date(completed.getTime() + 2 * 3600_000).toISOString();
    delivery.expirationHours = 2;
    delivery.statusName = 'READY';
  }
  const job = { id: oid(created, n), batchId, clusterName: 'prod', created, statusName: completed ? 'FINISHED' : 'IN_PROGRESS', delivery };
  return fromDoc(doc('legacy', job), now, 'prod', job.id);
}
