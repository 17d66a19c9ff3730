// Restore job documents for looking at the panel: the shapes Atlas sends, with hostile names, dated around now.
import type { AnyRestoreJob } from '../../../src/atlas/types';
import type { JobRef } from '../../../src/jobs/jobRef';
import { cloudJob, cloudRef, legacyJob, legacyRef, NOW } from '../../unit/panel/fixtures';

/** Moves every ISO date in a document by the same amount, so "expires in 3 h" stays true today. */
function shiftDates<T>(doc: T, deltaMs: number): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(v)) return new Date(Date.parse(v) + deltaMs).toISOString().replace('.000Z', 'Z');
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(doc) as T;
}

/** The same ObjectId, re-stamped with another creation time (its first four bytes). */
function idAt(id: string, at: Date): string {
  return Math.floor(at.getTime() / 1000).toString(16).padStart(8, '0') + id.slice(8);
}

export function lookJobs(now: Date): Array<{ name: string; ref: JobRef; job: AnyRestoreJob }> {
  const delta = now.getTime() - NOW.getTime();
  const requested = new Date(now.getTime() - 3 * 3600_000);
  const legacy = { ...shiftDates(legacyJob, delta), id: idAt(legacyJob.id!, requested) };
  const cloud = { ...shiftDates(cloudJob, delta), id: idAt(cloudJob.id!, requested) };
  return [
    { name: 'legacy', ref: { ...legacyRef, jobId: legacy.id }, job: { family: 'legacy', job: legacy } },
    { name: 'cloud', ref: { ...cloudRef, jobId: cloud.id }, job: { family: 'cloudBackup', job: cloud } },
  ];
}
