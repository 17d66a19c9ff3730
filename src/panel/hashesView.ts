import * as l10n from '@vscode/l10n';
import { displayText } from '../format/text';
import type { JobFacts } from '../jobs/facts';
import type { HashTable, HashView } from './protocol';

/** The file hashes table; `index` is what a copy button names, so the page never sends the hash back. */
export function hashViews(facts: JobFacts): HashView[] {
  return facts.hashes.map((h, index) => ({
    index,
    fileName: displayText(h.fileName ?? ''),
    typeName: displayText(h.typeName ?? ''),
    hash: displayText(h.hash ?? ''),
    copyLabel: l10n.t('Copy hash of {0}', displayText(h.fileName ?? String(index + 1), 60)),
  }));
}

/** The same rows as `hashViews`, as the page gets them: columns, without the labels the page makes itself. */
export function hashTable(facts: JobFacts): HashTable {
  const n = facts.hashes.length;
  const table: HashTable = { fileNames: new Array<string>(n), typeNames: new Array<string>(n), hashes: new Array<string>(n) };
  for (let i = 0; i < n; i++) {
    const h = facts.hashes[i]!;
    table.fileNames[i] = displayText(h.fileName ?? '');
    table.typeNames[i] = displayText(h.typeName ?? '');
    table.hashes[i] = displayText(h.hash ?? '');
  }
  return table;
}
