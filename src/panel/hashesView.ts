import * as l10n from '@vscode/l10n';
import { displayText } from '../format/text';
import type { JobFacts } from '../jobs/facts';
import type { HashView } from './protocol';

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
