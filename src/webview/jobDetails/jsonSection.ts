/**
 * The job document, coloured by text runs in spans (never parsed as HTML). A document of up to a couple of
 * thousand lines is drawn whole, as it always was; a longer one (5,000 file hashes make 25,000 lines) is
 * drawn a block of lines at a time while near the screen, each block coloured when it is drawn. The section
 * lives as long as the page, so a re-render that brings the same document draws nothing again.
 */
import { copyTargetKey, type PageStrings } from '../../panel/protocol';
import { button, el } from './dom';
import { jsonLines } from './jsonLines';
import { jsonTokens } from './jsonTokens';
import { mark } from './marks';
import { copy, send } from './messaging';
import { BlockList } from './blockList';
import { section } from './widgets';

const RENDER_WHOLE_UP_TO_LINES = 2_000;
/** Lines per block; media/jobDetails.css makes a stand-in block this many lines tall. */
const BLOCK_LINES = 100;
const OVERSCAN_BLOCKS = 1;

/** A run of text per token: punctuation as plain text, the rest in a span of its kind's colour. */
function appendTokens(parent: HTMLElement, json: string): void {
  for (const t of jsonTokens(json)) {
    parent.appendChild(t.kind === 'punctuation' ? document.createTextNode(t.text) : el('span', { class: `json-${t.kind}`, text: t.text }));
  }
}

export class JsonSection {
  readonly element: HTMLElement;
  private json: string | undefined;
  private list: BlockList | undefined;
  private readonly body: HTMLElement;

  constructor(readonly strings: PageStrings) {
    const s = strings;
    this.body = el('div', { class: 'json-body' });
    this.element = section(
      'json',
      s.json,
      [
        button({
          label: s.copyJson,
          icon: 'copy',
          variant: 'secondary',
          focusKey: 'copy:json',
          copyKey: copyTargetKey({ kind: 'json' }),
          onClick: () => copy({ kind: 'json' }),
        }),
        button({ label: s.openJson, icon: 'json', variant: 'secondary', focusKey: 'openJson', onClick: () => send({ type: 'openJson' }) }),
      ],
      this.body,
    );
    this.show(undefined);
  }

  /** The document to show; `undefined` while it is on its way. */
  setDocument(json: string | undefined): void {
    if (json === this.json) return;
    this.show(json);
    if (json !== undefined) mark('json');
  }

  layout(): void {
    this.list?.update();
  }

  dispose(): void {
    this.list?.dispose();
  }

  private show(json: string | undefined): void {
    this.json = json;
    this.list?.dispose();
    this.list = undefined;
    if (json === undefined) {
      // Not a `pre.json`: nothing reads this as the document.
      this.body.replaceChildren(el('p', { class: 'json-loading', text: this.strings.loadingDocument }));
      return;
    }
    const pre = el('pre', { class: 'json', attrs: { tabindex: '0', 'aria-label': this.strings.json } });
    const { lines, longest } = jsonLines(json);
    if (lines.length <= RENDER_WHOLE_UP_TO_LINES) {
      const code = el('code', {});
      appendTokens(code, json);
      pre.appendChild(code);
      this.body.replaceChildren(pre);
      return;
    }
    // Never drawn, never read: the longest line, so that the block is as wide as the document from the start.
    const ruler = el('span', { class: 'json-ruler', text: longest, attrs: { 'aria-hidden': 'true' } });
    const code = el('code', { class: 'json-lines' });
    pre.classList.add('json-virtual');
    pre.appendChild(code);
    this.body.replaceChildren(pre);
    this.list = new BlockList({
      container: code,
      leading: [ruler],
      blockSize: BLOCK_LINES,
      overscan: OVERSCAN_BLOCKS,
      renderAllUpTo: 0,
      drawBlock: (r) => {
        const block = el('span', { class: 'json-block' });
        appendTokens(block, lines.slice(r.start, r.end).join('\n'));
        return block;
      },
      placeholder: (rows) => {
        const stand = el('span', { class: 'json-placeholder' });
        if (rows < BLOCK_LINES) for (let i = 0; i < rows; i++) stand.appendChild(el('span', { class: 'json-spacer' }));
        else stand.classList.add('full');
        return stand;
      },
    });
    this.list.reset(lines.length);
  }
}
