import * as vscode from 'vscode';
import { isAtlasError, SERVERLESS_RESTORE_SUNSET } from '../atlas';
import type {
  AnyRestoreJob,
  CloudBackupRestoreJob,
  DedicatedCluster,
  FlexCluster,
  FlexRestoreJob,
  ServerlessInstance,
  ServerlessRestoreJob,
} from '../atlas/types';
import type { ConnectionInfo } from '../connections/model';
import { jobRows } from './jobRows';
import type { ClusterKind, JobLocation } from './jobNode';
import { LegacyGroupNode } from './legacyGroupNode';
import { listChildren } from './listChildren';
import { MessageNode } from './messageNode';
import { PagedList } from './pagedList';
import type { ExplorerServices, TreeNode } from './treeNode';

export type ClusterDoc =
  | { kind: 'dedicated'; cluster: DedicatedCluster }
  | { kind: 'serverless'; cluster: ServerlessInstance }
  | { kind: 'flex'; cluster: FlexCluster };

const KIND_ICONS: Record<ClusterKind, string> = {
  dedicated: 'database',
  serverless: 'cloud',
  flex: 'layers',
};

const FLEX_MIGRATION_URL = 'https://www.mongodb.com/docs/atlas/flex-migration/';

/**
 * A dedicated cluster, serverless instance or flex cluster, whose children are its restore jobs:
 * cloud backup (plus a legacy group) for dedicated, serverless jobs for serverless, flex jobs for flex.
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
  ) {
    this.name = doc.cluster.name ?? '';
    this.id = `${parent.id}/${doc.kind}:${this.name}`;
    this.location = { connection, groupId, projectName, clusterName: this.name, clusterKind: doc.kind };
    this.jobs = new PagedList<AnyRestoreJob>(
      (pageNum, itemsPerPage, includeCount) => this.fetchJobs(pageNum, itemsPerPage, includeCount),
      () => services.settings().pageSize,
    );
    this.legacy = doc.kind === 'dedicated' ? new LegacyGroupNode(this, this.location, services) : undefined;
  }

  get kind(): ClusterKind {
    return this.doc.kind;
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon(KIND_ICONS[this.kind]);
    item.description = this.description();
    item.tooltip = this.tooltip();
    item.contextValue = `cluster kind:${this.kind}`;
    item.accessibilityInformation = { label: `${this.name}, ${this.description()}` };
    return item;
  }

  async children(): Promise<TreeNode[]> {
    const showLegacy = this.legacy !== undefined && this.services.settings().showLegacyBackupJobs;
    await this.services.withProgress(() =>
      Promise.all([this.jobs.ensureFirstPage(), showLegacy ? this.legacy!.list.ensureFirstPage() : undefined]),
    );

    if (this.kind === 'serverless' && isRetired(this.jobs.error)) {
      return [this.retiredNode()];
    }

    const legacyRows = showLegacy && this.legacy!.worthShowing ? [this.legacy!] : [];
    const rows = listChildren({
      owner: this,
      list: this.jobs,
      services: this.services,
      connectionId: this.location.connection.id,
      what: this.jobsWhat(),
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
    this.jobs.reset();
    this.legacy?.reset();
  }

  private fetchJobs(pageNum: number, itemsPerPage: number, includeCount: boolean) {
    const { connection, groupId } = this.location;
    const options = { pageNum, itemsPerPage, includeCount };
    return this.services.clients.get(connection).then(async (client) => {
      switch (this.kind) {
        case 'dedicated': {
          const page = await client.listCloudBackupRestoreJobs(groupId, this.name, options);
          return { ...page, results: page.results.map((job: CloudBackupRestoreJob): AnyRestoreJob => ({ family: 'cloudBackup', job })) };
        }
        case 'serverless': {
          const page = await client.listServerlessRestoreJobs(groupId, this.name, options);
          return { ...page, results: page.results.map((job: ServerlessRestoreJob): AnyRestoreJob => ({ family: 'serverless', job })) };
        }
        case 'flex': {
          const page = await client.listFlexRestoreJobs(groupId, this.name, options);
          return { ...page, results: page.results.map((job: FlexRestoreJob): AnyRestoreJob => ({ family: 'flex', job })) };
        }
      }
    });
  }

  private jobsWhat(): string {
    switch (this.kind) {
      case 'dedicated':
        return vscode.l10n.t('cloud backup restore jobs');
      case 'serverless':
        return vscode.l10n.t('serverless restore jobs');
      case 'flex':
        return vscode.l10n.t('flex restore jobs');
    }
  }

  /** Not an error: Atlas retired the endpoint on purpose, and the data moved to flex. */
  private retiredNode(): MessageNode {
    return new MessageNode(`${this.id}/retired`, this, {
      kind: 'info',
      icon: new vscode.ThemeIcon('history'),
      label: vscode.l10n.t('Serverless restore jobs were retired by Atlas on {0}', SERVERLESS_RESTORE_SUNSET),
      description: vscode.l10n.t('see the flex cluster'),
      detail: vscode.l10n.t(
        'Atlas retired the serverless restore-job endpoint on {0} and migrated serverless instances to flex clusters. The restore jobs of "{1}" are listed under its flex cluster in this project.',
        SERVERLESS_RESTORE_SUNSET,
        this.name,
      ),
      learnMoreUrl: FLEX_MIGRATION_URL,
      command: { command: 'atlasRestoreJobs.revealFlexCluster', title: vscode.l10n.t('Show the flex cluster'), arguments: [this] },
    });
  }

  private description(): string {
    const parts: string[] = [];
    switch (this.doc.kind) {
      case 'dedicated': {
        const c = this.doc.cluster;
        parts.push(vscode.l10n.t('Dedicated'));
        if (c.clusterType === 'SHARDED' || c.clusterType === 'GEOSHARDED') parts.push(vscode.l10n.t('sharded'));
        if (c.paused) parts.push(vscode.l10n.t('paused'));
        break;
      }
      case 'serverless':
        parts.push(vscode.l10n.t('Serverless'));
        break;
      case 'flex':
        parts.push(vscode.l10n.t('Flex'));
        break;
    }
    const state = this.doc.cluster.stateName;
    if (state && state !== 'IDLE') parts.push(state.toLowerCase());
    return parts.join(' · ');
  }

  private tooltip(): vscode.MarkdownString {
    const md = new vscode.MarkdownString();
    const row = (name: string, value: string | undefined) => {
      if (value) md.appendMarkdown(`**${name}:** `).appendText(value).appendMarkdown('  \n');
    };
    md.appendMarkdown(`$(${KIND_ICONS[this.kind]}) `).appendText(this.name).appendMarkdown('\n\n');
    md.supportThemeIcons = true;
    row(vscode.l10n.t('Kind'), this.description());
    row(vscode.l10n.t('MongoDB'), this.doc.cluster.mongoDBVersion);
    row(vscode.l10n.t('State'), this.doc.cluster.stateName);
    switch (this.doc.kind) {
      case 'dedicated':
        row(vscode.l10n.t('Backup'), this.doc.cluster.backupEnabled ? vscode.l10n.t('cloud backup on') : vscode.l10n.t('off'));
        row(vscode.l10n.t('Continuous backup'), this.doc.cluster.pitEnabled ? vscode.l10n.t('on') : undefined);
        break;
      case 'serverless':
        row(
          vscode.l10n.t('Provider'),
          `${this.doc.cluster.providerSettings.backingProviderName} ${this.doc.cluster.providerSettings.regionName}`,
        );
        break;
      case 'flex':
        row(
          vscode.l10n.t('Provider'),
          [this.doc.cluster.providerSettings.backingProviderName, this.doc.cluster.providerSettings.regionName].filter(Boolean).join(' '),
        );
        break;
    }
    row(vscode.l10n.t('Id'), this.doc.cluster.id);
    return md;
  }
}

function isRetired(error: unknown): boolean {
  return isAtlasError(error) && error.kind === 'gone';
}
