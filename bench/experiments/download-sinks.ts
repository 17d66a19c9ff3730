/**
 * A what-if behind the download suite's "vs curl", run by hand (not part of npm run bench):
 *   node --import tsx bench/experiments/download-sinks.ts [SIZE, default 1GiB]
 * The emulator runs in its own process (`npm run emulator -- --large-file SIZE`), so that this process
 * has a core to itself; here one link (the large cloud backup file) is fetched with node:http into
 * different sinks, to see which part costs what: the HTTP client alone, SHA-1 alone, a plain write
 * stream, and a PartFile-like sink that hashes a chunk while the disk write of it is in flight; then the
 * project's own transport (src/download/httpGet.ts, one reused read buffer) alone and into PartFile as
 * `downloadFile` uses them. curl on the same link for reference. Medians of 3, wall time
 * and this process's CPU time (user + system: on a 2-core machine shared with the emulator, CPU per
 * byte is what decides the rate; curl's CPU comes from bash's `times`).
 */
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { httpGet } from '../../src/download/httpGet';
import { PartFile } from '../../src/download/partFile';
import { DEMO_SERVICE_ACCOUNT } from '../../test/atlas-emulator';
import { parseByteSize } from '../../test/atlas-emulator/byte-size';
import { median } from '../lib/stats';

const ROOT = join(__dirname, '..', '..');
const size = parseByteSize(process.argv[2] ?? '1GiB');
const folder = mkdtempSync(join(tmpdir(), 'atlas-sinks-'));

function response(url: string): Promise<Readable> {
  return new Promise((resolve, reject) => get(url, { headers: { 'accept-encoding': 'identity' } }, resolve).on('error', reject));
}

/** A PartFile-like sink whose SHA-1 of a chunk runs while that chunk's write is with the thread pool. */
async function overlapped(source: Readable, path: string): Promise<void> {
  const handle = await open(path, 'w');
  const hash = createHash('sha1');
  const append = async (buffer: Buffer) => {
    const writing = handle.write(buffer, 0, buffer.length);
    hash.update(buffer);
    await writing;
  };
  const sink = new Writable({
    highWaterMark: 1 << 20,
    write: (chunk: Buffer, _e, done) => void append(chunk).then(() => done(), done),
    writev: (chunks, done) => void append(Buffer.concat(chunks.map((c) => c.chunk as Buffer))).then(() => done(), done),
  });
  await pipeline(source, sink);
  hash.digest('hex');
  await handle.close();
}

const SINKS: Record<string, (source: Readable, path: string) => Promise<void>> = {
  'node:http, bytes dropped': async (s) => {
    for await (const _ of s) void _;
  },
  'node:http + SHA-1, no disk': async (s) => {
    const h = createHash('sha1');
    for await (const c of s) h.update(c as Buffer);
  },
  'node:http → createWriteStream, no SHA-1': (s, p) => pipeline(s, createWriteStream(p)),
  'node:http → write and SHA-1 overlapped': overlapped,
};

/** The project's own path, which does not use node:http (see src/download/httpGet.ts). */
const OWN: Record<string, (url: string, path: string) => Promise<void>> = {
  'httpGet (src/download), bytes dropped': async (url) => {
    const r = await httpGet(new URL(url), { headers: {}, idleTimeoutMs: 60_000 });
    await r.read({ take: () => false, drained: () => Promise.resolve() });
  },
  'httpGet → PartFile.writeFrom (src/download, as is)': async (url, p) => {
    const part = await PartFile.open(p);
    await part.writeFrom(await httpGet(new URL(url), { headers: {}, idleTimeoutMs: 60_000 }), () => undefined);
    await part.close();
    part.sha1();
  },
};

async function main(): Promise<void> {
  const emulator = spawn(process.execPath, ['--import', 'tsx', 'test/atlas-emulator/cli.ts', '--large-file', String(size), '--quiet'], { cwd: ROOT });
  try {
    const base = await new Promise<string>((resolve, reject) => {
      emulator.stdout.once('data', (d: Buffer) => resolve(d.toString().split('\n')[0]!));
      emulator.once('exit', (code) => reject(new Error(`emulator exited ${code}`)));
    });
    const state = (await (await fetch(`${base}/__emulator/state`)).json()) as { largeFiles: { family: string; groupId: string; clusterName: string; jobId: string }[] };
    const cloud = state.largeFiles.find((j) => j.family === 'cloudBackup')!;
    const basic = Buffer.from(`${DEMO_SERVICE_ACCOUNT.clientId}:${DEMO_SERVICE_ACCOUNT.clientSecret}`).toString('base64');
    const token = (await (await fetch(`${base}/api/oauth/token`, { method: 'POST', headers: { Authorization: `Basic ${basic}`, 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials' })).json()) as { access_token: string };
    const path = `/api/atlas/v2/groups/${cloud.groupId}/clusters/${cloud.clusterName}/backup/restoreJobs/${cloud.jobId}`;
    const job = (await (await fetch(`${base}${path}`, { headers: { Authorization: `Bearer ${token.access_token}`, Accept: 'application/vnd.atlas.2023-01-01+json' } })).json()) as { deliveryUrl: string[] };
    const url = job.deliveryUrl[0]!;
    const rows: [string, number, number][] = [];
    const curl = async () => {
      const args = ['-s', '-o', join(folder, 'curl.out'), '-w', '%{time_total}\n', url];
      const { stdout } = await promisify(execFile)('bash', ['-c', 'curl "$@"; times', 'curl', ...args]);
      const lines = stdout.trim().split('\n');
      const cpu = lines[2]!.trim().split(/\s+/).map((t) => { const m = /^(\d+)m([\d.]+)s$/.exec(t)!; return (Number(m[1]) * 60 + Number(m[2])) * 1000; });
      return { ms: Number(lines[0]) * 1000, cpuMs: cpu[0]! + cpu[1]! };
    };
    await curl();
    const curlRuns = [await curl(), await curl(), await curl()];
    rows.push(['curl -o file', median(curlRuns.map((r) => r.ms)), median(curlRuns.map((r) => r.cpuMs))]);
    const sinks = [
      ...Object.entries(SINKS).map(([name, sink]) => [name, async (path: string) => sink(await response(url), path)] as const),
      ...Object.entries(OWN).map(([name, run]) => [name, (path: string) => run(url, path)] as const),
    ];
    for (const [name, sink] of sinks) {
      const runs: number[] = [];
      const cpus: number[] = [];
      for (let i = 0; i < 3; i++) {
        const file = join(folder, 'out.bin');
        rmSync(file, { force: true });
        const cpu = process.cpuUsage();
        const t = performance.now();
        await sink(file);
        runs.push(performance.now() - t);
        const used = process.cpuUsage(cpu);
        cpus.push((used.user + used.system) / 1000);
      }
      rows.push([name, median(runs), median(cpus)]);
    }
    const curlMs = rows[0]![1];
    console.log(`${(size / 2 ** 20).toFixed(0)} MiB, emulator in its own process\n`);
    console.log('| sink | median ms | MB/s | vs curl | CPU ms |\n|:--|--:|--:|--:|--:|');
    for (const [name, ms, cpu] of rows) console.log(`| ${name} | ${ms.toFixed(0)} | ${(size / 1e6 / (ms / 1000)).toFixed(0)} | ${(curlMs / ms).toFixed(2)}× | ${cpu.toFixed(0)} |`);
  } finally {
    emulator.kill('SIGTERM');
    rmSync(folder, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
