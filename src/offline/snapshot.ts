import type { Page } from '../atlas';
import type { AnyRestoreJob, RestoreJobFamily } from '../atlas/types';
import { jobStatus, type JobStatus } from '../jobs/status';
import { stripDocument } from './strip';

/** One list as the tree last loaded it: its items in Atlas's order, from page 1 on without a gap. */
export interface KeptList {
  /** When its last page was recorded (ISO). */
  at: string;
  itemsPerPage: number;
  totalCount?: number;
  items: unknown[];
}

/** What the copy of one connection holds: lists by key, the connection's own prefix left out. */
export interface Snapshot {
  savedAt?: string;
  lists: Record<string, KeptList>;
}

/**
 * A restore job as kept: the document stripped, and the status it had when it was kept. A cloud backup job
 * counts as ready because its links are listed, and the links are what stripping takes out.
 */
export interface KeptJob {
  family: RestoreJobFamily;
  job: unknown;
  status: JobStatus;
}

const FAMILIES: ReadonlySet<string> = new Set<RestoreJobFamily>(['legacy', 'cloudBackup', 'serverless', 'flex']);

/** Whether an item of a list is a restore job tagged with its family (listJobsOfFamily's items). */
export function isTaggedJob(item: unknown): item is AnyRestoreJob {
  if (typeof item !== 'object' || item === null) return false;
  const { family, job } = item as { family?: unknown; job?: unknown };
  return typeof family === 'string' && FAMILIES.has(family) && typeof job === 'object' && job !== null;
}

export function isKeptJob(item: unknown): item is KeptJob {
  return isTaggedJob(item) && typeof (item as { status?: unknown }).status === 'string';
}

/** An item as it may be written: a job keeps its family and status beside its stripped document. */
export function keptItem(item: unknown, now: Date): unknown {
  if (!isTaggedJob(item)) return stripDocument(item);
  return { family: item.family, job: stripDocument(item.job), status: jobStatus(item, now) } satisfies KeptJob;
}

/**
 * Records one page of a list. Page 1 starts the list again (a refresh shows only page 1 until more is asked
 * for); a later page extends it when it follows on from what is kept, at the same page size, and is
 * dropped otherwise. Returns whether the snapshot changed.
 */
export function recordPage(snapshot: Snapshot, key: string, page: Page<unknown>, now: Date): boolean {
  const items = page.results.map((item) => keptItem(item, now));
  const at = now.toISOString();
  if (page.pageNum === 1) {
    snapshot.lists[key] = { at, itemsPerPage: page.itemsPerPage, ...(page.totalCount !== undefined ? { totalCount: page.totalCount } : {}), items };
    return true;
  }
  const list = snapshot.lists[key];
  const offset = (page.pageNum - 1) * page.itemsPerPage;
  if (!list || list.itemsPerPage !== page.itemsPerPage || list.items.length < offset) return false;
  snapshot.lists[key] = { ...list, at, items: [...list.items.slice(0, offset), ...items] };
  return true;
}

/**
 * The page of a kept list for `pageNum` at `itemsPerPage`, or undefined when the copy holds nothing there. The
 * total is Atlas's, not the copy's: a list the tree had only begun says how long it is, and its Load more…
 * fails as any request does while Atlas is away.
 */
export function keptPage(list: KeptList, pageNum: number, itemsPerPage: number): Page<unknown> | undefined {
  const offset = (pageNum - 1) * itemsPerPage;
  if (pageNum < 1 || itemsPerPage < 1 || (offset >= list.items.length && pageNum > 1)) return undefined;
  const results = list.items.slice(offset, offset + itemsPerPage);
  const totalCount = Math.max(list.totalCount ?? 0, list.items.length);
  return { results, totalCount, pageNum, itemsPerPage, hasNextPage: results.length === itemsPerPage && offset + itemsPerPage < totalCount };
}

/** An empty last page past what a kept list holds: a reader of the whole list stops there, with the part kept. */
export function endOfKept(list: KeptList, pageNum: number, itemsPerPage: number): Page<unknown> {
  return { results: [], totalCount: Math.max(list.totalCount ?? 0, list.items.length), pageNum, itemsPerPage, hasNextPage: false };
}

/** Drops the lists recorded longest ago until at most `maxItems` items are kept; `keep` stays whatever it holds. */
export function evict(snapshot: Snapshot, maxItems: number, keep: string): void {
  let total = Object.values(snapshot.lists).reduce((n, l) => n + l.items.length, 0);
  if (total <= maxItems) return;
  const oldestFirst = Object.entries(snapshot.lists).sort(([, a], [, b]) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  for (const [key, list] of oldestFirst) {
    if (total <= maxItems) return;
    if (key === keep) continue;
    delete snapshot.lists[key];
    total -= list.items.length;
  }
}
