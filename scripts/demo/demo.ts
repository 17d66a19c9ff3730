// `npm run demo [-- --dataset demo|large] [-- --port N]`: the extension against the local Atlas emulator in a real
// VS Code, with nothing to configure.
//
// 1. builds the extension (scripts/build.mjs);
// 2. starts the emulator (test/atlas-emulator) on 127.0.0.1 with the demo or large data;
// 3. opens VS Code with the extension loaded and the emulator's demo service account in the MONGODB_ATLAS_*
//    variables of that VS Code process only (the extension offers them as the "Environment" connection; nothing
//    is typed, nothing is written to a file): the desktop `code` when it is on the PATH, otherwise code-server
//    (installed once into .vscode-test/real-vscode by the same setup as the tests; later runs reuse it) whose
//    address it prints for a browser;
// 4. Ctrl-C stops VS Code and the emulator (in code-server's case its whole process tree).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEMO, DEMO_API_KEY, DEMO_SERVICE_ACCOUNT, movingJobLines, startEmulator, type RunningEmulator } from '../../test/atlas-emulator';
import { signalExitCode, startCodeServer, type CodeServer } from '../real-vscode/codeServer';
import { REPO_ROOT } from '../real-vscode/config';
import { ensureRealVsCode, SetupError } from '../real-vscode/setup';
import { findCodeOnPath, startDesktopVsCode, type DesktopVsCode } from './desktop';

const USAGE = `Usage: npm run demo [-- options]
  --dataset demo|large   the emulator's data (default demo; large = 200 projects, 2,000 clusters, 100,000 jobs)
  --port N               port of code-server's address on 127.0.0.1 (default: a free port)
  --emulator-port N      port of the Atlas emulator (default: a free port)
  --today YYYY-MM-DD     the emulator's "today" (default: the real date; before 2026-01-15 serverless instances list)
  --run-seconds N        the demo's running jobs (one per family) settle within N seconds of the start (default ${DEMO.runSeconds}; 0: none)
  --code-server          use code-server even when the desktop \`code\` is on the PATH
  --log-requests         print one line per request the emulator answers
  --help`;

const say = (line: string): void => {
  process.stdout.write(`[demo] ${line}\n`);
};
const since = (t: number): string => `${((Date.now() - t) / 1000).toFixed(1)} s`;

function port(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) > 65535) throw new SetupError(`--${name} expects a port number, got '${v}'`);
  return Number(v);
}

/** The MONGODB_ATLAS_* variables for VS Code: the emulator's demo service account; any others of this shell removed. */
export function demoEnvironment(baseUrl: string, env: NodeJS.ProcessEnv = process.env): Record<string, string | undefined> {
  const cleared = Object.fromEntries(Object.keys(env).filter((k) => k.startsWith('MONGODB_ATLAS_')).map((k) => [k, undefined]));
  return {
    ...cleared,
    MONGODB_ATLAS_CLIENT_ID: DEMO_SERVICE_ACCOUNT.clientId,
    MONGODB_ATLAS_CLIENT_SECRET: DEMO_SERVICE_ACCOUNT.clientSecret,
    MONGODB_ATLAS_OPS_MANAGER_URL: baseUrl,
  };
}

/**
 * Starts the demo's moving jobs (they settle within `runSeconds`), says once each settles, and returns the
 * lines that say which will settle when. Settling is lazy in the emulator: reading its jobs settles them.
 */
function startMovingJobs(emulator: RunningEmulator, runSeconds: number): string[] {
  const started = emulator.setRunningJobs({ runSeconds });
  const projectName = (groupId: string) => emulator.store.project(groupId)?.name ?? groupId;
  for (const job of started) {
    const delay = Date.parse(job.settlesAt!) - emulator.now().getTime() + 1000;
    setTimeout(() => {
      const now = emulator.movingJobs().find((m) => m.jobId === job.jobId);
      if (now && now.state !== 'running') say(`settled: ${movingJobLines([now], emulator.now().getTime(), projectName)[0]}`);
    }, delay).unref();
  }
  if (started.length === 0) return [];
  return [
    '',
    `  Restore jobs still running as the demo starts, which settle on their own within ${runSeconds} s:`,
    ...movingJobLines(started, emulator.now().getTime(), projectName).map((l) => `    ${l}`),
  ];
}

function banner(o: {
  dataset: string;
  today: string;
  emulator: RunningEmulator;
  vscode: string;
  address?: string;
  readyIn: string;
  moving: string[];
}): string {
  // What the tree shows the demo service account today (not the emulator's whole store).
  const c = o.emulator.countsFor(DEMO_SERVICE_ACCOUNT.clientId);
  const firstProject = o.dataset === 'demo' ? `${DEMO.projects.production}` : 'a project';
  const firstCluster = o.dataset === 'demo' ? 'prod-sharded' : 'a cluster';
  const lines = [
    '',
    `Atlas Restore Jobs demo — ready in ${o.readyIn}`,
    '',
    o.address ? `  Open in a browser:  ${o.address}` : `  VS Code:            ${o.vscode}`,
    ...(o.address ? [`  (${o.vscode})`] : []),
    `  Atlas emulator:     ${o.emulator.baseUrl}   (${o.dataset} data, today ${o.today}; state: ${o.emulator.baseUrl}/__emulator/state)`,
    `                      ${c.organizations} organizations, ${c.projects} projects, ` +
      `${c.clusters.dedicated + c.clusters.serverless + c.clusters.flex} clusters, ` +
      `${c.restoreJobs.legacy + c.restoreJobs.cloudBackup + c.restoreJobs.serverless + c.restoreJobs.flex} restore jobs`,
    '',
    '  Demo credentials (they work only against this emulator), given to VS Code as environment variables:',
    `    MONGODB_ATLAS_CLIENT_ID=${DEMO_SERVICE_ACCOUNT.clientId}`,
    `    MONGODB_ATLAS_CLIENT_SECRET=${DEMO_SERVICE_ACCOUNT.clientSecret}`,
    `    MONGODB_ATLAS_OPS_MANAGER_URL=${o.emulator.baseUrl}`,
    `  To try "Add Atlas Connection…" by hand: base URL ${o.emulator.baseUrl} ("Other base URL"), the service`,
    `  account above, or the API key ${DEMO_API_KEY.publicKey} / ${DEMO_API_KEY.privateKey}.`,
    '',
    '  What to click:',
    '    1. the Atlas icon in the activity bar (a database with a circular arrow) → the Restore Jobs view;',
    `    2. Environment → ${firstProject} → ${firstCluster}: its restore jobs, newest first (Legacy backup below);`,
    '    3. a job opens its details panel; right-click for Copy Delivery URL, Copy Job ID, Open in Atlas.',
  ];
  if (o.dataset === 'demo') {
    lines.push(
      `  Worth a look: "${DEMO.projects.analytics}" (read-only: 403 rows), staging-rs (no jobs), and`,
      `  ${DEMO.longList.cluster} → Legacy backup (${DEMO.longList.jobs} jobs, a page of 100 then "Load more…"). Since 2026-01-15`,
      '  Atlas lists no serverless instance (they became flex clusters); --today 2026-01-10 shows them and their jobs.',
    );
  } else {
    lines.push('  Large data: projects and jobs arrive a page at a time ("Load more…"); the page size is a setting.');
  }
  lines.push(...o.moving, '', '  Ctrl-C stops VS Code and the emulator.', '');
  return lines.join('\n');
}

async function main(): Promise<number> {
  const started = Date.now();
  const { values } = parseArgs({
    options: {
      dataset: { type: 'string', default: 'demo' },
      port: { type: 'string' },
      'emulator-port': { type: 'string' },
      today: { type: 'string' },
      'run-seconds': { type: 'string', default: String(DEMO.runSeconds) },
      'code-server': { type: 'boolean', default: false },
      'log-requests': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const dataset = values.dataset;
  if (dataset !== 'demo' && dataset !== 'large') throw new SetupError(`--dataset must be demo or large, got '${dataset}'`);
  if (values.today !== undefined && !/^\d{4}-\d\d-\d\d$/.test(values.today)) throw new SetupError(`--today expects YYYY-MM-DD`);
  if (!/^\d+$/.test(values['run-seconds'])) throw new SetupError(`--run-seconds expects a number of seconds, got '${values['run-seconds']}'`);
  const runSeconds = Number(values['run-seconds']);
  const codePort = port('port', values.port);
  const emulatorPort = port('emulator-port', values['emulator-port']);
  const desktopCode = values['code-server'] ? undefined : findCodeOnPath();

  // Everything started so far, stopped in reverse order on Ctrl-C, on error, or when VS Code goes away.
  let emulator: RunningEmulator | undefined;
  let server: CodeServer | undefined;
  let desktop: DesktopVsCode | undefined;
  let shuttingDown: Promise<void> | undefined;
  const shutdown = (): Promise<void> =>
    (shuttingDown ??= (async () => {
      await Promise.allSettled([server?.stop(), desktop?.stop()]);
      await emulator?.close().catch(() => undefined);
    })());
  let interrupted: NodeJS.Signals | undefined;
  let interruptedAt = 0;
  const stopped = new Promise<NodeJS.Signals>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      process.on(signal, () => {
        // A terminal's Ctrl-C reaches this process twice (directly, and relayed by tsx): only a later one forces.
        if (interrupted && Date.now() - interruptedAt < 1500) return;
        if (interrupted) {
          say('stopping… (once more forces it, and may leave processes behind)');
          process.exit(signalExitCode(signal));
        }
        interrupted = signal;
        interruptedAt = Date.now();
        resolve(signal);
      });
    }
  });
  const orStop = async <T>(work: Promise<T>): Promise<T> => {
    const r = await Promise.race([work, stopped.then(() => undefined)]);
    if (interrupted) throw new Interrupted();
    return r as T;
  };

  try {
    let t = Date.now();
    if (!desktopCode) {
      say('code-server: checking the local install (the first run installs it, ~2 min; later runs reuse it) …');
      await orStop(ensureRealVsCode());
    }
    t = Date.now();
    const build = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'build.mjs')], { cwd: REPO_ROOT, stdio: 'inherit' });
    if (build.status !== 0) throw new SetupError(`[demo] build failed (scripts/build.mjs exit ${build.status ?? build.signal})`);
    say(`build: dist/ (${since(t)})`);
    if (interrupted) throw new Interrupted();

    t = Date.now();
    emulator = await orStop(
      startEmulator({
        dataset,
        host: '127.0.0.1',
        port: emulatorPort ?? 0,
        quiet: !values['log-requests'],
        ...(values.today ? { today: values.today } : {}),
      }),
    );
    say(`emulator: ${emulator.baseUrl} (${dataset}) (${since(t)})`);

    const env = demoEnvironment(emulator.baseUrl);
    t = Date.now();
    let vscode: string;
    let address: string | undefined;
    let exited: Promise<unknown>;
    if (desktopCode) {
      desktop = startDesktopVsCode({ command: desktopCode, extensionPath: REPO_ROOT, env });
      vscode = `desktop VS Code (${desktopCode}), a new window with its own user-data folder`;
      exited = desktop.exited;
      say(`VS Code: started ${desktopCode} (${since(t)})`);
    } else {
      server = await orStop(
        startCodeServer({
          // Loaded as an installed extension (a symlink to this folder), not through the smoke-test driver's
          // development payload: with the driver VS Code shows no notification toasts.
          linkExtensions: [REPO_ROOT],
          smokeTestDriver: false,
          env,
          port: codePort,
          // Our own handler below stops everything, the emulator included.
          handleSignals: false,
        }),
      );
      const tc = await ensureRealVsCode();
      vscode = `code-server ${tc.codeServerVersion}: VS Code's own server and web workbench, its log at ${server.logFile}`;
      address = server.workbenchUrl();
      exited = server.exited;
      say(`code-server: ${server.url} (${since(t)})`);
    }

    const today = values.today ?? new Date().toISOString().slice(0, 10);
    const moving = runSeconds > 0 ? startMovingJobs(emulator, runSeconds) : [];
    process.stdout.write(`${banner({ dataset, today, emulator, vscode, address, readyIn: since(started), moving })}\n`);

    const how = await Promise.race([stopped, exited.then(() => 'exit' as const)]);
    if (how === 'exit') say(desktop ? 'the VS Code window was closed; stopping the emulator' : 'code-server exited; stopping the emulator');
    else say(`stopping (${how}) …`);
    await shutdown();
    say('stopped: VS Code and the emulator');
    return interrupted ? signalExitCode(interrupted) : 0;
  } catch (err) {
    await shutdown();
    if (err instanceof Interrupted) {
      say('interrupted; everything it had started is stopped');
      return signalExitCode(interrupted ?? 'SIGINT');
    }
    throw err;
  }
}

class Interrupted extends Error {}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`${err instanceof SetupError ? err.message : ((err as Error)?.stack ?? String(err))}\n`);
      process.exit(1);
    },
  );
}
