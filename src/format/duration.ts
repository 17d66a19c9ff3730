import * as l10n from '@vscode/l10n';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "3 h", "45 min", "2 d": the coarsest unit that still reads precisely enough for a link's life. */
export function durationLabel(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < 90 * MINUTE) return l10n.t('{0} min', Math.max(1, Math.floor(abs / MINUTE)));
  if (abs < 48 * HOUR) return l10n.t('{0} h', Math.floor(abs / HOUR));
  return l10n.t('{0} d', Math.floor(abs / DAY));
}

/** "in 3 h" or "expired 2 d ago", relative to `now`. */
export function relativeExpiry(expiresAt: Date, now: Date): { text: string; expired: boolean } {
  const ms = expiresAt.getTime() - now.getTime();
  if (ms > 0) {
    return { text: ms < MINUTE ? l10n.t('in less than a minute') : l10n.t('in {0}', durationLabel(ms)), expired: false };
  }
  return { text: -ms < MINUTE ? l10n.t('expired just now') : l10n.t('expired {0} ago', durationLabel(ms)), expired: true };
}
