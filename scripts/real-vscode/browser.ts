// Headless Debian Chromium driven by playwright-core, with a fresh profile per launch.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { signalExitCode } from './codeServer';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './config';

export interface ChromiumOptions {
  /** Default true; REAL_VSCODE_HEADED=1 shows the window where a display exists. */
  headless?: boolean;
  viewport?: { width: number; height: number };
  /**
   * Close the browser when this process gets SIGINT/SIGTERM/SIGHUP (default true); if no other handler for the
   * signal remains, then exit with 128+signal. (Playwright's own handlers would exit at once, before the
   * code-server launcher had cleaned up.)
   */
  handleSignals?: boolean;
}

export interface Chromium {
  context: BrowserContext;
  /** The first tab of the fresh profile. */
  page: Page;
  profileDir: string;
  /** Closes the browser and deletes its profile. Idempotent. */
  close(): Promise<void>;
}

export async function launchChromium(options: ChromiumOptions = {}): Promise<Chromium> {
  const profileDir = mkdtempSync(join(tmpdir(), 'real-vscode-chromium-'));
  const headless = options.headless ?? process.env.REAL_VSCODE_HEADED !== '1';
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    headless,
    args: CHROMIUM_ARGS,
    viewport: options.viewport ?? { width: 1400, height: 900 },
    // The web workbench implements vscode.env.clipboard with the async Clipboard API.
    permissions: ['clipboard-read', 'clipboard-write'],
    // Chromium's crash-report database and GTK's dconf cache follow XDG_*, not --user-data-dir: keep them in
    // the profile rather than in the home folder.
    env: {
      ...process.env,
      XDG_CONFIG_HOME: join(profileDir, 'xdg-config'),
      XDG_CACHE_HOME: join(profileDir, 'xdg-cache'),
    } as Record<string, string>,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  const page = context.pages()[0] ?? (await context.newPage());

  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const onSignal = (signal: NodeJS.Signals): void => {
    void close().finally(() => {
      if (process.listenerCount(signal) === 0) process.exit(signalExitCode(signal));
    });
  };
  let closing: Promise<void> | undefined;
  function close(): Promise<void> {
    closing ??= (async () => {
      for (const s of signals) process.off(s, onSignal);
      await context.close().catch(() => undefined);
      // Chromium's last writes can land while the folder is being removed; a cleanup miss must not fail a run.
      try {
        rmSync(profileDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
      } catch {
        /* left in the temp folder */
      }
    })();
    return closing;
  }
  if (options.handleSignals ?? true) for (const s of signals) process.on(s, onSignal);
  return { context, page, profileDir, close };
}
