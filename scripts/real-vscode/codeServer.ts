// Starts a throw-away code-server (= VS Code 1.139 server + web workbench) on 127.0.0.1 and stops it with its
// whole process tree. Used by the integration runner, the UI harness, the VSIX install test and `npm run demo`.
//
//   import { startCodeServer } from '../../scripts/real-vscode/codeServer';
//   const server = await startCodeServer({ installExtensions: ['x.vsix'], env: { MONGODB_ATLAS_CLIENT_ID: '…' } });
//   console.log(server.workbenchUrl());              // open in a browser
//   await server.stop();                             // also happens on SIGINT/SIGTERM/exit
//
// See scripts/real-vscode/README.md for the options and for loading an extension under development.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEFAULT_SETTINGS } from './config';
import { isVerbose, say } from './log';
import { ensureRealVsCode, type RealVsCode } from './setup';

export interface CodeServerOptions {
  /** Folder the workbench opens. Default: a fresh empty folder inside the temp dir. */
  workspace?: string;
  /** VSIX files (or marketplace ids — offline, only files work) installed the way users install them. */
  installExtensions?: string[];
  /**
   * Extension folders (unpackaged, e.g. the repository after `npm run build`) symlinked into the extensions
   * folder, so code-server loads them as installed extensions — without the smoke-test driver, i.e. exactly as
   * users see VS Code (notification toasts included), while still running the working tree's dist/.
   */
  linkExtensions?: string[];
  /**
   * Environment for code-server, inherited by its extension host (so the extension sees it in `process.env`).
   * Merged over this process's environment; a key set to `undefined` is removed.
   */
  env?: Record<string, string | undefined>;
  /** Extra user settings, merged over DEFAULT_SETTINGS. */
  settings?: Record<string, unknown>;
  /**
   * Start with `--vscode-option enable-smoke-test-driver` (default true). Only then does the workbench honour
   * extensionDevelopmentPath/extensionTestsPath in the URL payload. Side effect: the workbench shows no
   * notification toasts (they only reach the notification center) — turn it off to see VS Code as users do.
   */
  smokeTestDriver?: boolean;
  /** Extra code-server command-line arguments. */
  args?: string[];
  /** Port to listen on; default 0 = a free port chosen by the OS (read back from code-server's log). */
  port?: number;
  /** Keep the temp folder (user data, logs) after stop(). Also REAL_VSCODE_KEEP=1. */
  keepTemp?: boolean;
  /**
   * Stop the server when this process gets SIGINT/SIGTERM/SIGHUP (default true). If no other handler for the
   * signal remains afterwards, the process then exits with 128+signal, as it would have without handlers.
   */
  handleSignals?: boolean;
  /** Milliseconds to wait for /healthz (default 60 000). */
  startTimeoutMs?: number;
  /** Installed toolchain; default: ensureRealVsCode() (installs on first use, ~0 s afterwards). */
  toolchain?: RealVsCode;
}

export interface WorkbenchUrlOptions {
  /** Folder to open (default: the server's workspace); `null` opens an empty window. */
  folder?: string | null;
  /** Load an unpackaged extension from this folder, as a development host does (`extensionDevelopmentPath`). */
  extensionDevelopmentPath?: string;
  /** Run this mocha suite entry (a .js exporting `run()`) in the extension host (`extensionTestsPath`). */
  extensionTestsPath?: string;
  /** Extra environment for the extension host (`extensionEnvironment`), on top of the server's. */
  extensionEnvironment?: Record<string, string>;
  /** Any other workbench payload entries. */
  payload?: Array<[string, string]>;
}

export interface CodeServer {
  /** Base URL, e.g. http://127.0.0.1:43121/ */
  url: string;
  /** host:port, as used in vscode-remote:// URIs. */
  host: string;
  port: number;
  pid: number;
  workspace: string;
  userDataDir: string;
  extensionsDir: string;
  tempDir: string;
  /** code-server's stdout+stderr. */
  logFile: string;
  /** The workbench URL; with development/test paths it carries the payload the smoke-test driver honours. */
  workbenchUrl(options?: WorkbenchUrlOptions): string;
  /** `vscode-remote://host:port/abs/path` — how the web workbench names a file on the server. */
  remoteUri(absolutePath: string): string;
  /** Resolves with code-server's exit code once it has exited (for whatever reason). */
  exited: Promise<number | null>;
  /** Terminates code-server and every process it started; removes the temp folder unless kept. Idempotent. */
  stop(): Promise<void>;
}

const LISTENING = /HTTP server listening on https?:\/\/[^\s:]+:(\d+)/;

/** The exit status a shell reports for a process killed by `signal`. */
export function signalExitCode(signal: NodeJS.Signals): number {
  return 128 + ({ SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as Record<string, number>)[signal]!;
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal); // the negative pid addresses code-server's whole process group
  } catch {
    // ESRCH: the group is already gone.
  }
}

function childEnv(extra: Record<string, string | undefined>, base: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...base };
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

function runToEnd(child: ChildProcess): Promise<number | null> {
  return new Promise((done) => child.on('exit', (code) => done(code)));
}

/** Installs VSIX files into the given dirs with code-server's own `--install-extension` (as users do). */
async function installExtensions(
  tc: RealVsCode,
  files: string[],
  dirs: { userDataDir: string; extensionsDir: string; logFile: string },
  env: NodeJS.ProcessEnv,
): Promise<void> {
  const args = [tc.codeServerEntry, '--user-data-dir', dirs.userDataDir, '--extensions-dir', dirs.extensionsDir];
  for (const f of files) args.push('--install-extension', f.endsWith('.vsix') ? resolve(f) : f);
  const log = createWriteStream(dirs.logFile, { flags: 'a' });
  const child = spawn(tc.nodeBin, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (c: Buffer): void => {
    output += c.toString();
    log.write(c);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const code = await runToEnd(child);
  log.end();
  if (code !== 0) throw new Error(`code-server --install-extension failed (exit ${code}):\n${output.trim()}`);
}

/** Symlinks an unpackaged extension into `extensionsDir` under the folder name VS Code gives installed ones. */
function linkExtension(folder: string, extensionsDir: string): void {
  const abs = resolve(folder);
  const manifest = JSON.parse(readFileSync(join(abs, 'package.json'), 'utf8')) as {
    publisher?: string;
    name?: string;
    version?: string;
  };
  if (!manifest.publisher || !manifest.name || !manifest.version) {
    throw new Error(`${abs}/package.json needs publisher, name and version to be linked as an extension`);
  }
  symlinkSync(abs, join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`), 'dir');
}

async function waitForHealth(url: string, child: ChildProcess, deadline: number, logFile: string): Promise<void> {
  let lastError = '';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`code-server exited (${child.exitCode ?? child.signalCode}) before it was ready; log:\n${tail(logFile)}`);
    }
    try {
      const res = await fetch(new URL('healthz', url), { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
      lastError = `HTTP ${res.status}`;
    } catch (err) {
      lastError = (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`code-server did not answer ${url}healthz in time (${lastError}); log:\n${tail(logFile)}`);
}

function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Starts code-server with fresh user-data/extensions/XDG folders and waits until /healthz answers. */
export async function startCodeServer(options: CodeServerOptions = {}): Promise<CodeServer> {
  const tc = options.toolchain ?? (await ensureRealVsCode());
  const tempDir = mkdtempSync(join(tmpdir(), 'real-vscode-'));
  const dir = (name: string): string => {
    const p = join(tempDir, name);
    mkdirSync(p, { recursive: true });
    return p;
  };
  const userDataDir = dir('user-data');
  const extensionsDir = dir('extensions');
  const workspace = options.workspace ? resolve(options.workspace) : dir('workspace');
  const logFile = join(tempDir, 'code-server.log');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(
    join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...DEFAULT_SETTINGS, ...options.settings }, null, 2) + '\n',
  );

  // XDG dirs point into the temp folder, or code-server writes ~/.config/code-server/config.yaml and friends.
  const env = childEnv(options.env ?? {}, {
    XDG_CONFIG_HOME: dir('xdg-config'),
    XDG_DATA_HOME: dir('xdg-data'),
    XDG_CACHE_HOME: dir('xdg-cache'),
    XDG_STATE_HOME: dir('xdg-state'),
    PATH: `${tc.nodeHome}/bin:${process.env.PATH ?? ''}`,
  });
  const keep = options.keepTemp ?? process.env.REAL_VSCODE_KEEP === '1';

  for (const folder of options.linkExtensions ?? []) linkExtension(folder, extensionsDir);
  if (options.installExtensions?.length) {
    await installExtensions(tc, options.installExtensions, { userDataDir, extensionsDir, logFile }, env);
  }

  const args = [
    tc.codeServerEntry,
    '--bind-addr', `127.0.0.1:${options.port ?? 0}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    // Without this, code-server silently ignores extensionDevelopmentPath/extensionTestsPath in the URL payload.
    ...(options.smokeTestDriver ?? true ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    ...(options.args ?? []),
    workspace,
  ];
  // detached: code-server leads its own process group, so stop() can signal it and everything it forked
  // (extension host, pty host, file watcher) at once — and a terminal's Ctrl-C reaches only us, who clean up.
  const child = spawn(tc.nodeBin, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid === undefined) throw new Error(`could not start ${tc.nodeBin}`);
  const pid: number = child.pid;
  const exited = runToEnd(child);
  const log = createWriteStream(logFile, { flags: 'a' });

  let stopping: Promise<void> | undefined;
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const onExit = (): void => killGroup(pid, 'SIGKILL'); // last resort if the process exits without stop()
  const onSignal = (signal: NodeJS.Signals): void => {
    void stop().finally(() => {
      if (process.listenerCount(signal) === 0) process.exit(signalExitCode(signal));
    });
  };
  function stop(): Promise<void> {
    stopping ??= doStop();
    return stopping;
  }
  async function doStop(): Promise<void> {
    for (const s of signals) process.off(s, onSignal);
    process.off('exit', onExit);
    killGroup(pid, 'SIGTERM');
    const timer = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 5000).unref());
    await Promise.race([exited, timer]);
    killGroup(pid, 'SIGKILL'); // stragglers in the group (a wedged extension host) do not survive the stop
    await exited;
    log.end();
    if (!keep) {
      try {
        rmSync(tempDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
      } catch {
        /* a cleanup miss in the temp folder must not fail the run */
      }
    }
    else say(`code-server temp folder kept: ${tempDir}`);
  }
  if (options.handleSignals ?? true) for (const s of signals) process.on(s, onSignal);
  process.on('exit', onExit);

  const port = await new Promise<number>((resolvePort, reject) => {
    let buffered = '';
    const timer = setTimeout(
      () => reject(new Error(`code-server did not report its port; log:\n${tail(logFile)}`)),
      options.startTimeoutMs ?? 60_000,
    );
    const onData = (chunk: Buffer): void => {
      if (!log.writableEnded) log.write(chunk); // output can still drain after 'exit'
      if (isVerbose()) process.stdout.write(`[code-server] ${chunk.toString()}`);
      buffered = (buffered + chunk.toString()).slice(-2000);
      const m = LISTENING.exec(buffered);
      if (m) {
        clearTimeout(timer);
        resolvePort(Number(m[1]));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited (${code}) during start-up; log:\n${tail(logFile)}`));
    });
  }).catch(async (err: unknown) => {
    await stop();
    throw err;
  });

  const host = `127.0.0.1:${port}`;
  const url = `http://${host}/`;
  try {
    await waitForHealth(url, child, Date.now() + (options.startTimeoutMs ?? 60_000), logFile);
  } catch (err) {
    await stop();
    throw err;
  }

  const remoteUri = (absolutePath: string): string => `vscode-remote://${host}${encodeURI(resolve(absolutePath))}`;
  const workbenchUrl = (o: WorkbenchUrlOptions = {}): string => {
    const u = new URL(url);
    const folder = o.folder === undefined ? workspace : o.folder;
    if (folder !== null) u.searchParams.set('folder', resolve(folder));
    const payload: Array<[string, string]> = [];
    if (o.extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remoteUri(o.extensionDevelopmentPath)]);
    if (o.extensionTestsPath) payload.push(['extensionTestsPath', remoteUri(o.extensionTestsPath)]);
    if (o.extensionEnvironment) payload.push(['extensionEnvironment', JSON.stringify(o.extensionEnvironment)]);
    payload.push(...(o.payload ?? []));
    if (payload.length) u.searchParams.set('payload', JSON.stringify(payload));
    return u.toString();
  };

  return {
    url,
    host,
    port,
    pid,
    workspace,
    userDataDir,
    extensionsDir,
    tempDir,
    logFile,
    workbenchUrl,
    remoteUri,
    exited,
    stop,
  };
}
