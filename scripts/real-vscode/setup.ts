// Installs, once, everything the real-VS-Code tests and the demo need on an offline Debian machine:
// Debian chromium + libkrb5-dev (apt-get), Node 24 (from npm) and code-server built with that Node.
// Idempotent: a marker file records the installed versions, so a second run returns in milliseconds.
//
// CLI:  npm run setup:vscode      (tsx scripts/real-vscode/setup.ts)
// API:  const rv = await ensureRealVsCode();   // same work, returns the paths
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_PATH, CODE_SERVER_VERSION, NODE_VERSION, nodePackageName, paths } from './config';
import { isVerbose, say, seconds } from './log';

export interface RealVsCode {
  /** Node 24 binary that runs code-server. */
  nodeBin: string;
  /** Folder of that Node (bin/, include/node) — also what `npm_config_nodedir` must point at. */
  nodeHome: string;
  /** code-server's entry script; run it with `nodeBin`. */
  codeServerEntry: string;
  /** Chromium executable for playwright-core. */
  chromiumPath: string;
  codeServerVersion: string;
  nodeVersion: string;
}

interface Marker {
  codeServer: string;
  node: string;
  nodePackage: string;
  installedAt: string;
}

/** A setup failure whose message is the whole story (printed without a stack trace). */
export class SetupError extends Error {}

function readMarker(): Marker | undefined {
  try {
    return JSON.parse(readFileSync(paths.marker, 'utf8')) as Marker;
  } catch {
    return undefined;
  }
}

function markerIsCurrent(marker: Marker | undefined): boolean {
  return (
    marker?.codeServer === CODE_SERVER_VERSION &&
    marker.node === NODE_VERSION &&
    marker.nodePackage === nodePackageName() &&
    existsSync(paths.nodeBin) &&
    existsSync(paths.codeServerEntry)
  );
}

function result(): RealVsCode {
  return {
    nodeBin: paths.nodeBin,
    nodeHome: paths.nodeHome,
    codeServerEntry: paths.codeServerEntry,
    chromiumPath: CHROMIUM_PATH,
    codeServerVersion: CODE_SERVER_VERSION,
    nodeVersion: NODE_VERSION,
  };
}

/** Debian packages from `names` that are not installed (all of them when dpkg is absent). */
function missingDebianPackages(names: string[]): string[] {
  return names.filter((name) => {
    const q = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
    return q.status !== 0 || q.stdout.trim() !== 'install ok installed';
  });
}

async function ensureDebianPackages(names: string[], why: string): Promise<void> {
  const missing = missingDebianPackages(names);
  if (missing.length === 0) return;
  const command = `apt-get update && apt-get install -y ${missing.join(' ')}`;
  if (process.getuid?.() !== 0) {
    throw new SetupError(
      `setup: missing Debian package(s) ${missing.join(', ')} (${why}). Run as root:\n  sudo sh -c '${command}'`,
    );
  }
  const started = Date.now();
  say(`setup: installing Debian package(s) ${missing.join(', ')} (${why}) …`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await run('apt-get', ['update'], { env });
  await run('apt-get', ['install', '-y', ...missing], { env });
  say(`setup: Debian package(s) installed (${seconds(started)})`);
}

/** The environment for npm in the cache folders, without the npm_* variables of an enclosing `npm run`. */
function npmEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!/^npm_/i.test(k)) env[k] = v;
  }
  return { ...env, ...extra };
}

let logStream: ReturnType<typeof createWriteStream> | undefined;

/** Runs a command; its output goes to the install log (and to the terminal with REAL_VSCODE_VERBOSE=1). */
function run(cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const line = `$ ${cmd} ${args.join(' ')}${opts.cwd ? `   (in ${opts.cwd})` : ''}`;
    logStream?.write(`\n${line}\n`);
    if (isVerbose()) say(line);
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let tail = '';
    const onData = (chunk: Buffer): void => {
      logStream?.write(chunk);
      if (isVerbose()) process.stdout.write(chunk);
      tail = (tail + chunk.toString()).slice(-4000);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', (err) => reject(new SetupError(`setup: cannot run ${cmd}: ${err.message}`)));
    child.on('close', (code) => {
      if (code === 0) return resolvePromise();
      const lastLines = tail.split('\n').slice(-25).join('\n');
      reject(new SetupError(`setup: \`${cmd} ${args.join(' ')}\` failed (exit ${code}); last output:\n${lastLines}`));
    });
  });
}

async function installNode(): Promise<void> {
  const started = Date.now();
  const spec = `${nodePackageName()}@${NODE_VERSION}`;
  say(`setup: installing Node ${NODE_VERSION} from npm (${spec}) …`);
  rmSync(paths.nodePrefix, { recursive: true, force: true });
  mkdirSync(paths.nodePrefix, { recursive: true });
  writeFileSync(
    `${paths.nodePrefix}/package.json`,
    JSON.stringify({ name: 'real-vscode-node', private: true }, null, 2) + '\n',
  );
  await run('npm', ['install', '--no-audit', '--no-fund', '--save-exact', spec], {
    cwd: paths.nodePrefix,
    env: npmEnv({}),
  });
  const v = spawnSync(paths.nodeBin, ['-v'], { encoding: 'utf8' }).stdout.trim();
  if (v !== `v${NODE_VERSION}`) throw new SetupError(`setup: ${paths.nodeBin} reports ${v || 'nothing'}, not v${NODE_VERSION}`);
  say(`setup: Node ${v} ready (${seconds(started)})`);
}

/** The version the installed code-server reports, e.g. "4.139.1". */
export function installedCodeServerVersion(): string | undefined {
  // XDG_CONFIG_HOME redirected: even --version writes ~/.config/code-server/config.yaml otherwise.
  const scratch = mkdtempSync(join(tmpdir(), 'real-vscode-version-'));
  try {
    const out = spawnSync(paths.nodeBin, [paths.codeServerEntry, '--version'], {
      encoding: 'utf8',
      env: { ...process.env, XDG_CONFIG_HOME: scratch, XDG_DATA_HOME: scratch },
    }).stdout;
    return /^(\d+\.\d+\.\d+) [0-9a-f]+ with Code/m.exec(out ?? '')?.[1];
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function installCodeServer(): Promise<void> {
  const started = Date.now();
  say(`setup: installing code-server ${CODE_SERVER_VERSION} with Node ${NODE_VERSION} (compiles native modules; about 2½ min on two cores) …`);
  rmSync(paths.codeServerPrefix, { recursive: true, force: true });
  mkdirSync(paths.codeServerPrefix, { recursive: true });
  // npm 11 skips dependency install scripts unless the installing project lists them in `allowScripts`.
  // code-server's own postinstall (which runs `npm install` in lib/vscode and lib/vscode/extensions — those two
  // package.json files carry their own allowScripts for node-pty, kerberos, spdlog, …) and argon2 need theirs.
  writeFileSync(
    `${paths.codeServerPrefix}/package.json`,
    JSON.stringify(
      {
        name: 'real-vscode-code-server',
        private: true,
        allowScripts: { [`code-server@${CODE_SERVER_VERSION}`]: true, 'argon2@0.44.0': true },
      },
      null,
      2,
    ) + '\n',
  );
  // Node 24 first on PATH: the postinstall checks npm's user agent for node v24 and builds for that ABI.
  // npm_config_nodedir (overriding e.g. `nodedir=/usr` in ~/.npmrc) gives node-gyp the headers offline.
  const env = npmEnv({
    PATH: `${paths.nodeHome}/bin:${process.env.PATH ?? ''}`,
    npm_config_nodedir: paths.nodeHome,
  });
  await run('npm', ['install', '--no-audit', '--no-fund', '--save-exact', '--foreground-scripts', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: paths.codeServerPrefix,
    env,
  });
  const v = installedCodeServerVersion();
  if (v !== CODE_SERVER_VERSION) {
    throw new SetupError(`setup: code-server --version says "${v ?? 'nothing'}", expected ${CODE_SERVER_VERSION}`);
  }
  say(`setup: code-server ${CODE_SERVER_VERSION} ready (${seconds(started)})`);
}

/**
 * Makes sure Chromium, Node 24 and code-server are installed (installing what is missing) and returns their paths.
 * Safe to call from every runner: when the marker matches it only checks that the files exist.
 */
let ensured: Promise<RealVsCode> | undefined;

export function ensureRealVsCode(): Promise<RealVsCode> {
  // Once per process: the runners and the launcher both call it, and the answer cannot change meanwhile.
  ensured ??= ensure().catch((err: unknown) => {
    ensured = undefined;
    throw err;
  });
  return ensured;
}

async function ensure(): Promise<RealVsCode> {
  const started = Date.now();
  const chromiumOverridden = process.env.REAL_VSCODE_CHROMIUM !== undefined;
  if (!chromiumOverridden) await ensureDebianPackages(['chromium'], 'headless browser for the workbench');
  if (!existsSync(CHROMIUM_PATH)) throw new SetupError(`setup: no Chromium at ${CHROMIUM_PATH} (REAL_VSCODE_CHROMIUM)`);

  if (markerIsCurrent(readMarker())) {
    say(`setup: cached — code-server ${CODE_SERVER_VERSION}, Node ${NODE_VERSION}, ${CHROMIUM_PATH} (${seconds(started)})`);
    return result();
  }

  say(`setup: installing into ${paths.cacheDir} (log: ${paths.installLog})`);
  mkdirSync(paths.cacheDir, { recursive: true });
  rmSync(paths.marker, { force: true });
  logStream = createWriteStream(paths.installLog, { flags: 'w' });
  try {
    // code-server's `kerberos` module builds from source when its GitHub prebuilt cannot be downloaded.
    await ensureDebianPackages(['libkrb5-dev'], 'headers for code-server\'s kerberos module');
    await installNode();
    await installCodeServer();
  } finally {
    await new Promise<void>((done) => logStream?.end(done) ?? done());
    logStream = undefined;
  }
  const marker: Marker = {
    codeServer: CODE_SERVER_VERSION,
    node: NODE_VERSION,
    nodePackage: nodePackageName(),
    installedAt: new Date().toISOString(),
  };
  writeFileSync(paths.marker, JSON.stringify(marker, null, 2) + '\n');
  say(`setup: done in ${seconds(started)}`);
  return result();
}

if (require.main === module) {
  ensureRealVsCode().catch((err: unknown) => {
    process.stderr.write(`${err instanceof SetupError ? err.message : String((err as Error)?.stack ?? err)}\n`);
    process.exit(1);
  });
}
