// The extension as a person uses it, in code-server with headless Chromium: the welcome view, adding a connection
// through the real quick inputs, expanding connection → project → cluster → jobs, copying a delivery URL from the
// context menu and with Ctrl+C, and reading the details panel (URL, hashes table, JSON) inside its webview. Saves screenshots of
// the tree and the panel (also used by the README).
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import type { CloudBackupRestoreJob, LegacyRestoreJob } from '../../src/atlas/types';
import { formatDateTime } from '../../src/format/time';
import { objectIdTime } from '../../src/jobs/objectIdTime';
import { REPO_ROOT } from '../../scripts/real-vscode/config';
import { DEMO_SERVICE_ACCOUNT, startEmulator, type RunningEmulator } from '../atlas-emulator';
import { launchVsCode, pngInfo, type VsCodeSession } from './harness';

/**
 * The README's screenshots are refreshed only on request (`npm run screenshots`), so that running the tests
 * leaves the working tree as it was; every run still saves its pictures under test-results/.
 */
const readmeShot = (name: string): string | undefined =>
  process.env.UPDATE_README_SCREENSHOTS === '1' ? join(REPO_ROOT, 'media', name) : undefined;

describe('Atlas Restore Jobs, used through the UI', () => {
  let emulator: RunningEmulator;
  let vsc: VsCodeSession;
  let cloudJob: CloudBackupRestoreJob;
  let legacyJob: LegacyRestoreJob;
  const label = 'Acme (emulator)';

  const label0f = (d: Date | undefined) => formatDateTime(d!, 'local');
  const rowOf = (job: { id?: string; created?: string }) =>
    new RegExp(`^${label0f(job.created ? new Date(job.created) : objectIdTime(job.id))}`);

  before(async () => {
    emulator = await startEmulator({ dataset: 'demo' });
    const production = emulator.store.projects().find((p) => p.name === 'Production')!;
    const now = Date.now();
    // The newest finished download of the sharded cluster whose links still work: one URL per shard.
    cloudJob = emulator.store
      .restoreJobs(production.id, 'prod-sharded', 'cloudBackup')
      .find((j) => (j.deliveryUrl?.length ?? 0) > 1 && !j.expired && new Date(j.expiresAt!).getTime() > now)!;
    assert.ok(cloudJob, 'demo data has a sharded download');
    legacyJob = emulator.store
      .restoreJobs(production.id, 'prod-rs', 'legacy')
      .find((j) => j.hashes?.length && j.delivery.urlV2 && j.delivery.statusName === 'READY')!;
    assert.ok(legacyJob, 'demo data has a ready legacy download');
    // Linked as installed (not as under development) so that notifications show as toasts, as users see them.
    vsc = await launchVsCode({ extension: { linkedPath: REPO_ROOT }, settings: { 'workbench.colorTheme': 'Default Dark Modern' } });
  });

  after(async () => {
    await vsc?.close();
    await emulator?.close();
  });

  it('shows the welcome view with a way to add a connection', async () => {
    const wb = vsc.workbench;
    await wb.openViewContainer('Atlas');
    const welcome = wb.view('Restore Jobs').locator('.welcome-view-content');
    await welcome.getByText('Browse the backup restore jobs').waitFor();
    await welcome.getByRole('button', { name: 'Add Atlas Connection' }).waitFor();
    await wb.screenshot('ui-welcome', { copyTo: readmeShot('screenshot-welcome.png'), settleMs: 300 });
  });

  it('adds a service account connection through the real input boxes', async () => {
    const wb = vsc.workbench;
    await wb.view('Restore Jobs').locator('.welcome-view-content').getByRole('button', { name: 'Add Atlas Connection' }).click();
    await wb.waitForQuickInput(/Add Atlas Connection/);
    assert.deepEqual((await wb.quickPickLabels()).map((l) => l.split(/\s{2,}|\n/)[0]), ['Service account', 'API key']);
    await wb.pickQuickItem('Service account');
    // Each step is a new quick input: wait for it, or an answer can land in the one closing.
    await wb.waitForQuickInput(/\(2\/5\)/);
    await wb.pickQuickItem('Other base URL');
    // Same step number as the pick before it: wait for the input box's own prompt.
    await wb.quickInput().getByText(/Base URL of the Atlas Administration API/).waitFor();
    await wb.answerInputBox('http://example.com', { submit: false });
    // The validation message renders in its own overlay, not inside the quick input widget.
    await vsc.browser.page.getByText(/must use https:\/\//).first().waitFor();
    await wb.answerInputBox(emulator.baseUrl);
    await wb.waitForQuickInput(/\(3\/5\)/);
    await wb.answerInputBox(DEMO_SERVICE_ACCOUNT.clientId);
    await wb.waitForQuickInput(/\(4\/5\)/);
    await wb.quickInput().locator('input[type="password"]').waitFor();
    await wb.answerInputBox(DEMO_SERVICE_ACCOUNT.clientSecret);
    await wb.waitForQuickInput(/\(5\/5\)/);
    await wb.answerInputBox(label);
    await wb.waitForNotification(/Connected to http:\/\/127\.0\.0\.1:\d+ as "Acme \(emulator\)"/);
    await wb.treeRow(label).waitFor();
    await wb.treeRow('Production').waitFor();
  });

  it('expands project → cluster → jobs, and copies a delivery URL from the context menu', async () => {
    const wb = vsc.workbench;
    await wb.expandTreeRow('Production');
    await wb.expandTreeRow('prod-sharded');
    const jobRow = rowOf(cloudJob);
    await wb.treeRow(jobRow).first().waitFor();
    await wb.treeRowContextMenu(jobRow, 'Copy Delivery URL');
    await wb.waitForQuickInput(/Copy Delivery URL/);
    const labels = await wb.quickPickLabels();
    assert.equal(labels.length, cloudJob.deliveryUrl!.length + 1, labels.join(' | '));
    await wb.pickQuickItem(/shard-0/);
    // The notification comes after the clipboard write.
    await wb.waitForNotification(/Copied link of .*\(expires in /);
    assert.equal(await wb.readClipboard(), cloudJob.deliveryUrl![0]);
    await wb.hideNotificationCenter();
    await vsc.workbench.widenSideBar(560);
    const file = await wb.screenshot('ui-tree', { copyTo: readmeShot('screenshot-tree.png'), settleMs: 600 });
    const png = await pngInfo(file, vsc.browser.context);
    assert.ok(png.distinctColors >= 16, `tree screenshot has only ${png.distinctColors} colours`);
  });

  it('copies the link of the job clicked with Ctrl+C, and goes on by keyboard: Enter on a job without one copies nothing', async () => {
    const wb = vsc.workbench;
    const page = vsc.browser.page;
    const jobRow = rowOf(cloudJob);
    const tabs = page.locator('.part.editor .tabs-container .tab');
    const focused = page.locator('.part.sidebar .monaco-list-row.focused');
    // A click previews the job, as a click previews a file in the explorer: the keyboard stays in the tree.
    await wb.treeRow(jobRow).first().click();
    await wb.activeTab().filter({ hasText: /^prod-sharded · / }).waitFor();
    await focused.filter({ hasText: jobRow }).waitFor();
    assert.ok(await page.locator('.part.sidebar .monaco-list:focus-within').count(), 'the tree keeps the keyboard');
    await page.keyboard.press('Control+C');
    await wb.waitForQuickInput(/Copy Delivery URL/);
    await wb.pickQuickItem(/shard-1/);
    await wb.waitForNotification(/Copied link of .*\(expires in /);
    assert.equal(await wb.readClipboard(), cloudJob.deliveryUrl![1]);
    await wb.hideNotificationCenter();

    // Down the list to a job without a link (running, failed or cancelled); Enter opens it in the same preview.
    await wb.treeRow(jobRow).first().click();
    await focused.filter({ hasText: jobRow }).waitFor();
    let steps = 0;
    do {
      await page.keyboard.press('ArrowDown');
      steps++;
    } while (steps < 8 && !/In progress|Failed|Cancelled/.test(await focused.innerText()));
    const linkless = await focused.innerText();
    assert.match(linkless, /In progress|Failed|Cancelled/, 'a job without a link below the ready one');
    await page.keyboard.press('Enter');
    await wb.activeTab().filter({ hasText: linkless.slice(0, 16) }).waitFor();
    assert.equal(await tabs.count(), 1, 'the preview took it');
    await page.keyboard.press('Control+C');
    await page.waitForTimeout(800);
    assert.equal(await wb.quickInput().isVisible(), false, 'no link to choose from');
    assert.equal(await wb.readClipboard(), cloudJob.deliveryUrl![1], 'the clipboard keeps what it had');

    // Back up to the ready job and Enter: Ctrl+C copies again.
    for (let i = 0; i < steps; i++) await page.keyboard.press('ArrowUp');
    await focused.filter({ hasText: jobRow }).waitFor();
    await page.keyboard.press('Enter');
    // The selection reaches the extension, and its answer the keybinding's context, a moment after the key.
    await wb.activeTab().filter({ hasText: label0f(objectIdTime(cloudJob.id)) }).waitFor();
    await page.keyboard.press('Control+C');
    await wb.waitForQuickInput(/Copy Delivery URL/);
    await wb.closeQuickInput();
    await wb.runCommand('View: Close All Editors');
  });

  it('opens the details panel and shows the delivery URL, the hashes and the job JSON', async () => {
    const wb = vsc.workbench;
    await wb.expandTreeRow('prod-rs');
    const production = emulator.store.projects().find((p) => p.name === 'Production')!;
    const legacyCount = emulator.store.restoreJobs(production.id, 'prod-rs', 'legacy').length;
    // prod-sharded has its own "Legacy backup" row: pick prod-rs's by its count.
    await wb.expandTreeRow(new RegExp(`^Legacy backup\\s*${legacyCount} restore jobs`));
    const row = wb.treeRow(rowOf(legacyJob)).first();
    await row.waitFor();
    await row.click();
    const title = `prod-rs · ${formatDateTime(new Date(legacyJob.created!), 'local')}`;
    await wb.activeTab().filter({ hasText: title }).waitFor();
    const page = wb.webview();
    await page.locator('.link-url').first().waitFor();
    assert.equal(await page.locator('.link-url').first().innerText(), legacyJob.delivery.urlV2);
    const hashRows = page.locator('.hashes tbody tr');
    assert.equal(await hashRows.count(), legacyJob.hashes!.length);
    assert.equal(await hashRows.first().locator('.hash-value').innerText(), legacyJob.hashes![0].hash);
    assert.equal(await hashRows.first().locator('.hash-file').innerText(), legacyJob.hashes![0].fileName);
    const json = await page.locator('pre.json').innerText();
    const box = await page.locator('pre.json').evaluate((el) => ({ client: el.clientHeight, scroll: el.scrollHeight }));
    assert.ok(box.scroll <= box.client + 1, `the JSON box scrolls on its own (${box.scroll} px in ${box.client} px), trapping the wheel`);
    const doc = JSON.parse(json) as LegacyRestoreJob;
    assert.equal(doc.id, legacyJob.id);
    assert.notEqual(doc.delivery.authValue, legacyJob.delivery.authValue, 'authValue stays masked until revealed');
    assert.ok(!(await page.locator('body').innerText()).includes(legacyJob.delivery.authValue!), 'the secret header value is nowhere on the page');
    await wb.hideNotificationCenter();
    await wb.runCommand('View: Close Primary Side Bar');
    await wb.screenshot('ui-details', { copyTo: readmeShot('screenshot-details.png'), settleMs: 600 });
  });

  it('draws the details page again when its tab comes back from behind another', async () => {
    const wb = vsc.workbench;
    const title = `prod-rs · ${formatDateTime(new Date(legacyJob.created!), 'local')}`;
    // Hidden, the page is torn down; shown again, a new page loads and is sent the state once it says "ready".
    await wb.runCommand('File: New Untitled Text File');
    await wb.activeTab().filter({ hasText: /Untitled/ }).waitFor();
    await wb.runCommand('View: Close Editor');
    await wb.activeTab().filter({ hasText: title }).waitFor();
    const page = wb.webview();
    await page.locator('.link-url').first().waitFor();
    assert.equal(await page.locator('.link-url').first().innerText(), legacyJob.delivery.urlV2);
    assert.equal(await page.locator('.hashes tbody tr').count(), legacyJob.hashes!.length);
    assert.equal(JSON.parse(await page.locator('pre.json').innerText()).id, legacyJob.id);
  });

  it('brings the details panel back after a window reload, fetched again, still the preview tab', async () => {
    const wb = vsc.workbench;
    const title = `prod-rs · ${formatDateTime(new Date(legacyJob.created!), 'local')}`;
    emulator.clearRequests();
    await wb.runCommand('Developer: Reload Window');
    await wb.ready();
    await wb.activeTab().filter({ hasText: title }).waitFor({ timeout: 60_000 });
    const page = wb.webview();
    await page.locator('.link-url').first().waitFor({ timeout: 60_000 });
    assert.equal(await page.locator('.link-url').first().innerText(), legacyJob.delivery.urlV2);
    await page.locator('button', { hasText: 'Keep Open' }).waitFor();
    assert.ok(
      emulator.requests.some((r) => r.path.endsWith(`/restoreJobs/${legacyJob.id}`) && r.status === 200),
      'the revived panel fetched its job from Atlas (the webview state keeps only the reference)',
    );
  });

  it('shows the next job clicked in the tree in the same preview tab, and keeps that tab open when asked', async () => {
    const wb = vsc.workbench;
    const production = emulator.store.projects().find((p) => p.name === 'Production')!;
    const legacy = emulator.store.restoreJobs(production.id, 'prod-rs', 'legacy');
    const labelOf = (j: LegacyRestoreJob) => label0f(new Date(j.created!));
    const count = new Map<string, number>();
    for (const j of legacy) count.set(labelOf(j), (count.get(labelOf(j)) ?? 0) + 1);
    // Three of the newest, each with a row label of its own, so that a click names one job.
    const [a, b, c, d] = legacy
      .filter((j) => j.created && j.hashes?.length && j.id !== legacyJob.id && count.get(labelOf(j)) === 1)
      .sort((x, y) => Date.parse(y.created!) - Date.parse(x.created!)) as [LegacyRestoreJob, LegacyRestoreJob, LegacyRestoreJob, LegacyRestoreJob];
    const titleOf = (j: LegacyRestoreJob) => `prod-rs · ${labelOf(j)}`;
    const webviewTabs = () => vsc.browser.page.locator('.part.editor .tabs-container .tab').filter({ hasText: /^prod-rs · / });
    await wb.runCommand('View: Close All Editors');
    await wb.openViewContainer('Atlas');
    // The window was reloaded: the tree starts collapsed.
    await wb.expandTreeRow(label);
    await wb.expandTreeRow(/^Production/);
    await wb.expandTreeRow('prod-rs');
    await wb.expandTreeRow(new RegExp(`^Legacy backup\\s*${legacy.length} restore jobs`));

    const open = async (job: LegacyRestoreJob) => {
      await wb.treeRow(rowOf(job)).first().click();
      await wb.activeTab().filter({ hasText: titleOf(job) }).waitFor();
      await wb.webview().locator('pre.json', { hasText: job.id! }).waitFor();
    };
    await open(a);
    const page = wb.webview();
    await page.locator('button', { hasText: 'Keep Open' }).waitFor();
    await page.locator('input.hash-filter').fill('no-such-file');
    await page.locator('.hashes tbody tr').first().waitFor({ state: 'detached' });
    await open(b);
    assert.equal(await webviewTabs().count(), 1, 'one tab, which the second job took over');
    assert.equal(JSON.parse(await page.locator('pre.json').innerText()).id, b.id);
    assert.equal(await page.locator('input.hash-filter').inputValue(), '', "the first job's filter is gone");
    assert.equal(await page.locator('.hashes tbody tr').count(), b.hashes!.length, "the second job's hashes, none of the first's");
    await wb.screenshot('ui-details-preview', { settleMs: 400 });

    await page.locator('button', { hasText: 'Keep Open' }).click();
    await page.locator('button', { hasText: 'Keep Open' }).waitFor({ state: 'detached' });
    await open(c);
    assert.deepEqual(await webviewTabs().allInnerTexts().then((t) => t.map((x) => x.trim())), [titleOf(b), titleOf(c)], 'kept, it stays; the next job opens a tab of its own');

    // A double-click keeps the preview at once, as it keeps a file's in VS Code's explorer.
    await wb.treeRow(rowOf(d)).first().dblclick();
    await wb.activeTab().filter({ hasText: titleOf(d) }).waitFor();
    await page.locator('pre.json', { hasText: d.id! }).waitFor();
    await page.locator('button', { hasText: 'Keep Open' }).waitFor({ state: 'detached' });
    assert.deepEqual(await webviewTabs().allInnerTexts().then((t) => t.map((x) => x.trim())), [titleOf(b), titleOf(d)], 'the preview took the job and was kept');
    // As a double-click on a file does, it moves the keyboard to the panel; a click left it in the tree.
    await vsc.browser.page.waitForFunction(() => document.activeElement?.tagName === 'IFRAME' && document.activeElement.classList.contains('webview'));
  });
});
