/**
 * The file hashes table: drawn a few blocks of rows at a time (a large deployment's restore lists 50,000 files),
 * with a filter box over file names and hashes. The section lives as long as the page: a re-render keeps
 * it in place, so the filter keeps its text, caret and focus, and a new table of the same job is drawn
 * into it. One tab stop for the whole table (the active row's copy button); the arrow keys, Page Up/Down,
 * Home and End move between rows, drawing them as they go.
 */
import type { HashTable, PageStrings } from '../../panel/protocol';
import { displayText } from '../../format/text';
import { el, icon } from './dom';
import { matchingRows, queryWords, searchIndex, type SearchIndex } from './hashFilter';
import { BlockList } from './blockList';
import { mark, markWhenPainted } from './marks';
import { copyHashLabel, fill } from './pageText';
import type { RowRange } from './virtualWindow';
import { copyButton, section } from './widgets';

/** Rows per block; media/jobDetails.css makes a stand-in block this many rows tall. */
const BLOCK_ROWS = 50;
const OVERSCAN_BLOCKS = 1;
/** Short tables are drawn whole, so the webview's find widget sees every row. */
const RENDER_ALL_UP_TO = 200;

const EMPTY: HashTable = { fileNames: [], typeNames: [], hashes: [] };

export class HashesSection {
  readonly element: HTMLElement;
  private table = EMPTY;
  /** Rows announced by the view while its table is on the way. */
  private pending: number | undefined;
  private index: SearchIndex | undefined;
  /** Table indexes of the rows shown, in order; `undefined` while the filter is blank (every row). */
  private rows: number[] | undefined;
  private lastFilter: { query: string; rows: number[] | undefined } | undefined;
  /** Position (among the rows shown) of the row whose copy button is the table's tab stop. */
  private active = 0;
  private readonly input: HTMLInputElement;
  private readonly status: HTMLElement;
  private readonly noMatch: HTMLElement;
  private readonly tableElement: HTMLTableElement;
  private readonly list: BlockList;
  private readonly numbers: Intl.NumberFormat;

  constructor(
    readonly strings: PageStrings,
    private query: string,
    private readonly onQuery: (query: string) => void,
  ) {
    const s = strings;
    this.numbers = new Intl.NumberFormat(document.documentElement.lang || undefined);
    this.input = el('input', {
      class: 'hash-filter',
      attrs: { type: 'search', placeholder: s.hashFilter, 'aria-label': s.hashFilterLabel, 'aria-controls': 'hash-table', 'data-focus-key': 'hashFilter', spellcheck: 'false', autocomplete: 'off' },
    });
    this.input.value = query;
    this.input.addEventListener('input', () => {
      mark('typed');
      this.setQuery(this.input.value);
      markWhenPainted('filtered', false);
    });
    this.input.addEventListener('keydown', (e) => this.onFilterKey(e));
    this.status = el('span', { class: 'hash-count', attrs: { role: 'status', 'aria-live': 'polite' } });
    this.noMatch = el('p', { class: 'empty hash-no-match' });
    this.noMatch.hidden = true;
    const th = (text: string, cls = '') => el('th', { class: cls, text, attrs: { scope: 'col', role: 'columnheader' } });
    const head = el(
      'thead',
      { attrs: { role: 'rowgroup' } },
      el('tr', { attrs: { role: 'row', 'aria-rowindex': '1' } }, th(s.hashFile), th(s.hashType), th(s.hashValue), el('th', { class: 'col-actions', attrs: { scope: 'col', role: 'columnheader' } }, el('span', { class: 'visually-hidden', text: s.copy }))),
    );
    this.tableElement = el('table', { class: 'hashes', attrs: { id: 'hash-table', role: 'table', 'aria-labelledby': 'hashes-heading' } }, head);
    this.tableElement.addEventListener('keydown', (e) => this.onRowKey(e));
    this.tableElement.addEventListener('focusin', (e) => {
      const p = positionOf(e.target);
      if (p !== undefined) this.setActive(p);
    });
    this.list = new BlockList({
      container: this.tableElement,
      leading: [head],
      blockSize: BLOCK_ROWS,
      overscan: OVERSCAN_BLOCKS,
      renderAllUpTo: RENDER_ALL_UP_TO,
      drawBlock: (r) => this.block(r),
      placeholder: (rows) => this.placeholder(rows),
      keep: () => this.active,
    });
    const tools = el('div', { class: 'hash-tools' }, el('div', { class: 'filter-box' }, icon('filter', 'filter-icon'), this.input), this.status);
    this.element = section('hashes', s.hashes, [], tools, el('div', { class: 'table-scroll' }, this.tableElement), this.noMatch);
  }

  get filterText(): string {
    return this.query;
  }

  get rowCount(): number {
    return this.pending ?? this.table.hashes.length;
  }

  /**
   * The number of rows the view announces. Until a table that long arrives, the table is laid out empty at
   * its full height, so the first paint already has the page's final shape and nothing below it moves.
   */
  expect(count: number): void {
    const pending = count === this.table.hashes.length ? undefined : count;
    if (pending === this.pending) return;
    this.pending = pending;
    this.applyFilter();
  }

  /** The job's rows; the same table again changes nothing. */
  setTable(table: HashTable): void {
    if (table === this.table) return;
    this.table = table;
    this.pending = undefined;
    this.index = undefined;
    this.lastFilter = undefined;
    this.applyFilter();
    mark('hashes');
  }

  /** After the section has been put in the page: draws the rows its place on screen calls for. */
  layout(): void {
    this.list.update();
  }

  dispose(): void {
    this.list.dispose();
  }

  private get shown(): number {
    return this.pending ?? (this.rows ? this.rows.length : this.table.hashes.length);
  }

  private setQuery(query: string): void {
    if (query === this.query) return;
    this.query = query;
    this.onQuery(query);
    this.applyFilter();
  }

  private applyFilter(): void {
    if (this.pending !== undefined) {
      this.rows = undefined;
    } else if (queryWords(this.query).length > 0) {
      this.index ??= searchIndex(this.table);
      this.rows = matchingRows(this.index, this.query, this.lastFilter);
    } else {
      this.rows = undefined;
    }
    this.lastFilter = { query: this.query, rows: this.rows };
    this.active = 0;
    const total = this.rowCount;
    const shown = this.shown;
    this.tableElement.setAttribute('aria-rowcount', String(shown + 1));
    // Drawn whole, rows need no fixed height: long names wrap, as they always did.
    this.tableElement.classList.toggle('whole', shown <= RENDER_ALL_UP_TO);
    this.status.textContent = this.rows
      ? fill(this.strings.hashMatches, this.numbers.format(shown), this.numbers.format(total))
      : total === 1
        ? this.strings.hashCountOne
        : fill(this.strings.hashCount, this.numbers.format(total));
    this.noMatch.hidden = shown > 0;
    this.noMatch.textContent = shown > 0 ? '' : fill(this.strings.hashNoMatch, displayText(this.query.trim(), 80));
    this.list.reset(shown);
  }

  private block(r: RowRange): HTMLElement {
    if (this.pending !== undefined) return this.placeholder(r.end - r.start);
    const body = el('tbody', { attrs: { role: 'rowgroup' } });
    for (let p = r.start; p < r.end; p++) body.appendChild(this.row(p));
    return body;
  }

  private placeholder(rows: number): HTMLElement {
    const stand = el('tbody', { class: 'hash-placeholder', attrs: { 'aria-hidden': 'true' } });
    // A short block (the last) is as tall as its empty rows; a full one as the stylesheet says.
    if (rows < BLOCK_ROWS) for (let i = 0; i < rows; i++) stand.appendChild(el('tr', { class: 'hash-spacer' }));
    else stand.classList.add('full');
    return stand;
  }

  private rowAt(position: number): HTMLElement | undefined {
    return this.tableElement.querySelector<HTMLElement>(`tr[data-position="${position}"]`) ?? undefined;
  }

  private row(position: number): HTMLElement {
    const i = this.rows ? this.rows[position]! : position;
    const t = this.table;
    const file = t.fileNames[i] ?? '';
    const hash = t.hashes[i] ?? '';
    const cell = (cls: string, text: string, title?: string) => el('td', { class: cls, text, attrs: { role: 'cell', title: title || undefined } });
    const button = hash ? copyButton({ kind: 'hash', index: i }, copyHashLabel(this.strings.copyHash, file, i), false, this.strings) : undefined;
    const tr = el(
      'tr',
      { attrs: { role: 'row', 'aria-rowindex': String(position + 2), 'data-position': String(position) } },
      cell('hash-file', file, file),
      cell('hash-type', t.typeNames[i] ?? ''),
      cell('hash-value mono', hash, hash),
      el('td', { class: 'col-actions', attrs: { role: 'cell' } }, button),
    );
    focusTarget(tr).tabIndex = position === this.active ? 0 : -1;
    return tr;
  }

  private setActive(position: number): void {
    if (position === this.active) return;
    const before = this.rowAt(this.active);
    this.active = position;
    if (before) focusTarget(before).tabIndex = -1;
    const now = this.rowAt(position);
    if (now) focusTarget(now).tabIndex = 0;
  }

  private focusRow(position: number): void {
    if (this.shown === 0) return;
    const p = Math.max(0, Math.min(this.shown - 1, position));
    this.setActive(p);
    this.list.draw(p);
    const row = this.rowAt(p);
    if (!row) return;
    // One row at a time, the page moves by a row, not by half a screen as focus() alone would.
    row.scrollIntoView({ block: 'nearest' });
    focusTarget(row).focus({ preventScroll: true });
  }

  private onRowKey(e: KeyboardEvent): void {
    const p = positionOf(e.target);
    if (p === undefined || e.altKey || e.metaKey || e.shiftKey) return;
    const rowHeight = this.rowAt(p)?.getBoundingClientRect().height || 1;
    const page = Math.max(1, Math.floor(window.innerHeight / rowHeight) - 2);
    const to: Record<string, number> = { ArrowDown: p + 1, ArrowUp: p - 1, PageDown: p + page, PageUp: p - page, Home: 0, End: this.shown - 1 };
    if (!(e.key in to)) return;
    e.preventDefault();
    this.focusRow(to[e.key]!);
  }

  private onFilterKey(e: KeyboardEvent): void {
    if (e.key === 'ArrowDown' && this.shown > 0) {
      e.preventDefault();
      this.focusRow(0);
    } else if (e.key === 'Escape' && this.input.value !== '') {
      // Clears the box as a search box does, without letting the webview take Escape too.
      e.preventDefault();
      e.stopPropagation();
      this.input.value = '';
      this.setQuery('');
    }
  }
}

/** What takes the focus in a row: its copy button, or the row itself when it has no hash to copy. */
function focusTarget(row: HTMLElement): HTMLElement {
  return row.querySelector<HTMLElement>('button') ?? row;
}

function positionOf(target: EventTarget | null): number | undefined {
  const row = target instanceof Element ? target.closest<HTMLElement>('tr[data-position]') : null;
  return row ? Number(row.dataset.position) : undefined;
}
