// Running Import from Atlas CLI with scripted answers, and the sample config.toml files filled in for the emulator of the run.
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import type { CliImportResult } from '../../../src/commands/importFromAtlasCli';
import type { PickManyOptions } from '../../../src/ui/prompter';
import type { TestApi } from '../../../src/extension';
import { EXTENSION_ID } from '../../support/extensionId';
import { ScriptedPrompter, type Answer, type Asked } from './extensionHarness';

export { AS_SHOWN } from './extensionHarness';

/** The shared scripted prompter: it answers the profiles' multi-select too, and records it in `manyAsked`. */
export class CliImportPrompter extends ScriptedPrompter {}

/** Runs the import with these answers; checks every answer was used. */
export async function importWithAnswers(
  api: TestApi,
  answers: Answer[],
): Promise<{ result: CliImportResult | undefined; asked: Asked[]; manyAsked: PickManyOptions<unknown>[] }> {
  const prompter = new CliImportPrompter(answers);
  api.setPrompter(prompter);
  try {
    const result = await vscode.commands.executeCommand<CliImportResult | undefined>('atlasRestoreJobs.importFromAtlasCli');
    assert.equal(prompter.remaining, 0, `unused answers; asked: ${prompter.asked.map((a) => a.prompt ?? a.message ?? a.title).join(' | ')}`);
    return { result, asked: prompter.asked, manyAsked: prompter.manyAsked };
  } finally {
    api.setPrompter(undefined);
  }
}

/** A sample from test/integration/fixtures/atlascli/, with {{BASE_URL}} replaced, written to `to`. */
export function writeSample(name: string, to: string, baseUrl: string): string {
  const root = vscode.extensions.getExtension(EXTENSION_ID)?.extensionPath;
  assert.ok(root, `${EXTENSION_ID} is not loaded`);
  const text = readFileSync(join(root, 'test', 'integration', 'fixtures', 'atlascli', name), 'utf8');
  mkdirSync(dirname(to), { recursive: true });
  writeFileSync(to, text.replaceAll('{{BASE_URL}}', baseUrl), { mode: 0o600 });
  return to;
}
