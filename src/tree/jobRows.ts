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
  return jobs
    .map((job) => new JobNode(parent, location, job, services))
    .sort((a, b) => compareNewestFirst(a.facts, b.facts));
}
