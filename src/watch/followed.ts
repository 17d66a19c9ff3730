import { jobKey, parseJobRef, type JobRef } from '../jobs/jobRef';

/**
 * A job being followed, as kept in globalState so that following survives a window reload: where the job
 * lives and since when it is followed (the polling backs off with that age). Ids and names only, no secret.
 */
export interface FollowedJob {
  ref: JobRef;
  /** ms since the epoch when following began. */
  since: number;
}

/** Never more: a list that grew without bound would slow every activation. */
export const MAX_FOLLOWED = 500;

/**
 * Reads what an earlier session stored. It comes back from disk and may be from another version, so every
 * entry is checked and copied (see parseJobRef); bad entries and duplicates are dropped, not fatal.
 */
export function parseFollowed(value: unknown): FollowedJob[] {
  if (!Array.isArray(value)) return [];
  const seen = new Set<string>();
  const out: FollowedJob[] = [];
  for (const entry of value.slice(0, MAX_FOLLOWED)) {
    const e = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>) : {};
    const ref = parseJobRef(e.ref);
    const since = typeof e.since === 'number' && Number.isFinite(e.since) && e.since > 0 ? e.since : undefined;
    if (!ref || since === undefined || seen.has(jobKey(ref))) continue;
    seen.add(jobKey(ref));
    out.push({ ref, since });
  }
  return out;
}

export function serializeFollowed(jobs: Iterable<FollowedJob>): FollowedJob[] {
  return [...jobs].slice(0, MAX_FOLLOWED).map(({ ref, since }) => ({ ref: { ...ref }, since }));
}
