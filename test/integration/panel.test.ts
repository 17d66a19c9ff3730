// The job details panel in a real VS Code: panels for jobs of every family read over HTTP from the emulator
// (started in this extension host), their tab titles, one panel per job, copy through the page's message path
// into vscode.env.clipboard, "open as JSON document", refresh, and the error state.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { AtlasClient } from '../../src/atlas';
import type { AnyRestoreJob, CloudBackupRestoreJob, LegacyRestoreJob, RestoreJobFamily, RestoreJobOfFamily } from '../../src/atlas/types';
import { now } from '../../src/clock';
import { formatDateTime } from '../../src/format/time';
import { objectIdTime } from '../../src/jobs/objectIdTime';
import { readSettings } from '../../src/config/settings';
import { Log } from '../../src/logging/log';
import { JobDetailsPanels, type JobRef, type JobSource } from '../../src/panel/jobDetailsPanels';
import { AUTH_VALUE_MASK } from '../../src/jobs/masking';
import { jobDetailsHtml, localResourceRoots } from '../../src/panel/webviewHtml';
import { DEMO, DEMO_SERVICE_ACCOUNT, KIND_OF_FAMILY, startEmulator, type RunningEmulator } from '../atlas-emulator';
import { EXTENSION_ID } from '../support/extensionId';
import { until } from './support/extensionHarness';

const FAMILIES: RestoreJobFamily[] = ['legacy', 'cloudBackup', 'serverless', 'flex'];

interface Found<F extends RestoreJobFamily> {
  ref: JobRef;
  job: RestoreJobOfFamily[F];
}

function webviewTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(JobDetailsPanels.viewType));
}

describe('job details panel', function () {
  this.timeout(60_000);
  let emulator: RunningEmulator;
  let client: AtlasClient;
  let log: Log;
  let panels: JobDetailsPanels;
  let fetches = 0;

  /** The first restore job of a family in the demo data that the predicate accepts, with its ref. */
  function find<F extends RestoreJobFamily>(family: F, accept: (job: RestoreJobOfFamily[F]) => boolean = () => true): Found<F> {
    const store = emulator.store;
    for (const project of store.projects()) {
      for (const cluster of store.clusters(project.id, KIND_OF_FAMILY[family])) {
        const job = store.restoreJobs(project.id, cluster.name, family).find((j) => accept(j as RestoreJobOfFamily[F]));
        if (job) {
          return {
            job: job as RestoreJobOfFamily[F],
            ref: {
              connectionId: 'panel-test',
              connectionLabel: 'Emulator',
              family,
              groupId: project.id,
              projectName: project.name,
              clusterName: cluster.name,
              jobId: job.id!,
            },
          };
        }
      }
    }
    throw new Error(`the demo data has no ${family} job of that kind`);
  }

  const withUrl = {
    legacy: (j: LegacyRestoreJob) => Boolean(j.delivery.urlV2 && j.delivery.authValue),
    cloudBackup: (j: CloudBackupRestoreJob) => (j.deliveryUrl?.length ?? 0) > 1 && !j.expired,
  };

  before(async () => {
    // Before the serverless sunset (2026-01-22), so all four families answer.
    emulator = await startEmulator({ dataset: 'demo', today: '2026-01-15T12:00:00Z' });
    client = new AtlasClient({ baseUrl: emulator.baseUrl, credentials: { kind: 'serviceAccount', ...DEMO_SERVICE_ACCOUNT } });
    // A real source: every fetch is a GET of the job over HTTP, as the extension makes it.
    const source: JobSource = {
      async fetchJob(ref, signal) {
        fetches++;
        const job = await client.getRestoreJob(ref.family, ref.groupId, ref.clusterName, ref.jobId, { signal });
        return { family: ref.family, job } as AnyRestoreJob;
      },
      atlasUrl: (ref) => vscode.Uri.parse(`${emulator.baseUrl}/v2/${ref.groupId}#/clusters/backup/${encodeURIComponent(ref.clusterName)}`),
    };
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not loaded`);
    log = new Log('Atlas Restore Jobs (panel test)');
    panels = new JobDetailsPanels(extension.extensionUri, source, log, { now, settings: readSettings });
  });

  afterEach(async () => {
    panels.dispose();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    emulator.faults.clear();
  });

  after(async () => {
    panels?.dispose();
    log?.dispose();
    client?.dispose();
    await emulator?.close();
  });

  for (const family of FAMILIES) {
    it(`opens a ${family} job fetched from Atlas, titled by cluster and request time`, async () => {
      // Not a job of a sharded batch: those add their shard to the title.
      const { ref, job } = find(family, (j) => Boolean(j.id) && !(j as { batchId?: string }).batchId);
      const before = fetches;
      await panels.show(ref);
      assert.equal(fetches, before + 1, 'show without a job fetches it once');

      // Legacy jobs say when they were requested; the others carry that time in their ObjectId only.
      const requested = family === 'legacy' ? new Date((job as LegacyRestoreJob).created!) : objectIdTime(ref.jobId)!;
      const title = `${ref.clusterName} · ${formatDateTime(requested, readSettings().timeZone)}`;
      assert.deepEqual(
        panels.openPanels.map((p) => [p.ref.jobId, p.title]),
        [[ref.jobId, title]],
      );
      await until('the tab shows', () => webviewTabs().some((t) => t.label === title));
      const tab = webviewTabs().find((t) => t.label === title)!;
      assert.equal(tab.isActive, true);

      const view = panels.viewOf(ref);
      assert.ok(view, 'the panel has a view of the fetched job');
      assert.equal(view.jobId, job.id);
      assert.equal(view.family, family);
      assert.deepEqual(JSON.parse(view.json).id, job.id);
    });
  }

  it('sends a new panel its state before the page loads, so the page needs nothing more; a page that lacks it asks again', async () => {
    const { ref, job } = find('legacy', withUrl.legacy);
    await panels.show(ref, { family: 'legacy', job });
    const webview = panels.webviewOf(ref);
    assert.ok(webview);
    const said: string[] = [];
    const listening = webview.onDidReceiveMessage((m: { type?: unknown }) => said.push(String(m?.type)));
    try {
      await until('the page says ready', () => said.includes('ready'));
      // The panel answers that "ready" with a sync naming its last state; a page without it would say "ready" again.
      await new Promise((r) => setTimeout(r, 1500));
      assert.deepEqual(said, ['ready'], 'the page had the state sent before it loaded');
      await webview.postMessage({ type: 'sync', seq: -1 });
      await until('the page asks for the state it lacks', () => said.length === 2);
      assert.deepEqual(said, ['ready', 'ready']);
      assert.equal(panels.viewOf(ref)?.jobId, job.id);
    } finally {
      listening.dispose();
    }
  });

  it('keeps one panel per job: showing it again reveals the same panel', async () => {
    const a = find('cloudBackup');
    const b = find('flex');
    await panels.show(a.ref);
    await panels.show(b.ref);
    const fetched = fetches;
    await panels.show(a.ref);
    await panels.show({ ...a.ref, connectionLabel: 'renamed', projectName: 'renamed' });
    assert.equal(fetches, fetched, 'revealing does not fetch again');
    assert.equal(panels.openPanels.length, 2);
    await until('two tabs, the first job active', () => {
      const tabs = webviewTabs();
      return tabs.length === 2 && tabs.find((t) => t.isActive)?.label === panels.openPanels[0]!.title;
    });
  });

  it('moves a preview panel to the next job with nothing of the last: not its fetch, not its revealed auth value', async () => {
    const legacy = find('legacy', withUrl.legacy);
    const other = find('legacy', (j) => withUrl.legacy(j) && j.id !== legacy.job.id);
    await panels.show(legacy.ref, undefined, { preview: true });
    await panels.dispatch(legacy.ref, { type: 'revealAuthValue', reveal: true });
    assert.equal(panels.viewOf(legacy.ref)?.delivery.authHeader?.value, legacy.job.delivery.authValue);
    const page = panels.webviewOf(legacy.ref);
    emulator.faults.add({ kind: 'latency', ms: 400 });
    // A slow fetch of the first job still under way when the panel moves on must not land in it.
    const slow = panels.dispatch(legacy.ref, { type: 'refresh' });
    await panels.show(other.ref, { family: 'legacy', job: other.job }, { preview: true });
    await slow;
    emulator.faults.clear();
    assert.deepEqual(panels.openPanels.map((p) => [p.ref.jobId, p.preview]), [[other.job.id, true]]);
    assert.equal(panels.webviewOf(other.ref), page, 'the same page');
    assert.equal(panels.webviewOf(legacy.ref), undefined, 'the first job has no panel any more');
    const view = panels.viewOf(other.ref)!;
    assert.equal(view.jobId, other.job.id);
    assert.equal(view.delivery.authHeader?.value, AUTH_VALUE_MASK, 'masked again: the user revealed the other job');

    panels.keep(other.ref);
    assert.deepEqual(panels.openPanels.map((p) => [p.ref.jobId, p.preview]), [[other.job.id, false]]);
    await panels.show(legacy.ref, undefined, { preview: true });
    assert.equal(panels.openPanels.length, 2, 'a kept panel is not taken over');
  });

  it('renders a job it is given without fetching, and refetches on refresh and refresh-all', async () => {
    const { ref, job } = find('legacy', withUrl.legacy);
    const before = fetches;
    await panels.show(ref, { family: 'legacy', job });
    assert.equal(fetches, before);
    assert.equal(panels.viewOf(ref)?.jobId, job.id);

    const requests = emulator.requests.length;
    await panels.dispatch(ref, { type: 'refresh' });
    assert.equal(fetches, before + 1);
    const gets = emulator.requests.slice(requests).filter((r) => r.path.endsWith(`/restoreJobs/${ref.jobId}`));
    assert.deepEqual(gets.map((r) => [r.method, r.status]), [['GET', 200]]);

    const other = find('flex');
    await panels.show(other.ref);
    const beforeAll = fetches;
    panels.refreshAll();
    await until('both panels refetched', () => fetches === beforeAll + 2);
  });

  it('copies a delivery URL, all URLs and a hash through the page message path into vscode.env.clipboard', async () => {
    const cloud = find('cloudBackup', withUrl.cloudBackup);
    await panels.show(cloud.ref);
    await panels.dispatch(cloud.ref, { type: 'copy', target: { kind: 'link', index: 1 } });
    assert.equal(await vscode.env.clipboard.readText(), cloud.job.deliveryUrl![1]);
    await panels.dispatch(cloud.ref, { type: 'copy', target: { kind: 'allLinks' } });
    assert.equal(await vscode.env.clipboard.readText(), cloud.job.deliveryUrl!.join('\n'));

    const legacy = find('legacy', withUrl.legacy);
    await panels.show(legacy.ref);
    await panels.dispatch(legacy.ref, { type: 'copy', target: { kind: 'hash', index: 0 } });
    assert.equal(await vscode.env.clipboard.readText(), legacy.job.hashes![0]!.hash);
    await panels.dispatch(legacy.ref, { type: 'copy', target: { kind: 'downloadCommand', index: 0 } });
    const command = await vscode.env.clipboard.readText();
    assert.ok(command.includes(`X-Restore-Auth: ${legacy.job.delivery.authValue}`), 'the curl command sends the auth header');
    assert.ok(command.includes(legacy.job.delivery.urlV2!));
  });

  it('masks the legacy authValue in the view and the copied JSON until revealed', async () => {
    const { ref, job } = find('legacy', withUrl.legacy);
    const secret = job.delivery.authValue!;
    await panels.show(ref);
    let view = panels.viewOf(ref)!;
    assert.equal(view.delivery.authHeader?.value, AUTH_VALUE_MASK);
    assert.ok(!JSON.stringify(view).includes(secret), 'the masked view holds the value nowhere');
    await panels.dispatch(ref, { type: 'copy', target: { kind: 'json' } });
    assert.ok(!(await vscode.env.clipboard.readText()).includes(secret));

    await panels.dispatch(ref, { type: 'revealAuthValue', reveal: true });
    view = panels.viewOf(ref)!;
    assert.equal(view.delivery.authHeader?.value, secret);
    await panels.dispatch(ref, { type: 'copy', target: { kind: 'json' } });
    assert.equal(JSON.parse(await vscode.env.clipboard.readText()).delivery.authValue, secret);
  });

  it('shows a job with 5,000 file hashes, and copies a hash deep in the list by its index', async () => {
    const { ref, job } = find('legacy', withUrl.legacy);
    const hashes = Array.from({ length: 5_000 }, (_, i) => ({ fileName: `collection-${i}--8123456789.wt`, hash: (i * 7919).toString(16).padStart(40, '0'), typeName: 'SHA1' }));
    emulator.patchDocument({ jobId: job.id! }, { set: { hashes } });
    try {
      await panels.show(ref);
      const view = panels.viewOf(ref)!;
      assert.equal(view.hashes.length, 5_000);
      assert.deepEqual(view.hashes[4_321], { index: 4_321, fileName: hashes[4_321]!.fileName, typeName: 'SHA1', hash: hashes[4_321]!.hash, copyLabel: `Copy hash of ${hashes[4_321]!.fileName}` });
      assert.equal(JSON.parse(view.json).hashes.length, 5_000);
      await panels.dispatch(ref, { type: 'copy', target: { kind: 'hash', index: 4_321 } });
      assert.equal(await vscode.env.clipboard.readText(), hashes[4_321]!.hash);
    } finally {
      emulator.store.clearPatches();
    }
  });

  it('shows names from the API as they are (HTML and quotes included)', async () => {
    const { ref } = find('legacy', (j) => j.hashes?.some((h) => h.fileName === DEMO.htmlFileName) === true);
    assert.equal(ref.projectName, DEMO.projects.lab);
    await panels.show(ref);
    const view = panels.viewOf(ref)!;
    assert.equal(view.hashes[0]?.fileName, DEMO.htmlFileName);
    assert.ok(view.breadcrumb.includes(DEMO.projects.lab));
  });

  it('opens the job as an untitled JSON document', async () => {
    const { ref, job } = find('legacy', withUrl.legacy);
    await panels.show(ref);
    await panels.dispatch(ref, { type: 'openJson' });
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor, 'a text editor is active');
    assert.equal(editor.document.languageId, 'json');
    assert.equal(editor.document.isUntitled, true);
    const doc = JSON.parse(editor.document.getText()) as LegacyRestoreJob;
    assert.equal(doc.id, job.id);
    assert.equal(doc.delivery.authValue, AUTH_VALUE_MASK);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('shows the error state when Atlas fails, and recovers on retry', async () => {
    const { ref } = find('flex');
    emulator.faults.add({ kind: 'serverError', times: 20, status: 500, match: ref.jobId });
    const quick = new AtlasClient({
      baseUrl: emulator.baseUrl,
      credentials: { kind: 'serviceAccount', ...DEMO_SERVICE_ACCOUNT },
      retry: { maxRetries: 0 },
    });
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const failing = new JobDetailsPanels(
      extension.extensionUri,
      {
        fetchJob: async (r, signal) => ({ family: r.family, job: await quick.getRestoreJob(r.family, r.groupId, r.clusterName, r.jobId, { signal }) }) as AnyRestoreJob,
        atlasUrl: () => undefined,
      },
      log,
      { now, settings: readSettings },
    );
    try {
      await failing.show(ref);
      assert.equal(failing.openPanels.length, 1, 'the panel stays open to show the error');
      assert.equal(failing.viewOf(ref), undefined, 'there is no job to show');
      emulator.faults.clear();
      await failing.dispatch(ref, { type: 'refresh' });
      assert.equal(failing.viewOf(ref)?.jobId, ref.jobId);
      assert.equal(failing.viewOf(ref)?.canOpenInAtlas, false);
    } finally {
      failing.dispose();
      quick.dispose();
    }
  });

  it('serves an HTML shell with a strict CSP, a fresh nonce and no job data', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const panel = vscode.window.createWebviewPanel('atlasRestoreJobs.htmlCheck', 'html check', vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: localResourceRoots(extension.extensionUri),
    });
    try {
      const first = jobDetailsHtml(panel.webview, extension.extensionUri, 'en');
      const second = jobDetailsHtml(panel.webview, extension.extensionUri, 'en');
      const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(first)?.[1];
      const nonce = /script-src 'nonce-([^']+)'/.exec(first)?.[1];
      assert.ok(nonce && nonce.length >= 16, 'a nonce of at least 16 characters');
      const src = panel.webview.cspSource;
      assert.equal(csp, `default-src 'none'; style-src 'nonce-${nonce}'; font-src ${src}; img-src ${src} data:; script-src 'nonce-${nonce}';`);
      assert.notEqual(/'nonce-([^']+)'/.exec(second)?.[1], nonce, 'every render gets a new nonce');
      // The script and the styles are inline (one trip less per file on every open), each under the nonce.
      const quoted = nonce.replace(/[+/]/g, '\\$&');
      const scripts = first.match(/<script[^>]*>/g) ?? [];
      assert.deepEqual(scripts, [`<script nonce="${nonce}">`], 'one script, inline, under the nonce');
      const styles = first.match(/<style[^>]*>/g) ?? [];
      assert.equal(styles.length, 2, 'codicons and the page’s own styles');
      for (const tag of styles) assert.equal(tag, `<style nonce="${nonce}">`);
      assert.doesNotMatch(first, /<link|\ssrc=/i, 'nothing is loaded but the font');
      assert.doesNotMatch(first, /\sstyle=|\son[a-z]+=|unsafe-/i, 'no style attributes, handlers or unsafe sources');
      assert.match(first, new RegExp(`<script nonce="${quoted}">[\\s\\S]+</script>\\s*</body>`), 'the page script, closed once, at the end');
      assert.equal((first.match(/<\/script/gi) ?? []).length, 1, 'no </script inside the script');
      const font = panel.webview.asWebviewUri(vscode.Uri.joinPath(extension.extensionUri, 'dist', 'codicons', 'codicon.ttf')).toString();
      assert.ok(first.includes(`url("${font}?`), 'the codicon font from the webview’s own resources');
      assert.deepEqual(
        localResourceRoots(extension.extensionUri).map((u) => u.path.slice(extension.extensionUri.path.length)),
        ['/dist/codicons'],
      );
    } finally {
      panel.dispose();
    }
  });

  it('brings a preview panel back as the preview after a reload, and any other kept', async () => {
    const a = find('legacy', withUrl.legacy);
    const b = find('legacy', (j) => withUrl.legacy(j) && j.id !== a.job.id);
    const c = find('flex');
    const d = find('cloudBackup');
    // As VS Code hands them to the serializer after a reload: a webview of the panel's type and its page's state.
    const revived = () => vscode.window.createWebviewPanel(JobDetailsPanels.viewType, 'restored', vscode.ViewColumn.Active, { enableScripts: true });
    await panels.restore(revived(), { ref: a.ref, preview: true });
    await panels.restore(revived(), { ref: b.ref, preview: true });
    await panels.restore(revived(), { ref: c.ref });
    const shown = () => panels.openPanels.map((p) => [p.ref.jobId, p.preview]);
    assert.deepEqual(shown(), [[a.job.id, true], [b.job.id, false], [c.job.id, false]], 'one preview: the first to claim it');
    assert.equal(panels.viewOf(a.ref)?.jobId, a.job.id, 'its job fetched again');
    await panels.show(d.ref, undefined, { preview: true });
    assert.deepEqual(shown(), [[b.job.id, false], [c.job.id, false], [d.job.id, true]], 'the next job takes the restored preview');
  });

  it('forgets a panel when its tab is closed', async () => {
    const { ref } = find('serverless');
    await panels.show(ref);
    assert.equal(panels.openPanels.length, 1);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await until('the panel is gone', () => panels.openPanels.length === 0 && webviewTabs().length === 0);
  });
});
