// VS Code as `npm run demo` opens it — the extension linked as installed, the emulator's demo service account in
// MONGODB_ATLAS_* only — and the first clicks of every test that starts there.
import { REPO_ROOT } from '../../scripts/real-vscode/config';
import { demoEnvironment } from '../../scripts/demo/demo';
import { DEMO, startEmulator, type EmulatorOptions, type RunningEmulator } from '../atlas-emulator';
import { launchVsCode, type VsCodeSession } from './harness';

export function launchOnDemo(emulator: RunningEmulator): Promise<VsCodeSession> {
  return launchVsCode({
    extension: { linkedPath: REPO_ROOT },
    env: demoEnvironment(emulator.baseUrl),
    settings: { 'workbench.colorTheme': 'Default Dark Modern' },
  });
}

/** The emulator on the demo data and VS Code on it, for the tests of one suite. */
export interface DemoSession {
  readonly emulator: RunningEmulator;
  readonly vsc: VsCodeSession;
}

/**
 * Starts the emulator on the demo data (with `emulator`'s options) and VS Code on it before the suite's tests,
 * and closes both after them. `beforeLaunch` changes the emulator's documents before VS Code first reads them.
 */
export function useDemoSession(options: { emulator?: Omit<EmulatorOptions, 'dataset'>; beforeLaunch?: (emulator: RunningEmulator) => void } = {}): DemoSession {
  let emulator: RunningEmulator | undefined;
  let vsc: VsCodeSession | undefined;
  before(async () => {
    emulator = await startEmulator({ dataset: 'demo', ...options.emulator });
    options.beforeLaunch?.(emulator);
    vsc = await launchOnDemo(emulator);
  });
  after(async () => {
    await vsc?.close();
    await emulator?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the demo session is used before it started');
    return value;
  };
  return {
    get emulator() {
      return started(emulator);
    },
    get vsc() {
      return started(vsc);
    },
  };
}

/** Opens the Atlas view, wide enough for whole rows, down to the demo's Production project. */
export async function openProduction(vsc: VsCodeSession): Promise<void> {
  const wb = vsc.workbench;
  await wb.openViewContainer('Atlas');
  await wb.widenSideBar(560);
  await wb.expandTreeRow(/^Environment/);
  await wb.expandTreeRow(DEMO.projects.production);
}
