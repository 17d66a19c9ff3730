import type { JobStatus } from './status';

/**
 * The one status → icon map, used by the tree (ThemeIcon + ThemeColor) and the details panel
 * (codicon class + the matching --vscode-* colour variable), so both always agree.
 * `color` is a VS Code theme colour id.
 */
export const STATUS_ICONS: Readonly<Record<JobStatus, { icon: string; color: string }>> = {
  pending: { icon: 'clock', color: 'charts.yellow' },
  queued: { icon: 'watch', color: 'charts.yellow' },
  inProgress: { icon: 'sync~spin', color: 'charts.blue' },
  completed: { icon: 'pass', color: 'testing.iconPassed' },
  failed: { icon: 'error', color: 'testing.iconFailed' },
  broken: { icon: 'warning', color: 'testing.iconFailed' },
  cancelled: { icon: 'circle-slash', color: 'disabledForeground' },
  killed: { icon: 'circle-slash', color: 'disabledForeground' },
  expired: { icon: 'history', color: 'disabledForeground' },
};

/** `charts.blue` → `--vscode-charts-blue`, as VS Code exposes theme colours to webviews. */
export function themeColorVariable(color: string): string {
  return `--vscode-${color.replace(/\./g, '-')}`;
}
