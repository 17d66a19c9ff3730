// The connection the extension offers from MONGODB_ATLAS_* variables, as the Atlas CLI reads them. The runner
// (code-server or desktop) starts an emulator and sets the variables for the extension host before activation.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';
import { child, extensionApi, rows, setSetting, withAnswers } from './support/extensionHarness';

describe('connection from the environment', function () {
  this.timeout(30_000);
  let api: TestApi;
  const emulatorUrl = process.env.ATLAS_TEST_ENV_EMULATOR_URL;

  before(async () => {
    assert.ok(emulatorUrl, 'the runner sets ATLAS_TEST_ENV_EMULATOR_URL and MONGODB_ATLAS_* for this suite');
    api = await extensionApi();
    await setSetting('useEnvironmentCredentials', undefined);
  });

  after(() => setSetting('useEnvironmentCredentials', undefined));

  it('is listed first, named for where it comes from, with no secret stored anywhere', async () => {
    const env = api.store.list()[0];
    assert.equal(env.source, 'environment');
    assert.equal(env.kind, 'serviceAccount');
    assert.equal(env.baseUrl, emulatorUrl, 'MONGODB_ATLAS_OPS_MANAGER_URL is its base URL');
    assert.equal(env.publicId, process.env.MONGODB_ATLAS_CLIENT_ID);
    const root = (await rows(api))[0];
    assert.equal(root.label, 'Environment');
    assert.equal(root.icon, 'terminal');
    assert.match(root.context, /\bconnection\b.*\benvironment\b/);
    assert.doesNotMatch(root.context, /\bstored\b/, 'Remove and Sign In Again are not offered for it');
    const state = JSON.stringify(api.globalState.keys().map((k) => api.globalState.get(k)));
    assert.ok(!state.includes(process.env.MONGODB_ATLAS_CLIENT_SECRET!), 'its secret is not copied into globalState');
  });

  it('browses Atlas with those credentials', async () => {
    const projects = await rows(api, (await child(api, undefined, 'Environment')).node);
    assert.ok(projects.some((r) => r.label === 'Production'), projects.map((r) => r.label).join(' | '));
  });

  it('cannot be removed from the view, and says how to change it', async () => {
    const env = api.store.list()[0];
    const before = api.store.list().length;
    const node = (await child(api, undefined, 'Environment')).node;
    await withAnswers(api, [], () => vscode.commands.executeCommand('atlasRestoreJobs.removeConnection', node));
    assert.equal(api.store.list().length, before);
    assert.equal(api.store.list()[0].id, env.id);
  });

  it('goes away when the setting turns it off, leaving the welcome view', async () => {
    const stored = api.store.list().filter((c) => c.source === 'stored').length;
    await setSetting('useEnvironmentCredentials', false);
    assert.equal((await rows(api)).length, stored);
    assert.ok(!(await rows(api)).some((r) => r.label === 'Environment'));
    await setSetting('useEnvironmentCredentials', true);
    assert.equal((await rows(api))[0].label, 'Environment');
  });
});
