// The integration harness itself works: the extension under test is loaded into a real extension host and
// activates, and the clipboard the copy commands rely on round-trips.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID } from '../support/extensionId';

describe('real VS Code smoke', () => {
  it('loads the extension under development and activates it', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not among ${vscode.extensions.all.map((e) => e.id).join(', ')}`);
    await extension.activate();
    assert.equal(extension.isActive, true);
    assert.equal(extension.packageJSON.name, 'atlas-restore-jobs');
  });

  it('writes and reads back vscode.env.clipboard', async () => {
    const text = `atlas-restore-jobs clipboard check ${Date.now()}`;
    await vscode.env.clipboard.writeText(text);
    assert.equal(await vscode.env.clipboard.readText(), text);
  });
});
