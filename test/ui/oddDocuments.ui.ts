// What a person sees of the documents Atlas sends that the happy path never shows: a sharded restore whose jobs
// are told apart by replica set, a job that cannot be read as one (its own row, beside its readable siblings),
// and a value from Atlas that looks like a link in a hover (text, never a link). Saves a screenshot of each.
import * as assert from 'node:assert/strict';
import { formatDateTime, shortId } from '../../src/format/time';
import { DEMO } from '../atlas-emulator';
import { openProduction, useDemoSession } from './demoSession';

describe('Odd documents and sharded restores, as a person sees them', () => {
  let brokenId: string;
  let replicaSets: string[];
  let singleLabel: string;
  const evil = 'https://evil.example/steal';

  const demo = useDemoSession({
    beforeLaunch: (emulator) => {
      const production = emulator.store.projects().find((p) => p.name === DEMO.projects.production)!;
      const legacy = emulator.store.restoreJobs(production.id, 'prod-rs', 'legacy');
      // The newest, so that its row is the first of the group, on screen without scrolling.
      brokenId = [...legacy].sort((a, b) => Date.parse(b.created!) - Date.parse(a.created!))[0].id!;
      emulator.patchDocument({ jobId: brokenId }, { unset: ['delivery'] });
      const sharded = emulator.store.restoreJobs(production.id, 'prod-sharded', 'legacy');
      const batchId = sharded.find((j) => j.batchId)!.batchId!;
      replicaSets = sharded
        .filter((j) => j.batchId === batchId)
        .map((j) => /^prod-sharded-(.+)-\d{8}T\d{6}\.tar\.gz$/.exec(j.hashes![0].fileName!)![1]);
      const single = sharded.find((j) => !j.batchId)!;
      singleLabel = formatDateTime(new Date(single.created!), 'local');
      emulator.patchDocument({ jobId: single.id! }, { set: { 'delivery.targetClusterName': evil } });
    },
  });

  it('labels each job of a sharded restore by its replica set', async () => {
    const wb = demo.vsc.workbench;
    await openProduction(demo.vsc);
    await wb.expandTreeRow('prod-sharded');
    await wb.expandTreeRow(/^Legacy backup\s*5 restore jobs/);
    await wb.expandTreeRow(/sharded restore/);
    // A row's text runs its label into its description: "…-shard-0Completed · HTTP download".
    for (const rs of replicaSets) await wb.treeRow(new RegExp(`^${rs}(?!\\d)`)).first().waitFor();
    assert.equal(new Set(replicaSets).size, 4);
    await wb.screenshot('ui-sharded-batch', { settleMs: 400 });
  });

  it('shows a value that looks like a link as text in the hover', async () => {
    const wb = demo.vsc.workbench;
    // The single legacy job of prod-sharded names a URL as its target cluster; its hover must not link it.
    const row = wb.treeRow(new RegExp(`^${singleLabel}`)).first();
    await row.hover();
    const hover = demo.vsc.browser.page.locator('.monaco-hover, .workbench-hover').filter({ hasText: 'evil.example' }).first();
    await hover.waitFor({ timeout: 15_000 });
    assert.match(await hover.innerText(), /https:\/\/evil\.example\/steal/, 'the value reads as Atlas sent it');
    assert.equal(await hover.locator('a').filter({ hasText: 'evil' }).count(), 0, 'and is no link');
    await wb.screenshot('ui-hover-inert', { settleMs: 200 });
  });

  it('shows a job that cannot be read as its own row, beside its readable siblings', async () => {
    const wb = demo.vsc.workbench;
    await wb.expandTreeRow('prod-rs');
    await wb.expandTreeRow(/^Legacy backup\s*130 restore jobs/);
    const broken = wb.treeRow(`Restore job ${shortId(brokenId)}: no delivery details`).first();
    await broken.waitFor();
    await wb.treeRow(/^\d{4}-\d\d-\d\d \d\d:\d\d(Expired|In progress) · HTTP download/).first().waitFor();
    await wb.screenshot('ui-broken-row', { settleMs: 400 });
  });
});
