// Following a restore to its end as a person sees it in the workbench: the status bar counts the running restore,
// and when Atlas (the emulator) finishes it, the row changes by itself and a toast says so, with its next steps.
import * as assert from 'node:assert/strict';
import { formatDateTime } from '../../src/format/time';
import { objectIdTime } from '../../src/jobs/objectIdTime';
import { DEMO } from '../atlas-emulator';
import { openProduction, useDemoSession } from './demoSession';

describe('Following a restore to its end, as a person sees it', () => {
  let jobId: string;
  let rowLabel: RegExp;

  const demo = useDemoSession({
    beforeLaunch: (emulator) => {
      const production = emulator.store.projects().find((p) => p.name === DEMO.projects.production)!;
      const job = emulator.store.restoreJobs(production.id, 'prod-rs', 'cloudBackup')[0];
      jobId = job.id!;
      emulator.setJobState(jobId, 'running');
      rowLabel = new RegExp(`^${formatDateTime(objectIdTime(jobId)!, 'local')}`);
    },
  });

  it('counts the running restore in the status bar, then updates the row and says in a toast that it is ready', async () => {
    const wb = demo.vsc.workbench;
    const page = demo.vsc.browser.page;
    await openProduction(demo.vsc);
    await wb.expandTreeRow('prod-rs');
    const row = wb.treeRow(rowLabel).first();
    await row.waitFor();
    assert.match(await row.innerText(), /In progress/);
    const status = page.locator('.statusbar-item', { hasText: /restores? running/ }).first();
    await status.waitFor();
    assert.match((await status.innerText()).trim(), /^\d+ restores? running$/);

    demo.emulator.setJobState(jobId, 'finished');
    const toast = page.locator('.notification-toast', { hasText: /Restore ready to download: prod-rs/ }).first();
    await toast.waitFor({ timeout: 45_000 });
    assert.match(await toast.innerText(), /Copy Delivery URL/);
    assert.match(await toast.innerText(), /Open Details/);
    assert.match(await row.innerText(), /Ready · Download/, 'the row changed by itself');
    await wb.screenshot('ui-watch-settled', { settleMs: 300 });
  });
});
