import type { ViewFormat } from './viewInput';
import type { FactRow } from './protocol';

/** A row for a date the document may lack; the ISO form becomes the tooltip with the exact time. */
export function dateRow(label: string, date: Date | undefined, format: ViewFormat): FactRow | undefined {
  return date ? { label, value: format.dateTime(date), iso: date.toISOString() } : undefined;
}

/** The rows that apply, so row lists can be written out in order with the absent ones inline. */
export function present<T>(rows: Array<T | undefined | null | false | ''>): T[] {
  return rows.filter((r): r is T => Boolean(r));
}
