/**
 * Run in a child process by downloads-large.test.ts: hashes (or, with `hold`, materializes) one
 * generated file and prints how much the process's peak RSS grew, in MiB. A fresh process, so the
 * peak is this work's and not some earlier test's.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileBytes, fileDigest } from '../../atlas-emulator/downloads';

const [mode, sizeText] = process.argv.slice(2);
const size = Number(sizeText);
const key = { family: 'legacy' as const, groupId: 'g', clusterName: 'probe', jobId: 'j', part: '0' };
/*
 * The peak is measured from now, not from start-up: loading the emulator's modules through tsx can peak
 * higher than the process then holds, and a peak taken from then hid part of a held 64 MiB file (50 MiB
 * seen on a loaded machine). Linux resets the peak (VmHWM) on writing 5 to clear_refs; elsewhere the
 * process's own maxRSS stands in.
 */
const kib = (field: string): number | undefined => {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
};
let peakReset = false;
try {
  writeFileSync('/proc/self/clear_refs', '5');
  peakReset = kib('VmHWM') !== undefined;
} catch {
  peakReset = false;
}
const before = peakReset ? kib('VmRSS')! : process.resourceUsage().maxRSS;
const sha1 = mode === 'hold' ? fileBytes(1, key, size).subarray(0, 1).toString('hex') : fileDigest(1, key, size);
const growthMiB = ((peakReset ? kib('VmHWM')! : process.resourceUsage().maxRSS) - before) / 1024;
process.stdout.write(`${JSON.stringify({ growthMiB, sha1 })}\n`);
