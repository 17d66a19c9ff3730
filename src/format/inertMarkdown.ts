/**
 * A value from Atlas as Markdown that renders as exactly that text, with nothing active in it.
 * `MarkdownString.appendText` escapes Markdown syntax, but VS Code's hover renderer still turns any
 * `https://…`, `www.…` or `name@host` in plain text into a clickable link (GFM autolinks), so a project
 * or target named like a URL would become one. Writing the characters that autolinks need (`:`, `.`, `@`)
 * as HTML character references breaks those patterns for the tokenizer, while the reader sees the same
 * characters (Markdown decodes references in text).
 */
export function inertMarkdown(value: string): string {
  return value
    .replace(/[\\`*_{}[\]()#+\-!~|<>&]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : `\\${c}`))
    .replace(/[:.@]/g, (c) => `&#${c.charCodeAt(0)};`)
    .replace(/\r?\n/g, ' ');
}
