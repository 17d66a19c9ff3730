/**
 * The two clients of the download benchmark, each in its own process so that neither shares a thread
 * with the emulator (which runs in the benchmark's process and generates the bytes as it sends them):
 * curl, and `downloadFile` in a fresh Node (downloadChild.ts). Both are awaited, never waited for
 * synchronously — the emulator must keep answering while they run.
 */
import { execFile } from 'node:child_process';
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { ChildRequest, ChildResult } from './downloadChild';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');
const CHILD = join(__dirname, 'downloadChild.ts');

/** curl's version, or undefined when there is no curl (or no bash to run it under) to compare with. */
export async function curlVersion(): Promise<string | undefined> {
  try {
    const { stdout } = await run('bash', ['-c', 'curl --version']);
    return stdout.split('\n')[0]?.split(' ').slice(0, 2).join(' ');
  } catch {
    return undefined;
  }
}

export interface CurlRun {
  status: number;
  bytes: number;
  /** curl's own `time_total`: from the start of the transfer to its end, without the process's start-up. */
  ms: number;
  /** User + system CPU time of the curl process (bash's `times`), start-up included: a few ms. */
  cpuMs?: number;
}

/** `0m1.234s` → 1234 */
function clock(text: string): number {
  const m = /^(\d+)m([\d.]+)s$/.exec(text);
  return m ? (Number(m[1]) * 60 + Number(m[2])) * 1000 : NaN;
}

/**
 * `curl -s -o <file> [-L] [-H name: value] <url>`, under bash so that `times` reports curl's CPU time
 * (the arguments go to curl as "$@", never through the shell's parser); the file is removed afterwards.
 */
export async function runCurl(url: string, file: string, opts: { header?: { name: string; value: string }; follow?: boolean } = {}): Promise<CurlRun> {
  const args = ['-s', '-S', '-o', file, '-w', '%{http_code} %{size_download} %{time_total}\n'];
  if (opts.follow) args.push('-L');
  if (opts.header) args.push('-H', `${opts.header.name}: ${opts.header.value}`);
  args.push(url);
  try {
    const { stdout } = await run('bash', ['-c', 'curl "$@"; times', 'curl', ...args]);
    const lines = stdout.trim().split('\n');
    const [status, bytes, seconds] = lines[0]!.split(' ').map(Number);
    const children = lines[2]?.trim().split(/\s+/).map(clock);
    const cpuMs = children && children.length === 2 ? children[0]! + children[1]! : NaN;
    return { status: status!, bytes: bytes!, ms: seconds! * 1000, ...(Number.isFinite(cpuMs) ? { cpuMs } : {}) };
  } finally {
    rmSync(file, { force: true });
  }
}

/** One `downloadFile` in a fresh `node --import tsx` process; the file is removed afterwards. */
export async function runDownloadFile(req: ChildRequest): Promise<ChildResult> {
  const path = join(req.folder, req.fileName);
  try {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', CHILD, JSON.stringify(req)], { cwd: ROOT });
    const result = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as ChildResult;
    if (statSync(path).size !== result.bytes) throw new Error(`downloadFile reported ${result.bytes} bytes, the file has ${statSync(path).size}`);
    return result;
  } catch (e) {
    const stderr = (e as { stderr?: string }).stderr;
    throw new Error(`downloadFile in a child process failed: ${stderr?.trim() || (e instanceof Error ? e.message : String(e))}`);
  } finally {
    rmSync(path, { force: true });
    rmSync(`${path}.mismatch`, { force: true });
    rmSync(`${path}.part`, { force: true });
  }
}
