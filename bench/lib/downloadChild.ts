/**
 * Run by bench/suites/download.ts in a fresh Node process (`node --import tsx`): one `downloadFile`,
 * as the extension makes it, timed inside the process so that Node's and tsx's start-up are not in
 * the figure (curl's is not in `time_total` either). Prints one JSON line on stdout.
 *
 * Peak RSS (`resourceUsage().maxRSS`) is read after the modules are loaded and again after the
 * download: the growth is what streaming a file costs, whatever its size.
 */
import { performance } from 'node:perf_hooks';
import { downloadFile } from '../../src/download/downloadFile';

export interface ChildRequest {
  url: string;
  authHeader?: { name: string; value: string };
  folder: string;
  fileName: string;
  expectedSha1?: string;
}

export interface ChildResult {
  ms: number;
  bytes: number;
  sha1: string;
  verified: string;
  resumedTimes: number;
  restartedTimes: number;
  maxRssBeforeKiB: number;
  maxRssAfterKiB: number;
  /** User + system CPU time of this process during the download. */
  cpuMs: number;
}

async function main(): Promise<void> {
  const req = JSON.parse(process.argv[2] ?? '{}') as ChildRequest;
  const maxRssBeforeKiB = process.resourceUsage().maxRSS;
  const cpu = process.cpuUsage();
  const started = performance.now();
  // No retries: a dropped connection must fail the run, not hide inside its time.
  const result = await downloadFile({ ...req, overwrite: true, maxRetries: 0 });
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const out: ChildResult = {
    ms,
    bytes: result.bytes,
    sha1: result.sha1,
    verified: result.verified,
    resumedTimes: result.resumedTimes,
    restartedTimes: result.restartedTimes,
    maxRssBeforeKiB,
    maxRssAfterKiB: process.resourceUsage().maxRSS,
    cpuMs: (used.user + used.system) / 1000,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
