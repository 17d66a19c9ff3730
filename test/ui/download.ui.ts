// Downloading a restore's file as a person does it: the row's Download icon, the download-limit warning,
// VS Code's own folder dialog, the progress notification (bytes of total, rate, time left) and the "verified"
// message; the file on disk has the SHA-1 Atlas published. Screenshots of the progress and of the ending.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createReadStream, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatDateTime } from '../../src/format/time';
import { objectIdTime } from '../../src/jobs/objectIdTime';
import { DEMO } from '../atlas-emulator';
import { openProduction, useDemoSession } from './demoSession';
import type { VsCodeSession } from './harness';

const MIB = 1024 * 1024;

/**
 * Types a folder into VS Code's simple folder dialog and chooses it. The dialog fills its box with the home
 * folder once it has listed it; typing before that ends as "/root//tmp/…", so wait for the listing and check
 * what the box holds before choosing.
 */
async function chooseFolder(vsc: VsCodeSession, folder: string): Promise<void> {
  const page = vsc.browser.page;
  await vsc.workbench.waitForQuickInput(/Download the Restore File To/);
  await page.locator('.quick-input-widget .quick-input-list .monaco-list-row').first().waitFor();
  const input = page.locator('.quick-input-widget .quick-input-box input');
  for (let i = 0; i < 10 && (await input.inputValue()) !== `${folder}/`; i++) {
    await input.fill(`${folder}/`);
    await page.waitForTimeout(300);
  }
  assert.equal(await input.inputValue(), `${folder}/`);
  await page.locator('.quick-input-widget .monaco-button', { hasText: 'Download Here' }).first().click();
}

async function sha1Of(path: string): Promise<string> {
  const h = createHash('sha1');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}

describe('Downloading a restore file, as a person does it', () => {
  let folder: string;

  const demo = useDemoSession({ emulator: { largeFile: { bytes: 48 * MIB } } });

  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'ui-downloads-'));
  });

  after(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it('downloads through the folder dialog with a progress notification, and says the SHA-1 is verified', async () => {
    const wb = demo.vsc.workbench;
    const page = demo.vsc.browser.page;
    const large = demo.emulator.store.largeFileJobs().find((j) => j.family === 'legacy')!;
    const production = demo.emulator.store.projects().find((p) => p.name === DEMO.projects.production)!;
    const job = demo.emulator.store.restoreJobs(production.id, large.clusterName, 'legacy').find((j) => j.id === large.jobId)!;
    const file = large.files[0]!;
    // About ten seconds for 48 MiB, so the progress can be watched and photographed.
    demo.emulator.faults.add({ kind: 'slowBody', times: 1, ms: 10_000, match: '/__downloads/' });

    await openProduction(demo.vsc);
    await wb.expandTreeRow(large.clusterName);
    await wb.expandTreeRow('Legacy backup');
    const rowText = new RegExp(`^${formatDateTime(new Date(job.created!), 'local')}`);
    await wb.treeRow(rowText).first().waitFor();
    await wb.treeRowInlineAction(rowText, 'Download…');

    // Legacy links allow a limited number of downloads: asked first, in a dialog.
    await wb.dialog().waitFor();
    assert.match(await wb.dialogMessage(), /allows \d+ download\(s\) of this restore link; this download uses one of them/);
    await wb.answerDialog('Download');

    // VS Code's own folder dialog (the simple one in a browser): type the folder, then choose it.
    await chooseFolder(demo.vsc, folder);

    const progress = page.locator('.notification-toast', { hasText: /Downloading restore job/ }).first();
    await progress.waitFor({ timeout: 20_000 });
    await page.locator('.notification-toast', { hasText: /MB of 48\.0 MB · [\d.]+ MB\/s · .* left/ }).first().waitFor({ timeout: 20_000 });
    const line = await progress.innerText();
    assert.match(line, new RegExp(`${file.fileName.replace(/\./g, '\\.')} — [\\d.]+ MB of 48\\.0 MB`));
    assert.match(line, /Cancel/);
    await wb.screenshot('ui-download-progress', { settleMs: 200 });

    const done = page.locator('.notification-toast', { hasText: /and verified: its SHA-1 matches the hash Atlas published/ }).first();
    await done.waitFor({ timeout: 60_000 });
    assert.match(await done.innerText(), /Open Folder/);
    await wb.screenshot('ui-download-verified', { settleMs: 300 });

    assert.deepEqual(readdirSync(folder), [file.fileName]);
    assert.equal(await sha1Of(join(folder, file.fileName)), file.sha1);
    assert.equal(file.sha1, job.hashes![0]!.hash, 'the job publishes the SHA-1 of its file');
  });
  it('downloads from the Download… button beside a link in the details panel, and gives the size where Atlas publishes no hash', async () => {
    const wb = demo.vsc.workbench;
    const page = demo.vsc.browser.page;
    const large = demo.emulator.store.largeFileJobs().find((j) => j.family === 'cloudBackup')!;
    const rowText = new RegExp(`^${formatDateTime(objectIdTime(large.jobId)!, 'local')}`);
    await wb.treeRow(rowText).first().click();
    const frame = wb.webview();
    const button = frame.getByRole('button', { name: /^Download .* into a folder/ }).first();
    await button.waitFor();
    await button.click();
    await chooseFolder(demo.vsc, folder);
    const done = page.locator('.notification-toast', { hasText: /Atlas publishes no checksums for cloud backup restores/ }).first();
    await done.waitFor({ timeout: 60_000 });
    assert.match(await done.innerText(), /\(48\.0 MB, 50,331,648 bytes\)/);
    await wb.screenshot('ui-download-panel', { settleMs: 300 });
    assert.equal(await sha1Of(join(folder, large.files[0]!.fileName)), large.files[0]!.sha1);
  });
  it('Cancel stops the download and says what was kept; downloading again resumes from there', async () => {
    const wb = demo.vsc.workbench;
    const page = demo.vsc.browser.page;
    const large = demo.emulator.store.largeFileJobs().find((j) => j.family === 'legacy')!;
    const file = large.files[0]!;
    const again = mkdtempSync(join(folder, 'again-'));
    const production = demo.emulator.store.projects().find((p) => p.name === DEMO.projects.production)!;
    const job = demo.emulator.store.restoreJobs(production.id, large.clusterName, 'legacy').find((j) => j.id === large.jobId)!;
    const rowText = new RegExp(`^${formatDateTime(new Date(job.created!), 'local')}`);
    await wb.clearNotifications();
    demo.emulator.faults.add({ kind: 'slowBody', times: 1, ms: 30_000, match: '/__downloads/' });

    const start = async () => {
      await wb.treeRowContextMenu(rowText, 'Download…');
      await wb.dialog().waitFor();
      await wb.answerDialog('Download');
      await chooseFolder(demo.vsc, again);
    };
    await start();
    const progress = page.locator('.notification-toast', { hasText: /MB of 48\.0 MB/ }).first();
    await progress.waitFor({ timeout: 20_000 });
    await progress.locator('.monaco-button', { hasText: 'Cancel' }).click();
    const cancelled = page.locator('.notification-toast', { hasText: /cancelled; [\d.]+ MB kept in .*\.part\. Downloading it again into the same folder resumes from there\./ }).first();
    await cancelled.waitFor({ timeout: 20_000 });
    await wb.screenshot('ui-download-cancelled', { settleMs: 200 });
    assert.deepEqual(readdirSync(again), [`${file.fileName}.part`]);

    await start();
    await page.locator('.notification-toast', { hasText: /resumed at [\d.]+ MB|and verified/ }).first().waitFor({ timeout: 60_000 });
    await page.locator('.notification-toast', { hasText: /and verified/ }).first().waitFor({ timeout: 60_000 });
    assert.deepEqual(readdirSync(again), [file.fileName]);
    assert.equal(await sha1Of(join(again, file.fileName)), file.sha1);
    const resumed = demo.emulator.requests.filter((r) => r.path.startsWith('/__downloads/') && r.status === 206);
    assert.equal(resumed.length, 1, 'the second download asked for the rest only');
  });
});
