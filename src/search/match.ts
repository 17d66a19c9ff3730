import type { JobFacts } from '../jobs/facts';
import { isSettled, type JobStatus } from '../jobs/status';
import type { SearchQuery, SearchState } from './query';

const DAY_MS = 86_400_000;

const STATES_OF: Readonly<Record<Exclude<SearchState, 'running' | 'ready'>, readonly JobStatus[]>> = {
  failed: ['failed', 'broken', 'interrupted', 'killed'],
  completed: ['completed', 'ready'],
  expired: ['expired', 'downloadLimitReached'],
  cancelled: ['cancelled'],
};

function inState(f: JobFacts, state: SearchState): boolean {
  switch (state) {
    case 'running':
      return !isSettled(f.status);
    case 'ready':
      // A link someone can still use: there, public or private, and not expired.
      return f.delivery.links.length + f.delivery.privateLinks.length > 0 && !f.delivery.expired;
    default:
      return STATES_OF[state].includes(f.status);
  }
}

/** The texts free words are matched against, lower-cased. */
function haystack(f: JobFacts): string[] {
  return [f.id, f.snapshotId, f.batchId, f.targetClusterName, f.targetProjectId, f.clusterName]
    .filter((v): v is string => typeof v === 'string' && v.length > 0)
    .map((v) => v.toLowerCase());
}

/** Whether a job answers the query; `now` decides "the last N days". Never throws, whatever the document holds. */
export function matchesQuery(f: JobFacts, q: SearchQuery, now: Date): boolean {
  if (q.id) return [f.id, f.snapshotId, f.batchId].some((v) => v?.toLowerCase() === q.id);
  if (q.families.length && !q.families.includes(f.family)) return false;
  if (q.states.length && !q.states.some((s) => inState(f, s))) return false;
  if (q.days !== undefined) {
    // A job without a request time cannot be shown to be recent.
    const at = f.requestedAt?.getTime();
    if (at === undefined || at < now.getTime() - q.days * DAY_MS) return false;
  }
  if (q.words.length) {
    const texts = haystack(f);
    if (!q.words.every((w) => texts.some((t) => t.includes(w)))) return false;
  }
  return true;
}
