// `npm run test:desktop`: the integration suite (test/integration/*.test.ts) in a desktop VS Code through
// @vscode/test-electron — for machines with a desktop VS Code or internet. (Offline, `npm run test:integration`
// runs the same suite in code-server.)
//
//   VSCODE_EXECUTABLE_PATH=/usr/share/code/code npm run test:desktop    use a local VS Code
//   npm run test:desktop                                                download VS Code stable into .vscode-test/
//   VSCODE_VERSION=1.101.0 npm run test:desktop                         a given version (>= 1.101: mocha 12 needs
//                                                                       Node >= 20.19 in the extension host)
// Options: --grep <regexp>, --no-build. On Linux without a display, run it under xvfb-run.
import { promises as dns } from 'node:dns';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runTests, TestRunFailedError } from '@vscode/test-electron';
import { REPO_ROOT } from '../../scripts/real-vscode/config';
import { say, seconds } from '../../scripts/real-vscode/log';
import { buildExtension } from '../real-vscode/buildExtension';
import { startEnvironmentConnection } from '../real-vscode/environmentConnection';
import { describeSummary, FileTail, readSummary, suiteFiles } from '../real-vscode/suiteReport';

const { values: opts } = parseArgs({
  options: { grep: { type: 'string' }, 'no-build': { type: 'boolean', default: false } },
});

/** A failure explained in one line (no stack trace). */
class Refusal extends Error {}

function startsWithShebang(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(2);
    readSync(fd, buf, 0, 2, 0);
    return buf.toString() === '#!';
  } finally {
    closeSync(fd);
  }
}

/** VSCODE_EXECUTABLE_PATH, checked; the `code` launcher script on Linux is mapped to the binary next to it. */
function executableFromEnv(): string | undefined {
  const given = process.env.VSCODE_EXECUTABLE_PATH;
  if (!given) return undefined;
  const path = resolve(given);
  if (!existsSync(path)) throw new Refusal(`VSCODE_EXECUTABLE_PATH=${given} does not exist`);
  if (startsWithShebang(path)) {
    // /usr/share/code/bin/code is a shell script that starts /usr/share/code/code detached; tests need the binary.
    const binary = join(dirname(path), '..', 'code');
    if (existsSync(binary) && !startsWithShebang(binary)) return binary;
    throw new Refusal(`VSCODE_EXECUTABLE_PATH=${given} is a launcher script; point it at the VS Code binary itself`);
  }
  return path;
}

/** Whether test-electron can get a VS Code: a cached download in .vscode-test/, or the update server resolves. */
async function canObtainVsCode(): Promise<string | undefined> {
  const cache = join(REPO_ROOT, '.vscode-test');
  const cached = existsSync(cache) && readdirSync(cache).some((e) => /^vscode-[a-z0-9-]+-[0-9.]+$/.test(e));
  if (cached) return undefined;
  try {
    await Promise.race([
      dns.lookup('update.code.visualstudio.com'),
      new Promise((_, reject) => setTimeout(() => reject(new Error('DNS timeout')), 3000).unref()),
    ]);
    return undefined;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code ?? (err as Error).message;
  }
}

async function main(): Promise<number> {
  const started = Date.now();
  const vscodeExecutablePath = executableFromEnv();
  if (!vscodeExecutablePath) {
    const why = await canObtainVsCode();
    if (why) {
      throw new Refusal(
        `no desktop VS Code here and none to download (update.code.visualstudio.com: ${why}); ` +
          'set VSCODE_EXECUTABLE_PATH to a VS Code binary, or run `npm run test:integration` (code-server)',
      );
    }
  }
  if (!opts['no-build']) buildExtension();

  const files = suiteFiles('desktop');
  const scratch = mkdtempSync(join(tmpdir(), 'desktop-test-'));
  mkdirSync(join(scratch, 'workspace'));
  const tail = new FileTail(files.reportFile, (line) => process.stdout.write(`${line}\n`));
  const cleanedEnv: Record<string, string | undefined> = {};
  for (const k of Object.keys(process.env)) if (k.startsWith('MONGODB_ATLAS_')) cleanedEnv[k] = undefined;
  const forwarded: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (k.startsWith('ATLAS_TEST_') && v !== undefined) forwarded[k] = v;
  const environmentConnection = await startEnvironmentConnection();
  try {
    say(`desktop: ${vscodeExecutablePath ?? `VS Code ${process.env.VSCODE_VERSION ?? 'stable'} via @vscode/test-electron`}`);
    const suiteStarted = Date.now();
    const code = await runTests({
      ...(vscodeExecutablePath ? { vscodeExecutablePath } : { version: process.env.VSCODE_VERSION ?? 'stable' }),
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath: join(REPO_ROOT, 'out', 'test', 'integration', 'index.js'),
      extensionTestsEnv: {
        ...cleanedEnv, // undefined removes the variable: a developer's Atlas credentials stay out of the tests
        ...environmentConnection.env,
        ...forwarded,
        ATLAS_TEST_HOST: 'desktop',
        ATLAS_TEST_REPO_ROOT: REPO_ROOT,
        ATLAS_TEST_WORKSPACE: join(scratch, 'workspace'),
        ATLAS_TEST_REPORT_FILE: files.reportFile,
        ATLAS_TEST_SUMMARY_FILE: files.summaryFile,
        ...(opts.grep ? { ATLAS_TEST_GREP: opts.grep } : {}),
      },
      launchArgs: [
        join(scratch, 'workspace'),
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        `--user-data-dir=${join(scratch, 'user-data')}`,
      ],
    }).catch((err: unknown) => {
      // test-electron rejects with a bare "Failed" when the suite fails: the summary says the rest.
      if (readSummary(files.summaryFile)) return 1;
      if (err instanceof TestRunFailedError) {
        throw new Refusal(`VS Code exited (${err.code ?? err.signal}) before the suite reported — see its output above`);
      }
      throw new Refusal(String((err as Error)?.message ?? err).split('\n')[0]);
    });
    tail.stop();
    const summary = readSummary(files.summaryFile);
    const ok = code === 0 && summary !== undefined && summary.failures === 0;
    say(`suite: ${describeSummary(summary)} (${seconds(suiteStarted)})`);
    say(`total: ${seconds(started)} — ${ok ? 'PASSED' : 'FAILED'}`);
    return ok ? 0 : 1;
  } finally {
    tail.stop();
    await environmentConnection.close();
    rmSync(scratch, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(
      err instanceof Refusal ? `test:desktop: ${err.message}\n` : `${(err as Error)?.stack ?? String(err)}\n`,
    );
    process.exit(1);
  },
);
