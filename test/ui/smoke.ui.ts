// The UI harness works end to end: VS Code's workbench loads with the extension under development, a screenshot of
// it is a real picture, the palette, quick input, dialog, editor-tab, webview and clipboard helpers drive the real
// workbench, and an extension linked into the extensions folder or installed from a VSIX loads without the smoke-test
// driver, with its notifications read and answered.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchVsCode, packageExtension, pngInfo, type VsCodeSession } from './harness';

describe('UI harness smoke', () => {
  let vsc: VsCodeSession;
  let workspace: string;

  before(async () => {
    workspace = mkdtempSync(join(tmpdir(), 'ui-smoke-'));
    writeFileSync(join(workspace, 'hello.txt'), 'first line\nsecond line\nthird line\n');
    vsc = await launchVsCode({ workspace });
  });

  after(async () => {
    await vsc?.close();
    rmSync(workspace, { recursive: true, force: true });
  });

  it('shows the workbench, and its screenshot is a real picture', async () => {
    const wb = vsc.workbench;
    await wb.openViewContainer('Explorer');
    await wb.treeRow('hello.txt').waitFor({ state: 'visible' });
    const file = await wb.screenshot('ui-smoke-workbench');
    const png = await pngInfo(file, vsc.browser.context);
    assert.equal(png.width, 1400);
    assert.equal(png.height, 900);
    assert.ok(png.bytes > 10_000, `screenshot is only ${png.bytes} bytes`);
    assert.ok(png.distinctColors >= 8, `screenshot has only ${png.distinctColors} colours — blank?`);
  });

  it('opens a file from the tree, answers quick inputs and a dialog, and copies through the palette', async () => {
    const wb = vsc.workbench;
    await wb.treeRow('hello.txt').click();
    await wb.activeTab().filter({ hasText: 'hello.txt' }).waitFor();
    assert.deepEqual(await wb.editorTabTitles(), ['hello.txt']);

    // The tab shows before its editor is the active text editor; Go to Line opened earlier only says "Open a text
    // editor first", and Enter then does nothing. The cursor's place in the status bar means the editor is active.
    await vsc.browser.page.locator('.monaco-editor .view-lines', { hasText: 'first line' }).waitFor();
    await vsc.browser.page.locator('.statusbar-item', { hasText: 'Ln 1, Col 1' }).waitFor();

    // Go to Line is a quick-access input: its value keeps the ':' prefix. Enter is pressed once the picker offers
    // the line, so it is not pressed before the picker has read what was typed.
    await wb.runCommand('Go to Line/Column...');
    await wb.answerInputBox(':2', { submit: false });
    await wb.quickPickItem(/go to line 2\b/i).waitFor();
    await vsc.browser.page.keyboard.press('Enter');
    await vsc.browser.page.locator('.statusbar-item', { hasText: 'Ln 2, Col 1' }).waitFor();

    await wb.runCommand('Change Language Mode');
    await wb.pickQuickItem(/Markdown\s*\(markdown\)/, { filter: 'markdown' });
    await vsc.browser.page.locator('.statusbar-item', { hasText: /^Markdown$/ }).waitFor();

    await wb.runCommand('Format Document');
    assert.match(await wb.dialogMessage(), /no formatter for 'markdown' files/);
    await wb.answerDialog('Cancel');

    await wb.runCommand('File: Copy Path of Active File');
    assert.equal(await wb.readClipboard(), join(workspace, 'hello.txt'));
  });

  it('reads the content of a webview (the Markdown preview), two iframes deep', async () => {
    const wb = vsc.workbench;
    await wb.runCommand('Markdown: Open Preview');
    await wb.activeTab().filter({ hasText: 'Preview hello.txt' }).waitFor();
    // Markdown joins the three lines into one paragraph.
    assert.match(await wb.webview().locator('p').first().innerText(), /^first line\s+second line\s+third line$/);
  });
});

describe('UI harness with a linked extension folder', () => {
  let vsc: VsCodeSession | undefined;

  after(async () => {
    await vsc?.close();
  });

  it('loads it as an installed extension, without the smoke-test driver, so notifications show as toasts', async () => {
    vsc = await launchVsCode({ extension: { linkedPath: join(__dirname, 'harness', 'fixtures', 'notify-extension') } });
    const wb = vsc.workbench;
    await wb.runCommand('UI Harness Fixture: Show Notifications');
    await vsc.browser.page.locator('.notification-toast', { hasText: 'Fixture: plain information' }).waitFor();
    await wb.notificationAction('Fixture: warning with buttons', 'Later');
    await wb.waitForNotification('Fixture: chose Later');
  });
});

describe('UI harness with an installed VSIX', () => {
  const fixture = join(__dirname, 'harness', 'fixtures', 'notify-extension');
  let vsc: VsCodeSession | undefined;
  let scratch: string;

  before(() => {
    scratch = mkdtempSync(join(tmpdir(), 'ui-smoke-vsix-'));
  });

  after(async () => {
    await vsc?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('installs it as users do, and reads and answers its notifications', async () => {
    const vsix = packageExtension(fixture, join(scratch, 'notify-fixture.vsix'));
    vsc = await launchVsCode({ extension: { vsix } });
    const wb = vsc.workbench;
    await wb.runCommand('UI Harness Fixture: Show Notifications');
    // Without the smoke-test driver (an installed VSIX does not need it) notifications show as toasts.
    await vsc.browser.page.locator('.notification-toast', { hasText: 'Fixture: warning with buttons' }).waitFor();
    await wb.notificationAction('Fixture: warning with buttons', 'Retry');
    await wb.waitForNotification('Fixture: chose Retry');
    // VS Code's own progress notes (e.g. "Saving 'settings.json'…" while the harness writes settings) may stand beside them.
    const fixtures = (await wb.notificationMessages()).filter((m) => m.startsWith('Fixture:'));
    assert.deepEqual(fixtures, ['Fixture: chose Retry', 'Fixture: plain information']);
  });
});
