import * as vscode from 'vscode';
import { listKey } from '../cache/pageCache';
import { collectAll } from '../atlas';
import type { AtlasProject } from '../atlas/types';
import type { ConnectionInfo } from '../connections/model';
import { readObject, readString } from '../jobs/read';
import { listChildren } from './listChildren';
import { MessageNode } from './messageNode';
import { PagedList } from './pagedList';
import { ProjectNode } from './projectNode';
import { Tooltip } from './tooltip';
import { TREE_LIST, type ExplorerServices, type TreeNode } from './treeNode';
import { asOfText } from '../offline/keptJobs';

/** A top-level connection (one Atlas account or service account), whose children are its projects. */
export class ConnectionNode implements TreeNode {
  readonly id: string;
  readonly parent = undefined;
  readonly projects: PagedList<AtlasProject>;
  /** Organization names by id; undefined until loaded (or when the lookup failed: names are a nicety). */
  private orgNames: Map<string, string> | undefined;
  private orgLoad: Promise<void> | undefined;
  private readonly projectNodes = new Map<string, ProjectNode>();

  constructor(
    readonly connection: ConnectionInfo,
    private readonly services: ExplorerServices,
  ) {
    this.id = `connection:${connection.id}`;
    this.projects = new PagedList(
      async (pageNum, itemsPerPage, includeCount) => {
        return services.pages.page(listKey.projects(connection.id), pageNum, itemsPerPage, async () => {
          const client = await services.clients.get(connection);
          return client.listProjects({ pageNum, itemsPerPage, includeCount });
        }, TREE_LIST);
      },
      () => services.settings().pageSize,
    );
  }

  treeItem(): vscode.TreeItem {
    const c = this.connection;
    const item = new vscode.TreeItem(c.label, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    const kind = c.kind === 'serviceAccount' ? vscode.l10n.t('service account') : vscode.l10n.t('API key');
    const offlineSince = this.services.offline?.offlineSince(c.id);
    const asOf = offlineSince && asOfText(offlineSince, this.services.now(), this.services.settings().timeZone);
    item.iconPath = asOf
      ? new vscode.ThemeIcon('debug-disconnect', new vscode.ThemeColor('list.warningForeground'))
      : new vscode.ThemeIcon(c.source === 'environment' ? 'terminal' : c.kind === 'serviceAccount' ? 'account' : 'key');
    const offline = asOf ? vscode.l10n.t('offline · as of {0}', asOf) : undefined;
    item.description = [offline, kind, hostOf(c.baseUrl)].filter(Boolean).join(' · ');
    const tooltip = new Tooltip(c.label);
    if (asOf) {
      tooltip.row(
        vscode.l10n.t('Offline'),
        vscode.l10n.t(
          'Atlas cannot be reached: these are the projects, clusters and restore jobs as they were at {0}, kept on this computer without delivery links. Refresh to try Atlas again.',
          asOf,
        ),
      );
    }
    item.tooltip = tooltip
      .row(vscode.l10n.t('Sign-in'), c.kind === 'serviceAccount' ? vscode.l10n.t('Service account (OAuth 2.0)') : vscode.l10n.t('API key (HTTP Digest)'))
      .row(c.kind === 'serviceAccount' ? vscode.l10n.t('Client id') : vscode.l10n.t('Public key'), c.publicId)
      .row(vscode.l10n.t('Atlas'), c.baseUrl)
      .row(
        vscode.l10n.t('Secret'),
        c.source === 'environment'
          ? vscode.l10n.t('read from MONGODB_ATLAS_* environment variables, never stored')
          : vscode.l10n.t("kept in VS Code's secret storage"),
      ).markdown;
    item.contextValue = asOf ? `connection ${c.source} offline` : `connection ${c.source}`;
    if (asOf) item.accessibilityInformation = { label: `${c.label}, ${item.description}` };
    return item;
  }

  async children(): Promise<TreeNode[]> {
    const problem = this.connection.source === 'environment' ? this.services.store.environmentProblem() : undefined;
    if (problem) {
      return [
        new MessageNode(`${this.id}/environment-problem`, this, {
          kind: 'error',
          label: vscode.l10n.t('MONGODB_ATLAS_OPS_MANAGER_URL is not usable'),
          description: problem,
          detail: problem,
        }),
      ];
    }
    await this.services.withProgress(() => Promise.all([this.projects.ensureFirstPage(), this.loadOrgNames()]));
    const multiOrg = this.orgNames !== undefined && this.orgNames.size > 1;
    return listChildren({
      owner: this,
      list: this.projects,
      services: this.services,
      connectionId: this.connection.id,
      what: vscode.l10n.t('projects'),
      idPrefix: `${this.id}/projects`,
      toNodes: (items) => this.projectRows(items, multiOrg),
      empty: () =>
        new MessageNode(`${this.id}/empty`, this, {
          kind: 'empty',
          label: vscode.l10n.t('No projects'),
          description: vscode.l10n.t('this account reaches no project'),
        }),
    });
  }

  reset(): void {
    this.services.pages.forget(listKey.connection(this.connection.id));
    this.projects.reset();
    this.orgNames = undefined;
    this.orgLoad = undefined;
    this.projectNodes.clear();
  }

  /** One row per project; a project Atlas lists twice (or without an id) still gets rows of its own. */
  private projectRows(items: readonly AtlasProject[], multiOrg: boolean): ProjectNode[] {
    const seen = new Map<string, number>();
    return items.map((project) => {
      const p = readObject(project);
      const base = readString(p?.id) ?? readString(p?.name) ?? '';
      const times = (seen.get(base) ?? 0) + 1;
      seen.set(base, times);
      return this.projectNode(project, times === 1 ? base : `${base}#${times}`, multiOrg);
    });
  }

  private projectNode(project: AtlasProject, key: string, multiOrg: boolean): ProjectNode {
    let node = this.projectNodes.get(key);
    if (!node) {
      const orgId = readString(readObject(project)?.orgId);
      node = new ProjectNode(this, this.connection, project, multiOrg && orgId ? this.orgNames?.get(orgId) : undefined, this.services, key);
      this.projectNodes.set(key, node);
    }
    return node;
  }

  private loadOrgNames(): Promise<void> {
    if (this.orgNames || this.orgLoad) return this.orgLoad ?? Promise.resolve();
    this.orgLoad = (async () => {
      try {
        const client = await this.services.clients.get(this.connection);
        const orgs = await collectAll(client.allPages((o) => client.listOrganizations(o), { itemsPerPage: 500 }));
        this.orgNames = new Map(orgs.filter((o) => o.id).map((o) => [o.id!, o.name]));
      } catch (error) {
        // Project rows still work without organization names; the project list reports real failures.
        this.services.log.warn(`Organization names unavailable for "${this.connection.label}": ${String(error)}`);
      }
    })();
    return this.orgLoad;
  }
}

function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return baseUrl;
  }
}
