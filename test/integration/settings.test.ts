// CachedSettings in a real extension host: one object until a setting of ours changes, and never other than
// what reading the configuration afresh gives, right after an update as well as later.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CachedSettings, readSettings } from '../../src/config/settings';
import { setSetting } from './support/extensionHarness';

describe('settings read once and kept until they change', () => {
  let cached: CachedSettings;

  beforeEach(() => {
    cached = new CachedSettings();
  });

  afterEach(async () => {
    cached.dispose();
    await setSetting('timeZone', undefined);
    await setSetting('pageSize', undefined);
    await vscode.workspace.getConfiguration('workbench').update('tree.indent', undefined, vscode.ConfigurationTarget.Global);
  });

  it('gives the same frozen object while nothing of ours changes, even when another extension’s setting does', async () => {
    const first = cached.read();
    assert.deepEqual(first, readSettings());
    assert.ok(Object.isFrozen(first));
    assert.equal(cached.read(), first);
    await vscode.workspace.getConfiguration('workbench').update('tree.indent', 12, vscode.ConfigurationTarget.Global);
    assert.equal(cached.read(), first);
  });

  it('reads again after a setting of ours changes, agreeing with a fresh read at every step', async () => {
    const before = cached.read();
    assert.equal(before.timeZone, 'local');
    await setSetting('timeZone', 'utc');
    assert.deepEqual(cached.read(), readSettings());
    assert.equal(cached.read().timeZone, 'utc');
    assert.notEqual(cached.read(), before);
    await setSetting('pageSize', 7);
    assert.deepEqual(cached.read(), readSettings());
    assert.equal(cached.read().pageSize, 7);
    await setSetting('timeZone', undefined);
    await setSetting('pageSize', undefined);
    assert.deepEqual(cached.read(), readSettings());
    assert.deepEqual(cached.read(), before);
  });

  it('stops listening once disposed', async () => {
    const kept = cached.read();
    cached.dispose();
    await setSetting('pageSize', 9);
    assert.equal(cached.read(), kept);
  });
});
