import * as l10n from '@vscode/l10n';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "45 s", "12 min", "3 h 5 min", "2 d 4 h": how long something has been going on, to the unit that matters. */
export function elapsedText(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return l10n.t('just now');
  if (ms < MINUTE) return l10n.t('{0} s', Math.floor(ms / 1000));
  if (ms < HOUR) return l10n.t('{0} min', Math.floor(ms / MINUTE));
  if (ms < DAY) {
    const minutes = Math.floor((ms % HOUR) / MINUTE);
    return minutes ? l10n.t('{0} h {1} min', Math.floor(ms / HOUR), minutes) : l10n.t('{0} h', Math.floor(ms / HOUR));
  }
  const hours = Math.floor((ms % DAY) / HOUR);
  return hours ? l10n.t('{0} d {1} h', Math.floor(ms / DAY), hours) : l10n.t('{0} d', Math.floor(ms / DAY));
}
