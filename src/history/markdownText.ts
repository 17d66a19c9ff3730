import { displayText } from '../format/text';

/**
 * A value from Atlas (or a name a person typed) as Markdown text that renders as exactly that text, on
 * one line, inside a sentence or a table cell: nothing in it can start a link, an image, HTML, code, an
 * emphasis or a new table column, nor end the line.
 *
 * - Line breaks, other control characters and bidirectional overrides become spaces (displayText), and so
 *   do the Unicode line and paragraph separators; the text is cut at `max` characters.
 * - `\`, `` ` ``, `*`, `_`, `~`, `#`, `[`, `]`, `|` are backslash-escaped (`\|` is how a GFM table cell holds a
 *   pipe; a `#` at the end of a heading would otherwise close it).
 * - `<`, `>` and `&` become character references, so no tag or entity of its own reaches the reader.
 * - `:` and `@` become character references, and so does the dot of `www.`: GFM turns a plain
 *   `http://…`, `www.…` or `name@host` into a link (autolinks), and those patterns need them.
 *
 * Unlike src/format/inertMarkdown.ts it leaves `-`, `.`, `(`, `)` alone — harmless where the note puts
 * values (never at the start of a line) — so a cluster named `prod-orders.eu` still reads as itself when
 * the note is pasted where Markdown is not rendered.
 */
export function markdownText(value: unknown, max = 120): string {
  return displayText(value, max)
    .replace(/[\u2028\u2029]/g, ' ')
    .replace(/[\\`*_~#[\]|<>&:@]/g, (c) => ESCAPES[c] ?? `\\${c}`)
    .replace(/(www)\./gi, '$1&#46;');
}

const ESCAPES: Readonly<Record<string, string>> = {
  '<': '&lt;',
  '>': '&gt;',
  '&': '&amp;',
  ':': '&#58;',
  '@': '&#64;',
};
