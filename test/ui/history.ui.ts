// The Restore History as a person uses it: opened from a cluster's context menu, its numbers read inside the
// webview, a mark hovered and clicked, the incident note copied, the keyboard walking the marks, the details
// panel's button back to it, and screenshots in a dark and a light theme.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import type { AnyRestoreJob, RestoreJobFamily } from '../../src/atlas/types';
import { historyJob, inWindow } from '../../src/history/historyJob';
import { historyStats } from '../../src/history/historyStats';
import { durationText } from '../../src/history/incidentNote';
import { jobFacts } from '../../src/jobs/facts';
import { REPO_ROOT } from '../../scripts/real-vscode/config';
import { openProduction, useDemoSession } from './demoSession';
import { pngInfo } from './harness';

const CLUSTER = 'prod-orders';

/** The README's screenshot is refreshed only on request (`npm run screenshots`), as restoreJobs.ui.ts does. */
const readmeShot = (name: string): string | undefined => (process.env.UPDATE_README_SCREENSHOTS === '1' ? join(REPO_ROOT, 'media', name) : undefined);

describe('Restore History, as a person uses it', () => {

  const demo = useDemoSession();

  /** What the page must say: the statistics of the emulator's documents over the default 90 days. */
  function expected() {
    const production = demo.emulator.store.projects().find((p) => p.name === 'Production')!;
    const now = new Date();
    const families: RestoreJobFamily[] = ['cloudBackup', 'legacy'];
    const jobs = families.flatMap((family) =>
      demo.emulator.store.restoreJobs(production.id, CLUSTER, family).map((job, i) => {
        const item = { family, job } as AnyRestoreJob;
        return historyJob(item, jobFacts(item, now), { key: `${family}${i}`, clusterName: CLUSTER });
      }),
    );
    const window = inWindow(jobs, now, 90);
    return historyStats(window.jobs, now);
  }

  it("opens a cluster's history from its context menu and reads the numbers, the marks and the shards", async () => {
    const wb = demo.vsc.workbench;
    await openProduction(demo.vsc);
    await wb.treeRowContextMenu(CLUSTER, 'Show Restore History');
    await wb.activeTab().filter({ hasText: `History: ${CLUSTER}` }).waitFor();
    const page = wb.webview();
    await page.locator('.figure-restores .figure-value').waitFor({ timeout: 30_000 });
    const stats = expected();
    assert.equal(await page.locator('.figure-restores .figure-value').innerText(), String(stats.total));
    assert.equal(await page.locator('.figure-median .figure-value').innerText(), durationText(stats.medianMs!));
    assert.equal(await page.locator('.figure-p90 .figure-value').innerText(), durationText(stats.p90Ms!));
    // The emulator's newest restore is still running; it counts once this computer's clock has reached it.
    if (stats.leftOut.running > 0) assert.match(await page.locator('.left-out').innerText(), /still running/);
    assert.equal(await page.locator('.mark').count(), stats.total);
    assert.equal(await page.locator('.history-table tbody tr').count(), stats.total);
    assert.equal(await page.locator('.batch-part').count(), stats.latestBatch!.parts.length);
    assert.equal(await page.locator('.batch-part.slowest').getAttribute('data-part'), stats.latestBatch!.slowest);
  });

  it('hovers a mark to read its job, and takes a dark screenshot', async () => {
    const wb = demo.vsc.workbench;
    const page = wb.webview();
    await wb.runCommand('View: Close Primary Side Bar');
    // The plot takes the pointer and shows the mark whose head (a failed restore has a dot on the baseline) is
    // nearest: the mark itself does not receive it, so the pointer goes to the dot without Playwright's checks.
    const failed = page.locator('.mark[data-outcome="failed"] circle').first();
    await failed.hover({ force: true });
    const tooltip = page.locator('.mark-tooltip');
    await tooltip.waitFor({ state: 'visible' });
    // The hover is SVG text: its lines are its tspans.
    const lines = await tooltip.locator('tspan').allTextContents();
    assert.match(lines[0]!, /^Failed · /);
    assert.ok(lines.some((l) => /job /.test(l)), lines.join(' | '));
    const file = await wb.screenshot('ui-history-dark', { copyTo: readmeShot('screenshot-history.png'), settleMs: 400 });
    const png = await pngInfo(file, demo.vsc.browser.context);
    assert.ok(png.distinctColors >= 16, `history screenshot has only ${png.distinctColors} colours`);
  });

  it('walks the marks with the keyboard, and Enter opens the job in the details panel', async () => {
    const wb = demo.vsc.workbench;
    const page = wb.webview();
    const last = page.locator('.mark[tabindex="0"]');
    await last.focus();
    const before = await last.getAttribute('data-key');
    await last.press('ArrowLeft');
    const focused = page.locator('.mark:focus');
    const key = await focused.getAttribute('data-key');
    assert.notEqual(key, before, 'the left arrow moves to the restore before');
    await page.locator('.mark-tooltip').waitFor({ state: 'visible' });
    await focused.press('Enter');
    await wb.activeTab().filter({ hasText: CLUSTER }).filter({ hasNotText: 'History' }).waitFor();
    // The details panel's header leads back to the history.
    await wb.webview().getByRole('button', { name: 'Restore History' }).click();
    await wb.activeTab().filter({ hasText: `History: ${CLUSTER}` }).waitFor();
  });

  it('copies the incident note, and follows a light theme', async () => {
    const wb = demo.vsc.workbench;
    const page = wb.webview();
    await page.getByRole('button', { name: 'Copy as Incident Note' }).click();
    let note = '';
    for (const deadline = Date.now() + 10_000; !note.includes(CLUSTER) && Date.now() < deadline; ) {
      await wb.page.waitForTimeout(100);
      note = await wb.readClipboard();
    }
    assert.ok(note.includes(durationText(expected().medianMs!)), note);
    assert.ok(note.split('\n').some((l) => l.startsWith('|')), 'a table of the recent restores');

    await wb.runCommand('Preferences: Toggle between Light/Dark Themes');
    await page.locator('body.vscode-light').waitFor();
    await page.locator('.mark[data-outcome="failed"] circle').first().hover({ force: true });
    await page.locator('.mark-tooltip').waitFor({ state: 'visible' });
    await wb.screenshot('ui-history-light', { settleMs: 400 });
  });

  it('follows a high-contrast theme, with the marks still told apart by outcome', async () => {
    const wb = demo.vsc.workbench;
    const page = wb.webview();
    await wb.runCommand('Preferences: Color Theme');
    await wb.pickQuickItem('Dark High Contrast');
    await page.locator('body.vscode-high-contrast').waitFor();
    const colour = (outcome: string) => page.locator(`.mark[data-outcome="${outcome}"] circle`).first().evaluate((el) => getComputedStyle(el).stroke);
    assert.notEqual(await colour('failed'), await colour('succeeded'), 'failed and succeeded marks differ in colour');
    // The theme defines no chart colours: the slowest shard's bar must still be painted, unlike the others.
    const fill = (part: string) => page.locator(`.batch-part${part} .batch-bar rect`).first().evaluate((el) => getComputedStyle(el).fill);
    const slowest = await fill('.slowest');
    assert.ok(slowest && slowest !== 'none' && !/rgba\(0, 0, 0, 0\)/.test(slowest), `the slowest bar is painted (${slowest})`);
    assert.notEqual(slowest, await fill(':not(.slowest)'), 'and told apart from the others');
    await wb.screenshot('ui-history-high-contrast', { settleMs: 400 });
  });
});
