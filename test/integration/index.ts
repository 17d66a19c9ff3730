// Entry of the integration suite inside VS Code's extension host (code-server's or desktop VS Code's).
// The host calls run(); it resolves when every test passed and rejects otherwise.
//
// Every `*.test.js` next to this file in the bundle (out/test/integration/, one per test/integration/*.test.ts)
// is run, so adding a test file needs no change here or in the runners.
//
// Environment (set by the runners through extensionEnvironment / extensionTestsEnv):
//   ATLAS_TEST_REPORT_FILE   append the formatted reporter lines here (the page console mangles `%s`)
//   ATLAS_TEST_SUMMARY_FILE  write {passes, failures, pending, tests, durationMs, failed[]} here at the end
//   ATLAS_TEST_GREP          only run tests whose full title matches this regular expression
import { appendFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import type MochaType from 'mocha';

type MochaModule = typeof MochaType;

// mocha 12 is an ES module, required here from CommonJS: that needs Node >= 20.19 / 22.12 in the extension host
// (code-server 4.139 runs Node 24; desktop VS Code >= 1.101 ships a new enough Electron).
function loadMocha(): MochaModule {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const loaded = require('mocha') as MochaModule | { default: MochaModule };
    return 'default' in loaded ? loaded.default : loaded;
  } catch (err) {
    throw new Error(`cannot load mocha in the extension host (Node ${process.version}): ${(err as Error).message}`);
  }
}

function emitter(): (line: string) => void {
  const reportFile = process.env.ATLAS_TEST_REPORT_FILE;
  return (line: string) => {
    if (reportFile) appendFileSync(reportFile, line + '\n');
    else console.log(line);
  };
}

export async function run(): Promise<void> {
  const Mocha = loadMocha();
  const emit = emitter();
  // Reporters print through Base.consoleLog(fmt, ...args); formatting here keeps the lines whole.
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => emit(format(...args));

  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 20_000, slow: 2_000 });
  if (process.env.ATLAS_TEST_GREP) mocha.grep(new RegExp(process.env.ATLAS_TEST_GREP));

  const files = readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort();
  if (files.length === 0) throw new Error(`no *.test.js files in ${__dirname} — was the test bundle built?`);
  for (const f of files) mocha.addFile(join(__dirname, f));

  const started = Date.now();
  const failed: Array<{ title: string; error: string }> = [];
  let total = 0;
  const stats = await new Promise<{ passes: number; failures: number; pending: number }>((resolve, reject) => {
    try {
      const runner = mocha.run(() => resolve({ passes: runner.stats?.passes ?? 0, failures: runner.stats?.failures ?? 0, pending: runner.stats?.pending ?? 0 }));
      runner.on('test end', () => total++);
      runner.on('fail', (test, err: Error) => failed.push({ title: test.fullTitle(), error: err?.message ?? String(err) }));
    } catch (err) {
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });

  const summary = { ...stats, tests: total, durationMs: Date.now() - started, failed };
  if (process.env.ATLAS_TEST_SUMMARY_FILE) writeFileSync(process.env.ATLAS_TEST_SUMMARY_FILE, JSON.stringify(summary, null, 2));
  // The host forwards console output asynchronously; give the last lines time to leave before the window closes.
  await new Promise((r) => setTimeout(r, 1000));
  if (total === 0) throw new Error('the integration suite ran no tests');
  if (stats.failures > 0) throw new Error(`${stats.failures} integration test(s) failed`);
}
