// The README's demo command, run as a newcomer runs it: `npm run demo` alone (code-server here, since no desktop
// `code` is on PATH in CI) must bring up a VS Code whose Atlas view already shows the demo organization's
// restore jobs, and Ctrl-C must stop everything it started.
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createConnection } from 'node:net';
import { launchChromium, type Chromium } from '../../scripts/real-vscode/browser';
import { REPO_ROOT } from '../../scripts/real-vscode/config';
import { Workbench } from './harness/workbench';

function portOpen(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = createConnection({ host: hostname, port: Number(port) });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

describe('npm run demo', function () {
  this.timeout(300_000);
  let demo: ChildProcess | undefined;
  let browser: Chromium | undefined;
  let output = '';
  let exited: Promise<number | null>;

  /** Waits until the demo has printed a line matching `re`, and returns the match. */
  async function printed(re: RegExp, ms = 240_000): Promise<RegExpMatchArray> {
    const deadline = Date.now() + ms;
    for (;;) {
      const m = output.match(re);
      if (m) return m;
      if (Date.now() > deadline) throw new Error(`the demo never printed ${re}; it printed:\n${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  before(() => {
    // PATH without a desktop `code`, so the demo takes the code-server path, as on a fresh headless machine.
    const env: NodeJS.ProcessEnv = { ...process.env, PATH: process.env.PATH!.split(':').filter((d) => !/code/i.test(d)).join(':') };
    for (const k of Object.keys(env)) if (k.startsWith('MONGODB_ATLAS_')) delete env[k];
    // Its own process group, like a command typed in a terminal, so that Ctrl-C can be sent the same way.
    demo = spawn('npm', ['run', 'demo', '--', '--code-server'], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    demo.stdout!.on('data', (b: Buffer) => (output += b.toString()));
    demo.stderr!.on('data', (b: Buffer) => (output += b.toString()));
    exited = new Promise((resolve) => demo!.once('exit', (code) => resolve(code)));
  });

  after(async () => {
    await browser?.close();
    if (demo && demo.exitCode === null && demo.signalCode === null) {
      try {
        process.kill(-demo.pid!, 'SIGKILL');
      } catch {
        // The group is already gone.
      }
    }
  });

  it('prints where to open VS Code, and that VS Code shows the demo restore jobs', async () => {
    const [, address] = await printed(/Open in a browser:\s+(http:\/\/127\.0\.0\.1:\d+\/\S*)/);
    const [, emulatorUrl] = await printed(/Atlas emulator:\s+(http:\/\/127\.0\.0\.1:\d+)/);
    assert.ok(await portOpen(emulatorUrl), 'the emulator answers');
    browser = await launchChromium();
    const wb = new Workbench(browser.page);
    await browser.page.goto(address);
    await wb.ready();
    await wb.openViewContainer('Atlas');
    await wb.expandTreeRow('Environment');
    await wb.expandTreeRow('Production');
    await wb.expandTreeRow('prod-sharded');
    // A finished download whose links still work reads Ready (Atlas CLI's watch stops there too).
    await wb.treeRow(/^\d{4}-\d\d-\d\d \d\d:\d\d.*Ready · Download/).first().waitFor();
    await wb.treeRow(/^Legacy backup/).first().waitFor();
    // Jobs still run when the demo starts: the status bar counts them, and the first to end says so in a toast.
    // prod-sharded's ends 20 s after the banner, prod-flex's 50 s after it: a slow browser may show the first only
    // once it has ended (then it is not followed, nothing to announce), so both are shown.
    await browser.page.locator('.statusbar-item', { hasText: /restores? running/ }).first().waitFor();
    assert.match(output, /prod-sharded · cloud backup +job [0-9a-f]{24}: finishes in \d+ s/, 'the demo says which jobs will end');
    assert.match(output, /prod-flex · flex +job [0-9a-f]{24}: fails in \d+ s/);
    await wb.expandTreeRow('prod-flex');
    await browser.page
      .locator('.notification-toast', { hasText: /Restore (ready to download: prod-sharded|failed: prod-flex)/ })
      .first()
      .waitFor({ timeout: 75_000 });
    await wb.screenshot('demo-ui', { settleMs: 500 });
    assert.match(output, /MONGODB_ATLAS_CLIENT_ID=mdb_sa_id_/, 'it tells the user which demo credentials VS Code got');
    (globalThis as { demoUrls?: string[] }).demoUrls = [address, emulatorUrl];
  });

  it('stops code-server and the emulator on Ctrl-C', async () => {
    const [address, emulatorUrl] = (globalThis as { demoUrls?: string[] }).demoUrls ?? [];
    assert.ok(address && emulatorUrl, 'the first test found both addresses');
    await browser?.close();
    browser = undefined;
    // A terminal's Ctrl-C: SIGINT to every process of the foreground group (npm, tsx, the demo).
    process.kill(-demo!.pid!, 'SIGINT');
    const code = await Promise.race([exited, new Promise<'hung'>((r) => setTimeout(() => r('hung'), 60_000))]);
    assert.notEqual(code, 'hung', `the demo did not stop within a minute; it printed:\n${output}`);
    await printed(/stopped|interrupted/);
    assert.equal(await portOpen(address), false, 'code-server is gone');
    assert.equal(await portOpen(emulatorUrl), false, 'the emulator is gone');
  });
});
