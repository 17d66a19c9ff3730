import * as vscode from 'vscode';
import { collectAll, type AtlasClient } from '../atlas';
import type { AtlasProject } from '../atlas/types';
import type { ConnectionInfo } from '../connections/model';
import { formatDateTime, parseDate } from '../format/time';
import { CLUSTER_KIND_IDS, CLUSTER_KINDS, type ClusterDoc, type ClusterKind as Kind } from '../jobs/families';
import { ClusterNode } from './clusterNode';
import { failureNode } from './errorNodes';
import { MessageNode } from './messageNode';
import { Tooltip } from './tooltip';
import type { ExplorerServices, TreeNode } from './treeNode';

type KindResult = { ok: true; docs: ClusterDoc[] } | { ok: false; error: unknown };

/**
 * A project, whose children are all its clusters of the three kinds. Each kind is its own list
 * in Atlas, fetched in parallel; one failing (say, a 403 on serverless) does not hide the others.
 */
export class ProjectNode implements TreeNode {
  readonly id: string;
  readonly groupId: string;
  private loaded: Map<Kind, KindResult> | undefined;
  private loading: Promise<void> | undefined;
  private nodes = new Map<string, ClusterNode>();

  constructor(
    readonly parent: TreeNode,
    readonly connection: ConnectionInfo,
    readonly project: AtlasProject,
    /** Shown when the connection reaches more than one organization. */
    private readonly orgName: string | undefined,
    private readonly services: ExplorerServices,
  ) {
    this.groupId = project.id ?? '';
    this.id = `${parent.id}/project:${this.groupId}`;
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.project.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('project');
    const clusters = vscode.l10n.t('{0} clusters', this.project.clusterCount);
    item.description = this.orgName ? `${this.orgName} · ${clusters}` : clusters;
    const created = parseDate(this.project.created);
    item.tooltip = new Tooltip(this.project.name)
      .row(vscode.l10n.t('Project id'), this.groupId)
      .row(vscode.l10n.t('Organization'), this.orgName ?? this.project.orgId)
      .row(vscode.l10n.t('Clusters'), String(this.project.clusterCount))
      .row(vscode.l10n.t('Created'), created && formatDateTime(created, this.services.settings().timeZone)).markdown;
    item.contextValue = 'project';
    return item;
  }

  async children(): Promise<TreeNode[]> {
    await this.services.withProgress(() => this.load());
    const rows: TreeNode[] = [];
    for (const kind of CLUSTER_KIND_IDS) {
      const result = this.loaded?.get(kind);
      if (!result) continue;
      if (result.ok) {
        rows.push(...result.docs.map((doc) => this.clusterNode(doc)));
      } else {
        const failure = failureNode(result.error, {
          id: `${this.id}/${kind}/failure`,
          parent: this,
          what: CLUSTER_KINDS[kind].listWhat(),
          connectionId: this.connection.id,
          retry: async () => {
            this.loaded?.delete(kind);
            await this.services.withProgress(() => this.load());
            this.services.changed(this);
          },
        });
        if (failure) rows.push(failure);
      }
    }
    if (rows.length === 0) {
      rows.push(new MessageNode(`${this.id}/empty`, this, { kind: 'empty', label: vscode.l10n.t('No clusters in this project') }));
    }
    return rows;
  }

  /** The flex cluster a retired serverless instance became, if this project has it loaded. */
  flexCluster(name: string): ClusterNode | undefined {
    return this.nodes.get(`flex:${name}`);
  }

  reset(): void {
    this.loaded = undefined;
    this.loading = undefined;
    this.nodes.clear();
  }

  private clusterNode(doc: ClusterDoc): ClusterNode {
    // Reuse nodes across refreshes of the list so their loaded jobs survive a "Load more" elsewhere.
    const key = `${doc.kind}:${doc.cluster.name}`;
    let node = this.nodes.get(key);
    if (!node) {
      node = new ClusterNode(this, this.connection, this.groupId, this.project.name, doc, this.services);
      this.nodes.set(key, node);
    }
    return node;
  }

  private load(): Promise<void> {
    const missing = CLUSTER_KIND_IDS.filter((k) => !this.loaded?.has(k));
    if (missing.length === 0) return Promise.resolve();
    if (this.loading) return this.loading;
    this.loading = (async () => {
      const loaded = this.loaded ?? new Map<Kind, KindResult>();
      try {
        const client = await this.services.clients.get(this.connection);
        const results = await Promise.all(missing.map((kind) => this.fetchKind(client, kind)));
        missing.forEach((kind, i) => loaded.set(kind, results[i]));
      } catch (error) {
        for (const kind of missing) loaded.set(kind, { ok: false, error });
      }
      this.loaded = loaded;
    })().finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  private async fetchKind(client: AtlasClient, kind: Kind): Promise<KindResult> {
    const itemsPerPage = this.services.settings().pageSize;
    const spec = CLUSTER_KINDS[kind];
    try {
      const all = await collectAll(client.allPages((o) => spec.listClusters(client, this.groupId, o), { itemsPerPage }));
      return { ok: true, docs: sortByName(all).map((cluster) => ({ kind, cluster }) as ClusterDoc) };
    } catch (error) {
      return { ok: false, error };
    }
  }
}

function sortByName<T extends { name?: string }>(items: T[]): T[] {
  return [...items].sort((a, b) => (a.name ?? '').localeCompare(b.name ?? ''));
}
