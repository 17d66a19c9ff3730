/**
 * Which parts of a long list to put in the DOM: the ones on screen and a few either side, so that 50,000
 * file hashes cost as much to draw as a few hundred. Pure arithmetic over equal-height items (`blockList.ts`
 * uses blocks of rows as its items), unit-tested.
 */

export interface WindowInput {
  /** Items in the list. */
  count: number;
  /** Height of every item (the last may be shorter), in CSS pixels. */
  itemHeight: number;
  /** Where the first item starts, relative to the top of the viewport (negative once scrolled past). */
  top: number;
  viewportHeight: number;
  /** Items drawn beyond each edge, so a quick scroll shows no gap before the next frame. */
  overscan: number;
}

/** Items [start, end) to draw; empty (start === end) when the list is off screen. */
export interface RowRange {
  start: number;
  end: number;
}

export function visibleRange(w: WindowInput): RowRange {
  const count = Math.max(0, Math.floor(w.count));
  if (count === 0) return { start: 0, end: 0 };
  const h = w.itemHeight > 0 ? w.itemHeight : 1;
  const first = Math.floor(-w.top / h) - w.overscan;
  const last = Math.ceil((w.viewportHeight - w.top) / h) + w.overscan;
  const start = Math.min(count, Math.max(0, first));
  const end = Math.min(count, Math.max(start, last));
  return { start, end };
}

/** The blocks of `size` items that a list of `count` items is cut into: [start, end) of each. */
export function blocks(count: number, size: number): RowRange[] {
  const out: RowRange[] = [];
  const step = Math.max(1, Math.floor(size));
  for (let start = 0; start < count; start += step) out.push({ start, end: Math.min(count, start + step) });
  return out;
}
