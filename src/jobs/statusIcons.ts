import * as l10n from '@vscode/l10n';
import type { JobStatus } from './status';

/**
 * The one status → icon map, used by the tree (ThemeIcon + ThemeColor) and the details panel
 * (codicon class + the matching --vscode-* colour variable), so both always agree.
 * `color` is a VS Code theme colour id; `label` the localized name (a function: the l10n bundle loads
 * after this module).
 */
export const STATUS_ICONS: Readonly<Record<JobStatus, { icon: string; color: string; label: () => string }>> = {
  pending: { icon: 'clock', color: 'charts.yellow', label: () => l10n.t('Pending') },
  queued: { icon: 'watch', color: 'charts.yellow', label: () => l10n.t('Queued') },
  inProgress: { icon: 'sync~spin', color: 'charts.blue', label: () => l10n.t('In progress') },
  completed: { icon: 'pass', color: 'testing.iconPassed', label: () => l10n.t('Completed') },
  failed: { icon: 'error', color: 'testing.iconFailed', label: () => l10n.t('Failed') },
  broken: { icon: 'warning', color: 'testing.iconFailed', label: () => l10n.t('Broken') },
  cancelled: { icon: 'circle-slash', color: 'disabledForeground', label: () => l10n.t('Cancelled') },
  killed: { icon: 'circle-slash', color: 'disabledForeground', label: () => l10n.t('Killed') },
  expired: { icon: 'history', color: 'disabledForeground', label: () => l10n.t('Expired') },
};

/** `charts.blue` → `--vscode-charts-blue`, as VS Code exposes theme colours to webviews. */
export function themeColorVariable(color: string): string {
  return `--vscode-${color.replace(/\./g, '-')}`;
}
