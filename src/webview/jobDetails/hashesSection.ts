import type { HashView, PageStrings } from '../../panel/protocol';
import { el } from './dom';
import { copyButton, section } from './widgets';

export function hashesSection(hashes: HashView[], s: PageStrings): HTMLElement | undefined {
  if (hashes.length === 0) return undefined;
  const table = el(
    'table',
    { class: 'hashes' },
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        el('th', { text: s.hashFile, attrs: { scope: 'col' } }),
        el('th', { text: s.hashType, attrs: { scope: 'col' } }),
        el('th', { text: s.hashValue, attrs: { scope: 'col' } }),
        el('th', { class: 'col-actions', attrs: { scope: 'col' } }, el('span', { class: 'visually-hidden', text: s.copy })),
      ),
    ),
    el(
      'tbody',
      {},
      ...hashes.map((h) =>
        el(
          'tr',
          {},
          el('td', { class: 'hash-file', text: h.fileName }),
          el('td', { class: 'hash-type', text: h.typeName }),
          el('td', { class: 'hash-value mono', text: h.hash }),
          el('td', { class: 'col-actions' }, h.hash ? copyButton({ kind: 'hash', index: h.index }, h.copyLabel, false, s) : null),
        ),
      ),
    ),
  );
  return section('hashes', s.hashes, [], el('div', { class: 'table-scroll' }, table));
}
