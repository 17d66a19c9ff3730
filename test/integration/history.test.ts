// The Restore History of a cluster and of a project, in a real VS Code against the emulator: every page of the
// window loaded through the tree's page cache, the numbers of the statistics on the page, a failing list shown
// as a problem beside the rest, a mark that opens its job, the incident note on the clipboard, and nothing
// secret or signed in what the page is sent.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AnyRestoreJob, RestoreJobFamily } from '../../src/atlas/types';
import type { TestApi } from '../../src/extension';
import { historyJob, inWindow } from '../../src/history/historyJob';
import { historyStats } from '../../src/history/historyStats';
import { durationText } from '../../src/history/incidentNote';
import type { RestoreHistoryPanel } from '../../src/historyPanel/restoreHistoryPanel';
import { jobFacts } from '../../src/jobs/facts';
import type { RunningEmulator } from '../atlas-emulator';
import { connectToEmulator, type EmulatorConnection } from './support/emulatorConnection';
import { path, setSetting, until } from './support/extensionHarness';

const CLUSTER = 'prod-orders';

describe('Restore History', function () {
  this.timeout(90_000);
  let api: TestApi;
  let emulator: RunningEmulator;
  let env: EmulatorConnection | undefined;
  const LABEL = 'History (service account)';

  before(async () => {
    env = await connectToEmulator({ label: LABEL, watch: false });
    ({ api, emulator } = env);
    // The extension's "now" is the emulator's, so the window holds the same jobs on every run.
    api.setClock(() => emulator.now());
  });

  after(async () => {
    for (const p of api.history.open) p.dispose();
    await setSetting('pageSize', undefined);
    await setSetting('history.days', undefined);
    api.setClock(undefined);
    await env?.cleanup();
  });

  beforeEach(() => {
    emulator.faults.clear();
    emulator.clearRequests();
    api.pages.forget();
    for (const p of api.history.open) p.dispose();
  });

  const production = () => emulator.store.projects().find((p) => p.name === 'Production')!;

  /** The jobs of the cluster as the emulator holds them, tagged with their family. */
  function storeJobs(cluster: string, families: RestoreJobFamily[]): AnyRestoreJob[] {
    return families.flatMap((family) => emulator.store.restoreJobs(production().id, cluster, family).map((job) => ({ family, job }) as AnyRestoreJob));
  }

  /** What the statistics say of those jobs over the window: the reference the page must show. */
  function expected(cluster: string, days: number) {
    const now = emulator.now();
    const jobs = storeJobs(cluster, ['cloudBackup', 'legacy']).map((job, i) => historyJob(job, jobFacts(job, now), { key: String(i), clusterName: cluster }));
    const window = inWindow(jobs, now, days);
    return { window, stats: historyStats(window.jobs, now) };
  }

  async function openHistory(node: unknown): Promise<RestoreHistoryPanel> {
    await vscode.commands.executeCommand('atlasRestoreJobs.showRestoreHistory', node);
    await until('the history is loaded', () => api.history.open.some((p) => !p.isLoading && p.current !== undefined), 30_000);
    return api.history.open.find((p) => p.current !== undefined)!;
  }

  const figure = (panel: RestoreHistoryPanel, id: string) => panel.current!.view.figures.find((f) => f.id === id)!;

  it("draws a sharded cluster's window from every page, with the statistics' numbers", async () => {
    await setSetting('pageSize', 20);
    const cluster = await path(api, LABEL, 'Production', CLUSTER);
    const panel = await openHistory(cluster.node);
    const { window, stats } = expected(CLUSTER, 90);
    const view = panel.current!.view;
    assert.ok(window.jobs.length >= 25, `the demo has ${window.jobs.length} restores in 90 days`);
    assert.equal(view.marks.length, window.jobs.length);
    assert.equal(view.rows.length, window.jobs.length);
    assert.equal(figure(panel, 'restores').value, String(stats.total));
    assert.equal(figure(panel, 'median').value, durationText(stats.medianMs!));
    assert.equal(figure(panel, 'p90').value, durationText(stats.p90Ms!));
    assert.equal(figure(panel, 'longest').value, durationText(stats.longest!.durationMs!));
    assert.ok(stats.leftOut.running >= 1 && /still running/.test(view.leftOut), view.leftOut);
    assert.ok(view.batch, 'the latest sharded restore is shown per shard');
    assert.equal(view.batch.parts.filter((p) => p.slowest).length, 1);
    assert.equal(view.batch.parts.find((p) => p.slowest)!.label, stats.latestBatch!.slowest);
    // Pages of 20: the cloud backup list took more than one, fetched by the client's concurrent paging.
    const pages = emulator.requests.filter((r) => r.path.endsWith(`/clusters/${CLUSTER}/backup/restoreJobs`)).map((r) => Number(r.query.pageNum));
    assert.ok(pages.includes(2), `pages asked for: ${pages.join(', ')}`);
    // A mark stands for its job: the one the statistics call the longest is on the chart with its length.
    const longest = view.marks.find((m) => m.key === figure(panel, 'longest').key);
    assert.equal(longest?.durationMs, stats.longest!.durationMs);
  });

  it('sends a new history its state before its page loads, so the page says ready once; a page that lacks it asks again', async () => {
    const cluster = await path(api, LABEL, 'Production', CLUSTER);
    const shown = vscode.commands.executeCommand('atlasRestoreJobs.showRestoreHistory', cluster.node);
    // Listening from the moment the panel exists: its page takes a few hundred milliseconds to load and say "ready".
    const started = Date.now();
    while (api.history.open.length === 0 && Date.now() - started < 10_000) await new Promise((r) => setTimeout(r, 2));
    const panel = api.history.open[0];
    assert.ok(panel, 'a history panel');
    const said: string[] = [];
    const listening = panel.panel.webview.onDidReceiveMessage((m: { type?: unknown }) => said.push(String(m?.type)));
    try {
      await shown;
      await until('the history is loaded', () => !panel.isLoading && panel.current !== undefined, 30_000);
      await until('the page says ready', () => said.includes('ready'));
      await new Promise((r) => setTimeout(r, 1500));
      assert.deepEqual(said, ['ready'], 'the page had the state sent before it loaded');
      await panel.panel.webview.postMessage({ type: 'sync', seq: -1 });
      await until('the page asks for the state it lacks', () => said.length === 2);
      assert.deepEqual(said, ['ready', 'ready']);
    } finally {
      listening.dispose();
    }
  });

  it('takes what the tree has loaded from the page cache, and fetches only the rest', async () => {
    const cluster = await path(api, LABEL, 'Production', CLUSTER);
    await api.explorer.getChildren(cluster.node);
    const before = emulator.requests.filter((r) => r.path.endsWith(`/clusters/${CLUSTER}/backup/restoreJobs`)).length;
    assert.ok(before >= 1, 'the tree listed the cloud backup jobs');
    emulator.clearRequests();
    await openHistory(cluster.node);
    const again = emulator.requests.filter((r) => r.path.endsWith(`/clusters/${CLUSTER}/backup/restoreJobs`) && r.query.pageNum === '1');
    assert.equal(again.length, 0, 'page 1 of the cloud backup list came from the cache');
  });

  it('shows a list that fails as a problem beside the rest of the history, and Refresh brings it back', async () => {
    emulator.faults.add({ kind: 'serverError', times: 50, status: 503, match: `${CLUSTER}/restoreJobs` });
    const cluster = await path(api, LABEL, 'Production', CLUSTER);
    const panel = await openHistory(cluster.node);
    const view = panel.current!.view;
    assert.equal(view.problems.length, 1, view.problems.join(' | '));
    assert.match(view.problems[0]!, new RegExp(`^${CLUSTER} · legacy backup restore jobs: `));
    const cloud = expected(CLUSTER, 90).window.jobs.filter((j) => j.family === 'cloudBackup').length;
    assert.equal(view.marks.length, cloud, 'the cloud backup restores are drawn all the same');
    assert.equal(panel.current!.stats.latestBatch, undefined);

    emulator.faults.clear();
    api.pages.forget();
    await panel.handle({ type: 'refresh' });
    assert.equal(panel.current!.view.problems.length, 0);
    assert.equal(panel.current!.view.marks.length, expected(CLUSTER, 90).window.jobs.length);
  });

  it("opens a mark's job in the details panel and copies an incident note that holds no link or secret", async () => {
    const cluster = await path(api, LABEL, 'Production', CLUSTER);
    const panel = await openHistory(cluster.node);
    const built = panel.current!;
    const mark = built.view.marks.find((m) => m.status === 'failed') ?? built.view.marks[0]!;
    await panel.handle({ type: 'openJob', key: mark.key });
    const loaded = built.byKey.get(mark.key)!;
    await until('the job details panel is open', () => api.panels.openPanels.some((p) => p.ref.jobId === loaded.facts.id));

    await vscode.env.clipboard.writeText('');
    await panel.handle({ type: 'copyNote' });
    const note = await vscode.env.clipboard.readText();
    assert.match(note, new RegExp(CLUSTER));
    assert.ok(note.includes(durationText(built.stats.medianMs!)), note);
    assert.ok(note.split('\n').filter((l) => l.startsWith('|')).length >= 3, 'a table of the recent restores');

    // Neither the note nor anything the page was sent holds a delivery link, an auth value or the private key.
    const secrets = storeJobs(CLUSTER, ['cloudBackup', 'legacy']).flatMap((j) => {
      const doc = j.job as unknown as Record<string, unknown> & { delivery?: Record<string, unknown>; deliveryUrl?: string[] };
      return [doc.delivery?.url, doc.delivery?.urlV2, doc.delivery?.authValue, ...(doc.deliveryUrl ?? [])].filter((v): v is string => typeof v === 'string');
    });
    assert.ok(secrets.length > 0, 'the demo cluster has links to leak');
    const sent = JSON.stringify(built.view);
    for (const s of secrets) {
      assert.ok(!note.includes(s), 'no link or auth value in the note');
      assert.ok(!sent.includes(s), 'no link or auth value in the view');
    }
  });

  it("draws a project's history from all its clusters, and a shorter window from what it has", async () => {
    const project = await path(api, LABEL, 'Production');
    const panel = await openHistory(project.node);
    const clusters = new Set(panel.current!.jobs.map((j) => j.clusterName));
    assert.ok(clusters.has(CLUSTER) && clusters.has('prod-rs'), [...clusters].join(', '));
    assert.match(panel.current!.view.title, /Production/);
    const marks = panel.current!.view.marks.length;
    emulator.clearRequests();
    await setSetting('history.days', 30);
    await until('the window is 30 days', () => panel.current!.view.window.includes('30'));
    assert.ok(panel.current!.view.marks.length < marks, 'fewer restores in 30 days');
    assert.equal(emulator.requests.filter((r) => r.path.includes('/restoreJobs')).length, 0, 'a shorter window needs nothing new from Atlas');
  });
});
