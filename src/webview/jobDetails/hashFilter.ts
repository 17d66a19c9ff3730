/**
 * The filter over the file hashes table: the rows whose file name or hash contains every word typed,
 * ignoring case. Pure, unit-tested; a search over 50,000 rows takes a few milliseconds, so it runs on
 * every keystroke without a delay.
 */
import type { HashTable } from '../../panel/protocol';

/** One lower-cased text per row; built on the first search, not before the first paint. */
export type SearchIndex = readonly string[];

// Between the name and the hash, so that a word never matches across the two.
const SEPARATOR = '\u0000';

export function searchIndex(table: HashTable): SearchIndex {
  const out = new Array<string>(table.hashes.length);
  for (let i = 0; i < out.length; i++) out[i] = `${table.fileNames[i] ?? ''}${SEPARATOR}${table.hashes[i] ?? ''}`.toLowerCase();
  return out;
}

/** The words of a query, lower-cased; none for a blank one. */
export function queryWords(query: string): string[] {
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w.length > 0 && !w.includes(SEPARATOR));
}

/**
 * Indexes of the rows that match, in table order; `undefined` for a blank query (every row). With the
 * previous query's answer, a query that only adds to it searches among those rows alone.
 */
export function matchingRows(index: SearchIndex, query: string, narrowing?: { query: string; rows: readonly number[] | undefined }): number[] | undefined {
  const words = queryWords(query);
  if (words.length === 0) return undefined;
  const previous = narrowing?.rows && refines(narrowing.query, words) ? narrowing.rows : undefined;
  const out: number[] = [];
  const test = (i: number) => {
    const text = index[i]!;
    for (const w of words) if (!text.includes(w)) return;
    out.push(i);
  };
  if (previous) for (const i of previous) test(i);
  else for (let i = 0; i < index.length; i++) test(i);
  return out;
}

/** Whether every row matching `words` also matched `before`: each earlier word is inside one of the new ones. */
function refines(before: string, words: readonly string[]): boolean {
  const old = queryWords(before);
  return old.length > 0 && old.every((o) => words.some((w) => w.includes(o)));
}
