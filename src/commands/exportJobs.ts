import { writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { PageCache } from '../cache/pageCache';
import type { Settings } from '../config/settings';
import type { AtlasClients } from '../connections/atlasClients';
import { jobsCsv, jobsJson, type ExportRow } from '../export/jobExport';
import { safeFileName } from '../jobs/links';
import { allJobsOfFamily, familiesOfKind } from '../search/clusterJobs';
import { BatchNode } from '../tree/batchNode';
import { ClusterNode } from '../tree/clusterNode';
import { SearchResultsNode } from '../tree/searchNodes';
import type { TreeNode } from '../tree/treeNode';
import { prompter } from '../ui/prompter';

export interface ExportDeps {
  clients: AtlasClients;
  pages: PageCache;
  settings: () => Settings;
  now: () => Date;
  withProgress<T>(task: () => Promise<T>): Promise<T>;
}

type Format = 'json' | 'csv';

/** The jobs behind a row: every job of a cluster (all pages), of a sharded restore, or of a search. */
async function rowsOf(node: TreeNode, deps: ExportDeps): Promise<{ rows: ExportRow[]; name: string } | undefined> {
  if (node instanceof SearchResultsNode) return { rows: node.rows(), name: `search-${node.query.text}` };
  if (node instanceof BatchNode) {
    await node.children();
    const l = node.location;
    const rows = node.jobs.map((j) => ({ connection: l.connection.label, projectName: l.projectName, groupId: l.groupId, clusterName: l.clusterName, job: j.job }));
    return { rows, name: `${l.clusterName}-batch-${node.batchId}` };
  }
  if (node instanceof ClusterNode) {
    const l = node.location;
    const client = await deps.clients.get(l.connection);
    const lists = await deps.withProgress(() =>
      Promise.all(
        familiesOfKind(l.clusterKind).map((family) =>
          allJobsOfFamily(client, deps.pages, { connectionId: l.connection.id, groupId: l.groupId, clusterName: l.clusterName, family, pageSize: deps.settings().pageSize }),
        ),
      ),
    );
    const rows = lists.flat().map((job) => ({ connection: l.connection.label, projectName: l.projectName, groupId: l.groupId, clusterName: l.clusterName, job }));
    return { rows, name: l.clusterName };
  }
  return undefined;
}

/**
 * Export Restore Jobs…: the full documents as JSON (authValue masked) or the row's columns as CSV (times in
 * ISO 8601 UTC), written where the user says in the save dialog.
 */
export async function exportJobs(node: TreeNode | undefined, deps: ExportDeps): Promise<string | undefined> {
  const found = node ? await rowsOf(node, deps) : undefined;
  if (!found) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Select a cluster, a sharded restore or search results to export.'));
    return undefined;
  }
  if (found.rows.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('There are no restore jobs to export here.'));
    return undefined;
  }
  const format = await prompter().pick<Format>({
    title: vscode.l10n.t('Export {0} Restore Jobs', found.rows.length),
    placeholder: vscode.l10n.t('Which format?'),
    items: [
      { label: '$(json) JSON', description: vscode.l10n.t('the full job documents (authValue masked)'), value: 'json' },
      { label: '$(table) CSV', description: vscode.l10n.t('the columns of the rows, times in ISO 8601 UTC'), value: 'csv' },
    ],
  });
  if (format !== 'json' && format !== 'csv') return undefined;
  const stamp = deps.now().toISOString().slice(0, 10);
  const folder = deps.settings().downloadFolder || homedir();
  const path = await prompter().saveFile({
    title: vscode.l10n.t('Export Restore Jobs'),
    defaultPath: join(folder, safeFileName(`${found.name}-restore-jobs-${stamp}.${format}`)),
    filters: format === 'json' ? { JSON: ['json'] } : { CSV: ['csv'] },
  });
  if (!path) return undefined;
  const text = format === 'json' ? jobsJson(found.rows, deps.now()) : jobsCsv(found.rows, deps.now());
  await writeFile(path, text, 'utf8');
  const open = vscode.l10n.t('Open');
  void vscode.window.showInformationMessage(vscode.l10n.t('Exported {0} restore jobs to {1}.', found.rows.length, path), open).then(async (choice) => {
    if (choice === open) await vscode.window.showTextDocument(vscode.Uri.file(path));
  });
  return path;
}
