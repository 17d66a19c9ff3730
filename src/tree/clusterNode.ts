import * as vscode from 'vscode';
import { listKey } from '../cache/pageCache';
import { isAtlasError } from '../atlas';
import type { AnyRestoreJob } from '../atlas/types';
import type { ConnectionInfo } from '../connections/model';
import { CLUSTER_KINDS, FAMILIES, listJobsOfFamily, type ClusterDoc, type ClusterKind, type ClusterKindSpec } from '../jobs/families';
import { clusterDescription, clusterNameOf, clusterSummaryRows } from '../jobs/clusterSummary';
import { jobRows } from './jobRows';
import type { JobLocation } from './jobNode';
import { LegacyGroupNode } from './legacyGroupNode';
import { listChildren } from './listChildren';
import { MessageNode } from './messageNode';
import { PagedList } from './pagedList';
import { Tooltip } from './tooltip';
import { TREE_LIST, type ExplorerServices, type TreeNode } from './treeNode';

export type { ClusterDoc } from '../jobs/families';

const FLEX_MIGRATION_URL = 'https://www.mongodb.com/docs/atlas/flex-migration/';

/**
 * A dedicated cluster, serverless instance or flex cluster, whose children are its restore jobs:
 * those of its kind's family (CLUSTER_KINDS), plus a legacy group where the kind has one.
 */
export class ClusterNode implements TreeNode {
  readonly id: string;
  readonly name: string;
  readonly location: JobLocation;
  private readonly jobs: PagedList<AnyRestoreJob>;
  private readonly legacy: LegacyGroupNode | undefined;

  constructor(
    readonly parent: TreeNode,
    connection: ConnectionInfo,
    groupId: string,
    projectName: string,
    readonly doc: ClusterDoc,
    private readonly services: ExplorerServices,
    /** Unique among the project's clusters; `kind:name` unless a document repeats or lacks its name. */
    key = `${doc.kind}:${clusterNameOf(doc)}`,
  ) {
    this.name = clusterNameOf(doc);
    this.id = `${parent.id}/${key}`;
    this.location = { connection, groupId, projectName, clusterName: this.name, clusterKind: doc.kind };
    this.jobs = new PagedList<AnyRestoreJob>(
      (pageNum, itemsPerPage, includeCount) => this.fetchJobs({ pageNum, itemsPerPage, includeCount }),
      () => services.settings().pageSize,
    );
    this.legacy = this.spec.hasLegacyGroup ? new LegacyGroupNode(this, this.location, services) : undefined;
  }

  get kind(): ClusterKind {
    return this.doc.kind;
  }

  private get spec(): ClusterKindSpec {
    return CLUSTER_KINDS[this.kind];
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon(this.spec.icon);
    item.description = this.description();
    item.contextValue = `cluster kind:${this.kind}`;
    item.accessibilityInformation = { label: `${this.name}, ${this.description()}` };
    return item;
  }

  async children(): Promise<TreeNode[]> {
    const showLegacy = this.legacy !== undefined && this.services.settings().showLegacyBackupJobs;
    await this.services.withProgress(() =>
      Promise.all([this.jobs.ensureFirstPage(), showLegacy ? this.legacy!.list.ensureFirstPage() : undefined]),
    );

    const retiredOn = FAMILIES[this.spec.jobsFamily].retiredOn;
    if (retiredOn !== undefined && isRetired(this.jobs.error)) {
      return [this.retiredNode(retiredOn)];
    }

    const legacyRows = showLegacy && this.legacy!.worthShowing ? [this.legacy!] : [];
    const rows = listChildren({
      owner: this,
      list: this.jobs,
      services: this.services,
      connectionId: this.location.connection.id,
      what: FAMILIES[this.spec.jobsFamily].jobsWhat(),
      idPrefix: `${this.id}/jobs`,
      toNodes: (items) => jobRows(this, this.location, items, this.services),
      empty:
        legacyRows.length === 0
          ? () => new MessageNode(`${this.id}/empty`, this, { kind: 'empty', label: vscode.l10n.t('No restore jobs') })
          : undefined,
    });
    return [...rows, ...legacyRows];
  }

  reset(): void {
    this.services.pages.forget(listKey.cluster(this.location.connection.id, this.location.groupId, this.name));
    this.jobs.reset();
    this.legacy?.reset();
  }

  private async fetchJobs(options: { pageNum: number; itemsPerPage: number; includeCount: boolean }) {
    const { connection, groupId } = this.location;
    const family = this.spec.jobsFamily;
    return this.services.pages.page(listKey.jobs(connection.id, groupId, this.name, family), options.pageNum, options.itemsPerPage, async () => {
      const client = await this.services.clients.get(connection);
      return listJobsOfFamily(client, family, groupId, this.name, options);
    }, TREE_LIST);
  }

  /** Not an error: Atlas retired the endpoint on purpose, and the data moved to flex. */
  private retiredNode(retiredOn: string): MessageNode {
    return new MessageNode(`${this.id}/retired`, this, {
      kind: 'info',
      icon: new vscode.ThemeIcon('history'),
      label: vscode.l10n.t('Serverless restore jobs were retired by Atlas on {0}', retiredOn),
      description: vscode.l10n.t('see the flex cluster'),
      detail: vscode.l10n.t(
        'Atlas retired the serverless restore-job endpoint on {0} and migrated serverless instances to flex clusters. The restore jobs of "{1}" are listed under its flex cluster in this project.',
        retiredOn,
        this.name,
      ),
      learnMoreUrl: FLEX_MIGRATION_URL,
      command: { command: 'atlasRestoreJobs.revealFlexCluster', title: vscode.l10n.t('Show the flex cluster'), arguments: [this] },
    });
  }

  private description(): string {
    return clusterDescription(this.doc);
  }

  /** Built when the row is hovered (the explorer's resolveTreeItem), as a job row's is. */
  tooltip(): vscode.MarkdownString {
    const tip = new Tooltip(this.name, this.spec.icon);
    for (const row of clusterSummaryRows(this.doc)) tip.row(row.name, row.value);
    return tip.markdown;
  }
}

function isRetired(error: unknown): boolean {
  return isAtlasError(error) && error.kind === 'gone';
}
