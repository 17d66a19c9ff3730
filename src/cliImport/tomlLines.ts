// smol-toml gives positions for syntax errors only. A value of the wrong type is reported with its line too, found
// here by reading the file's headers and keys again: a best effort that gives up (undefined) rather than guess.

const KEY_PART = String.raw`(?:"[^"\n]*"|'[^'\n]*'|[A-Za-z0-9_-]+)`;
const DOTTED_KEY = String.raw`${KEY_PART}(?:\s*\.\s*${KEY_PART})*`;
const TABLE_HEADER = new RegExp(String.raw`^\[\[?\s*(${DOTTED_KEY})\s*\]\]?`);
const KEY_VALUE = new RegExp(String.raw`^(${DOTTED_KEY})\s*=`);

function keyPath(dotted: string): string[] {
  return [...dotted.matchAll(new RegExp(KEY_PART, 'g'))].map((m) => m[0].replace(/^(["'])(.*)\1$/, '$2'));
}

function samePath(a: readonly string[], b: readonly string[]): boolean {
  // The CLI reads keys through viper, which ignores case.
  return a.length === b.length && a.every((part, i) => part.toLowerCase() === b[i].toLowerCase());
}

/**
 * The 1-based line where `path` (a profile, or a profile and one of its keys) is defined: a `[profile]` header,
 * a `key =` line under it, a dotted `profile.key =`, or the `profile = { … }` line of an inline table.
 */
export function lineOf(text: string, path: readonly string[]): number | undefined {
  let table: string[] = [];
  let enclosing: number | undefined;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    const header = TABLE_HEADER.exec(line);
    if (header) {
      table = keyPath(header[1]);
      if (samePath(table, path)) return i + 1;
      continue;
    }
    const key = KEY_VALUE.exec(line);
    if (!key) continue;
    const full = [...table, ...keyPath(key[1])];
    if (samePath(full, path)) return i + 1;
    if (enclosing === undefined && full.length < path.length && samePath(full, path.slice(0, full.length))) enclosing = i + 1;
  }
  return enclosing;
}
