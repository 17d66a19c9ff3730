import * as vscode from 'vscode';
import { collectAll, isValidId, type AtlasClient } from '../atlas';
import type { AtlasProject } from '../atlas/types';
import type { AtlasClients } from '../connections/atlasClients';
import type { ConnectionStore } from '../connections/connectionStore';
import type { ConnectionInfo } from '../connections/model';
import { errorMessage } from '../format/errorMessage';
import { clusterNameOf } from '../jobs/clusterSummary';
import { CLUSTER_KIND_IDS, CLUSTER_KINDS, FAMILIES, getJobOfFamily, type ClusterDoc } from '../jobs/families';
import type { JobRef } from '../jobs/jobRef';
import { readObject, readString } from '../jobs/read';
import { prompter, type PickItem } from '../ui/prompter';
import { runningLine } from '../watch/settleText';
import type { RestoreWatch } from './restoreWatch';

export interface WatchCommandDeps {
  watch: RestoreWatch;
  store: ConnectionStore;
  clients: AtlasClients;
  now(): Date;
  openDetails(ref: JobRef): Promise<unknown>;
}

/** The running restores, to pick one and open its details (the status bar item's click). */
export async function showWatchedJobs(deps: WatchCommandDeps): Promise<void> {
  const now = deps.now();
  const items: PickItem<JobRef>[] = deps.watch.running().map((r) => ({
    label: runningLine(r.ref, r.facts, now),
    description: r.ref.projectName,
    value: r.ref,
  }));
  if (items.length === 0) return void vscode.window.showInformationMessage(vscode.l10n.t('No restore job is being followed.'));
  const ref = await prompter().pick({ title: vscode.l10n.t('Running Restores'), placeholder: vscode.l10n.t('Open the details of…'), items });
  if (ref && typeof ref === 'object') await deps.openDetails(ref);
}

const TITLE = () => vscode.l10n.t('Watch Restore Job by ID');

/**
 * Follows a job the view has not shown, e.g. one just started from the Atlas CLI: connection, project and
 * cluster are picked from what Atlas lists, the id is typed; one request checks that the job exists.
 */
export async function watchJobById(deps: WatchCommandDeps): Promise<JobRef | undefined> {
  const connection = await pickConnection(deps.store.list());
  if (!connection) return undefined;
  const client = await deps.clients.get(connection);
  const project = await pickProject(client);
  if (!project) return undefined;
  const target = await pickCluster(client, project.id);
  if (!target) return undefined;
  const jobId = await prompter().input({
    title: TITLE(),
    step: 4,
    totalSteps: 4,
    prompt: vscode.l10n.t('The id of the restore job (24 hexadecimal characters), as the Atlas CLI or UI shows it'),
    placeholder: '65f0c0ffee0000000000abcd',
    validate: (v) => (isValidId(v.trim()) ? undefined : vscode.l10n.t('A restore job id is 24 hexadecimal characters.')),
  });
  if (typeof jobId !== 'string') return undefined;
  const ref: JobRef = {
    connectionId: connection.id,
    connectionLabel: connection.label,
    family: target.family,
    groupId: project.id,
    projectName: project.name,
    clusterName: target.name,
    jobId: jobId.trim(),
  };
  try {
    const job = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Looking up the restore job…') }, () =>
      getJobOfFamily(client, ref.family, ref.groupId, ref.clusterName, ref.jobId),
    );
    deps.watch.follow(ref, job);
    void vscode.window.showInformationMessage(vscode.l10n.t('Following restore job {0} of {1} until it ends.', ref.jobId, ref.clusterName));
    return ref;
  } catch (error) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not follow that restore job: {0}', errorMessage(error)));
    return undefined;
  }
}

async function pickConnection(connections: ConnectionInfo[]): Promise<ConnectionInfo | undefined> {
  if (connections.length <= 1) return connections[0];
  const picked = await prompter().pick({
    title: TITLE(),
    step: 1,
    totalSteps: 4,
    placeholder: vscode.l10n.t('Which connection?'),
    items: connections.map((c) => ({ label: c.label, description: c.baseUrl, value: c })),
  });
  return picked && typeof picked === 'object' ? picked : undefined;
}

async function pickProject(client: AtlasClient): Promise<{ id: string; name: string } | undefined> {
  const projects = await collectAll(client.allPages((o) => client.listProjects(o)));
  const items = projects.flatMap((p: AtlasProject) => {
    const id = readString(readObject(p)?.id);
    return id ? [{ label: readString(readObject(p)?.name) ?? id, description: id, value: { id, name: readString(readObject(p)?.name) ?? id } }] : [];
  });
  const picked = await prompter().pick({ title: TITLE(), step: 2, totalSteps: 4, placeholder: vscode.l10n.t('Which project?'), items });
  return picked && typeof picked === 'object' ? picked : undefined;
}

async function pickCluster(client: AtlasClient, groupId: string): Promise<{ name: string; family: JobRef['family'] } | undefined> {
  const items: PickItem<{ name: string; family: JobRef['family'] }>[] = [];
  for (const kind of CLUSTER_KIND_IDS) {
    const spec = CLUSTER_KINDS[kind];
    const clusters = await collectAll(client.allPages((o) => spec.listClusters(client, groupId, o))).catch(() => []);
    for (const cluster of clusters) {
      const name = clusterNameOf({ kind, cluster } as ClusterDoc);
      if (!name) continue;
      const families = spec.hasLegacyGroup ? [spec.jobsFamily, 'legacy' as const] : [spec.jobsFamily];
      for (const family of families) items.push({ label: name, description: FAMILIES[family].label(), value: { name, family } });
    }
  }
  const picked = await prompter().pick({ title: TITLE(), step: 3, totalSteps: 4, placeholder: vscode.l10n.t('Which cluster, and which kind of restore job?'), items });
  return picked && typeof picked === 'object' ? picked : undefined;
}
