import type { HistoryScope } from '../historyPanel/loadHistory';
import type { JobLocation } from '../tree/jobNode';
import { ClusterNode } from '../tree/clusterNode';
import { ProjectNode } from '../tree/projectNode';
import type { TreeNode } from '../tree/treeNode';

function ofLocation(l: JobLocation): HistoryScope {
  const scope: HistoryScope = { connectionId: l.connection.id, connectionLabel: l.connection.label, groupId: l.groupId, cluster: { name: l.clusterName, kind: l.clusterKind } };
  if (l.projectName !== undefined) scope.projectName = l.projectName;
  return scope;
}

/**
 * The history a tree row stands for: a project's, or its cluster's for a cluster and anything under one
 * (a job, a legacy group, a batch), so the command works from whatever row is selected.
 */
export function historyScopeOf(node: TreeNode | undefined): HistoryScope | undefined {
  for (let n = node; n; n = n.parent) {
    if (n instanceof ClusterNode) return ofLocation(n.location);
    if (n instanceof ProjectNode) return { connectionId: n.connection.id, connectionLabel: n.connection.label, groupId: n.groupId, projectName: n.projectName };
  }
  return undefined;
}
