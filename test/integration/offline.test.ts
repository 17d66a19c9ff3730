// The last known jobs when Atlas cannot be reached, in a real VS Code against the emulator: what the tree
// loaded is kept in the extension's global storage without a link or a secret; with every connection to the
// emulator reset, a refresh shows the copy, marked offline on the connection row, a details panel opens
// from it with its banner, and a search and the Restore History find jobs in it; once the emulator answers again, the copy is replaced. Turning the setting off and
// removing the connection delete the file.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import type { JobNode } from '../../src/tree/jobNode';
import type { SearchResultsNode } from '../../src/tree/searchNodes';
import type { TreeNode } from '../../src/tree/treeNode';
import { DEMO } from '../atlas-emulator';
import { demoSecrets, filesUnder } from '../support/offlineScan';
import { connectToEmulator, type EmulatorConnection } from './support/emulatorConnection';
import { child, path, rows, setSetting, until, withAnswers, type Row } from './support/extensionHarness';

const LABEL = 'Offline (emulator)';
/** Every request, the token endpoint's too, has its connection dropped: Atlas as a network that is down. */
const NETWORK_DOWN = { kind: 'reset', times: 1_000_000, match: '/' } as const;
/** The emulator's access tokens are JWTs: none may be on disk, whatever it was issued for. */
const TOKEN_SHAPE = /eyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]{8,}/;

describe('Offline, the last known jobs', function () {
  this.timeout(90_000);
  let env: EmulatorConnection;
  let file: string;
  let online: Row[];

  const api = () => env.api;
  const connectionRow = () => child(api(), undefined, LABEL);
  const jobRows = () => path(api(), LABEL, DEMO.projects.production, DEMO.longList.cluster).then((r) => rows(api(), r.node));
  const refreshConnection = async () => vscode.commands.executeCommand('atlasRestoreJobs.refresh', (await connectionRow()).node);

  before(async () => {
    env = await connectToEmulator({ label: LABEL, watch: false });
    // One attempt per request: a dropped connection is not worth the client's backoffs here.
    await setSetting('maxRetries', 0);
    file = api().offline.fileOf(env.connection.id);
  });

  after(async () => {
    env?.emulator.faults.clear();
    await setSetting('maxRetries', undefined);
    await setSetting('offline.keepLastKnown', undefined);
    await env?.cleanup();
  });

  it('keeps what the tree loaded in global storage, with no link, auth value, secret or token in any file', async () => {
    // Each row expanded as a person would: its children loaded.
    for (const labels of [[DEMO.longList.cluster, 'Legacy backup'], ['prod-sharded'], ['prod-flex']]) {
      await rows(api(), (await path(api(), LABEL, DEMO.projects.production, ...labels)).node);
    }
    await rows(api(), (await path(api(), LABEL, DEMO.projects.staging)).node);
    online = await jobRows();
    await until('the copy is written', () => existsSync(file) && readFileSync(file, 'utf8').includes('"family":"flex"'), 15_000);
    const storage = dirname(api().offline.folder);
    const files = filesUnder(storage);
    assert.ok(files.some((f) => f.text.includes('"family":"legacy"') && f.text.includes('"family":"cloudBackup"')), 'the jobs are there');
    const secrets = demoSecrets(env.emulator);
    assert.ok(secrets.length > 100, `the demo has links and auth values to look for (${secrets.length})`);
    for (const f of files) {
      const found = [...secrets, 'http', 'X-Amz', 'signature='].filter((s) => f.text.includes(s));
      assert.deepEqual(found, [], `${f.name} holds none of them`);
      assert.doesNotMatch(f.text, TOKEN_SHAPE, `${f.name} holds no access token`);
    }
  });

  it('shows the copy when Atlas cannot be reached: offline on the connection row, every list from the copy', async () => {
    env.emulator.faults.add(NETWORK_DOWN);
    await refreshConnection();
    const connection = await connectionRow();
    assert.match(connection.description, /^offline · as of \d\d:\d\d · service account/);
    assert.match(connection.context, /^connection stored offline$/);
    assert.equal(connection.icon, 'debug-disconnect');
    const hover = connection.item.tooltip instanceof vscode.MarkdownString ? connection.item.tooltip.value : String(connection.item.tooltip);
    assert.match(hover, /Atlas cannot be reached/);
    const projects = (await rows(api(), connection.node)).map((r) => r.label);
    assert.ok(projects.includes(DEMO.projects.production) && projects.includes(DEMO.projects.staging), projects.join(' | '));
    const clusters = (await path(api(), LABEL, DEMO.projects.production).then((r) => rows(api(), r.node))).map((r) => r.label);
    assert.ok(['prod-rs', 'prod-sharded', 'prod-flex'].every((c) => clusters.includes(c)), clusters.join(' | '));

    const offline = (await jobRows()).filter((r) => /^job /.test(r.context));
    assert.equal(offline.length, online.filter((r) => /^job /.test(r.context)).length);
    for (const r of offline) {
      const was = online.find((o) => o.node.id === r.node.id);
      assert.ok(was, `${r.label} was shown online too`);
      assert.equal(r.icon, was.icon, `${r.label} keeps its status`);
      assert.match(r.description, / · offline$/);
      assert.match(r.context, /\bnoUrl\b.*\boffline\b/);
      assert.doesNotMatch(r.context, /\bhasUrl\b/);
    }
    assert.ok(online.some((r) => /\bhasUrl\b/.test(r.context)), 'online, some of these rows had links');
    // The copy holds the first page of the 130 legacy jobs: Atlas's count stays, and the rest needs Atlas.
    const legacy = await path(api(), LABEL, DEMO.projects.production, DEMO.longList.cluster, 'Legacy backup');
    assert.equal(legacy.description, `${DEMO.longList.jobs} restore jobs`);
    const legacyRows = await rows(api(), legacy.node);
    assert.ok(legacyRows.some((r) => r.context.includes('offline')), 'legacy jobs from the copy');
    const more = legacyRows.find((r) => r.label === 'Load more…');
    assert.ok(more, 'Load more… is offered');
    await vscode.commands.executeCommand('atlasRestoreJobs.loadMore', more.node);
    assert.equal((await rows(api(), legacy.node)).at(-1)?.label, 'Could not reach Atlas', 'and says why it cannot load more');
    const flex = await path(api(), LABEL, DEMO.projects.production, 'prod-flex');
    assert.ok((await rows(api(), flex.node)).every((r) => r.context.includes('offline')), 'flex jobs from the copy');
  });

  it('opens a details panel from an offline row, with the banner and no link, and Refresh tries Atlas again', async () => {
    const row = (await jobRows()).find((r) => /^job /.test(r.context))!;
    const node = row.node as JobNode;
    await vscode.commands.executeCommand('atlasRestoreJobs.openJobDetails', node);
    const ref = node.ref;
    const view = api().panels.viewOf(ref);
    assert.ok(view, 'the panel shows the job');
    assert.match(view.offline?.note ?? '', /^Offline: the copy from .+; delivery links are not kept offline and are not shown\.$/);
    assert.deepEqual([view.delivery.links, view.delivery.privateLinks], [[], []]);
    assert.match(view.delivery.emptyReason ?? '', /not kept offline/);
    assert.ok(!view.json.includes('http'));
    const requests = env.emulator.requests.length;
    await api().panels.dispatch(ref, { type: 'refresh' });
    assert.ok(env.emulator.requests.length > requests, 'Refresh asked Atlas');
    assert.ok(api().panels.viewOf(ref)?.offline, 'and, Atlas away, shows the copy again');
  });

  it('finds restore jobs in the copy, saying so in one row instead of a failure for each list it lacks', async () => {
    const { result } = await withAnswers(api(), ['days:3650'], () =>
      vscode.commands.executeCommand<SearchResultsNode>('atlasRestoreJobs.findRestoreJobs', env.connection.id),
    );
    assert.ok(result, 'the search ran');
    try {
      const top = (await rows(api()))[0]!;
      assert.equal(top.node, result);
      assert.match(top.description, /^\d+ matches · \d+ projects · offline copy of \d\d:\d\d$/);
      const [first, ...rest] = await rows(api(), result);
      assert.match(first!.label, /^Offline: searched the copy of \d\d:\d\d$/);
      assert.match(first!.description, /^\d+ lists not in the copy$/, 'the lists the tree never opened are counted, not listed');
      assert.match(first!.context, /^error retry$/);
      assert.deepEqual(rest.filter((r) => r.context.startsWith('error')).map((r) => r.label), [], 'no failure row of its own for any list');
      const jobs: Row[] = [];
      for (const project of rest) {
        for (const cluster of await rows(api(), project.node)) {
          for (const r of await rows(api(), cluster.node)) jobs.push(...(/\bbatch\b/.test(r.context) ? await rows(api(), r.node) : [r]));
        }
      }
      assert.equal(jobs.length, result.progress.matches);
      assert.ok(jobs.length > 10, `jobs found in the copy (${jobs.length})`);
      for (const r of jobs) assert.match(r.context, /\bnoUrl\b.*\boffline\b/, `${r.label} is from the copy`);
      const legacy = await path(api(), LABEL, DEMO.projects.production, DEMO.longList.cluster, 'Legacy backup');
      const shownInTree = [...(await jobRows()), ...(await rows(api(), legacy.node))].filter((r) => /^job /.test(r.context));
      const treeIds = new Set(shownInTree.map((r) => (r.node as JobNode).facts.id));
      const prodRs = jobs.filter((r) => (r.node as JobNode).location.clusterName === DEMO.longList.cluster);
      assert.ok(prodRs.length > 0 && prodRs.every((r) => treeIds.has((r.node as JobNode).facts.id)), 'prod-rs’s are the jobs the tree showed');
    } finally {
      await vscode.commands.executeCommand('atlasRestoreJobs.closeSearch');
    }
  });

  it('draws the Restore History from the copy, saying so in one note instead of a problem for each list it lacks', async () => {
    for (const labels of [[DEMO.longList.cluster], []]) {
      const node = (await path(api(), LABEL, DEMO.projects.production, ...labels)).node;
      await vscode.commands.executeCommand('atlasRestoreJobs.showRestoreHistory', node);
      await until('the history is loaded', () => api().history.open.some((p) => !p.isLoading && p.current !== undefined), 30_000);
      const panel = api().history.open.find((p) => p.current !== undefined)!;
      try {
        const view = panel.current!.view;
        assert.ok(view.rows.length > 0, 'restores drawn from the copy');
        assert.deepEqual(view.problems, [], 'no problem for a list the copy lacks');
        const note = view.notes[0] ?? '';
        assert.match(note, /^Offline: Atlas cannot be reached\. Drawn from the copy of \d\d:\d\d, which holds the restore jobs the tree had loaded/);
        // The project's prod-orders was never opened in the tree: its lists are not in the copy.
        if (labels.length === 0) assert.match(note, /; \d+ lists it does not hold are left out\.$/);
        else assert.match(note, /loaded\.$/);
      } finally {
        panel.dispose();
      }
    }
  });

  it('replaces the copy once Atlas answers again: the panel refreshed, the tree follows by itself', async () => {
    env.emulator.faults.clear();
    const row = (await jobRows()).find((r) => /^job /.test(r.context))!;
    const ref = (row.node as JobNode).ref;
    await api().panels.dispatch(ref, { type: 'refresh' });
    assert.equal(api().panels.viewOf(ref)?.offline, undefined, 'the panel shows what Atlas answered');
    await until('the connection row is online', async () => !(await connectionRow()).context.includes('offline'));
    await until('the rows are from Atlas again', async () => (await jobRows()).every((r) => !r.context.includes('offline')));
    const again = await jobRows();
    assert.deepEqual(
      again.map((r) => [r.node.id, r.context]),
      online.map((r) => [r.node.id, r.context]),
    );
  });

  it('comes back with Retry (the connection row’s Refresh) too', async () => {
    env.emulator.faults.add(NETWORK_DOWN);
    await refreshConnection();
    assert.match((await connectionRow()).description, /^offline · as of /);
    env.emulator.faults.clear();
    await refreshConnection();
    const connection = await connectionRow();
    assert.doesNotMatch(connection.description, /offline/);
    assert.equal(connection.icon, 'account');
    assert.ok((await jobRows()).some((r) => /\bhasUrl\b/.test(r.context)), 'links are back');
  });

  it('turned off, deletes the copy and shows failures as before', async () => {
    await api().offline.flush();
    assert.ok(existsSync(file));
    await setSetting('offline.keepLastKnown', false);
    await until('the copy is deleted', () => !existsSync(file));
    env.emulator.faults.add(NETWORK_DOWN);
    await refreshConnection();
    const shown = await rows(api(), (await connectionRow()).node);
    assert.deepEqual(shown.map((r) => r.label), ['Could not reach Atlas']);
    assert.doesNotMatch((await connectionRow()).description, /offline/);
    env.emulator.faults.clear();
    await refreshConnection();
    await new Promise((r) => setTimeout(r, 2_000));
    assert.ok(!existsSync(file), 'nothing is written while it is off');
    await setSetting('offline.keepLastKnown', undefined);
  });

  it('Remove Connection deletes its copy', async () => {
    await refreshConnection();
    await until('the copy is written again', () => existsSync(file), 15_000);
    const node: TreeNode = (await connectionRow()).node;
    await withAnswers(api(), ['Remove'], () => vscode.commands.executeCommand('atlasRestoreJobs.removeConnection', node));
    assert.ok(!existsSync(file), 'the file is gone when the command is done');
  });
});
