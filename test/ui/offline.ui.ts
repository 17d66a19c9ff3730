// The last known jobs as a person sees them when Atlas cannot be reached: the demo tree loaded, every
// connection to the emulator dropped, the connection row's Refresh — the tree shows the copy, marked offline,
// a details panel opens from it with its banner, a search and the Restore History find jobs in it; the emulator
// answering again, Refresh brings Atlas back. Saves test-results/ui-offline-tree.png, ui-offline-details.png,
// ui-offline-search.png and ui-offline-history.png.
import * as assert from 'node:assert/strict';
import { openProduction, useDemoSession } from './demoSession';
import { pngInfo } from './harness';

/** Every request, the token endpoint's too, has its connection dropped: a network that is down. */
const NETWORK_DOWN = { kind: 'reset', times: 1_000_000, match: '/' } as const;
const CONNECTION = /^Environment/;
const OFFLINE_ROW = /offline · as of \d\d:\d\d/;

describe('Offline, the last known jobs, as a person sees them', () => {

  const demo = useDemoSession();

  it('shows the copy when Atlas cannot be reached, marked offline on the connection row', async () => {
    const wb = demo.vsc.workbench;
    await openProduction(demo.vsc);
    await wb.expandTreeRow('prod-rs');
    await wb.treeRow(/^Legacy backup/).first().waitFor();
    await wb.expandTreeRow('prod-flex');
    // The copy is written a moment after the lists arrive.
    await wb.page.waitForTimeout(3_000);
    demo.emulator.faults.add(NETWORK_DOWN);
    await wb.treeRowInlineAction(CONNECTION, 'Refresh');
    // The client tries a dropped connection four times, backing off, before the copy stands in.
    await wb.treeRow(OFFLINE_ROW).first().waitFor({ timeout: 60_000 });
    assert.match(await wb.treeRow(CONNECTION).first().innerText(), OFFLINE_ROW);
    await wb.treeRow(/· offline$/).first().waitFor({ timeout: 30_000 });
    assert.ok((await wb.treeRow('prod-rs').count()) > 0, 'the clusters are there');
    assert.ok((await wb.treeRow(/· offline/).count()) >= 3, 'job rows from the copy say so');
    assert.equal(await wb.treeRow(/Could not reach Atlas/).count(), 0, 'no failure row where the copy answers');
    await wb.page.mouse.move(0, 0);
    const shot = await wb.screenshot('ui-offline-tree', { settleMs: 800 });
    const png = await pngInfo(shot, demo.vsc.browser.context);
    assert.ok(png.distinctColors >= 16, `the offline tree's screenshot has only ${png.distinctColors} colours`);
  });

  it('opens a details panel from an offline row, with the banner and no link', async () => {
    const wb = demo.vsc.workbench;
    await wb.treeRow(/· offline/).first().click();
    const page = wb.webview();
    const banner = page.locator('.offline-banner');
    await banner.waitFor({ timeout: 30_000 });
    assert.match(await banner.innerText(), /^Offline: the copy from .+; delivery links are not kept offline and are not shown\.$/);
    assert.equal(await page.locator('.link-url').count(), 0);
    assert.ok(!(await page.locator('body').innerText()).includes('http'), 'no address anywhere on the page');
    const shot = await wb.screenshot('ui-offline-details', { settleMs: 600 });
    const png = await pngInfo(shot, demo.vsc.browser.context);
    assert.ok(png.distinctColors >= 16, `the offline panel's screenshot has only ${png.distinctColors} colours`);
  });

  it('finds restore jobs in the copy, saying so in one row instead of a failure for each list it lacks', async () => {
    const wb = demo.vsc.workbench;
    const page = demo.vsc.browser.page;
    await wb.viewAction('Restore Jobs', 'Find Restore Jobs…');
    await wb.waitForQuickInput(/Find Restore Jobs/);
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.fill('days:3650');
    await wb.quickPickItem(/Search for days:3650/).waitFor();
    await input.press('Enter');
    const results = /^Search: days:3650.*\d+ matches · \d+ projects · offline copy of \d\d:\d\d/;
    await wb.treeRow(results).first().waitFor({ timeout: 60_000 });
    await wb.treeRow(/^Offline: searched the copy of \d\d:\d\d\d+ lists not in the copy/).first().waitFor();
    await wb.treeRow(/^prod-rsDedicated · \d+ matches/).first().waitFor();
    assert.equal(await wb.treeRow(/Could not reach Atlas|could not be searched/).count(), 0, 'no failure row for the lists the copy lacks');
    await page.mouse.move(1000, 600);
    const shot = await wb.screenshot('ui-offline-search', { settleMs: 600 });
    const png = await pngInfo(shot, demo.vsc.browser.context);
    assert.ok(png.distinctColors >= 16, `the offline search's screenshot has only ${png.distinctColors} colours`);
    await wb.treeRowInlineAction(results, 'Close Search Results');
    await wb.treeRow(results).first().waitFor({ state: 'detached' });
  });

  it('draws the Restore History from the copy, with a note saying so', async () => {
    const wb = demo.vsc.workbench;
    await wb.runCommand('View: Close All Editors');
    await wb.treeRowContextMenu('prod-rs', 'Show Restore History');
    const page = wb.webview();
    const note = page.locator('p.note', { hasText: /^\s*Offline: Atlas cannot be reached\. Drawn from the copy of \d\d:\d\d/ });
    await note.waitFor({ timeout: 30_000 });
    assert.equal(await page.locator('.problems li').count(), 0, 'no problem row for what the copy lacks');
    const shot = await wb.screenshot('ui-offline-history', { settleMs: 600 });
    const png = await pngInfo(shot, demo.vsc.browser.context);
    assert.ok(png.distinctColors >= 16, `the offline history's screenshot has only ${png.distinctColors} colours`);
    await wb.runCommand('View: Close All Editors');
  });

  it('is online again at the first Refresh that Atlas answers', async () => {
    const wb = demo.vsc.workbench;
    demo.emulator.faults.clear();
    await wb.treeRowInlineAction(CONNECTION, 'Refresh');
    await wb.page.waitForFunction(
      () => !Array.from(document.querySelectorAll('.part.sidebar .monaco-list-row')).some((r) => /offline/.test(r.textContent ?? '')),
      undefined,
      { timeout: 30_000 },
    );
  });
});
