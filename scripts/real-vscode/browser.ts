// Headless Debian Chromium driven by playwright-core, with a fresh profile per launch.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './config';

export interface ChromiumOptions {
  /** Default true; REAL_VSCODE_HEADED=1 shows the window where a display exists. */
  headless?: boolean;
  viewport?: { width: number; height: number };
}

export interface Chromium {
  context: BrowserContext;
  /** The first tab of the fresh profile. */
  page: Page;
  profileDir: string;
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
  });
  const page = context.pages()[0] ?? (await context.newPage());
  let closed = false;
  return {
    context,
    page,
    profileDir,
    async close() {
      if (closed) return;
      closed = true;
      await context.close().catch(() => undefined);
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}
