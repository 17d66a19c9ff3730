import * as vscode from 'vscode';

/**
 * The hover of a tree row: a title, then "**Name:** value" rows. Values from Atlas go in as text,
 * never as Markdown, so a name cannot inject formatting or links into the hover.
 */
export class Tooltip {
  readonly markdown: vscode.MarkdownString;

  /** `icon` is a codicon id shown before the title. */
  constructor(title: string, icon?: string) {
    this.markdown = new vscode.MarkdownString(undefined, icon !== undefined);
    if (icon !== undefined) this.markdown.appendMarkdown(`$(${icon}) `);
    this.markdown.appendText(title).appendMarkdown('\n\n');
  }

  /** Leaves out a row without a value, so a hover lists only what Atlas told. */
  row(name: string, value: string | undefined): this {
    if (value) this.markdown.appendMarkdown(`**${name}:** `).appendText(value).appendMarkdown('  \n');
    return this;
  }
}
