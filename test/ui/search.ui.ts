// Finding restore jobs as a person does it: the view's search icon, a search typed in the quick pick (with an
// invalid one refused in place), the results at the top of the view grouped by project and cluster, and Cancel.
import * as assert from 'node:assert/strict';
import { useDemoSession } from './demoSession';

describe('Finding restore jobs, as a person does it', () => {

  const demo = useDemoSession();

  it('types a search, is told what is wrong with a bad one, and reads the results grouped by project and cluster', async () => {
    const wb = demo.vsc.workbench;
    const page = demo.vsc.browser.page;
    await wb.openViewContainer('Atlas');
    await wb.widenSideBar(560);
    await wb.treeRow(/^Environment/).first().waitFor();
    await wb.viewAction('Restore Jobs', 'Find Restore Jobs…');
    await wb.waitForQuickInput(/Find Restore Jobs/);
    const labels = await wb.quickPickLabels();
    assert.ok(labels.some((l) => l.includes('state:failed days:7')), labels.join(' | '));

    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.fill('state:sleeping');
    await wb.quickPickItem(/"sleeping" is not a state/).waitFor();
    await input.press('Enter');
    assert.ok(await wb.quickInput().isVisible(), 'a bad search is not run');

    await input.fill('state:failed days:7');
    await wb.quickPickItem(/Search for state:failed days:7/).waitFor();
    await input.press('Enter');

    const results = wb.treeRow(/^Search: state:failed days:7/).first();
    await results.waitFor();
    await page.locator('.part.sidebar .monaco-list-row', { hasText: /^Search: state:failed days:7.*\d+ matches · 4 projects/ }).first().waitFor({ timeout: 30_000 });
    await wb.treeRow(/^Production\d* matches/).first().waitFor();
    await wb.treeRow(/^prod-rsDedicated · \d+ matches/).first().waitFor();
    await wb.treeRow(/No access to cloud backup restore jobs of Globex-Analytics/).first().waitFor();
    await page.mouse.move(1000, 600);
    await wb.screenshot('ui-search-results', { settleMs: 400 });
    const text = await results.innerText();
    assert.match(text, /could not be searched/);
  });
});
