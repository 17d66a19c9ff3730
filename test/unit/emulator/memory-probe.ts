/**
 * Run in a child process by downloads-large.test.ts: hashes (or, with `hold`, materializes) one
 * generated file and prints how much the process's peak RSS grew, in MiB. A fresh process, so the
 * peak is this work's and not some earlier test's.
 */
import { fileBytes, fileDigest } from '../../atlas-emulator/downloads';

const [mode, sizeText] = process.argv.slice(2);
const size = Number(sizeText);
const key = { family: 'legacy' as const, groupId: 'g', clusterName: 'probe', jobId: 'j', part: '0' };
const before = process.resourceUsage().maxRSS;
const sha1 = mode === 'hold' ? fileBytes(1, key, size).subarray(0, 1).toString('hex') : fileDigest(1, key, size);
const growthMiB = (process.resourceUsage().maxRSS - before) / 1024;
process.stdout.write(`${JSON.stringify({ growthMiB, sha1 })}\n`);
