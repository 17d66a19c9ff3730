import * as vscode from 'vscode';
import type { TimeZoneMode } from '../format/time';

export const SECTION = 'atlasRestoreJobs';

export interface Settings {
  pageSize: number;
  requestTimeoutSeconds: number;
  maxRetries: number;
  useEnvironmentCredentials: boolean;
  showLegacyBackupJobs: boolean;
  timeZone: TimeZoneMode;
  /** Follow unsettled jobs the tree or a panel has shown, and say when they end. */
  watchEnabled: boolean;
  /** Which endings get a notification. */
  watchNotify: 'all' | 'failures' | 'none';
  watchMinIntervalSeconds: number;
  watchMaxIntervalSeconds: number;
  /** Where the Download dialog opens; the last folder chosen. Empty: the home folder. */
  downloadFolder: string;
  /** How many days back the Restore History draws. */
  historyDays: number;
  /** Keep what the tree loaded, stripped of links and secrets, and show it when Atlas cannot be reached. */
  offlineKeepLastKnown: boolean;
}

function clampInt(value: unknown, min: number, max: number, fallback: number): number {
  const n = typeof value === 'number' && Number.isFinite(value) ? Math.round(value) : fallback;
  return Math.min(max, Math.max(min, n));
}

/** Settings with the manifest's bounds enforced again, since settings.json can hold anything. */
export function readSettings(): Settings {
  const c = vscode.workspace.getConfiguration(SECTION);
  return {
    pageSize: clampInt(c.get('pageSize'), 1, 500, 100),
    requestTimeoutSeconds: clampInt(c.get('requestTimeoutSeconds'), 5, 600, 30),
    maxRetries: clampInt(c.get('maxRetries'), 0, 10, 3),
    useEnvironmentCredentials: c.get('useEnvironmentCredentials') !== false,
    showLegacyBackupJobs: c.get('showLegacyBackupJobs') !== false,
    timeZone: c.get('timeZone') === 'utc' ? 'utc' : 'local',
    watchEnabled: c.get('watch.enabled') !== false,
    watchNotify: ((n) => (n === 'failures' || n === 'none' ? n : 'all'))(c.get('watch.notify')),
    watchMinIntervalSeconds: clampInt(c.get('watch.minIntervalSeconds'), 5, 600, 5),
    watchMaxIntervalSeconds: clampInt(c.get('watch.maxIntervalSeconds'), 5, 3600, 60),
    downloadFolder: ((v) => (typeof v === 'string' ? v.trim() : ''))(c.get('downloadFolder')),
    historyDays: clampInt(c.get('history.days'), 1, 730, 90),
    offlineKeepLastKnown: c.get('offline.keepLastKnown') !== false,
  };
}

/**
 * The settings, read once and kept until one of ours changes. The tree asks for them for every row it draws
 * and following for every job a list shows; one readSettings in the extension host is a getConfiguration and
 * fourteen lookups, ≈ 75 µs (bench:ui --trace), so a list of 130 jobs spent about 20 ms just reading
 * settings each time it was drawn. The extension host updates its configuration and fires the change event
 * together, so this never returns what readSettings would not. Create it before any other configuration
 * listener, so that theirs already read the new values.
 */
export class CachedSettings implements vscode.Disposable {
  private value: Settings | undefined;
  private readonly subscription = vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration(SECTION)) this.value = undefined;
  });

  /** Shared by every caller until a change: read it, never change it. */
  readonly read = (): Settings => (this.value ??= Object.freeze(readSettings()));

  dispose(): void {
    this.subscription.dispose();
  }
}
