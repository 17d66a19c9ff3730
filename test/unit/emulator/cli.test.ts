import { strict as assert } from 'node:assert';
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { join } from 'node:path';
import { ACCEPT, get, token } from './support';

const ROOT = join(__dirname, '..', '..', '..');
const CLI = join(ROOT, 'test', 'atlas-emulator', 'cli.ts');

interface Cli {
  child: ChildProcessWithoutNullStreams;
  firstLine: string;
  output: () => string;
  exited: Promise<number | null>;
}

/** Spawns the CLI the way `npm run emulator` does (tsx) and waits for the base URL line. */
function startCli(args: string[]): Promise<Cli> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: ROOT, stdio: 'pipe' });
  let out = '';
  let err = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`CLI did not print a URL: ${out} ${err}`)), 15_000);
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0) {
        clearTimeout(timer);
        resolve({ child, firstLine: out.slice(0, nl), output: () => out, exited });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`CLI exited with ${code}: ${err}`));
    });
  });
}

function runToExit(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: ROOT, stdio: 'pipe' });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stderr })));
}

describe('emulator: the CLI (npm run emulator)', function () {
  this.timeout(30_000);

  it('prints the base URL alone on the first line, then a summary; serves; stops cleanly on SIGTERM', async () => {
    const cli = await startCli(['--port', '0', '--dataset', 'demo', '--today', '2026-01-15', '--seed', '3']);
    try {
      assert.match(cli.firstLine, /^http:\/\/127\.0\.0\.1:\d+$/);
      const bearer = await token(cli.firstLine);
      const r = await get(cli.firstLine, '/api/atlas/v2/groups', { bearer, accept: ACCEPT.v20230101 });
      assert.equal(r.status, 200);
      assert.equal(r.json.totalCount, 4);
      const state = await (await fetch(`${cli.firstLine}/__emulator/state`)).json();
      assert.equal(state.seed, 3);
      assert.equal(state.today, '2026-01-15');
      await new Promise((res) => setTimeout(res, 100));
      assert.match(cli.output(), /service account: mdb_sa_id_64f0c0ffee00000000000001/);
      assert.match(cli.output(), /restore jobs: 150 legacy, 90 cloud backup, 19 serverless, 18 flex/);
      // On 2026-01-15 Atlas lists no serverless instance: 11 clusters; their 17 restore jobs are not reached.
      assert.match(cli.output(), /the service account sees today: 4 projects, 11 clusters, 253 restore jobs/);
      assert.match(cli.output(), /GET \/api\/atlas\/v2\/groups 200 \d+ms/, 'one log line per request, no query');
    } finally {
      cli.child.kill('SIGTERM');
    }
    assert.equal(await cli.exited, 0);
  });

  it('takes its own credentials (never printing the secret), the large dataset sizes, latency and fault flags', async () => {
    const cli = await startCli([
      '--dataset', 'large', '--projects', '3', '--clusters', '6', '--restore-jobs', '60',
      '--client-id', 'mdb_sa_id_cli', '--client-secret', 'mdb_sa_sk_cli-secret',
      '--latency', '20', '--rate-limit', '1:4', '--quiet',
    ]);
    try {
      assert.ok(!cli.output().includes('mdb_sa_sk_cli-secret'));
      const bearer = await token(cli.firstLine, { clientId: 'mdb_sa_id_cli', clientSecret: 'mdb_sa_sk_cli-secret' });
      const limited = await get(cli.firstLine, '/api/atlas/v2/groups', { bearer, accept: ACCEPT.v20230101 });
      assert.equal(limited.status, 429);
      assert.equal(limited.headers.get('retry-after'), '4');
      const r = await get(cli.firstLine, '/api/atlas/v2/groups', { bearer, accept: ACCEPT.v20230101 });
      assert.equal(r.json.totalCount, 3);
      const state = await (await fetch(`${cli.firstLine}/__emulator/state`)).json();
      assert.equal(state.counts.totalClusters, 6);
      assert.equal(state.counts.totalRestoreJobs, 60);
      const demoRefused = await fetch(`${cli.firstLine}/api/oauth/token`, {
        method: 'POST',
        headers: { Authorization: `Basic ${Buffer.from('mdb_sa_id_64f0c0ffee00000000000001:mdb_sa_sk_demo-only-not-a-real-secret-0001').toString('base64')}`, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials',
      });
      assert.equal(demoRefused.status, 401, 'the demo account is replaced, not added');
    } finally {
      cli.child.kill('SIGINT');
    }
    assert.equal(await cli.exited, 0);
  });

  it('--run-seconds and --fail-share turn running jobs on, and it prints which demo jobs settle when', async () => {
    const cli = await startCli(['--dataset', 'demo', '--today', '2026-01-15', '--run-seconds', '40', '--fail-share', '0.25', '--quiet']);
    try {
      const state = await (await fetch(`${cli.firstLine}/__emulator/state`)).json();
      assert.deepEqual(state.runningJobs, { runSeconds: 40, failShare: 0.25 });
      assert.deepEqual(state.movingJobs.map((m: { family: string }) => m.family), ['cloudBackup', 'legacy', 'flex']);
      await new Promise((res) => setTimeout(res, 100));
      assert.match(cli.output(), /running jobs: added restore jobs run 40 s, then finish \(25% fail\)/);
      assert.match(cli.output(), /Production → prod-sharded · cloud backup +job [0-9a-f]{24}: finishes in 1[56] s/);
      assert.match(cli.output(), /Production → prod-rs · legacy backup +job [0-9a-f]{24}: finishes in 2[78] s/);
      assert.match(cli.output(), /Production → prod-flex · flex +job [0-9a-f]{24}: fails in (39|40) s/);
    } finally {
      cli.child.kill('SIGTERM');
    }
    assert.equal(await cli.exited, 0);
  });

  it('--large-file, --slow-downloads and --redirect-to-storage; prints the storage host and the special jobs', async () => {
    const cli = await startCli(['--today', '2026-01-15', '--large-file', '2MiB', '--slow-downloads', '2:300', '--redirect-to-storage', '1', '--quiet']);
    try {
      const state = await (await fetch(`${cli.firstLine}/__emulator/state`)).json();
      assert.deepEqual(state.largeFiles.map((j: { family: string; files: { size: number }[] }) => [j.family, j.files[0]!.size]), [['legacy', 2097152], ['cloudBackup', 2097152]]);
      assert.deepEqual(state.faults, [
        { kind: 'slowBody', times: 2, ms: 300, match: '/__downloads/', remaining: 2 },
        { kind: 'redirectToStorage', times: 1, remaining: 1 },
      ]);
      await new Promise((res) => setTimeout(res, 100));
      assert.ok(cli.output().includes(`storage host (redirected downloads): ${state.storageUrl}`));
      assert.match(state.storageUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
      for (const j of state.storageRedirects) assert.ok(cli.output().includes(`urlV2 redirects there: Production → prod-rs · legacy job ${j.jobId}`));
      assert.match(cli.output(), /large file \(2\.00 MiB\): Production → prod-rs · legacy job [0-9a-f]{24}, SHA-1 [0-9a-f]{40}/);
      assert.match(cli.output(), /large file \(2\.00 MiB\): Production → prod-rs · cloudBackup job [0-9a-f]{24}/);
    } finally {
      cli.child.kill('SIGTERM');
    }
    assert.equal(await cli.exited, 0);
  });

  it("--rate-limiting enforces Atlas's rate limit (on by default for large, off for demo) and the summary says so", async function () {
    this.timeout(60_000);
    const cli = await startCli(['--dataset', 'demo', '--today', '2026-01-15', '--rate-limiting', '2:1:30', '--quiet']);
    try {
      for (let waited = 0; !/control: /.test(cli.output()) && waited < 10_000; waited += 50) await new Promise((res) => setTimeout(res, 50));
      assert.match(cli.output(), /rate limit: 2 requests per principal and project, 1 more every 30 s \(429 RATE_LIMITED with Retry-After\)/);
      const bearer = await token(cli.firstLine);
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push(await get(cli.firstLine, '/api/atlas/v2/orgs', { bearer, accept: ACCEPT.v20230101 }));
      assert.deepEqual(statuses.map((r) => r.status), [200, 200, 429]);
      assert.match(statuses[2]!.headers.get('retry-after') ?? '', /^(30|29)$/);
      assert.equal(statuses[2]!.json.errorCode, 'RATE_LIMITED');
      const state = await (await fetch(`${cli.firstLine}/__emulator/state`)).json();
      assert.deepEqual(state.rateLimit, { capacity: 2, refillRate: 1, refillDurationSeconds: 30 });
    } finally {
      cli.child.kill('SIGTERM');
    }
    assert.equal(await cli.exited, 0);
    const summaries: [string[], RegExp][] = [
      [['--dataset', 'large', '--projects', '1', '--clusters', '1', '--restore-jobs', '1'], /rate limit: 100 requests per principal and project, 100 more every 60 s/],
      [['--dataset', 'large', '--projects', '1', '--clusters', '1', '--restore-jobs', '1', '--rate-limiting', 'off'], /rate limit: off/],
      [['--dataset', 'demo'], /rate limit: off/],
    ];
    await Promise.all(
      summaries.map(async ([args, line]) => {
        const c = await startCli([...args, '--quiet']);
        try {
          // The summary follows the URL line; its last line names the control endpoint.
          for (let waited = 0; !/control: /.test(c.output()) && waited < 10_000; waited += 50) await new Promise((res) => setTimeout(res, 50));
          assert.match(c.output(), line, args.join(' '));
        } finally {
          c.child.kill('SIGTERM');
        }
        await c.exited;
      }),
    );
    for (const r of await Promise.all([runToExit(['--rate-limiting', 'sometimes']), runToExit(['--rate-limiting', '0:1:60'])])) {
      assert.equal(r.code, 2);
      assert.match(r.stderr, /--rate-limiting expects/);
    }
  });

  it('refuses bad flags with exit code 2 and the usage', async function () {
    // Thirteen processes, each paying tsx's start-up: on a busy 2-core machine that alone can take 30 s.
    this.timeout(120_000);
    for (const args of [
      ['--dataset', 'huge'],
      ['--port', 'x'],
      ['--client-id', 'only'],
      ['--nonsense'],
      ['--run-seconds', '0'],
      ['--run-seconds', '5', '--fail-share', '1.5'],
      ['--fail-share', '0.5'],
      ['--large-file', '1GB'],
      ['--large-file', '0'],
      ['--large-file', '17GiB'],
      ['--large-file', '1MiB', '--dataset', 'empty'],
      ['--slow-downloads', 'x'],
      ['--redirect-to-storage', '0'],
    ]) {
      const r = await runToExit(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, /Usage: npm run emulator/);
    }
  });
});
