// Screenshots of the job details panel in a real VS Code (code-server + headless Chromium), in the dark, light
// and high-contrast themes: a legacy job with an auth header, a cloud backup job with several URLs, and the
// error state. Also clicks a copy button inside the webview and reads the clipboard back, so the page → host →
// clipboard path is seen working end to end.
//
//   npx tsx test/ui/panel-look/shoot.ts [--no-build] [--theme dark|light|hc|hc-light]
// Writes test-results/panel/<job>-<theme>.png (themes: dark, light, hc, hc-light).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as esbuild from 'esbuild';
import type { FrameLocator, Page } from 'playwright-core';
import { launchChromium } from '../../../scripts/real-vscode/browser';
import { startCodeServer } from '../../../scripts/real-vscode/codeServer';
import { REPO_ROOT } from '../../../scripts/real-vscode/config';

// Theme ids of VS Code's built-in theme-defaults extension.
// Theme ids of VS Code's built-in theme-defaults extension, with the ColorThemeKind each must give.
const THEMES = {
  dark: ['Dark Modern', 2],
  light: ['Light Modern', 1],
  hc: ['Default High Contrast', 3],
  'hc-light': ['Default High Contrast Light', 4],
} as const;
type ThemeKey = keyof typeof THEMES;

const { values: opts } = parseArgs({ options: { 'no-build': { type: 'boolean', default: false }, theme: { type: 'string', multiple: true } } });
const OUT = join(REPO_ROOT, 'test-results', 'panel');

async function waitForFile(path: string, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!existsSync(path)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${path}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function webview(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').last().frameLocator('iframe#active-frame');
}

async function shootTheme(theme: ThemeKey, entry: string): Promise<void> {
  const handshake = mkdtempSync(join(tmpdir(), 'panel-look-'));
  const [themeId, themeKind] = THEMES[theme];
  const server = await startCodeServer();
  const browser = await launchChromium({ viewport: { width: 1360, height: 1000 } });
  const { page } = browser;
  const failures: string[] = [];
  page.on('console', (m) => {
    if (/Extension Host|panel look/i.test(m.text()) && m.type() === 'error') failures.push(m.text());
  });
  try {
    const finished = new Promise<number>((resolve) => void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code)));
    await page.goto(
      server.workbenchUrl({
        extensionDevelopmentPath: REPO_ROOT,
        extensionTestsPath: entry,
        extensionEnvironment: { PANEL_LOOK_DIR: handshake, PANEL_LOOK_THEME: themeId, PANEL_LOOK_THEME_KIND: String(themeKind) },
      }),
    );

    await waitForFile(join(handshake, 'theme-kind'));
    await new Promise((r) => setTimeout(r, 100));
    const kind = readFileSync(join(handshake, 'theme-kind'), 'utf8');
    if (kind !== String(themeKind)) failures.push(`theme ${themeId} gave ColorThemeKind ${kind}`);
    await waitForFile(join(handshake, 'legacy-shown'));
    let view = webview(page);
    await view.locator('.job-header h1').waitFor({ timeout: 30_000 });
    await view.locator('.hashes').waitFor();
    // The hostile file name is text in the page, never markup.
    const fileCell = await view.locator('.hash-file').first().textContent();
    if (fileCell !== '<img src=x onerror=alert(1)>.tar.gz') failures.push(`file name cell reads ${fileCell}`);
    if ((await view.locator('img').count()) !== 0) failures.push('the page holds an <img> element');
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(OUT, `legacy-${theme}.png`) });
    // Copy the first download URL through the real page and read it back from the browser's clipboard.
    await view.locator('.link .btn', { hasText: 'Copy' }).first().click();
    await view.locator('.link .btn.copied').first().waitFor();
    await page.screenshot({ path: join(OUT, `legacy-${theme}-copied.png`), clip: { x: 0, y: 0, width: 1360, height: 720 } });
    writeFileSync(join(handshake, 'read-clipboard'), '');
    await waitForFile(join(handshake, 'clipboard'));
    await new Promise((r) => setTimeout(r, 100));
    const copied = readFileSync(join(handshake, 'clipboard'), 'utf8');
    if (!copied.startsWith('https://restore-65f0.mongodb.net')) failures.push(`vscode.env.clipboard held "${copied.slice(0, 40)}"`);
    // Keyboard: reveal the auth value with Enter; focus must come back to the same button after the re-render.
    await view.locator('[data-focus-key="revealAuth"]').focus();
    await page.keyboard.press('Enter');
    await view.locator('.auth-value:not(.masked)').waitFor();
    const focused = await view.locator(':focus').getAttribute('data-focus-key');
    if (focused !== 'revealAuth') failures.push(`focus after reveal is on ${focused}`);
    await page.keyboard.press('Shift+Tab');
    await page.waitForTimeout(200);
    await page.screenshot({ path: join(OUT, `legacy-${theme}-keyboard.png`), clip: { x: 0, y: 380, width: 1360, height: 340 } });
    await view.locator('[data-focus-key="revealAuth"]').focus();
    await page.keyboard.press('Enter');
    await view.locator('.auth-value.masked').waitFor();
    await view.locator('.section-json').scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(OUT, `legacy-${theme}-json.png`) });
    writeFileSync(join(handshake, 'legacy-done'), '');

    await waitForFile(join(handshake, 'cloud-shown'));
    view = webview(page);
    await view.locator('.job-header h1', { hasText: 'sharded-prod' }).waitFor({ timeout: 30_000 });
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(OUT, `cloud-${theme}.png`) });
    // Back to the legacy tab: its page was torn down while hidden and draws itself again from the host.
    await page.locator('.tabs-container .tab', { hasText: 'Cluster0' }).first().click();
    view = webview(page);
    await view.locator('.job-header h1', { hasText: 'Cluster0' }).waitFor({ timeout: 30_000 });
    await view.locator('.auth-value.masked').waitFor();
    await page.locator('.tabs-container .tab', { hasText: 'sharded-prod' }).first().click();
    view = webview(page);
    await view.locator('.job-header h1', { hasText: 'sharded-prod' }).waitFor({ timeout: 30_000 });
    writeFileSync(join(handshake, 'cloud-done'), '');

    await waitForFile(join(handshake, 'error-shown'));
    view = webview(page);
    await view.locator('.state-error').waitFor({ timeout: 30_000 });
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(OUT, `error-${theme}.png`) });
    writeFileSync(join(handshake, 'error-done'), '');

    const code = await Promise.race([finished, new Promise<number>((r) => setTimeout(() => r(-1), 30_000))]);
    if (code !== 0) failures.push(`the look entry ended with ${code}`);
  } catch (err) {
    await page.screenshot({ path: join(OUT, `failure-${theme}.png`) }).catch(() => undefined);
    throw err;
  } finally {
    await browser.close();
    await server.stop();
    rmSync(handshake, { recursive: true, force: true });
  }
  if (failures.length) throw new Error(`${theme}: ${failures.join('\n')}`);
  console.log(`panel look: ${theme} done`);
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  if (!opts['no-build']) {
    const r = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'build.mjs')], { cwd: REPO_ROOT, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('build failed');
  }
  const entry = join(REPO_ROOT, 'out', 'panel-look', 'entry.js');
  await esbuild.build({
    entryPoints: [join(REPO_ROOT, 'test', 'ui', 'panel-look', 'entry.ts')],
    outfile: entry,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  const themes = (opts.theme?.length ? opts.theme : Object.keys(THEMES)) as ThemeKey[];
  for (const t of themes) await shootTheme(t, entry);
  console.log(`screenshots in ${OUT}`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
