import * as vscode from 'vscode';
import { inertMarkdown } from '../format/inertMarkdown';

/**
 * The hover of a tree row: a title, then "**Name:** value" rows. Values from Atlas go in as inert text
 * (see inertMarkdown): a name can inject neither formatting nor a clickable link into the hover.
 */
export class Tooltip {
  readonly markdown: vscode.MarkdownString;

  /** `icon` is a codicon id shown before the title. */
  constructor(title: string, icon?: string) {
    this.markdown = new vscode.MarkdownString(undefined, icon !== undefined);
    if (icon !== undefined) this.markdown.appendMarkdown(`$(${icon}) `);
    this.markdown.appendMarkdown(inertMarkdown(title)).appendMarkdown('\n\n');
  }

  /** Leaves out a row without a value, so a hover lists only what Atlas told. */
  row(name: string, value: string | undefined): this {
    if (value) this.markdown.appendMarkdown(`**${name}:** ${inertMarkdown(value)}  \n`);
    return this;
  }
}
