/** The parts of the history page around the chart: the numbers, the legend, the latest batch and the table. */
import type { HistoryStrings, HistoryView } from '../../historyPanel/historyProtocol';
import { button, el, icon } from '../jobDetails/dom';
import { svg } from './svg';

function colorClass(color: string): string {
  return /^[A-Za-z0-9.]+$/.test(color) ? `color-${color.replace(/\./g, '-')}` : '';
}

export function figures(v: HistoryView, s: HistoryStrings, open: (key: string) => void): HTMLElement {
  const list = el('dl', { class: 'figures' });
  for (const f of v.figures) {
    const value = f.key
      ? button({ label: f.value, variant: 'secondary', focusKey: `figure-${f.id}`, title: s.openJob, onClick: () => open(f.key!) })
      : el('span', { text: f.value });
    list.appendChild(
      el(
        'div',
        { class: `figure figure-${f.id}`, attrs: { 'data-figure': f.id } },
        el('dt', { text: f.label }),
        el('dd', { class: 'figure-value' }, value),
        f.detail ? el('dd', { class: 'figure-detail', text: f.detail }) : null,
      ),
    );
  }
  return el('section', { class: 'section', attrs: { 'aria-label': s.figures } }, list, v.leftOut ? el('p', { class: 'left-out', text: v.leftOut }) : null);
}

export function legend(v: HistoryView, s: HistoryStrings): HTMLElement {
  const list = el('ul', { class: 'legend', attrs: { 'aria-label': s.legend } });
  for (const e of v.legend) {
    list.appendChild(
      el('li', { class: colorClass(e.color), attrs: { 'data-outcome': e.outcome } }, icon(e.icon), el('span', { class: 'legend-label', text: `${e.label} (${e.count})` })),
    );
  }
  return list;
}

export function batch(v: HistoryView, s: HistoryStrings, open: (key: string) => void): HTMLElement | null {
  if (!v.batch) return null;
  const longest = Math.max(1, ...v.batch.parts.map((p) => p.durationMs ?? 0));
  const rows = el('ol', { class: 'batch-parts' });
  for (const p of v.batch.parts) {
    // An SVG bar sized by attribute: the page sets no inline style.
    const share = Math.max(1, ((p.durationMs ?? 0) / longest) * 100);
    const bar = svg('svg', { class: 'batch-bar', width: '100%', height: 10, 'aria-hidden': 'true' }, svg('rect', { x: 0, y: 0, height: 10, width: `${share.toFixed(2)}%`, rx: 2 }));
    rows.appendChild(
      el(
        'li',
        { class: `batch-part${p.slowest ? ' slowest' : ''}`, attrs: { 'data-part': p.label } },
        button({ label: p.label, variant: 'secondary', focusKey: `part-${p.key}`, title: s.openJob, onClick: () => open(p.key) }),
        el('span', { class: 'batch-track' }, bar),
        el('span', { class: 'batch-duration', text: p.duration }),
        // Always a fourth cell, so the grid's rows stay aligned.
        el('span', {}, p.slowest ? el('span', { class: 'tag slowest-tag', text: s.slowest }) : null),
      ),
    );
  }
  return el('section', { class: 'section', attrs: { 'aria-labelledby': 'batch-title' } }, el('h2', { attrs: { id: 'batch-title' }, text: v.batch.title }), rows);
}

export function table(v: HistoryView, s: HistoryStrings, open: (key: string) => void): HTMLElement {
  const head = el(
    'tr',
    {},
    ...[s.columnRequested, s.columnCluster, s.columnStatus, s.columnDuration, s.columnJob].map((t) => el('th', { attrs: { scope: 'col' }, text: t })),
  );
  const body = el('tbody');
  for (const r of v.rows) {
    body.appendChild(
      el(
        'tr',
        { attrs: { 'data-key': r.key } },
        el('td', { attrs: { title: r.requestedIso } }, r.requested),
        el('td', { text: r.cluster }),
        el('td', { class: colorClass(r.color), attrs: { title: r.atlasStatus } }, icon(r.icon), ' ', el('span', { class: 'status-text', text: r.status })),
        el('td', { class: 'num', text: r.duration }),
        el('td', {}, button({ label: r.jobId, variant: 'secondary', focusKey: `row-${r.key}`, ariaLabel: `${s.openJob}: ${r.jobId}`, onClick: () => open(r.key) })),
      ),
    );
  }
  return el(
    'section',
    { class: 'section', attrs: { 'aria-labelledby': 'table-title' } },
    el('h2', { attrs: { id: 'table-title' }, text: s.table }),
    el('div', { class: 'table-scroll' }, el('table', { class: 'history-table' }, el('caption', { class: 'visually-hidden', text: s.tableCaption }), el('thead', {}, head), body)),
  );
}
