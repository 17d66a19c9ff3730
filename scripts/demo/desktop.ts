// The desktop VS Code for `npm run demo`, when its `code` command is on the PATH: a new window with the extension
// under development, in a fresh user-data folder, with the emulator's credentials in its environment only.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { DEFAULT_SETTINGS } from '../real-vscode/config';

/** The `code` command on the PATH, if any (`code.cmd` on Windows). */
export function findCodeOnPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const names = process.platform === 'win32' ? ['code.cmd', 'code.exe'] : ['code'];
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const name of names) {
      const candidate = join(dir, name);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

export interface DesktopVsCode {
  command: string;
  userDataDir: string;
  workspace: string;
  /** Resolves when the window is closed (the `code --wait` process ends). */
  exited: Promise<number | null>;
  /** Closes the window(s) of this user-data folder and removes the temp folder. Idempotent. */
  stop(): Promise<void>;
}

/**
 * Every process whose command line names our unique temp folder (user data, extensions): the Electron main process that
 * `code` forks off, and its renderer, extension host and helpers. `ps` exists on Linux and macOS.
 */
function processesUsing(folder: string): number[] {
  const ps = spawnSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  if (ps.status !== 0) return [];
  return ps.stdout
    .split('\n')
    .filter((line) => line.includes(folder))
    .map((line) => Number(line.trim().split(/\s+/, 1)[0]))
    .filter((pid) => Number.isInteger(pid) && pid !== process.pid);
}

export function startDesktopVsCode(options: {
  command: string;
  extensionPath: string;
  env: Record<string, string | undefined>;
}): DesktopVsCode {
  const tempDir = mkdtempSync(join(tmpdir(), 'atlas-demo-code-'));
  const userDataDir = join(tempDir, 'user-data');
  const workspace = join(tempDir, 'workspace');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(workspace, { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(DEFAULT_SETTINGS, null, 2) + '\n');

  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const [k, v] of Object.entries(options.env)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  const args = [
    `--extensionDevelopmentPath=${options.extensionPath}`,
    `--user-data-dir=${userDataDir}`,
    `--extensions-dir=${join(tempDir, 'extensions')}`,
    '--new-window',
    '--skip-welcome',
    '--skip-release-notes',
    '--disable-workspace-trust',
    // Keeps the CLI running until the window closes, so the demo can stop with it.
    '--wait',
    workspace,
  ];
  const child: ChildProcess = spawn(options.command, args, {
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
    shell: process.platform === 'win32', // code.cmd is a batch file
  });
  const exited = new Promise<number | null>((done) => {
    child.on('exit', (code) => done(code));
    child.on('error', () => done(null));
  });

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      child.kill('SIGTERM');
      for (const pid of processesUsing(tempDir)) {
        try {
          process.kill(pid, 'SIGTERM');
        } catch {
          // already gone
        }
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000).unref())]);
      for (const pid of processesUsing(tempDir)) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      rmSync(tempDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    })();
    return stopping;
  };
  return { command: options.command, userDataDir, workspace, exited, stop };
}
