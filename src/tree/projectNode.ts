import * as vscode from 'vscode';
import { collectAll, type AtlasClient } from '../atlas';
import { listKey } from '../cache/pageCache';
import type { AtlasProject } from '../atlas/types';
import type { ConnectionInfo } from '../connections/model';
import { formatDateTime, parseDate } from '../format/time';
import { CLUSTER_KIND_IDS, CLUSTER_KINDS, type ClusterDoc, type ClusterKind as Kind } from '../jobs/families';
import { displayText } from '../format/text';
import { clusterNameOf } from '../jobs/clusterSummary';
import { readNumber, readObject, readString } from '../jobs/read';
import { ClusterNode } from './clusterNode';
import { failureNode } from './errorNodes';
import { MessageNode } from './messageNode';
import { Tooltip } from './tooltip';
import { TREE_LIST, type ExplorerServices, type TreeNode } from './treeNode';

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
    /** Unique among the connection's projects: the id, unless a document repeats or lacks it. */
    key = readString(readObject(project)?.id) ?? '',
  ) {
    this.groupId = readString(readObject(project)?.id) ?? '';
    this.id = `${parent.id}/project:${key}`;
  }

  /** The project's name as Atlas gave it, or its id when the document has none. */
  get projectName(): string {
    return readString(readObject(this.project)?.name) ?? this.groupId;
  }

  treeItem(): vscode.TreeItem {
    const p = readObject(this.project) ?? {};
    const item = new vscode.TreeItem(displayText(this.projectName), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('project');
    const count = readNumber(p.clusterCount);
    const clusters = count === undefined ? undefined : vscode.l10n.t('{0} clusters', count);
    item.description = [this.orgName && displayText(this.orgName), clusters].filter(Boolean).join(' · ');
    const created = parseDate(p.created);
    item.tooltip = new Tooltip(this.projectName)
      .row(vscode.l10n.t('Project id'), this.groupId)
      .row(vscode.l10n.t('Organization'), this.orgName ?? readString(p.orgId))
      .row(vscode.l10n.t('Clusters'), count === undefined ? undefined : String(count))
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
        const seen = new Map<string, number>();
        for (const doc of result.docs) {
          // A name Atlas repeats (or leaves out) must not give two rows one id: VS Code would drop the project's rows.
          const base = `${doc.kind}:${clusterNameOf(doc)}`;
          const times = (seen.get(base) ?? 0) + 1;
          seen.set(base, times);
          rows.push(this.clusterNode(doc, times === 1 ? base : `${base}#${times}`));
        }
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
    this.services.pages.forget(listKey.project(this.connection.id, this.groupId));
    this.loaded = undefined;
    this.loading = undefined;
    this.nodes.clear();
  }

  private clusterNode(doc: ClusterDoc, key: string): ClusterNode {
    // Reuse nodes across refreshes of the list so their loaded jobs survive a "Load more" elsewhere.
    let node = this.nodes.get(key);
    if (!node) {
      node = new ClusterNode(this, this.connection, this.groupId, this.projectName, doc, this.services, key);
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
    const spec = CLUSTER_KINDS[kind];
    try {
      const key = listKey.clusters(this.connection.id, this.groupId, kind);
      const pageSize = this.services.settings().pageSize;
      // The search's cachedList, but as the tree's list: kept for offline, and answered from the copy then.
      const pages = client.allPages(
        (p) => this.services.pages.page(key, p.pageNum ?? 1, p.itemsPerPage ?? pageSize, () => spec.listClusters(client, this.groupId, p), TREE_LIST),
        { itemsPerPage: pageSize },
      );
      const all = await collectAll(pages);
      const docs = all.map((cluster) => ({ kind, cluster }) as ClusterDoc);
      return { ok: true, docs: docs.sort((a, b) => clusterNameOf(a).localeCompare(clusterNameOf(b))) };
    } catch (error) {
      return { ok: false, error };
    }
  }
}
