import * as vscode from 'vscode';
import type { LegacyRestoreJob } from '../atlas/types';
import type { ConnectionInfo } from '../connections/model';
import type { ExportRow } from '../export/jobExport';
import { displayText } from '../format/text';
import { CLUSTER_KINDS, FAMILIES } from '../jobs/families';
import type { SearchQuery } from '../search/query';
import type { SearchMatch, SearchProblem, SearchProgress } from '../search/searchRun';
import { BatchNode } from './batchNode';
import { failureNode } from './errorNodes';
import { JobNode, type JobLocation } from './jobNode';
import { legacyJobRows } from './legacyGroupNode';
import { MessageNode } from './messageNode';
import { SearchCopyUse } from './searchCopyUse';
import type { ExplorerServices, TreeNode } from './treeNode';

export type SearchState = 'running' | 'done' | 'cancelled';

/** The results of one search, at the top of the view: grouped by project and cluster, as they stream in. */
export class SearchResultsNode implements TreeNode {
  readonly id = 'search';
  readonly parent = undefined;
  state: SearchState = 'running';
  progress: SearchProgress = { projectsTotal: 0, projectsDone: 0, jobsSeen: 0, matches: 0 };
  /** Set while Atlas's rate limit holds the search back. */
  pausedUntil: Date | undefined;
  private readonly projects = new Map<string, SearchProjectNode>();
  private readonly problems: MessageNode[] = [];
  private readonly copy: SearchCopyUse;

  constructor(
    readonly query: SearchQuery,
    readonly connections: readonly ConnectionInfo[],
    private readonly services: ExplorerServices,
    /** Runs the same search again (the Retry of a problem row). */
    private readonly again: () => void,
  ) {
    this.copy = new SearchCopyUse(services);
  }

  addMatch(m: SearchMatch): void {
    const connection = this.connections.find((c) => c.id === m.project.connectionId);
    if (!connection) return;
    this.copy.match(m);
    const key = `${m.project.connectionId}/${m.project.groupId}`;
    let project = this.projects.get(key);
    if (!project) {
      project = new SearchProjectNode(this, connection, m.project.groupId, m.project.name, this.connections.length > 1, this.services);
      this.projects.set(key, project);
    }
    project.add(m);
  }

  addProblem(p: SearchProblem): void {
    if (this.copy.absorb(p)) return;
    const where = [p.project?.name, p.clusterName].filter(Boolean).join(' › ');
    const what =
      p.what === 'projects'
        ? vscode.l10n.t('the projects of {0}', this.connections.find((c) => c.id === p.connectionId)?.label ?? p.connectionId)
        : p.what === 'clusters'
          ? vscode.l10n.t('the clusters of {0}', where)
          : vscode.l10n.t('{0} restore jobs of {1}', FAMILIES[p.what].label().toLocaleLowerCase(), where);
    const node = failureNode(p.error, { id: `${this.id}/problem/${this.problems.length}`, parent: this, what, connectionId: p.connectionId, retry: this.again });
    if (node) this.problems.push(node);
  }

  /** Every job found, for export. */
  rows(): ExportRow[] {
    return [...this.projects.values()].flatMap((p) => p.rows());
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(vscode.l10n.t('Search: {0}', displayText(this.query.text, 120)), vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.id;
    item.description = this.description();
    item.iconPath = new vscode.ThemeIcon(this.state === 'running' ? 'loading~spin' : 'search');
    item.contextValue = `searchResults ${this.state}`;
    item.tooltip = vscode.l10n.t('{0} restore jobs looked at in {1} of {2} projects', this.progress.jobsSeen, this.progress.projectsDone, this.progress.projectsTotal);
    return item;
  }

  private description(): string {
    const p = this.progress;
    const matches = vscode.l10n.t('{0} matches', p.matches);
    const copy = this.copy.description();
    const fromCopy = copy ? [copy] : [];
    if (this.state === 'running') {
      const paused = this.pausedUntil ? [vscode.l10n.t('paused by Atlas’s rate limit')] : [];
      return [vscode.l10n.t('{0} of {1} projects', p.projectsDone, p.projectsTotal), matches, ...paused, ...fromCopy].join(' · ');
    }
    const problems = this.problems.length ? [vscode.l10n.t('{0} could not be searched', this.problems.length)] : [];
    const ended = this.state === 'cancelled' ? [vscode.l10n.t('cancelled after {0} of {1} projects', p.projectsDone, p.projectsTotal)] : [vscode.l10n.t('{0} projects', p.projectsTotal)];
    return [matches, ...ended, ...problems, ...fromCopy].join(' · ');
  }

  async children(): Promise<TreeNode[]> {
    const projects = [...this.projects.values()].sort((a, b) => a.name.localeCompare(b.name));
    const rows: TreeNode[] = [...this.problems, ...projects];
    if (rows.length === 0 && this.state !== 'running') {
      rows.push(new MessageNode(`${this.id}/none`, this, { kind: 'empty', label: vscode.l10n.t('No restore job matches') }));
    }
    const copy = this.copy.row(this, this.again);
    return copy ? [copy, ...rows] : rows;
  }
}

class SearchProjectNode implements TreeNode {
  readonly id: string;
  private readonly clusters = new Map<string, SearchClusterNode>();

  constructor(
    readonly parent: SearchResultsNode,
    readonly connection: ConnectionInfo,
    readonly groupId: string,
    readonly name: string,
    private readonly showConnection: boolean,
    private readonly services: ExplorerServices,
  ) {
    this.id = `${parent.id}/${encodeURIComponent(connection.id)}/${groupId}`;
  }

  add(m: SearchMatch): void {
    let cluster = this.clusters.get(m.clusterName);
    if (!cluster) {
      cluster = new SearchClusterNode(this, m, this.services);
      this.clusters.set(m.clusterName, cluster);
    }
    cluster.add(m);
  }

  rows(): ExportRow[] {
    return [...this.clusters.values()].flatMap((c) => c.rows());
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(displayText(this.name, 120), vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.id;
    const count = [...this.clusters.values()].reduce((n, c) => n + c.size, 0);
    item.description = [this.showConnection ? this.connection.label : undefined, vscode.l10n.t('{0} matches', count)].filter(Boolean).join(' · ');
    item.iconPath = new vscode.ThemeIcon('project');
    item.contextValue = 'searchProject';
    return item;
  }

  async children(): Promise<TreeNode[]> {
    return [...this.clusters.values()].sort((a, b) => a.name.localeCompare(b.name));
  }
}

class SearchClusterNode implements TreeNode {
  readonly id: string;
  readonly name: string;
  private readonly location: JobLocation;
  /** Rows of the matches of every family but legacy, as they came. */
  private readonly jobs: JobNode[] = [];
  private readonly ids = new Set<string>();
  /** Legacy matches: their rows group a sharded restore's jobs under its batch, as the Legacy backup group does. */
  private readonly legacy: LegacyRestoreJob[] = [];
  /** Built again only when a legacy match comes, so that redraws while results stream keep the same nodes. */
  private legacyRows: TreeNode[] | undefined;

  constructor(
    readonly parent: SearchProjectNode,
    private readonly first: SearchMatch,
    private readonly services: ExplorerServices,
  ) {
    this.name = first.clusterName;
    this.id = `${parent.id}/${first.clusterKind}:${encodeURIComponent(first.clusterName)}`;
    this.location = {
      connection: parent.connection,
      groupId: parent.groupId,
      projectName: parent.name,
      clusterName: first.clusterName,
      clusterKind: first.clusterKind,
    };
  }

  get size(): number {
    return this.jobs.length + this.legacy.length;
  }

  add(m: SearchMatch): void {
    if (m.job.family === 'legacy') {
      this.legacy.push(m.job.job);
      this.legacyRows = undefined;
      return;
    }
    // A job Atlas lists twice (or without an id) still gets a row of its own.
    const base = `${m.job.family}:${m.facts.id}`;
    let suffix = '';
    for (let n = 2; this.ids.has(base + suffix); n++) suffix = `#${n}`;
    this.ids.add(base + suffix);
    // The facts the search matched on: the row shows what was matched, and they are not read twice.
    this.jobs.push(new JobNode(this, this.location, m.job, this.services, undefined, suffix, m.facts));
  }

  /** The jobs in the order the rows show them, those of a batch row included. */
  rows(): ExportRow[] {
    return this.nodes()
      .flatMap((n) => (n instanceof BatchNode ? n.jobs : n instanceof JobNode ? [n] : []))
      .map((j) => ({
        connection: this.parent.connection.label,
        projectName: this.parent.name,
        groupId: this.parent.groupId,
        clusterName: this.name,
        job: j.job,
      }));
  }

  treeItem(): vscode.TreeItem {
    const spec = CLUSTER_KINDS[this.first.clusterKind];
    const item = new vscode.TreeItem(displayText(this.name, 120), vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.id;
    item.description = `${spec.label()} · ${vscode.l10n.t('{0} matches', this.size)}`;
    item.iconPath = new vscode.ThemeIcon(spec.icon);
    item.contextValue = 'searchCluster';
    return item;
  }

  async children(): Promise<TreeNode[]> {
    return this.nodes();
  }

  /** Newest first, a batch row by its newest job, as in the tree. */
  private nodes(): TreeNode[] {
    this.legacyRows ??= legacyJobRows(this, this.location, this.legacy, this.services);
    const at = (n: TreeNode) => (n instanceof BatchNode ? n.requestedAt : n instanceof JobNode ? n.facts.requestedAt : undefined)?.getTime() ?? -Infinity;
    return [...this.jobs, ...this.legacyRows].sort((a, b) => at(b) - at(a) || b.id.localeCompare(a.id));
  }
}
