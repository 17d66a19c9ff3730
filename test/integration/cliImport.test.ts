// Import from Atlas CLI against the demo emulator: sample config.toml files (test/integration/fixtures/atlascli/)
// written where the CLI keeps its own, with the emulator's address as each profile's ops_manager_url.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ProfileChoice } from '../../src/cliImport/profileChoices';
import type { TestApi } from '../../src/extension';
import { DEMO_API_KEY, DEMO_SERVICE_ACCOUNT, startEmulator, type RunningEmulator } from '../atlas-emulator';
import { importWithAnswers, writeSample } from './support/cliImportHarness';
import { child, extensionApi, rows, setSetting, type Asked } from './support/extensionHarness';

const SECRETS = [DEMO_SERVICE_ACCOUNT.clientSecret, DEMO_API_KEY.privateKey, 'fake-refresh-token-for-tests-0001', 'eyJhbGciOiJub25lIn0.fake-access-token-for-tests.x'];

function assertNoSecret(text: string, where: string): void {
  for (const secret of SECRETS) assert.ok(!text.includes(secret), `a secret (${secret.slice(0, 6)}…) in ${where}`);
}

/** The rows of the multi-select, by profile name. */
function choices(asked: Asked): Record<string, ProfileChoice> {
  return Object.fromEntries((asked.items ?? []).map((i) => [i.label, i.value as ProfileChoice]));
}

describe('Import from the Atlas CLI', function () {
  this.timeout(60_000);
  let api: TestApi;
  let emulator: RunningEmulator;
  let dir: string;
  let configHome: string;
  let standardFile: string;
  const savedEnv = { XDG_CONFIG_HOME: process.env.XDG_CONFIG_HOME, APPDATA: process.env.APPDATA };
  let storedBefore: Set<string>;

  before(async () => {
    api = await extensionApi();
    emulator = await startEmulator({ dataset: 'demo' });
    await setSetting('useEnvironmentCredentials', false);
    dir = mkdtempSync(join(tmpdir(), 'atlascli-import-'));
    // The extension host is this process: the command finds "the CLI's own file" where these variables say.
    configHome = join(dir, 'config-home');
    process.env.XDG_CONFIG_HOME = configHome;
    process.env.APPDATA = configHome;
    standardFile = writeSample('config.toml.template', join(configHome, 'atlascli', 'config.toml'), emulator.baseUrl);
    storedBefore = new Set(api.store.list().map((c) => c.id));
  });

  afterEach(async () => {
    for (const c of api.store.list()) if (c.source === 'stored' && !storedBefore.has(c.id)) await api.store.remove(c.id);
  });

  after(async () => {
    for (const [k, v] of Object.entries(savedEnv)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await setSetting('useEnvironmentCredentials', undefined);
    await emulator?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const added = () => api.store.list().filter((c) => !storedBefore.has(c.id));

  it('refuses a broken file with a message naming the line, and adds no connection', async () => {
    const broken = writeSample('broken.toml', join(dir, 'broken.toml'), emulator.baseUrl);
    const { result, asked } = await importWithAnswers(api, [
      (a: Asked) => {
        assert.equal(a.kind, 'pick');
        assert.deepEqual(a.items?.map((i) => i.value), ['standard', 'other']);
        return 'other';
      },
      (a: Asked) => {
        assert.equal(a.kind, 'input');
        assert.ok(a.validate?.(join(dir, 'nothing.toml')), 'a path with no file is refused');
        assert.ok(a.validate?.(dir), 'a folder is refused');
        return broken;
      },
    ]);
    assert.equal(asked.length, 2);
    assert.ok(result);
    assert.match(result.message, /^Nothing was imported from .*broken\.toml: line 5 is not valid TOML: a quoted value is not closed on its line \(column 50\)\.$/);
    assertNoSecret(result.message, 'the message');
    assert.deepEqual(result.imported, []);
    assert.deepEqual(added(), []);
  });

  it('lists every profile of the CLI file, those it cannot import shown with the reason and not ticked', async () => {
    const { result } = await importWithAnswers(api, [
      'standard',
      (a: Asked) => {
        const c = choices(a);
        assert.deepEqual(Object.keys(c), ['default', 'keys', 'vault', 'me', 'gov']);
        assert.equal(c.default.description, `Service account · ${emulator.baseUrl}`);
        assert.equal(c.keys.description, `API key · ${emulator.baseUrl}`);
        assert.equal(c.gov.description, 'API key · https://cloud.mongodbgov.com');
        assert.match(c.vault.detail, /Credentials in the OS keyring/);
        assert.equal(c.me.unavailable, 'user account login is not supported');
        assert.deepEqual(Object.values(c).filter((x) => x.picked).map((x) => x.label), ['default', 'keys', 'vault', 'gov']);
        assertNoSecret(JSON.stringify(Object.values(c).map((x) => [x.label, x.description, x.detail])), 'the rows');
        return ['me'];
      },
    ]);
    assert.ok(result);
    assert.equal(result.file, standardFile);
    assert.deepEqual(result.imported, [], 'a user account is refused even when ticked');
    assert.equal(result.message, 'No connection was imported from the Atlas CLI. Skipped: me (user account login is not supported).');
    assert.deepEqual(added(), []);
  });

  it('imports nothing that needs a secret from the file when the user does not agree to copy it', async () => {
    const { result } = await importWithAnswers(api, [
      'standard',
      ['default', 'keys'],
      (a: Asked) => {
        assert.equal(a.kind, 'warn');
        assert.equal(a.modal, true);
        assert.match(a.message!, /^Copy the secrets of 2 profiles from config\.toml into VS Code's secret storage\? Profiles: default, keys\. config\.toml is left unchanged/);
        assert.deepEqual(a.actions, ['Yes', 'No']);
        return 'No';
      },
    ]);
    assert.ok(result);
    assert.deepEqual(result.imported, []);
    assert.deepEqual(result.skipped.map((s) => `${s.name}: ${s.reason}`), [
      'me: user account login is not supported',
      'default: its secret was not copied',
      'keys: its secret was not copied',
    ]);
    assert.deepEqual(added(), []);
  });

  it('imports a service account and an API key whose secrets are in the file, once agreed, into SecretStorage only', async () => {
    const { result } = await importWithAnswers(api, ['standard', ['default', 'keys'], 'Yes']);
    assert.ok(result);
    assert.equal(result.message, 'Imported 2 connections from the Atlas CLI: default, keys. Skipped: me (user account login is not supported).');
    const [sa, key] = result.imported;
    assert.deepEqual([sa.label, sa.kind, sa.baseUrl, sa.publicId], ['default (Atlas CLI)', 'serviceAccount', emulator.baseUrl, DEMO_SERVICE_ACCOUNT.clientId]);
    assert.deepEqual([key.label, key.kind, key.baseUrl, key.publicId], ['keys (Atlas CLI)', 'apiKey', emulator.baseUrl, DEMO_API_KEY.publicKey]);
    assert.deepEqual(await api.store.credentials(sa), { kind: 'serviceAccount', ...DEMO_SERVICE_ACCOUNT });
    assert.deepEqual(await api.store.credentials(key), { kind: 'apiKey', ...DEMO_API_KEY });

    for (const label of ['default (Atlas CLI)', 'keys (Atlas CLI)']) {
      const projects = await rows(api, (await child(api, undefined, label)).node);
      assert.ok(projects.some((r) => r.label === 'Production'), `${label}: ${projects.map((r) => r.label).join(' | ')}`);
    }
    assertNoSecret(JSON.stringify(api.globalState.keys().map((k) => api.globalState.get(k))), 'globalState');
    assertNoSecret(JSON.stringify(vscode.workspace.getConfiguration('atlasRestoreJobs')), 'the settings');
    assertNoSecret(api.log.recent.join('\n'), 'the log');

    // Imported again: recognised, and not ticked.
    await importWithAnswers(api, [
      'standard',
      (a: Asked) => {
        const c = choices(a);
        assert.equal(c.default.existing, 'default (Atlas CLI)');
        assert.equal(c.keys.existing, 'keys (Atlas CLI)');
        assert.deepEqual(Object.values(c).filter((x) => x.picked).map((x) => x.label), ['vault', 'gov']);
        return undefined;
      },
    ]);
    assert.equal(added().length, 2);
  });

  it('asks for the credentials of a profile the CLI keeps in the OS keyring, and the connection works', async () => {
    const { result } = await importWithAnswers(api, [
      'standard',
      ['vault'],
      (a: Asked) => {
        assert.equal(a.kind, 'input');
        assert.match(a.prompt!, /^Client ID of the service account of profile "vault" \(the Atlas CLI keeps it in the OS keyring\)$/);
        assert.notEqual(a.password, true);
        return DEMO_SERVICE_ACCOUNT.clientId;
      },
      (a: Asked) => {
        assert.match(a.prompt!, /^Client secret of profile "vault"/);
        assert.equal(a.password, true, 'the secret is typed into a password box');
        return DEMO_SERVICE_ACCOUNT.clientSecret;
      },
    ]);
    assert.ok(result);
    assert.equal(result.message, 'Imported 1 connection from the Atlas CLI: vault. Skipped: me (user account login is not supported).');
    assert.deepEqual(await api.store.credentials(result.imported[0]), { kind: 'serviceAccount', ...DEMO_SERVICE_ACCOUNT });
    const projects = await rows(api, (await child(api, undefined, 'vault (Atlas CLI)')).node);
    assert.ok(projects.some((r) => r.label === 'Production'), projects.map((r) => r.label).join(' | '));
  });

  it('goes on with the other profiles when Atlas refuses the credentials of one', async () => {
    const { result } = await importWithAnswers(api, ['standard', ['vault', 'keys'], 'Yes', DEMO_SERVICE_ACCOUNT.clientId, 'mdb_sa_sk_wrong-secret']);
    assert.ok(result);
    assert.deepEqual(result.imported.map((c) => c.label), ['keys (Atlas CLI)']);
    assert.deepEqual(result.skipped.map((s) => `${s.name}: ${s.reason}`), ['me: user account login is not supported', 'vault: the check with Atlas failed']);
    const logged = api.log.recent.find((l) => l.includes('Atlas CLI profile "vault" not imported'));
    assert.ok(logged, 'the reason is in the log');
    assert.ok(!logged.includes('mdb_sa_sk_wrong-secret'), 'without the secret typed');
  });

  it('asks for a file when the CLI has none where it keeps it', async () => {
    const empty = join(dir, 'empty-home');
    mkdirSync(empty);
    process.env.XDG_CONFIG_HOME = empty;
    process.env.APPDATA = empty;
    try {
      const { result } = await importWithAnswers(api, [
        (a: Asked) => {
          assert.equal(a.kind, 'input');
          assert.match(a.prompt!, /^There is no Atlas CLI configuration at .*empty-home.*config\.toml\. Path of the config\.toml to import$/);
          return standardFile;
        },
        undefined,
      ]);
      assert.equal(result, undefined, 'Escape at the profiles cancels');
    } finally {
      process.env.XDG_CONFIG_HOME = configHome;
      process.env.APPDATA = configHome;
    }
    assert.deepEqual(added(), []);
  });
});
