// Runs inside code-server's extension host for test/ui/panel-look/shoot.ts: opens job details panels one at a
// time and waits for the shooter (a file handshake in PANEL_LOOK_DIR) to take its screenshots of each.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { AtlasClient } from '../../../src/atlas';
import type { AnyRestoreJob } from '../../../src/atlas/types';
import { now } from '../../../src/clock';
import { readSettings } from '../../../src/config/settings';
import { Log } from '../../../src/logging/log';
import { JobDetailsPanels, type JobRef, type JobSource } from '../../../src/panel/jobDetailsPanels';
import { EXTENSION_ID } from '../../support/extensionId';
import { lookJobs } from './lookJobs';

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export async function run(): Promise<void> {
  const dir = process.env.PANEL_LOOK_DIR;
  if (!dir) throw new Error('PANEL_LOOK_DIR is not set');
  const signal = (name: string): void => writeFileSync(join(dir, name), '');
  const waitFor = async (name: string): Promise<void> => {
    const deadline = Date.now() + 120_000;
    while (!existsSync(join(dir, name))) {
      if (Date.now() > deadline) throw new Error(`the shooter never wrote ${name}`);
      await sleep(100);
    }
  };

  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not loaded`);
  await extension.activate();
  const theme = process.env.PANEL_LOOK_THEME;
  if (theme) {
    await vscode.workspace.getConfiguration('workbench').update('colorTheme', theme, vscode.ConfigurationTarget.Global);
    const deadline = Date.now() + 10_000;
    while (String(vscode.window.activeColorTheme.kind) !== process.env.PANEL_LOOK_THEME_KIND && Date.now() < deadline) await sleep(100);
    writeFileSync(join(dir, 'theme-kind'), String(vscode.window.activeColorTheme.kind));
  }
  await vscode.commands.executeCommand('workbench.action.closeSidebar');
  await vscode.commands.executeCommand('workbench.action.closePanel');

  const jobs = lookJobs(new Date());
  // Jobs come from the documents above; the "unreachable" connection is a real client that cannot connect.
  const unreachable = new AtlasClient({
    baseUrl: 'http://127.0.0.1:9',
    credentials: { kind: 'apiKey', publicKey: 'lookonly', privateKey: 'not-a-secret' },
    retry: { maxRetries: 0 },
    timeoutMs: 2000,
  });
  const source: JobSource = {
    async fetchJob(ref: JobRef, abort?: AbortSignal): Promise<AnyRestoreJob> {
      const known = jobs.find((j) => j.ref.jobId === ref.jobId);
      if (known) return known.job;
      const job = await unreachable.getRestoreJob(ref.family, ref.groupId, ref.clusterName, ref.jobId, { signal: abort });
      return { family: ref.family, job } as AnyRestoreJob;
    },
    atlasUrl: () => vscode.Uri.parse('https://cloud.mongodb.com/v2/5e2211c17a3e5a48f5497de3#/clusters/backup/Cluster0'),
  };
  const log = new Log('Atlas Restore Jobs (panel look)');
  const panels = new JobDetailsPanels(extension.extensionUri, source, log, { now, settings: readSettings });
  try {
    for (const { name, ref } of jobs) {
      await panels.show(ref);
      signal(`${name}-shown`);
      if (name === 'legacy') {
        // The shooter clicked a copy button in the page; report what reached vscode.env.clipboard.
        await waitFor('read-clipboard');
        writeFileSync(join(dir, 'clipboard'), await vscode.env.clipboard.readText());
      }
      await waitFor(`${name}-done`);
    }
    const broken: JobRef = { ...jobs[0]!.ref, jobId: '65f0ffffffffffffffff0000', family: 'cloudBackup', clusterName: 'Cluster0' };
    await panels.show(broken);
    signal('error-shown');
    await waitFor('error-done');
  } finally {
    panels.dispose();
    unreachable.dispose();
    log.dispose();
  }
}
