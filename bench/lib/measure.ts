import { performance } from 'node:perf_hooks';
import type { RunningEmulator } from '../../test/atlas-emulator';
import { countRequests, type RequestCounts } from './requests';
import type { WireMeter } from './wire';

/** One measured step: wall time, what the emulator saw, what crossed the wire to the client. */
export interface Sample {
  ms: number;
  requests: RequestCounts;
  bytesReceived: number;
  bytesSent: number;
}

export interface Probe {
  emulator: RunningEmulator;
  wire: WireMeter;
}

/** Runs `step` once, counting from a cleared request log and a wire reading taken just before. */
export async function measure(probe: Probe, step: () => Promise<unknown>): Promise<Sample> {
  probe.emulator.clearRequests();
  const before = probe.wire.read();
  const started = performance.now();
  await step();
  const ms = performance.now() - started;
  const after = probe.wire.read();
  const requests = countRequests(probe.emulator.requests);
  if (requests.other > 0) {
    const statuses = probe.emulator.requests.filter((r) => r.status !== 200 && r.status !== 401).map((r) => `${r.status} ${r.path}`);
    throw new Error(`A benchmark step got unexpected answers (${statuses.slice(0, 3).join('; ')}): the numbers would not mean anything.`);
  }
  return { ms, requests, bytesReceived: after.received - before.received, bytesSent: after.sent - before.sent };
}

/**
 * `warmup` discarded runs, then `runs` kept ones. The first run of anything pays one-off costs that are
 * the emulator's, not the client's (it generates a cluster's restore jobs on first read; the JIT warms).
 */
export async function repeat<T>(runs: number, warmup: number, once: () => Promise<T>): Promise<T[]> {
  for (let i = 0; i < warmup; i++) await once();
  const kept: T[] = [];
  for (let i = 0; i < runs; i++) kept.push(await once());
  return kept;
}
