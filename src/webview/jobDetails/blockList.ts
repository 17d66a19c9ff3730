/**
 * A long list drawn a few blocks at a time. The rows are cut into blocks of a fixed number; a block on
 * screen (or near it) holds its rows, any other is an empty stand-in that the stylesheet makes exactly as
 * tall as the rows would be. Everything stays in the normal flow, in order, so the page scrolls and reads
 * as if every row were there, and no inline style is needed (the page's CSP and its rule). The window
 * scrolls, not the list: a box that scrolled on its own would trap the wheel.
 */
import { blocks, visibleRange, type RowRange } from './virtualWindow';

export interface BlockListOptions {
  /** Holds `leading` and then the blocks, nothing else. */
  container: HTMLElement;
  /** Children kept in front of the blocks (a table's header). */
  leading?: Node[];
  /** Rows per block: the number the stylesheet's stand-in height is made for. */
  blockSize: number;
  /** Blocks drawn beyond each edge of the screen. */
  overscan: number;
  /** Lists this short are drawn whole, so that the webview's find widget sees every row. */
  renderAllUpTo: number;
  /** The block of rows [start, end), drawn. */
  drawBlock(range: RowRange): HTMLElement;
  /** An empty block as tall as `rows` rows drawn: a full one is sized by the stylesheet, a short one by empty rows. */
  placeholder(rows: number): HTMLElement;
  /** A row to keep drawn wherever it is (a table's tab stop). */
  keep?(): number | undefined;
}

export class BlockList {
  private ranges: RowRange[] = [];
  private elements: HTMLElement[] = [];
  private drawn: boolean[] = [];
  private whole = true;
  private queued = false;
  private readonly onScroll = () => this.schedule();
  // Whatever changes the page's height can bring the list on screen without a scroll: a filter that
  // shortens the table above it, a document arriving, a banner.
  private readonly onResize = new ResizeObserver(this.onScroll);

  constructor(private readonly o: BlockListOptions) {
    window.addEventListener('scroll', this.onScroll, { passive: true });
    window.addEventListener('resize', this.onScroll);
    this.onResize.observe(document.body);
  }

  /** New rows (another table, another filter): the list is cut and drawn afresh. */
  reset(count: number): void {
    this.ranges = blocks(count, this.o.blockSize);
    const whole = (this.whole = count <= this.o.renderAllUpTo);
    this.drawn = this.ranges.map(() => whole);
    this.elements = this.ranges.map((r) => (whole ? this.o.drawBlock(r) : this.o.placeholder(r.end - r.start)));
    this.o.container.replaceChildren(...(this.o.leading ?? []), ...this.elements);
    this.update();
  }

  /** Draws the block holding row `position` (when there is one) and returns it. */
  draw(position: number): HTMLElement | undefined {
    const i = Math.floor(position / this.o.blockSize);
    if (i < 0 || i >= this.ranges.length) return undefined;
    this.setDrawn(i, true);
    return this.elements[i];
  }

  /** Draws the blocks near the screen and empties the others. Does nothing while the list is not in the page. */
  update(): void {
    if (this.whole || !this.o.container.isConnected) return;
    const first = this.elements[0]!.getBoundingClientRect();
    const near = visibleRange({ count: this.ranges.length, itemHeight: first.height, top: first.top, viewportHeight: window.innerHeight, overscan: this.o.overscan });
    const keep = this.o.keep?.();
    const keepBlock = keep === undefined ? -1 : Math.floor(keep / this.o.blockSize);
    const focused = document.activeElement;
    for (let i = 0; i < this.ranges.length; i++) {
      const wanted = (i >= near.start && i < near.end) || i === keepBlock || (this.drawn[i] === true && this.elements[i]!.contains(focused));
      this.setDrawn(i, wanted);
    }
  }

  dispose(): void {
    window.removeEventListener('scroll', this.onScroll);
    window.removeEventListener('resize', this.onScroll);
    this.onResize.disconnect();
  }

  private setDrawn(i: number, drawn: boolean): void {
    if (this.drawn[i] === drawn) return;
    const r = this.ranges[i]!;
    const next = drawn ? this.o.drawBlock(r) : this.o.placeholder(r.end - r.start);
    this.o.container.replaceChild(next, this.elements[i]!);
    this.elements[i] = next;
    this.drawn[i] = drawn;
  }

  private schedule(): void {
    if (this.queued) return;
    this.queued = true;
    requestAnimationFrame(() => {
      this.queued = false;
      this.update();
    });
  }
}
