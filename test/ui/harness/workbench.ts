// What a person does in the VS Code workbench, as playwright-core steps. Selectors are the ones VS Code 1.139's
// web workbench renders (checked against code-server 4.139.1); keep them here so tests read as user actions.
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { REPO_ROOT } from '../../../scripts/real-vscode/config';

export const SCREENSHOT_DIR = join(REPO_ROOT, 'test-results');

const QUICK_INPUT = '.quick-input-widget';

export class Workbench {
  constructor(readonly page: Page) {}

  /** Waits until the workbench has rendered its activity bar and status bar. */
  async ready(timeoutMs = 60_000): Promise<void> {
    await this.page.locator('.monaco-workbench .part.activitybar').waitFor({ state: 'visible', timeout: timeoutMs });
    await this.page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: timeoutMs });
  }

  // ---- side bar, views and trees ------------------------------------------------------------------------------

  /** The activity-bar entry of a view container, by its title (e.g. "Atlas", "Explorer"). */
  activityBarItem(title: string): Locator {
    return this.page.locator(`.part.activitybar .action-item:has(a[aria-label^="${title}"])`);
  }

  /** Opens a view container from the activity bar (leaves it open when it already is). */
  async openViewContainer(title: string): Promise<void> {
    const item = this.activityBarItem(title);
    await item.waitFor({ state: 'visible' });
    if (!((await item.getAttribute('class')) ?? '').split(/\s+/).includes('checked')) {
      await item.locator('a').click();
    }
    await this.page.locator('.part.sidebar').waitFor({ state: 'visible' });
  }

  /** A view (pane) in the side bar, by its title (e.g. "Restore Jobs"). */
  view(title: string): Locator {
    return this.page.locator('.part.sidebar .pane').filter({
      has: this.page.locator('.pane-header .title', { hasText: title }),
    });
  }

  /**
   * Clicks an action in a view's title bar by its tooltip/label (e.g. "Refresh"). A container holding a single
   * view shows that view's actions in the side bar's own title bar instead; both are looked at.
   */
  async viewAction(viewTitle: string, actionLabel: string): Promise<void> {
    const header = this.view(viewTitle).locator('.pane-header');
    const containerTitle = this.page.locator('.part.sidebar > .composite.title');
    await ((await header.isVisible()) ? header : containerTitle).hover();
    const action = `.action-label[aria-label^="${actionLabel}"]`;
    await header.locator(action).or(containerTitle.locator(action)).filter({ visible: true }).first().click();
  }

  /** Tree/list rows in the side bar containing `text` (a RegExp for exact matches). */
  treeRow(text: string | RegExp): Locator {
    return this.page.locator('.part.sidebar .monaco-list-row', { hasText: text });
  }

  /** Expands a collapsed tree row (no-op when already expanded) and waits for it to report expanded. */
  async expandTreeRow(text: string | RegExp): Promise<Locator> {
    const row = this.treeRow(text).first();
    await row.waitFor({ state: 'visible' });
    if ((await row.getAttribute('aria-expanded')) === 'false') {
      await row.locator('.monaco-tl-twistie').click();
    }
    await this.page.waitForFunction(
      (el) => el?.getAttribute('aria-expanded') === 'true',
      await row.elementHandle(),
    );
    return row;
  }

  /** Right-clicks a tree row and chooses a context-menu entry. */
  async treeRowContextMenu(rowText: string | RegExp, menuItem: string | RegExp): Promise<void> {
    const row = this.treeRow(rowText).first();
    await row.click({ button: 'right' });
    const item = this.contextMenuItem(menuItem);
    await item.waitFor({ state: 'visible' });
    // A menu ignores clicks in its first moments (so the releasing right click cannot choose an entry):
    // hover like a person, then wait until the entry shows as focused before clicking.
    await item.hover();
    await this.page.waitForFunction((el) => !!el?.querySelector('.action-menu-item.focused, .action-menu-item:focus') || el?.classList.contains('focused'), await item.elementHandle());
    await this.page.waitForTimeout(150);
    await item.click();
    await item.waitFor({ state: 'detached' });
  }

  /** An entry of the open context menu. */
  contextMenuItem(label: string | RegExp): Locator {
    return this.page.locator('.context-view .monaco-menu .action-item', { hasText: label }).first();
  }

  /** Hovers a tree row and clicks one of its inline actions by tooltip/label. */
  async treeRowInlineAction(rowText: string | RegExp, actionLabel: string): Promise<void> {
    const row = this.treeRow(rowText).first();
    await row.hover();
    await row.locator(`.actions .action-label[aria-label^="${actionLabel}"]`).click();
  }

  // ---- command palette and quick inputs ----------------------------------------------------------------------

  /**
   * Runs a command from the palette by its title as shown there (e.g. "Atlas Restore Jobs: Refresh").
   * Right after start-up an extension's commands may not be registered yet; the palette is then reopened until
   * the command shows up or `timeoutMs` passes.
   */
  async runCommand(title: string, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const input = this.page.locator(`${QUICK_INPUT} input`);
    const row = this.quickPickItem(title);
    for (;;) {
      await this.page.locator('.monaco-workbench').focus().catch(() => undefined);
      await this.page.keyboard.press('F1');
      await input.waitFor({ state: 'visible' });
      await input.fill(`>${title}`);
      const found = await row.waitFor({ state: 'visible', timeout: Math.min(3_000, Math.max(deadline - Date.now(), 1)) }).then(
        () => true,
        () => false,
      );
      if (found) break;
      await this.page.keyboard.press('Escape');
      if (Date.now() >= deadline) throw new Error(`no command "${title}" in the palette after ${timeoutMs} ms`);
    }
    await row.click();
    // Done when the palette has gone — closed, or replaced by the command's own quick input.
    await this.page.waitForFunction((sel) => {
      const widget = document.querySelector<HTMLElement>(sel);
      const value = widget?.querySelector('input')?.value ?? '';
      return !widget || widget.style.display === 'none' || !value.startsWith('>');
    }, QUICK_INPUT);
  }

  /** The quick input (palette, quick pick or input box) while it is open. */
  quickInput(): Locator {
    return this.page.locator(QUICK_INPUT);
  }

  /** A row of the open quick pick, containing `label`. */
  quickPickItem(label: string | RegExp): Locator {
    return this.page.locator(`${QUICK_INPUT} .quick-input-list .monaco-list-row`, { hasText: label }).first();
  }

  /**
   * Chooses the row containing `label` in the open quick pick. Long lists render only their visible rows, so
   * it first types a filter, as a person would: `label` itself when it is a string, else `options.filter`
   * (pass `filter: ''` to pick from the list as shown).
   */
  async pickQuickItem(label: string | RegExp, options: { filter?: string } = {}): Promise<void> {
    const filter = options.filter ?? (typeof label === 'string' ? label : '');
    if (filter) {
      const input = this.page.locator(`${QUICK_INPUT} .quick-input-box input`);
      await input.waitFor({ state: 'visible' });
      await input.fill(filter);
    }
    await this.quickPickItem(label).click();
  }

  /** Texts of the rows of the open quick pick. */
  async quickPickLabels(): Promise<string[]> {
    await this.page.locator(`${QUICK_INPUT} .quick-input-list .monaco-list-row`).first().waitFor();
    // The first row of an entry holds its label; a second one, when present, its detail line.
    return this.page
      .locator(`${QUICK_INPUT} .quick-input-list .monaco-list-row .quick-input-list-row:first-child .label-name`)
      .allInnerTexts();
  }

  /** Types into the open input box (also password boxes) and, by default, presses Enter. */
  async answerInputBox(value: string, options: { submit?: boolean } = {}): Promise<void> {
    const input = this.page.locator(`${QUICK_INPUT} .quick-input-box input`);
    await input.waitFor({ state: 'visible' });
    await input.fill(value);
    if (options.submit ?? true) await input.press('Enter');
  }

  /** The prompt/validation message under the open input box. */
  async quickInputMessage(): Promise<string> {
    return (await this.page.locator(`${QUICK_INPUT} .quick-input-message`).innerText()).trim();
  }

  /** The open quick input's title bar text (e.g. "Add Connection (2/5)"). */
  async quickInputTitle(): Promise<string> {
    return (await this.page.locator(`${QUICK_INPUT} .quick-input-title`).innerText()).trim();
  }

  /** Waits until the open quick input's title contains `title` (multi-step flows change it per step). */
  async waitForQuickInput(title: string | RegExp): Promise<void> {
    await this.page.locator(`${QUICK_INPUT} .quick-input-title`, { hasText: title }).waitFor({ state: 'visible' });
  }

  async closeQuickInput(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.quickInput().waitFor({ state: 'hidden' });
  }

  // ---- notifications ----------------------------------------------------------------------------------------
  // With code-server's smoke-test driver on (needed to load a development-path extension) the workbench shows no
  // toasts at all: notifications only reach the notification center. These helpers therefore read the center,
  // and toasts as well where they exist (a session with an installed VSIX runs without the driver).

  /** A notification containing `text`, as a toast or in the notification center. */
  notification(text: string | RegExp): Locator {
    return this.page
      .locator('.notifications-toasts .notification-toast, .notifications-center .notification-list-item')
      .filter({ hasText: text })
      .first();
  }

  /** Opens the notification center (through the status-bar bell, so an open quick input is not replaced). */
  async showNotificationCenter(): Promise<void> {
    const center = this.page.locator('.notifications-center');
    if (await center.isVisible()) return;
    await this.page.locator('[id="status.notifications"]').click();
    await center.waitFor({ state: 'visible' });
  }

  async hideNotificationCenter(): Promise<void> {
    const center = this.page.locator('.notifications-center');
    if (!(await center.isVisible())) return;
    await this.page.locator('[id="status.notifications"]').click();
    await center.waitFor({ state: 'hidden' });
  }

  /** Waits for a notification containing `text` and returns it (opens the notification center to look). */
  async waitForNotification(text: string | RegExp, timeoutMs = 30_000): Promise<Locator> {
    await this.showNotificationCenter();
    const n = this.notification(text);
    await n.waitFor({ state: 'visible', timeout: timeoutMs });
    return n;
  }

  /** Messages of all current notifications, newest first (opens the notification center). */
  async notificationMessages(): Promise<string[]> {
    await this.showNotificationCenter();
    return this.page.locator('.notifications-center .notification-list-item-message').allInnerTexts();
  }

  /** Clicks a button (e.g. "Retry") on the notification containing `text`. */
  async notificationAction(text: string | RegExp, button: string | RegExp): Promise<void> {
    const n = await this.waitForNotification(text);
    await n.locator('.monaco-button', { hasText: button }).first().click();
  }

  async clearNotifications(): Promise<void> {
    await this.runCommand('Notifications: Clear All Notifications');
  }

  // ---- modal dialogs (showXxxMessage with `modal: true`, and messages with buttons the workbench shows modally)

  /** The open modal dialog. */
  dialog(): Locator {
    return this.page.locator('.monaco-dialog-box');
  }

  /** The open dialog's message (waits for one to open). */
  async dialogMessage(): Promise<string> {
    return (await this.dialog().locator('.dialog-message-container').innerText()).trim();
  }

  /** Clicks a button of the open dialog and waits for it to close. */
  async answerDialog(button: string | RegExp): Promise<void> {
    await this.dialog().locator('.dialog-buttons .monaco-button', { hasText: button }).first().click();
    await this.dialog().waitFor({ state: 'hidden' });
  }

  // ---- editors and webviews ---------------------------------------------------------------------------------

  /** Titles of the open editor tabs. */
  async editorTabTitles(): Promise<string[]> {
    // A file tab splits its name: label-name "hello" + label-suffix ".txt".
    return this.page.locator('.part.editor .tabs-container .tab').evaluateAll((tabs) =>
      tabs.map(
        (t) => `${t.querySelector('.label-name')?.textContent ?? ''}${t.querySelector('.label-suffix')?.textContent ?? ''}`,
      ),
    );
  }

  /** The active editor tab. */
  activeTab(): Locator {
    return this.page.locator('.part.editor .tabs-container .tab.active');
  }

  /**
   * The content of a webview (panel or view): VS Code nests it two iframes deep. With several webviews open,
   * `nth` picks one (0 = first in the DOM); hidden ones stay in the DOM, so prefer one open at a time.
   */
  webview(nth = 0): FrameLocator {
    return this.page.locator('iframe.webview.ready').nth(nth).contentFrame().frameLocator('iframe#active-frame');
  }

  // ---- clipboard and screenshots ----------------------------------------------------------------------------

  /** What the workbench last put on the (browser's) clipboard — where vscode.env.clipboard writes in the web. */
  async readClipboard(): Promise<string> {
    return this.page.evaluate(() => navigator.clipboard.readText());
  }

  /**
   * Saves a PNG of the window as test-results/<name>.png (and a copy at `options.copyTo`, e.g. media/tree.png).
   * Waits `settleMs` first so fading notifications and hovers have finished. Returns the test-results path.
   */
  async screenshot(name: string, options: { copyTo?: string; settleMs?: number; locator?: Locator } = {}): Promise<string> {
    await this.page.waitForTimeout(options.settleMs ?? 300);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const path = join(SCREENSHOT_DIR, `${name}.png`);
    if (options.locator) await options.locator.screenshot({ path });
    else await this.page.screenshot({ path });
    if (options.copyTo) {
      const to = resolve(REPO_ROOT, options.copyTo);
      mkdirSync(dirname(to), { recursive: true });
      copyFileSync(path, to);
    }
    return path;
  }

  /** Widens the side bar (by dragging its sash, as a person does) so that rows show their whole description. */
  async widenSideBar(width: number): Promise<void> {
    const page = this.page;
    const sash = page.locator('.monaco-sash.vertical').filter({ visible: true });
    const bar = await page.locator('.part.sidebar').boundingBox();
    if (!bar || bar.width >= width) return;
    // The sash between the side bar and the editor sits on the side bar's right edge.
    for (const s of await sash.all()) {
      const box = await s.boundingBox();
      if (!box || Math.abs(box.x + box.width / 2 - (bar.x + bar.width)) > 6) continue;
      const y = box.y + box.height / 2;
      await page.mouse.move(box.x + box.width / 2, y);
      await page.mouse.down();
      await page.mouse.move(bar.x + width, y, { steps: 10 });
      await page.mouse.up();
      // Leave the sash, or it stays highlighted in the screenshot.
      await page.mouse.move(bar.x + width + 300, y);
      return;
    }
  }
}
