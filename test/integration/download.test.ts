// Downloading restore files in a real VS Code against the emulator (started in this extension host): the
// folder question, the download-limit warning, the progress notification, SHA-1 verification against the
// job's `hashes` with the file checked again on disk, resume after a cut, a loud mismatch, no hash for cloud
// backup, never overwriting without asking, expired links not tried, a sharded batch, and the panel's button.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';
import type { JobFacts } from '../../src/jobs/facts';
import type { JobRef } from '../../src/jobs/jobRef';
import type { RunningEmulator } from '../atlas-emulator';
import { connectToEmulator, type EmulatorConnection } from './support/emulatorConnection';
import { path, rows, setSetting, until, withAnswers, type Row } from './support/extensionHarness';

const sha1 = (file: string) => createHash('sha1').update(readFileSync(file)).digest('hex');

describe('Downloading restore files', function () {
  this.timeout(90_000);
  let api: TestApi;
  let emulator: RunningEmulator;
  let env: EmulatorConnection | undefined;
  let folder: string;
  const LABEL = 'Downloads (service account)';

  before(async () => {
    env = await connectToEmulator({ label: LABEL, watch: false });
    ({ api, emulator } = env);
    // Outcomes are recorded and answered with nothing: toasts would pile up in the test window.
    api.downloads.setPresentForTests(async () => undefined);
  });

  after(async () => {
    api?.downloads.setPresentForTests(undefined);
    await setSetting('downloadFolder', undefined);
    await env?.cleanup();
  });

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'restore-downloads-'));
    emulator.faults.clear();
    emulator.clearRequests();
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  const factsOf = (r: Row) => (r.node as unknown as { facts: JobFacts }).facts;
  const downloads = () => emulator.requests.filter((r) => r.path.startsWith('/__downloads/'));
  const lastShown = () => api.downloads.shown.at(-1)!;

  async function jobRow(cluster: string, accept: (f: JobFacts, r: Row) => boolean, group?: string): Promise<Row> {
    const parent = group ? await path(api, LABEL, 'Production', cluster, group) : await path(api, LABEL, 'Production', cluster);
    for (const r of await rows(api, parent.node)) {
      const candidates = r.context.includes('batch') ? await rows(api, r.node) : [r];
      const found = candidates.find((c) => /^job\b/.test(c.context) && accept(factsOf(c), c));
      if (found) return found;
    }
    throw new Error(`no such job under ${cluster}`);
  }

  const readyLegacy = () => jobRow('prod-rs', (f) => !!f.delivery.links[0]?.authHeader && !f.delivery.expired && f.hashes.length === 1, 'Legacy backup');

  it('downloads a legacy file into the folder chosen, warns of the download limit, verifies its SHA-1 and remembers the folder', async () => {
    const r = await readyLegacy();
    const f = factsOf(r);
    const { asked } = await withAnswers(api, [(a: { message?: string; actions?: string[] }) => (assert.ok(a.actions?.includes('Download')), 'Download'), folder], () =>
      vscode.commands.executeCommand('atlasRestoreJobs.downloadJob', r.node),
    );
    assert.match(asked[0]!.message!, new RegExp(`allows ${f.delivery.maxDownloads} download\\(s\\) of this restore link; this download uses one of them`));
    assert.equal(asked[0]!.modal, true);
    assert.equal(asked[1]!.kind, 'folder');
    const shown = lastShown();
    assert.equal(shown.level, 'info');
    assert.match(shown.message, /downloaded to .* and verified: its SHA-1 matches the hash Atlas published/);
    const file = join(folder, f.hashes[0]!.fileName!);
    assert.equal(sha1(file), f.hashes[0]!.hash!.toLowerCase(), 'the bytes on disk are the file Atlas hashed');
    assert.deepEqual(readdirSync(folder), [f.hashes[0]!.fileName], 'no .part left');
    assert.ok(shown.actions.includes('Open Folder'));
    assert.equal(vscode.workspace.getConfiguration('atlasRestoreJobs').get('downloadFolder'), folder);
    assert.ok(api.downloads.progressLines.some((l) => l.startsWith(`${f.hashes[0]!.fileName} — `)), 'the progress line names the file');
    assert.ok(downloads().every((q) => q.status === 200));
  });

  it('resumes after the connection is cut, and the file is still verified', async () => {
    const r = await readyLegacy();
    emulator.faults.add({ kind: 'cutBody', times: 1, afterBytes: 700 });
    await withAnswers(api, ['Download', folder], () => vscode.commands.executeCommand('atlasRestoreJobs.downloadJob', r.node));
    assert.match(lastShown().message, /verified/);
    assert.equal(lastShown().outcomes[0]!.result!.resumedTimes, 1);
    // The cut answer is recorded with status 0 (the connection was destroyed); the second is the rest of the file.
    assert.deepEqual(downloads().map((q) => q.status), [0, 206]);
  });

  it('follows the daemon’s redirect to the storage host without the auth header, and verifies the file', async () => {
    const redirected = emulator.store.storageRedirectJobs()[0]!;
    const r = await jobRow(redirected.clusterName, (f) => f.id === redirected.jobId, 'Legacy backup');
    await withAnswers(api, ['Download', folder], () => vscode.commands.executeCommand('atlasRestoreJobs.downloadJob', r.node));
    assert.match(lastShown().message, /and verified/);
    const seen = downloads().map((q) => [q.server, q.status, q.authHeaderPresent]);
    // The storage host answers 400 to a request that carries the header: the 200 there proves it was left behind.
    assert.deepEqual(seen, [['main', 302, true], ['storage', 200, false]]);
    assert.equal(sha1(join(folder, redirected.files[0]!.fileName)), redirected.files[0]!.sha1);
  });

  it('says loudly when the SHA-1 differs, with both values, and keeps the file as .mismatch', async () => {
    const r = await readyLegacy();
    const f = factsOf(r);
    emulator.faults.add({ kind: 'corruptByte', times: 1, at: 10 });
    await withAnswers(api, ['Download', folder], () => vscode.commands.executeCommand('atlasRestoreJobs.downloadJob', r.node));
    const shown = lastShown();
    assert.equal(shown.level, 'error');
    assert.match(shown.message, /^SHA-1 MISMATCH: .* is not the file Atlas published/);
    assert.ok(shown.detail!.includes(f.hashes[0]!.hash!.toLowerCase()), 'the expected hash is shown');
    const kept = join(folder, `${f.hashes[0]!.fileName}.mismatch`);
    assert.ok(shown.detail!.includes(sha1(kept)), 'and the one of the file on disk');
    assert.equal(existsSync(join(folder, f.hashes[0]!.fileName!)), false);
  });

  it('never overwrites a file without asking; keeps it when the question is dismissed', async () => {
    const r = await readyLegacy();
    const name = factsOf(r).hashes[0]!.fileName!;
    writeFileSync(join(folder, name), 'mine');
    const { asked } = await withAnswers(api, ['Download', folder, undefined], () => vscode.commands.executeCommand('atlasRestoreJobs.downloadJob', r.node));
    assert.match(asked[2]!.message!, new RegExp(`${name.replace(/\./g, '\\.')} already exists in .*Replace it\\?`));
    assert.equal(readFileSync(join(folder, name), 'utf8'), 'mine');
    assert.equal(downloads().length, 0);
    await withAnswers(api, ['Download', folder, 'Replace'], () => vscode.commands.executeCommand('atlasRestoreJobs.downloadJob', r.node));
    assert.equal(sha1(join(folder, name)), factsOf(r).hashes[0]!.hash!.toLowerCase());
  });

  it('does not try an expired link, says why and offers Atlas', async () => {
    const r = await jobRow('prod-rs', (f) => f.delivery.links.length > 0 && f.delivery.expired, 'Legacy backup');
    const { asked } = await withAnswers(api, [undefined], () => vscode.commands.executeCommand('atlasRestoreJobs.downloadJob', r.node));
    assert.match(asked[0]!.message!, /(has expired|as often as Atlas allows).*Start a new restore in Atlas/);
    assert.deepEqual(asked[0]!.actions, ['Open in Atlas']);
    assert.equal(downloads().length, 0);
  });

  it('downloads a cloud backup file and says Atlas publishes no checksum, with its size', async () => {
    const r = await jobRow('prod-rs', (f) => f.family === 'cloudBackup' && f.delivery.links.length === 1 && !f.delivery.expired);
    await withAnswers(api, [folder], () => vscode.commands.executeCommand('atlasRestoreJobs.downloadJob', r.node));
    const shown = lastShown();
    assert.equal(shown.outcomes[0]!.result!.verified, 'no hash');
    assert.match(shown.message, /\(\d[\d.]* KB, [\d,]+ bytes\)\. Atlas publishes no checksums for cloud backup restores/);
  });

  it('downloads every job of a sharded batch in one go, each verified', async () => {
    const legacy = await path(api, LABEL, 'Production', 'prod-sharded', 'Legacy backup');
    const batch = (await rows(api, legacy.node)).find((r) => /\bbatch\b.*\bhasUrl\b/.test(r.context) && !/expired/.test(r.description));
    assert.ok(batch, 'a sharded restore with links');
    const jobs = await rows(api, batch.node);
    await withAnswers(api, ['Download', folder], () => vscode.commands.executeCommand('atlasRestoreJobs.downloadAll', batch.node));
    const shown = lastShown();
    assert.match(shown.message, new RegExp(`^${jobs.length} of ${jobs.length} files downloaded to .*; ${jobs.length} verified by SHA-1\\.$`));
    for (const j of jobs) {
      const h = factsOf(j).hashes[0]!;
      assert.equal(sha1(join(folder, h.fileName!)), h.hash!.toLowerCase());
    }
  });

  it('downloads from the details panel’s button, by the link’s index only', async () => {
    const r = await jobRow('prod-sharded', (f) => f.family === 'cloudBackup' && f.delivery.links.length > 1 && !f.delivery.expired);
    const ref = (r.node as unknown as { ref: JobRef }).ref;
    await vscode.commands.executeCommand('atlasRestoreJobs.openJobDetails', r.node);
    await until('the panel shows the job', () => api.panels.viewOf(ref) !== undefined);
    assert.ok(api.panels.viewOf(ref)!.delivery.links[1]!.downloadLabel);
    await withAnswers(api, [folder], () => api.panels.dispatch(ref, { type: 'download', index: 1 }));
    const shown = lastShown();
    assert.equal(shown.outcomes.length, 1);
    assert.equal(readdirSync(folder).length, 1);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
  it('never wrote a signed URL’s query or an auth value into the log', async () => {
    const secrets = new Set<string>();
    for (const r of await rows(api, (await path(api, LABEL, 'Production', 'prod-rs', 'Legacy backup')).node)) {
      const facts = (r.node as unknown as { facts?: JobFacts }).facts;
      for (const link of facts?.delivery.links ?? []) {
        const url = new URL(link.url);
        for (const value of url.searchParams.values()) if (value.length >= 8) secrets.add(value);
        if (link.authHeader) secrets.add(link.authHeader.value);
      }
    }
    assert.ok(secrets.size > 10, 'the links of many jobs were checked');
    const lines = api.log.recent.filter((l) => l.startsWith('Download:'));
    assert.ok(lines.length >= 10, 'the downloads were logged');
    for (const line of api.log.recent) for (const secret of secrets) assert.ok(!line.includes(secret), `a secret in the log: ${line.slice(0, 80)}`);
  });
});
