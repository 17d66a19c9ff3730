// Finding restore jobs across an organization in a real VS Code against the emulator: the results stream into
// the view grouped by project and cluster, a project that cannot be read is a row of its own, Cancel stops it,
// the tree reuses what the search loaded, and export writes the expected JSON and CSV.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ConnectionInfo } from '../../src/connections/model';
import type { TestApi } from '../../src/extension';
import type { JobFacts } from '../../src/jobs/facts';
import { matchesQuery } from '../../src/search/match';
import { parseQuery } from '../../src/search/query';
import type { SearchResultsNode } from '../../src/tree/searchNodes';
import type { TreeNode } from '../../src/tree/treeNode';
import type { RunningEmulator } from '../atlas-emulator';
import { connectToEmulator, type EmulatorConnection } from './support/emulatorConnection';
import { path, rows, setSetting, until, withAnswers, type Row } from './support/extensionHarness';

describe('Finding restore jobs across an organization', function () {
  this.timeout(90_000);
  let api: TestApi;
  let emulator: RunningEmulator;
  let connection: ConnectionInfo;
  let env: EmulatorConnection | undefined;
  let folder: string;
  const LABEL = 'Search (service account)';

  before(async () => {
    env = await connectToEmulator({ label: LABEL, watch: false });
    ({ api, emulator, connection } = env);
    // The last searches are kept across windows: those of other suites (the offline one's) must not come first.
    await api.globalState.update('atlasRestoreJobs.recentSearches', undefined);
    folder = mkdtempSync(join(tmpdir(), 'search-export-'));
  });

  after(async () => {
    await vscode.commands.executeCommand('atlasRestoreJobs.closeSearch');
    await env?.cleanup();
    rmSync(folder, { recursive: true, force: true });
  });

  beforeEach(() => {
    emulator.faults.clear();
    emulator.clearRequests();
  });

  const isBatch = (r: Row) => /\bbatch\b/.test(r.context);

  /** Every job row under the results, with its project and cluster rows' labels; a sharded restore's are under its batch row. */
  async function resultRows(search: TreeNode): Promise<{ project: string; cluster: string; facts: JobFacts }[]> {
    const out: { project: string; cluster: string; facts: JobFacts }[] = [];
    for (const p of await rows(api, search)) {
      if (!/^searchProject/.test(p.context)) continue;
      for (const c of await rows(api, p.node)) {
        for (const r of await rows(api, c.node)) {
          for (const j of isBatch(r) ? await rows(api, r.node) : [r]) out.push({ project: p.label, cluster: c.label, facts: (j.node as unknown as { facts: JobFacts }).facts });
        }
      }
    }
    return out;
  }

  const search = (text: string, scope: unknown = connection.id) =>
    withAnswers(api, [text], () => vscode.commands.executeCommand<SearchResultsNode>('atlasRestoreJobs.findRestoreJobs', scope));

  it('finds the failed restores of the last week, grouped by project and cluster, and says which project it could not search', async () => {
    const { result, asked } = await search('state:failed days:7');
    assert.equal(asked[0]!.kind, 'query');
    assert.ok(result, 'the search ran');
    const top = (await rows(api))[0]!;
    assert.equal(top.node, result, 'the results are the first row of the view');
    assert.match(top.label, /^Search: state:failed days:7$/);
    assert.match(top.description, /^\d+ matches · 4 projects · 1 could not be searched$/);
    const found = await resultRows(result);
    assert.equal(found.length, result.progress.matches);
    assert.ok(found.length > 3);
    const q = parseQuery('state:failed days:7');
    for (const f of found) assert.ok(matchesQuery(f.facts, q, emulator.now()), `${f.facts.id} matches`);
    assert.ok(found.some((f) => f.project === 'Production' && f.cluster === 'prod-rs'));
    const problem = (await rows(api, result)).find((r) => r.context.startsWith('error'));
    assert.ok(problem, 'the read-only project is a row');
    assert.match(`${problem.label} ${problem.description}`, /No access to cloud backup restore jobs of Globex-Analytics › analytics-rs needs the Project Backup Manager role/);
  });

  it('offers the last searches again', async () => {
    const first = await search('state:running');
    assert.equal(first.asked[0]!.items![0]!.label, 'state:failed days:7');
    const second = await search('STATE:running');
    // Newest first, each once (the text as normalised), then the examples not among them.
    assert.deepEqual(second.asked[0]!.items!.slice(0, 3).map((i) => i.label), ['state:running', 'state:failed days:7', 'state:ready']);
  });

  it('a pasted job id finds that job', async () => {
    const production = emulator.store.projects().find((p) => p.name === 'Production')!;
    const job = emulator.store.restoreJobs(production.id, 'prod-flex', 'flex')[1]!;
    const { result } = await search(job.id!);
    const found = await resultRows(result);
    assert.deepEqual(found.map((f) => [f.project, f.cluster, f.facts.id]), [['Production', 'prod-flex', job.id]]);
  });

  it('groups the legacy jobs of a sharded restore under their batch row, as the tree does', async () => {
    const production = emulator.store.projects().find((p) => p.name === 'Production')!;
    const legacy = emulator.store.restoreJobs(production.id, 'prod-sharded', 'legacy');
    const batchId = legacy.find((j) => j.batchId)!.batchId!;
    const members = legacy.filter((j) => j.batchId === batchId).map((j) => j.id!);
    assert.ok(members.length > 1 && members.length < legacy.length, 'the demo has a sharded restore and a legacy job of its own beside it');
    const factsOf = (r: Row) => (r.node as unknown as { facts: JobFacts }).facts;
    // What the Legacy backup group shows: a search's rows must look the same.
    const treeRows = await rows(api, (await path(api, LABEL, 'Production', 'prod-sharded', 'Legacy backup')).node);
    const treeBatch = treeRows.find(isBatch)!;
    const treeShards = await rows(api, treeBatch.node);

    const { result } = await search('family:legacy');
    const cluster = await path(api, /^Search: /, 'Production', 'prod-sharded');
    assert.match(cluster.description, new RegExp(` · ${legacy.length} matches$`));
    const found = await rows(api, cluster.node);
    assert.equal(found.length, legacy.length - members.length + 1, 'the batch is one row, each other job a row');
    const batches = found.filter(isBatch);
    assert.equal(batches.length, 1);
    const batch = batches[0]!;
    assert.deepEqual([batch.label, batch.description, batch.context, batch.icon], [treeBatch.label, treeBatch.description, treeBatch.context, treeBatch.icon]);
    const shards = await rows(api, batch.node);
    assert.deepEqual(shards.map((r) => [r.label, factsOf(r).id]), treeShards.map((r) => [r.label, factsOf(r).id]), 'one row per shard and the config server, labelled by it');
    assert.deepEqual(shards.map((r) => factsOf(r).id).sort(), [...members].sort());
    assert.ok(shards.every((r) => /^job\b/.test(r.context) && factsOf(r).batchId === batchId));
    assert.deepEqual(
      found.filter((r) => !isBatch(r)).map((r) => factsOf(r).id),
      legacy.filter((j) => j.batchId !== batchId).map((j) => j.id),
      'the job of no batch is a row of its own',
    );
    // Export takes the jobs inside the batch row too.
    assert.equal(result.rows().length, result.progress.matches);

    // A batch id finds every job of that restore: one batch row.
    const byBatch = await search(batchId);
    const only = await rows(api, (await path(api, /^Search: /, 'Production', 'prod-sharded')).node);
    assert.deepEqual(only.map((r) => [r.context, r.description]), [[treeBatch.context, treeBatch.description]]);
    assert.equal(byBatch.result.progress.matches, members.length);
  });

  it('the tree shows what the search loaded without asking Atlas again', async () => {
    await search('family:cloud');
    emulator.clearRequests();
    const cluster = await path(api, LABEL, 'Production', 'prod-sharded');
    const jobs = await rows(api, cluster.node);
    assert.ok(jobs.length > 0);
    assert.deepEqual(emulator.requests.filter((r) => r.path.includes('/backup/restoreJobs')).map((r) => r.path), []);
  });

  it('Cancel stops the search and keeps what it found', async () => {
    // Earlier searches filled the page cache: without forgetting it this search would need no request and end at once.
    api.pages.forget();
    emulator.faults.add({ kind: 'latency', ms: 400 });
    const prompter = withAnswers(api, ['state:completed'], () => vscode.commands.executeCommand<SearchResultsNode>('atlasRestoreJobs.findRestoreJobs', connection.id));
    // Cancel once this search (not the last one's results, still on top until it starts) knows its projects and before it
    // has finished one: a fixed delay raced a slow CI machine that had not listed the projects yet (0 of 0).
    const before = api.explorer.searchResults;
    const started = () => {
      const s = api.explorer.searchResults;
      return s !== undefined && s !== before && s.state === 'running' && s.progress.projectsTotal > 0;
    };
    const deadline = Date.now() + 30_000;
    while (!started() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await vscode.commands.executeCommand('atlasRestoreJobs.cancelSearch');
    const { result } = await prompter;
    assert.equal(result.state, 'cancelled');
    assert.ok(result.progress.projectsDone < result.progress.projectsTotal, JSON.stringify(result.progress));
    assert.match(api.explorer.getTreeItem(result).description as string, /cancelled after \d+ of \d+ projects/);
    // Requests the search sent before Cancel are still in the emulator's 400 ms latency: past it they take whatever
    // fault the next test has set (its one 429 went to an aborted request, and that search was never paused).
    await until(
      'the requests of the cancelled search are through the emulator',
      () => emulator.requests.every((r) => r.answeredAt !== undefined || Date.now() - (r.receivedAt ?? 0) > 1_500),
    );
  });

  it('pauses the whole search while Atlas’s rate limit says so, and says so, then finishes', async () => {
    emulator.faults.add({ kind: 'rateLimit', times: 1, retryAfterSeconds: 2 });
    let sawPause = false;
    const watcher = setInterval(() => {
      const search = api.explorer.searchResults;
      if (search?.pausedUntil && /paused by Atlas’s rate limit/.test(api.explorer.getTreeItem(search).description as string)) sawPause = true;
    }, 50);
    try {
      const started = Date.now();
      const { result } = await search('state:failed days:7');
      assert.ok(sawPause, 'the results row said the search was paused');
      assert.ok(Date.now() - started >= 1_900, 'waited for Retry-After');
      assert.equal(result.state, 'done');
      assert.equal(result.progress.projectsDone, result.progress.projectsTotal);
      assert.equal(result.pausedUntil, undefined);
    } finally {
      clearInterval(watcher);
    }
  });

  it('exports the results as JSON (full documents, authValue masked) and CSV (ISO times)', async () => {
    const { result } = await search('family:legacy state:completed');
    const jsonPath = join(folder, 'found.json');
    await withAnswers(api, ['json', jsonPath], () => vscode.commands.executeCommand('atlasRestoreJobs.exportJobs', result));
    const json = JSON.parse(readFileSync(jsonPath, 'utf8')) as { count: number; jobs: { project: string; cluster: string; job: { id: string; delivery?: { authValue?: string } } }[] };
    assert.equal(json.count, result.progress.matches);
    assert.ok(json.jobs.every((j) => j.job.delivery?.authValue === undefined || /^•+$/.test(j.job.delivery.authValue)), 'authValue masked');
    const csvPath = join(folder, 'found.csv');
    await withAnswers(api, ['csv', csvPath], () => vscode.commands.executeCommand('atlasRestoreJobs.exportJobs', result));
    const lines = readFileSync(csvPath, 'utf8').trimEnd().split('\r\n');
    assert.equal(lines[0], 'connection,project,projectId,cluster,family,jobId,requested,status,atlasStatus,delivery,finished,expires,links,snapshotId,batchId,targetCluster,targetProjectId');
    assert.equal(lines.length - 1, json.count);
    assert.match(lines[1]!, /,legacy,[0-9a-f]{24},\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z,Completed,/);
  });

  it('exports every job of a cluster, all pages, from its row', async () => {
    await setSetting('pageSize', 50);
    try {
      const cluster = await path(api, LABEL, 'Production', 'prod-rs');
      const csvPath = join(folder, 'prod-rs.csv');
      await withAnswers(api, ['csv', csvPath], () => vscode.commands.executeCommand('atlasRestoreJobs.exportJobs', cluster.node));
      const production = emulator.store.projects().find((p) => p.name === 'Production')!;
      const expected = emulator.store.restoreJobs(production.id, 'prod-rs', 'legacy').length + emulator.store.restoreJobs(production.id, 'prod-rs', 'cloudBackup').length;
      assert.equal(readFileSync(csvPath, 'utf8').trimEnd().split('\r\n').length - 1, expected);
    } finally {
      await setSetting('pageSize', undefined);
    }
  });
});
