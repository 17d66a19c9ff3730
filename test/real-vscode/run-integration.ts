// `npm run test:integration`: runs the integration suite (test/integration/*.test.ts, mocha inside the extension
// host) in a real VS Code — code-server 1.139 with the extension loaded as under development — opened by headless
// Debian Chromium. Exits with the suite's result.
//
// Options: --grep <regexp>   only tests whose full title matches (also ATLAS_TEST_GREP)
//          --timeout <ms>    hard limit for the whole suite (default 300000; also REAL_VSCODE_TIMEOUT_MS)
//          --no-build        use the bundles already in dist/ and out/
//          --verbose         also print the workbench console and code-server's log (also REAL_VSCODE_VERBOSE=1)
//          --keep            keep code-server's temp folder (also REAL_VSCODE_KEEP=1)
// Every ATLAS_TEST_* variable of this process is passed on to the extension host.
import { appendFileSync, cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { launchChromium, type Chromium } from '../../scripts/real-vscode/browser';
import { signalExitCode, startCodeServer, type CodeServer } from '../../scripts/real-vscode/codeServer';
import { REPO_ROOT } from '../../scripts/real-vscode/config';
import { say, seconds, timed } from '../../scripts/real-vscode/log';
import { ensureRealVsCode, SetupError } from '../../scripts/real-vscode/setup';
import { buildExtension } from './buildExtension';
import { startEnvironmentConnection, type EnvironmentConnectionFixture } from './environmentConnection';
import { describeSummary, FileTail, readSummary, RESULTS_DIR, suiteFiles } from './suiteReport';
import { makeTlsFixture, type TlsFixture } from './testTls';

const { values: opts } = parseArgs({
  options: {
    grep: { type: 'string' },
    timeout: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});
if (opts.verbose) process.env.REAL_VSCODE_VERBOSE = '1';
const timeoutMs = Number(opts.timeout ?? process.env.REAL_VSCODE_TIMEOUT_MS ?? 300_000);

/** Environment of the run without MONGODB_ATLAS_* (a developer's real credentials must not leak into tests). */
function serverEnv(): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {};
  for (const k of Object.keys(process.env)) if (k.startsWith('MONGODB_ATLAS_')) env[k] = undefined;
  return env;
}

function forwardedTestEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (k.startsWith('ATLAS_TEST_') && v !== undefined) env[k] = v;
  return env;
}

// Ctrl-C (or SIGTERM from CI): stop waiting, clean up every process, exit 130 (143, 129).
let interruptedBy: NodeJS.Signals | undefined;
const interrupted = new Promise<{ kind: 'interrupted' }>((resolve) => {
  // `on`, not `once`: while this listener exists the launchers' own handlers clean up without exiting.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      interruptedBy ??= signal;
      resolve({ kind: 'interrupted' });
    });
  }
});

function checkInterrupted(): void {
  if (interruptedBy) throw new Interrupted();
}
class Interrupted extends Error {}

async function main(): Promise<number> {
  const started = Date.now();
  const toolchain = await ensureRealVsCode();
  if (!opts['no-build']) buildExtension();
  checkInterrupted();

  const files = suiteFiles('integration');
  const consoleLog = join(RESULTS_DIR, 'integration-console.log');
  writeFileSync(consoleLog, '');
  const workbenchLogs = join(RESULTS_DIR, 'integration-logs');
  rmSync(workbenchLogs, { recursive: true, force: true });
  let server: CodeServer | undefined;
  let browser: Chromium | undefined;
  let environmentConnection: EnvironmentConnectionFixture | undefined;
  let tls: TlsFixture | undefined;
  const tail = new FileTail(files.reportFile, (line) => process.stdout.write(`${line}\n`));
  try {
    tls = await timed('test CA', () => makeTlsFixture(), (t) => `trusted through NODE_EXTRA_CA_CERTS=${t.files.caCert}`);
    const env = { ...serverEnv(), ...tls.serverEnv };
    server = await timed('code-server', () => startCodeServer({ toolchain, env, keepTemp: opts.keep }), (s) => `${s.url} (code-server ${toolchain.codeServerVersion})`);
    checkInterrupted();
    browser = await timed('chromium', () => launchChromium(), () => 'launched');
    checkInterrupted();
    const { page } = browser;

    page.on('console', (msg) => {
      const line = `[${msg.type()}] ${msg.text()}`;
      appendFileSync(consoleLog, line + '\n');
      if (process.env.REAL_VSCODE_VERBOSE === '1') process.stdout.write(`[workbench] ${line}\n`);
    });
    page.on('pageerror', (err) => appendFileSync(consoleLog, `[pageerror] ${err.message}\n`));

    // The workbench calls this when the suite's run() settles: 0 = resolved, 1 = rejected.
    const exitCode = new Promise<number>((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code: number, logs?: Array<{ relativePath: string; contents: string }>) => {
        if (Array.isArray(logs) && logs.length) {
          for (const l of logs) {
            const to = join(workbenchLogs, l.relativePath);
            mkdirSync(join(to, '..'), { recursive: true });
            writeFileSync(to, l.contents);
          }
        }
        resolve(Number(code));
      });
    });

    environmentConnection = await startEnvironmentConnection();
    const extensionEnvironment = {
      ...environmentConnection.env,
      ...tls.testEnv,
      ...forwardedTestEnv(),
      ATLAS_TEST_HOST: 'code-server',
      ATLAS_TEST_REPO_ROOT: REPO_ROOT,
      ATLAS_TEST_WORKSPACE: server.workspace,
      ATLAS_TEST_REPORT_FILE: files.reportFile,
      ATLAS_TEST_SUMMARY_FILE: files.summaryFile,
      ...(opts.grep ? { ATLAS_TEST_GREP: opts.grep } : {}),
    };
    const url = server.workbenchUrl({
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath: join(REPO_ROOT, 'out', 'test', 'integration', 'index.js'),
      extensionEnvironment,
    });

    const suiteStarted = Date.now();
    say(`suite: opening the workbench with the suite (timeout ${Math.round(timeoutMs / 1000)} s)`);
    await page.goto(url);
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      exitCode.then((code) => ({ kind: 'exit' as const, code })),
      server.exited.then((code) => ({ kind: 'server-died' as const, code })),
      new Promise<{ kind: 'timeout' }>((r) => (timer = setTimeout(() => r({ kind: 'timeout' }), timeoutMs))),
      interrupted,
    ]);
    if (outcome.kind === 'interrupted') throw new Interrupted();
    clearTimeout(timer);
    tail.stop();

    const summary = readSummary(files.summaryFile);
    let code: number;
    if (outcome.kind === 'exit') {
      // Trust a pass only when the suite also wrote a clean summary.
      code = outcome.code === 0 && summary !== undefined && summary.failures === 0 ? 0 : 1;
      say(`suite: ${describeSummary(summary)} (${seconds(suiteStarted)}; host exit ${outcome.code})`);
    } else if (outcome.kind === 'server-died') {
      code = 1;
      say(`suite: code-server exited (${outcome.code}) during the run — see ${server.logFile}`);
    } else {
      code = 1;
      say(`suite: TIMED OUT after ${Math.round(timeoutMs / 1000)} s without a result (${describeSummary(summary)})`);
    }
    if (code !== 0) {
      const shot = join(RESULTS_DIR, 'integration-failure.png');
      await page.screenshot({ path: shot }).then(
        () => say(`failure screenshot: ${shot}`),
        () => undefined,
      );
      // The server side (extension host, code-server) logs live in the temp folder that stop() removes.
      cpSync(join(server.userDataDir, 'logs'), join(workbenchLogs, 'server'), { recursive: true });
      cpSync(server.logFile, join(workbenchLogs, 'server', 'code-server.log'));
      say(`logs: ${consoleLog}, ${workbenchLogs}/`);
      if (!summary) printConsoleHints(consoleLog);
    }
    say(`total: ${seconds(started)} — ${code === 0 ? 'PASSED' : 'FAILED'}`);
    return code;
  } finally {
    tail.stop();
    await browser?.close();
    await server?.stop();
    await environmentConnection?.close();
    tls?.close();
  }
}

/** Without a summary the reason is usually an extension-host error; show the lines that say so. */
function printConsoleHints(consoleLog: string): void {
  const lines = readFileSync(consoleLog, 'utf8').split('\n');
  // Offline noise (the marketplace at open-vsx.org, a missing vsda wasm) says nothing about the suite.
  const noise = /open-vsx|ERR_NAME_NOT_RESOLVED|status of 404|vsda/;
  const relevant = lines.filter((l) => /Extension Host|\[error\]|\[pageerror\]/.test(l) && !noise.test(l)).slice(-20);
  for (const l of relevant) process.stdout.write(`  ${l.slice(0, 400)}\n`);
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (interruptedBy) {
      say(`interrupted (${interruptedBy}); code-server and Chromium stopped`);
      process.exit(signalExitCode(interruptedBy));
    }
    process.stderr.write(`${err instanceof SetupError ? err.message : ((err as Error)?.stack ?? String(err))}\n`);
    process.exit(1);
  },
);
