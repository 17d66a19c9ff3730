import * as vscode from 'vscode';
import { inertMarkdown } from '../format/inertMarkdown';
import type { TreeNode } from './treeNode';

export type MessageKind = 'error' | 'warning' | 'info' | 'empty';

export interface MessageOptions {
  kind: MessageKind;
  label: string;
  description?: string;
  /** Full explanation; shown on hover and when the row is clicked. */
  detail?: string;
  /** Offers Retry (inline button, and on click) that runs this. */
  retry?: () => Promise<void> | void;
  /** The failure was about credentials: offer Sign In Again for this connection. */
  signInConnectionId?: string;
  /** A link to read more, shown with the detail. */
  learnMoreUrl?: string;
  /** Overrides what clicking the row does. */
  command?: vscode.Command;
  icon?: vscode.ThemeIcon;
}

const ICONS: Record<MessageKind, vscode.ThemeIcon> = {
  error: new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground')),
  warning: new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')),
  info: new vscode.ThemeIcon('info'),
  empty: new vscode.ThemeIcon('circle-slash'),
};

/** A row that says something instead of listing data: an error with its way forward, or "nothing here". */
export class MessageNode implements TreeNode {
  constructor(
    readonly id: string,
    readonly parent: TreeNode | undefined,
    readonly options: MessageOptions,
  ) {}

  treeItem(): vscode.TreeItem {
    const o = this.options;
    const item = new vscode.TreeItem(o.label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = o.description;
    item.iconPath = o.icon ?? ICONS[o.kind];
    if (o.detail) {
      // The detail may quote Atlas (an error's detail, a name): inert, like every value from Atlas in a hover.
      const md = new vscode.MarkdownString(inertMarkdown(o.detail));
      if (o.learnMoreUrl) md.appendMarkdown(`\n\n[${vscode.l10n.t('Learn more')}](${o.learnMoreUrl})`);
      item.tooltip = md;
    }
    const flags = [o.kind === 'error' || o.kind === 'warning' ? 'error' : 'message'];
    if (o.retry) flags.push('retry');
    if (o.signInConnectionId) flags.push('auth');
    item.contextValue = flags.join(' ');
    item.command = o.command ?? (o.kind === 'error' || o.kind === 'warning' || o.detail
      ? { command: 'atlasRestoreJobs.showMessageDetails', title: vscode.l10n.t('Show Details'), arguments: [this] }
      : undefined);
    item.accessibilityInformation = { label: [o.label, o.description].filter(Boolean).join(', ') };
    return item;
  }
}
