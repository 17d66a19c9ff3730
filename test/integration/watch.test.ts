// Following running restore jobs to their end, in a real VS Code against the emulator, whose jobs move when told
// to: the row, the batch row, an open panel and the status bar follow a job's state by themselves, its ending is
// announced once, and following survives a reload (globalState) and announces a job that ended meanwhile.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ConnectionInfo } from '../../src/connections/model';
import type { TestApi } from '../../src/extension';
import type { JobRef } from '../../src/jobs/jobRef';
import type { RunningEmulator } from '../atlas-emulator';
import { connectToEmulator, type EmulatorConnection } from './support/emulatorConnection';
import { path, rows, setSetting, until, withAnswers, type Row } from './support/extensionHarness';

describe('Following restore jobs to their end', function () {
  this.timeout(90_000);
  let api: TestApi;
  let emulator: RunningEmulator;
  let connection: ConnectionInfo;
  let env: EmulatorConnection | undefined;
  const LABEL = 'Followed (service account)';

  const project = (name: string) => emulator.store.projects().find((p) => p.name === name)!;
  const announced = (fragment: string) => api.notifier.shown.filter((n) => n.message.includes(fragment));

  before(async () => {
    env = await connectToEmulator({
      label: LABEL,
      watch: true,
      // Recorded, answered with nothing: toasts would pile up in the test window.
      beforeConnect: (a) => a.notifier.setPresentForTests(async () => undefined),
    });
    ({ api, emulator, connection } = env);
  });

  after(async () => {
    if (api) {
      for (const { ref } of api.watch.running()) api.watch.stop(ref);
      api.notifier.setPresentForTests(undefined);
    }
    await env?.cleanup();
  });

  async function jobRow(cluster: string, jobId: string, group?: string): Promise<Row> {
    const parent = group ? await path(api, LABEL, 'Production', cluster, group) : await path(api, LABEL, 'Production', cluster);
    await api.explorer.refresh(parent.node);
    const found = (await rows(api, parent.node)).find((r) => r.node.id.endsWith(`:${jobId}`));
    assert.ok(found, `no row of job ${jobId} under ${cluster}`);
    return found;
  }

  const refOf = (r: Row) => (r.node as unknown as { ref: JobRef }).ref;

  it('follows a running job the view shows: its row, its panel and the status bar follow it, and its end is announced once', async () => {
    const job = emulator.store.restoreJobs(project('Production').id, 'prod-rs', 'cloudBackup')[0];
    emulator.setJobState(job.id!, 'running');
    const row = await jobRow('prod-rs', job.id!);
    const ref = refOf(row);
    assert.match(row.description, /^In progress/);
    assert.match(row.context, /\bunsettled\b/);
    assert.ok(api.watch.isFollowed(ref), 'a running job the view shows is followed');
    assert.match(api.explorer.getTreeItem(row.node).contextValue!, /\bwatched\b/);
    assert.match(api.statusBar.text ?? '', /^\$\(sync~spin\) \d+ restores? running$/);
    assert.ok(api.statusBar.tooltip?.includes('prod-rs · Cloud backup · In progress'), api.statusBar.tooltip);

    await vscode.commands.executeCommand('atlasRestoreJobs.openJobDetails', row.node);
    await until('the panel shows the running job', () => api.panels.viewOf(ref)?.status.key === 'inProgress');

    emulator.setJobState(job.id!, 'finished');
    await until('the row shows the job ended', () => !/^In progress/.test(api.explorer.getTreeItem(row.node).description as string), 30_000);
    assert.match(api.explorer.getTreeItem(row.node).description as string, /^(Ready|Completed)/, 'the same row, updated in place');
    await until('the panel shows it too', () => api.panels.viewOf(ref)?.status.key !== 'inProgress');
    assert.equal(api.watch.isFollowed(ref), false, 'an ended job is no longer followed');
    await until('its end is announced', () => announced('prod-rs').some((n) => /^Restore (ready to download|completed)/.test(n.message)));
    const before = announced('prod-rs').length;
    await new Promise((r) => setTimeout(r, 6_000));
    assert.equal(announced('prod-rs').length, before, 'announced once, not at every poll');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('goes on after a reload, from what globalState kept, and announces a job that ended meanwhile once', async () => {
    const job = emulator.store.restoreJobs(project('Production').id, 'prod-flex', 'flex')[0];
    emulator.setJobState(job.id!, 'running');
    const row = await jobRow('prod-flex', job.id!);
    const ref = refOf(row);
    assert.ok(api.watch.isFollowed(ref));
    const kept = JSON.stringify(api.globalState.get('atlasRestoreJobs.followedJobs'));
    assert.ok(kept.includes(job.id!), 'the followed job is kept across reloads');
    assert.ok(!/secret|https?:/i.test(kept), 'ids and names only');

    emulator.setJobState(job.id!, 'failed');
    api.watch.reloadForTests();
    assert.ok(api.watch.isFollowed(ref), 'resumed from globalState');
    await until('the failure is announced', () => announced('prod-flex').some((n) => n.severity === 'error'), 30_000);
    const failure = announced('prod-flex').find((n) => n.severity === 'error')!;
    assert.match(failure.message, /^Restore failed: prod-flex, flex backup restore requested .* Atlas says FAILED\.$/);
    assert.deepEqual(failure.actions, ['Open Details', 'Open in Atlas']);
    await new Promise((r) => setTimeout(r, 6_000));
    assert.equal(announced('prod-flex').filter((n) => n.severity === 'error').length, 1);
  });

  it('follows the jobs of a sharded restore: the batch row moves with them, and their end is one notification', async () => {
    const groupId = project('Production').id;
    const legacy = emulator.store.restoreJobs(groupId, 'prod-sharded', 'legacy');
    const batchId = legacy.find((j) => j.batchId)!.batchId!;
    const members = legacy.filter((j) => j.batchId === batchId);
    for (const j of members) emulator.setJobState(j.id!, 'running');
    const group = await path(api, LABEL, 'Production', 'prod-sharded', 'Legacy backup');
    await api.explorer.refresh(group.node);
    const batch = (await rows(api, group.node)).find((r) => r.context.includes('batch'))!;
    assert.match(batch.description, /^4 jobs · In progress/);
    const shards = await rows(api, batch.node);
    assert.ok(shards.every((r) => api.watch.isFollowed(refOf(r))), 'every job of the batch is followed');

    for (const j of members) emulator.setJobState(j.id!, 'finished');
    await until('the batch row shows the restore done', () => /^4 jobs · Completed/.test(api.explorer.getTreeItem(batch.node).description as string), 45_000);
    await until('one notification for the batch', () => announced('Sharded restore of prod-sharded').length > 0, 15_000);
    await new Promise((r) => setTimeout(r, 3_000));
    assert.equal(announced('Sharded restore of prod-sharded').length, 1);
    assert.match(announced('Sharded restore of prod-sharded')[0].message, /ready: all 4 jobs completed/);
    assert.equal(announced('prod-sharded (').filter((n) => n.message.startsWith('Restore ')).length, 0, 'no notification per shard');
  });

  it('asks once to sign in again when Atlas refuses the credentials, however many jobs are followed', async () => {
    const running = api.watch.running().filter((r) => r.ref.connectionId === connection.id);
    assert.ok(running.length >= 2, `several jobs of the connection are followed (${running.length})`);
    emulator.faults.add({ kind: 'apiError', times: 200, status: 401, errorCode: 'NOT_ORG_GROUP_CREATOR', match: 'restoreJobs' });
    await until('the connection is paused with one question', () => api.notifier.shown.some((n) => /paused/.test(n.message)), 45_000);
    await new Promise((r) => setTimeout(r, 6_000));
    assert.equal(api.notifier.shown.filter((n) => /paused/.test(n.message)).length, 1);
    assert.deepEqual(api.notifier.shown.find((n) => /paused/.test(n.message))!.actions, ['Sign In Again…']);
    emulator.faults.clear();
    api.watch.resumeConnection(connection.id);
  });

  it('follows a job by its id, one the view has not shown, and lists what runs for the status bar’s click', async () => {
    const job = emulator.store.restoreJobs(project('Staging').id, 'staging-paused', 'cloudBackup')[0];
    emulator.setJobState(job.id!, 'running');
    const { result } = await withAnswers(api, [{ label: /^Staging$/ }, { label: /^staging-paused$/ }, job.id!], () =>
      vscode.commands.executeCommand<JobRef | undefined>('atlasRestoreJobs.watchJobById'),
    );
    assert.ok(result, 'the job was found and is followed');
    assert.equal(result.family, 'cloudBackup');
    assert.ok(api.watch.isFollowed(result));

    const { asked } = await withAnswers(api, [(a: { items?: { label: string; value: unknown }[] }) => a.items!.find((i) => i.label.startsWith('staging-paused'))!.value], () =>
      vscode.commands.executeCommand('atlasRestoreJobs.showWatchedJobs'),
    );
    assert.ok(asked[0].items!.some((i) => /^staging-paused · Cloud backup · /.test(i.label)), asked[0].items!.map((i) => i.label).join(' | '));
    await until('its details open', () => api.panels.openPanels.some((p) => p.ref.jobId === job.id));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    api.watch.stop(result);
  });

  it('notifies of failures only, when the setting says so', async () => {
    await setSetting('watch.notify', 'failures');
    try {
      const jobs = emulator.store.restoreJobs(project('Production').id, 'prod-flex', 'flex').slice(1, 3);
      for (const j of jobs) emulator.setJobState(j.id!, 'running');
      for (const j of jobs) await jobRow('prod-flex', j.id!);
      const before = api.notifier.shown.length;
      emulator.setJobState(jobs[0].id!, 'finished');
      emulator.setJobState(jobs[1].id!, 'failed');
      await until('the failure is announced', () => api.notifier.shown.slice(before).some((n) => n.severity === 'error'), 45_000);
      await until('both are no longer followed', () => jobs.every((j) => !api.watch.running().some((r) => r.ref.jobId === j.id)), 30_000);
      assert.deepEqual(
        api.notifier.shown.slice(before).map((n) => n.severity),
        ['error'],
        'the job that ended well is not announced',
      );
    } finally {
      await setSetting('watch.notify', undefined);
    }
  });

  it('watches a job by hand and stops when asked', async () => {
    const job = emulator.store.restoreJobs(project('Production').id, 'prod-rs', 'cloudBackup')[1];
    emulator.setJobState(job.id!, 'running');
    const row = await jobRow('prod-rs', job.id!);
    const ref = refOf(row);
    await vscode.commands.executeCommand('atlasRestoreJobs.stopWatching', row.node);
    assert.equal(api.watch.isFollowed(ref), false);
    assert.doesNotMatch(api.explorer.getTreeItem(row.node).contextValue!, /\bwatched\b/);
    await api.explorer.refresh((await path(api, LABEL, 'Production', 'prod-rs')).node);
    assert.equal(api.watch.isFollowed(ref), false, 'not followed again behind the user’s back');
    await vscode.commands.executeCommand('atlasRestoreJobs.watchJob', row.node);
    assert.ok(api.watch.isFollowed(ref));
  });
});
