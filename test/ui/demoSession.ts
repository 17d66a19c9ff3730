// VS Code as `npm run demo` opens it — the extension linked as installed, the emulator's demo service account in
// MONGODB_ATLAS_* only — and the first clicks of every test that starts there.
import { REPO_ROOT } from '../../scripts/real-vscode/config';
import { demoEnvironment } from '../../scripts/demo/demo';
import { DEMO, type RunningEmulator } from '../atlas-emulator';
import { launchVsCode, type VsCodeSession } from './harness';

export function launchOnDemo(emulator: RunningEmulator): Promise<VsCodeSession> {
  return launchVsCode({
    extension: { linkedPath: REPO_ROOT },
    env: demoEnvironment(emulator.baseUrl),
    settings: { 'workbench.colorTheme': 'Default Dark Modern' },
  });
}

/** Opens the Atlas view, wide enough for whole rows, down to the demo's Production project. */
export async function openProduction(vsc: VsCodeSession): Promise<void> {
  const wb = vsc.workbench;
  await wb.openViewContainer('Atlas');
  await wb.widenSideBar(560);
  await wb.expandTreeRow(/^Environment/);
  await wb.expandTreeRow(DEMO.projects.production);
}
