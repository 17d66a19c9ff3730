import * as l10n from '@vscode/l10n';
import type { JobStatus } from './status';

/**
 * The one status → icon map, used by the tree (ThemeIcon + ThemeColor) and the details panel
 * (codicon class + the matching --vscode-* colour variable), so both always agree.
 * `color` is a VS Code theme colour id; `label` the localized name (a function: the l10n bundle loads
 * after this module). For `unknown` the label is the fallback only: jobStatusText shows Atlas's own value.
 */
export const STATUS_ICONS: Readonly<Record<JobStatus, { icon: string; color: string; label: () => string }>> = {
  // Still going: Atlas has more to do.
  pending: { icon: 'clock', color: 'charts.yellow', label: () => l10n.t('Pending') },
  queued: { icon: 'watch', color: 'charts.yellow', label: () => l10n.t('Queued') },
  inProgress: { icon: 'sync~spin', color: 'charts.blue', label: () => l10n.t('In progress') },
  // Done, and it worked: the data is there to take, or restored.
  ready: { icon: 'cloud-download', color: 'testing.iconPassed', label: () => l10n.t('Ready') },
  completed: { icon: 'pass', color: 'testing.iconPassed', label: () => l10n.t('Completed') },
  // Done, and it did not work.
  failed: { icon: 'error', color: 'testing.iconFailed', label: () => l10n.t('Failed') },
  broken: { icon: 'warning', color: 'testing.iconFailed', label: () => l10n.t('Broken') },
  interrupted: { icon: 'debug-disconnect', color: 'testing.iconFailed', label: () => l10n.t('Interrupted') },
  // Over without a result to take: stopped, or the link's time or downloads are used up.
  cancelled: { icon: 'circle-slash', color: 'disabledForeground', label: () => l10n.t('Cancelled') },
  killed: { icon: 'circle-slash', color: 'disabledForeground', label: () => l10n.t('Killed') },
  expired: { icon: 'history', color: 'disabledForeground', label: () => l10n.t('Expired') },
  downloadLimitReached: { icon: 'stop-circle', color: 'disabledForeground', label: () => l10n.t('Download limit reached') },
  // Neutral: the extension cannot tell whether this is good or bad news.
  unknown: { icon: 'question', color: 'disabledForeground', label: () => l10n.t('Unknown') },
};

/** `charts.blue` → `--vscode-charts-blue`, as VS Code exposes theme colours to webviews. */
export function themeColorVariable(color: string): string {
  return `--vscode-${color.replace(/\./g, '-')}`;
}
