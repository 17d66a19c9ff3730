import * as l10n from '@vscode/l10n';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * The one rounding of a link's remaining (or past) life: the coarsest unit that still reads precisely
 * (minutes under 90 minutes, hours under 48 hours, days under 60 days, then months and years), always
 * rounded down — a link never seems to last longer than it does.
 */
function span(ms: number): [number, Intl.RelativeTimeFormatUnit] {
  if (ms < 90 * MINUTE) return [Math.max(1, Math.floor(ms / MINUTE)), 'minute'];
  if (ms < 48 * HOUR) return [Math.floor(ms / HOUR), 'hour'];
  if (ms < 60 * DAY) return [Math.floor(ms / DAY), 'day'];
  if (ms < 730 * DAY) return [Math.floor(ms / (30 * DAY)), 'month'];
  return [Math.floor(ms / (365 * DAY)), 'year'];
}

const formats = new Map<string, Intl.RelativeTimeFormat>();

function relative(value: number, unit: Intl.RelativeTimeFormatUnit, locale: string | undefined): string {
  let fmt = formats.get(locale ?? '');
  if (!fmt) {
    fmt = new Intl.RelativeTimeFormat(locale, { numeric: 'always' });
    formats.set(locale ?? '', fmt);
  }
  return fmt.format(value, unit);
}

/**
 * "expires in 3 days" or "expired 2 days ago": the one wording of a link's expiry, used by the tree's
 * tooltip, the copy notifications and the details panel alike. Expired means `expiresAt <= now`.
 */
export function expiryText(expiresAt: Date, now: Date, locale?: string): string {
  const ms = expiresAt.getTime() - now.getTime();
  if (Number.isNaN(ms)) return l10n.t('expiry unknown');
  if (ms > 0) {
    if (ms < MINUTE) return l10n.t('expires in less than a minute');
    const [n, unit] = span(ms);
    return l10n.t('expires {0}', relative(n, unit, locale));
  }
  if (-ms < MINUTE) return l10n.t('expired just now');
  const [n, unit] = span(-ms);
  return l10n.t('expired {0}', relative(-n, unit, locale));
}
