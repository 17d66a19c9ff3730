import * as l10n from '@vscode/l10n';

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/** "812 B", "4.2 MB", "1.0 GB": powers of 1024, as file managers show sizes. */
export function bytesText(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '?';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  if (unit === 0) return l10n.t('{0} B', Math.round(value));
  // Three significant digits at most: "4.21 MB" is more than anyone reads during a download.
  const shown = value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
  return `${shown} ${UNITS[unit]}`;
}

/** "1,234,567 bytes": the exact count, for when a size is a fact to compare. */
export function exactBytesText(bytes: number): string {
  return l10n.t('{0} bytes', bytes.toLocaleString('en-US'));
}

/** "12.3 MB/s". */
export function rateText(bytesPerSecond: number): string {
  return l10n.t('{0}/s', bytesText(bytesPerSecond));
}

/** "8 s left", "3 min 20 s left", "2 h 5 min left": time to go, rounded up so it never says 0 while bytes remain. */
export function timeLeftText(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '';
  const s = Math.ceil(seconds);
  if (s < 60) return l10n.t('{0} s left', s);
  if (s < 3600) {
    const rest = s % 60;
    return rest ? l10n.t('{0} min {1} s left', Math.floor(s / 60), rest) : l10n.t('{0} min left', s / 60);
  }
  const minutes = Math.floor((s % 3600) / 60);
  return minutes ? l10n.t('{0} h {1} min left', Math.floor(s / 3600), minutes) : l10n.t('{0} h left', Math.floor(s / 3600));
}
