/** Sizes as people write them on a command line: `1GiB`, `512MiB`, `8 KiB`, `1048576`, `1048576B`. */

const UNITS: Record<string, number> = { '': 1, b: 1, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3 };

/** Bytes in `text`: a whole number with an optional B/KiB/MiB/GiB suffix (any case). Decimal units are refused: 1 GB is ambiguous. */
export function parseByteSize(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  const unit = UNITS[m?.[2]?.toLowerCase() ?? 'x'];
  if (!m || unit === undefined) throw new Error(`expected a size such as 1GiB, 512MiB, 64KiB or 1048576B, got '${text}'`);
  const bytes = Number(m[1]) * unit;
  if (!Number.isSafeInteger(bytes) || bytes < 1) throw new Error(`'${text}' is not a whole number of bytes of at least 1`);
  return bytes;
}

/** `1073741824` → `1.00 GiB`: how the CLI and the benchmark print a size. */
export function formatByteSize(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(2)} GiB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(2)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} B`;
}
