import type { AnyRestoreJob } from '../atlas/types';
import { compareNewestFirst } from '../jobs/facts';
import { JobNode, type JobLocation } from './jobNode';
import type { ExplorerServices, TreeNode } from './treeNode';

/** Job rows for loaded documents, newest first whatever order the pages came in. */
export function jobRows(
  parent: TreeNode,
  location: JobLocation,
  jobs: readonly AnyRestoreJob[],
  services: ExplorerServices,
): JobNode[] {
  return uniqueRows(jobs, (job, suffix) => new JobNode(parent, location, job, services, undefined, suffix)).sort((a, b) =>
    compareNewestFirst(a.facts, b.facts),
  );
}

/**
 * Builds rows whose ids are unique: VS Code refuses a whole list that repeats an id, and a job without an
 * id, or one Atlas lists twice, must not take its siblings down with it.
 */
export function uniqueRows<T>(items: readonly T[], build: (item: T, idSuffix: string) => JobNode): JobNode[] {
  const seen = new Map<string, number>();
  return items.map((item) => {
    const node = build(item, '');
    const times = seen.get(node.id) ?? 0;
    seen.set(node.id, times + 1);
    return times === 0 ? node : build(item, `#${times + 1}`);
  });
}
