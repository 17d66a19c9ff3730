// `npm run test:ui`: end-to-end tests that drive VS Code's workbench in headless Chromium, as a person would.
// Runs every test/ui/**/*.ui.ts with mocha in plain Node (through tsx); each test file starts its own VS Code
// with launchVsCode() from ./session. When a test fails, every open workbench is screenshotted to
// test-results/ui-failure-<test>.png.
//
// Options: --grep <regexp>   only tests whose full title matches
//          --no-build        use the bundles already in dist/
//          [files…]          only these .ui.ts files
import { readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import Mocha from 'mocha';
import { signalExitCode } from '../../../scripts/real-vscode/codeServer';
import { REPO_ROOT } from '../../../scripts/real-vscode/config';
import { say, seconds } from '../../../scripts/real-vscode/log';
import { ensureRealVsCode, SetupError } from '../../../scripts/real-vscode/setup';
import { buildExtension } from '../../real-vscode/buildExtension';
import { openSessions } from './session';

const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    grep: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
  },
});

function uiTestFiles(): string[] {
  if (positionals.length) return positionals.map((f) => resolve(f));
  const dir = join(REPO_ROOT, 'test', 'ui');
  return (readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.ui.ts') && !f.split(/[\\/]/).includes('harness'))
    .sort()
    .map((f) => join(dir, f));
}

let interruptedBy: NodeJS.Signals | undefined;

async function main(): Promise<number> {
  const started = Date.now();
  await ensureRealVsCode();
  if (!opts['no-build']) buildExtension();

  const files = uiTestFiles();
  if (files.length === 0) throw new Error('no test/ui/**/*.ui.ts files');
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', timeout: 120_000, slow: 20_000 });
  if (opts.grep) mocha.grep(new RegExp(opts.grep));
  mocha.rootHooks({
    async afterEach(this: Mocha.Context) {
      const test = this.currentTest;
      if (test?.state !== 'failed') return;
      const name = `ui-failure-${test.fullTitle().replace(/[^\w.-]+/g, '-').slice(0, 100)}`;
      let i = 0;
      for (const s of openSessions) {
        const path = await s.workbench.screenshot(`${name}${i++ ? `-${i}` : ''}`, { settleMs: 0 }).catch(() => undefined);
        if (path) say(`failure screenshot: ${relative(REPO_ROOT, path)}`);
      }
    },
  });
  for (const f of files) mocha.addFile(f);
  await mocha.loadFilesAsync();
  const failures = await new Promise<number>((done) => {
    const runner = mocha.run(done);
    // Ctrl-C: the launchers stop code-server and Chromium; this listener keeps them from exiting the process
    // so the run can end and report. `on`, not `once`, for the same reason.
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      process.on(signal, () => {
        interruptedBy ??= signal;
        runner.abort();
      });
    }
  });
  // A test that forgot to close its VS Code must not leave code-server running.
  for (const s of [...openSessions]) await s.close();
  if (interruptedBy) {
    say(`ui: interrupted (${interruptedBy}); code-server and Chromium stopped`);
    return signalExitCode(interruptedBy);
  }
  say(`ui: ${files.length} file(s), ${failures} failure(s) (${seconds(started)})`);
  return failures === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof SetupError ? err.message : ((err as Error)?.stack ?? String(err))}\n`);
    process.exit(1);
  },
);
