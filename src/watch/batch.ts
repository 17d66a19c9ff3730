import type { AnyRestoreJob } from '../atlas/types';
import type { Entry } from './entry';

/**
 * One poll: one job by id, or page 1 of a cluster's list answering for several — the due ones and every
 * other job of the cluster not busy elsewhere (their answer comes free). A job the page does not hold is
 * asked by id when its turn comes: at once if it was due, else on its own schedule.
 */
export type Poll = { kind: 'get'; entries: readonly [Entry] } | { kind: 'list'; entries: readonly Entry[] };

/**
 * How `picked` (the connection's oldest due job) is polled. A list pays off when a second job of its
 * cluster is due by `horizon` (now plus a few seconds): one request then answers for both, and for every
 * other job of the cluster it finds. Jobs known not to be on page 1 (`direct`), and jobs with a request
 * in flight, are left out: a running restore is new, so page 1 normally holds it, and one that is not
 * there would not be there next time either.
 */
export function planPoll(picked: Entry, watched: readonly Entry[], dueAt: (e: Entry) => number, horizon: number): Poll {
  if (picked.direct) return { kind: 'get', entries: [picked] };
  const mates = watched.filter((e) => e !== picked && e.cluster === picked.cluster && !e.direct && !e.request);
  if (!mates.some((e) => dueAt(e) <= horizon)) return { kind: 'get', entries: [picked] };
  return { kind: 'list', entries: [picked, ...mates] };
}

/** A page's jobs by id; a document without a string id cannot be matched and is left out. */
export function jobsById(page: readonly AnyRestoreJob[]): Map<string, AnyRestoreJob> {
  const byId = new Map<string, AnyRestoreJob>();
  for (const item of page) {
    const id = (item?.job as { id?: unknown } | undefined)?.id;
    if (typeof id === 'string' && !byId.has(id)) byId.set(id, item);
  }
  return byId;
}
