/**
 * A plain-text table for the terminal and for bench/README.md (it is also valid Markdown). Hand-written:
 * 30 lines of padding are not worth a dependency, and console.table quotes strings and adds an index.
 */
export type Align = 'left' | 'right';

export interface Column {
  title: string;
  align?: Align;
}

export function table(columns: readonly Column[], rows: readonly (readonly string[])[]): string {
  const widths = columns.map((c, i) => Math.max(c.title.length, ...rows.map((r) => (r[i] ?? '').length)));
  const cell = (text: string, i: number) => {
    const pad = widths[i]! - text.length;
    return columns[i]!.align === 'right' ? ' '.repeat(pad) + text : text + ' '.repeat(pad);
  };
  const line = (cells: readonly string[]) => `| ${cells.map((t, i) => cell(t, i)).join(' | ')} |`;
  const rule = `|${columns.map((c, i) => (c.align === 'right' ? `${'-'.repeat(widths[i]! + 1)}:` : `:${'-'.repeat(widths[i]! + 1)}`)).join('|')}|`;
  return [line(columns.map((c) => c.title)), rule, ...rows.map((r) => line(r))].join('\n');
}

export function ms(value: number): string {
  return value >= 100 ? value.toFixed(0) : value.toFixed(1);
}

export function bytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(2)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} B`;
}

export function ratio(n: number): string {
  return `${n.toFixed(2)}×`;
}

/** Min–max of a timing; a star when the runs disagree by more than a quarter (and 5 ms): see NOISY_NOTE. */
export function range(r: { min: number; max: number }): string {
  const noisy = r.max > r.min * 1.25 && r.max - r.min > 5;
  return `${ms(r.min)}–${ms(r.max)}${noisy ? ' *' : ''}`;
}

export const NOISY_NOTE =
  '* runs disagree by more than 25 %: something else had the CPU (the emulator shares this process); trust the median less, or run again.';

/** The note, only when some row of a table carries a star. */
export function noisyNote(rendered: string): string {
  return rendered.includes(' * |') ? `${rendered}\n\n${NOISY_NOTE}` : rendered;
}

/** Who signed in and at what emulator latency: the first two columns of every measured table. */
export const SIGN_IN_COLUMNS: readonly Column[] = [{ title: 'sign-in' }, { title: 'latency' }];
/** What a step cost in requests: all of them, Digest challenges (401) and token requests. */
export const REQUEST_COLUMNS: readonly Column[] = [
  { title: 'requests', align: 'right' },
  { title: '401', align: 'right' },
  { title: 'token', align: 'right' },
];
/** How long a step took and what it received. */
export const TIME_COLUMNS: readonly Column[] = [
  { title: 'median ms', align: 'right' },
  { title: 'min–max ms', align: 'right' },
  { title: 'received', align: 'right' },
];

export function signInCells(r: { auth: string; latencyMs: number }): string[] {
  return [r.auth, `${r.latencyMs} ms`];
}

export function requestCells(r: { requests: { total: number | string; challenges: number | string; token: number | string } }): string[] {
  return [String(r.requests.total), String(r.requests.challenges), String(r.requests.token)];
}

export function timeCells(r: { ms: { median: number; min: number; max: number }; bytesReceived: number }): string[] {
  return [ms(r.ms.median), range(r.ms), bytes(r.bytesReceived)];
}
