/**
 * `npm run emulator -- --port N --dataset demo|large [options]`
 *
 * Prints the base URL alone on the first line of stdout (scripts read it), then a short summary,
 * then one line per request (method, path without query, status, time). Runs until SIGINT/SIGTERM.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEMO_API_KEY, DEMO_SERVICE_ACCOUNT, type EmulatorOptions, type FaultWithMatch } from './contract';
import { formatByteSize, parseByteSize } from './byte-size';
import { DEMO } from './datasets';
import { DOWNLOAD_PREFIX } from './download-files';
import type { MarkedJob } from './file-marks';
import { movingJobLines } from './lifecycle';
import { startEmulator } from './server';

const USAGE = `Usage: npm run emulator -- [options]
  --port N                 port on 127.0.0.1 (default 0: any free port)
  --dataset demo|large|empty   (default demo)
  --seed S                 PRNG seed (default 1)
  --today YYYY-MM-DD       the emulator's "today" (default: the real date)
  --latency MS             added to every API answer
  --client-id ID --client-secret S     service account (default: the demo one)
  --public-key K --private-key K       API key (default: the demo one)
  --projects N --clusters N --restore-jobs N   size of the large dataset (200 / 2000 / 100000)
  --token-lifetime S       access token lifetime in seconds (default 3600)
  --rate-limit N[:SECONDS] answer the next N API requests 429 (with Retry-After SECONDS)
  --rate-limiting on|off|CAPACITY[:REFILL[:SECONDS]]
                           enforce Atlas's rate limit: a bucket of CAPACITY requests per principal and
                           project, REFILL more every SECONDS (default 100:100:60; on for --dataset large,
                           off otherwise); an empty bucket answers 429 RATE_LIMITED with Retry-After
  --server-error N[:STATUS]    answer the next N API requests 500 (or 502/503/504)
  --reset N                drop the connection of the next N API requests
  --slow-body N:MS         drip the body of the next N answers over MS
  --slow-downloads N:MS    drip the body of the next N downloads (/__downloads/, either host) over MS
  --redirect-to-storage N  the next N downloads the API host would serve answer 302 to the storage host
  --large-file SIZE        demo only: the files of DEMO.largeFiles (prod-rs: a legacy and a cloud backup
                           job) are SIZE long, e.g. 1GiB, 512MiB, 64KiB, 1048576B (hashed at start-up)
  --malformed-json N       send truncated JSON in the next N answers
  --total-count N:VALUE    the next N counted list answers report totalCount VALUE
  --run-seconds N          running jobs: restore jobs added from now on (POST /__emulator/restore-jobs) run N
                           seconds on the emulator clock, then settle; with the demo dataset its chosen jobs
                           (one per family) start too and settle within N seconds
  --fail-share X           with --run-seconds: the share (0-1) of added jobs that fail (by job id and seed)
  --tls-cert FILE --tls-key FILE   serve both hosts over HTTPS with this PEM certificate and key
  --public-host NAME       the host name in the base URL and every link (e.g. one only a proxy resolves)
  --quiet                  no per-request log lines
  --help`;

function int(name: string, v: string | undefined, min = 0): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) < min) throw new Error(`--${name} expects an integer >= ${min}, got '${v}'`);
  return Number(v);
}

function parseSize(name: string, v: string): number {
  try {
    return parseByteSize(v);
  } catch (e) {
    throw new Error(`--${name}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function rateLimiting(v: string): EmulatorOptions['rateLimit'] {
  if (v === 'off') return false;
  if (v === 'on') return {};
  const m = /^(\d+)(?::(\d+)(?::(\d+))?)?$/.exec(v);
  if (!m) throw new Error(`--rate-limiting expects on, off or CAPACITY[:REFILL[:SECONDS]], got '${v}'`);
  const [capacity, refillRate, refillDurationSeconds] = [m[1], m[2], m[3]].map((x) => int('rate-limiting', x, 1));
  return { capacity, ...(refillRate !== undefined ? { refillRate } : {}), ...(refillDurationSeconds !== undefined ? { refillDurationSeconds } : {}) };
}

function pair(name: string, v: string): [number, number | undefined] {
  const [a, b] = v.split(':');
  return [int(name, a, 1)!, int(name, b)];
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      dataset: { type: 'string' },
      seed: { type: 'string' },
      today: { type: 'string' },
      latency: { type: 'string' },
      'client-id': { type: 'string' },
      'client-secret': { type: 'string' },
      'public-key': { type: 'string' },
      'private-key': { type: 'string' },
      projects: { type: 'string' },
      clusters: { type: 'string' },
      'restore-jobs': { type: 'string' },
      'token-lifetime': { type: 'string' },
      'rate-limit': { type: 'string' },
      'rate-limiting': { type: 'string' },
      'server-error': { type: 'string' },
      reset: { type: 'string' },
      'slow-body': { type: 'string' },
      'slow-downloads': { type: 'string' },
      'redirect-to-storage': { type: 'string' },
      'large-file': { type: 'string' },
      'malformed-json': { type: 'string' },
      'total-count': { type: 'string' },
      'run-seconds': { type: 'string' },
      'fail-share': { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'public-host': { type: 'string' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const dataset = values.dataset ?? 'demo';
  if (dataset !== 'demo' && dataset !== 'large' && dataset !== 'empty') throw new Error(`--dataset must be demo, large or empty`);
  if ((values['client-id'] === undefined) !== (values['client-secret'] === undefined)) throw new Error('--client-id and --client-secret go together');
  if ((values['public-key'] === undefined) !== (values['private-key'] === undefined)) throw new Error('--public-key and --private-key go together');

  const options: EmulatorOptions = { dataset, quiet: values.quiet ?? false };
  const port = int('port', values.port);
  if (port !== undefined) options.port = port;
  const seed = int('seed', values.seed);
  if (seed !== undefined) options.seed = seed;
  if (values.today !== undefined) options.today = values.today;
  const latency = int('latency', values.latency);
  if (latency !== undefined) options.latencyMs = latency;
  const lifetime = int('token-lifetime', values['token-lifetime'], 1);
  if (lifetime !== undefined) options.tokenLifetimeSeconds = lifetime;
  if (values['client-id'] !== undefined) options.serviceAccounts = [{ clientId: values['client-id'], clientSecret: values['client-secret']! }];
  if (values['public-key'] !== undefined) options.apiKeys = [{ publicKey: values['public-key'], privateKey: values['private-key']! }];
  const large: NonNullable<EmulatorOptions['large']> = {};
  const projects = int('projects', values.projects, 1);
  const clusters = int('clusters', values.clusters, 0);
  const restoreJobs = int('restore-jobs', values['restore-jobs'], 0);
  if (projects !== undefined) large.projects = projects;
  if (clusters !== undefined) large.clusters = clusters;
  if (restoreJobs !== undefined) large.restoreJobs = restoreJobs;
  options.large = large;
  const runSeconds = int('run-seconds', values['run-seconds'], 1);
  const failShare = values['fail-share'];
  if (failShare !== undefined && (runSeconds === undefined || !/^(0(\.\d+)?|1(\.0+)?)$/.test(failShare))) {
    throw new Error(`--fail-share expects a number from 0 to 1 and goes with --run-seconds, got '${failShare}'`);
  }
  if (runSeconds !== undefined) options.runningJobs = { runSeconds, ...(failShare !== undefined ? { failShare: Number(failShare) } : {}) };
  if (values['large-file'] !== undefined) {
    if (dataset !== 'demo') throw new Error('--large-file goes with the demo dataset');
    options.largeFile = { bytes: parseSize('large-file', values['large-file']) };
  }

  if (values['rate-limiting'] !== undefined) options.rateLimit = rateLimiting(values['rate-limiting']);
  if ((values['tls-cert'] === undefined) !== (values['tls-key'] === undefined)) throw new Error('--tls-cert and --tls-key go together');
  if (values['tls-cert'] !== undefined) options.tls = { cert: readFileSync(values['tls-cert'], 'utf8'), key: readFileSync(values['tls-key']!, 'utf8') };
  if (values['public-host'] !== undefined) options.publicHost = values['public-host'];

  const faults: FaultWithMatch[] = [];
  if (values['rate-limit']) {
    const [times, retry] = pair('rate-limit', values['rate-limit']);
    faults.push({ kind: 'rateLimit', times, ...(retry !== undefined ? { retryAfterSeconds: retry } : {}) });
  }
  if (values['server-error']) {
    const [times, status] = pair('server-error', values['server-error']);
    if (status !== undefined && ![500, 502, 503, 504].includes(status)) throw new Error('--server-error status must be 500, 502, 503 or 504');
    faults.push({ kind: 'serverError', times, ...(status !== undefined ? { status: status as 500 | 502 | 503 | 504 } : {}) });
  }
  if (values.reset) faults.push({ kind: 'reset', times: int('reset', values.reset, 1)! });
  if (values['slow-body']) {
    const [times, ms] = pair('slow-body', values['slow-body']);
    faults.push({ kind: 'slowBody', times, ms: ms ?? 1000 });
  }
  if (values['slow-downloads']) {
    const [times, ms] = pair('slow-downloads', values['slow-downloads']);
    faults.push({ kind: 'slowBody', times, ms: ms ?? 1000, match: DOWNLOAD_PREFIX });
  }
  if (values['redirect-to-storage']) faults.push({ kind: 'redirectToStorage', times: int('redirect-to-storage', values['redirect-to-storage'], 1)! });
  if (values['malformed-json']) faults.push({ kind: 'malformedJson', times: int('malformed-json', values['malformed-json'], 1)! });
  if (values['total-count']) {
    const [times, value] = pair('total-count', values['total-count']);
    if (value === undefined) throw new Error('--total-count expects N:VALUE');
    faults.push({ kind: 'totalCount', times, value });
  }

  const started = Date.now();
  const emulator = await startEmulator(options);
  const startupMs = Date.now() - started;
  for (const f of faults) emulator.faults.add(f);

  // First line: the base URL alone.
  process.stdout.write(`${emulator.baseUrl}\n`);
  const c = emulator.store.counts();
  const sa = options.serviceAccounts ? `${options.serviceAccounts[0]!.clientId} / (secret as given)` : `${DEMO_SERVICE_ACCOUNT.clientId} / ${DEMO_SERVICE_ACCOUNT.clientSecret}`;
  const key = options.apiKeys ? `${options.apiKeys[0]!.publicKey} / (private key as given)` : `${DEMO_API_KEY.publicKey} / ${DEMO_API_KEY.privateKey}`;
  const lines = [
    `Atlas emulator (${dataset}, seed ${options.seed ?? 1}, today ${values.today ?? new Date().toISOString().slice(0, 10)}) ready in ${startupMs} ms`,
    `  service account: ${sa}`,
    `  API key (Digest): ${key}`,
    `  ${c.organizations} organizations, ${c.projects} projects, ${c.clusters.dedicated} dedicated clusters, ${c.clusters.serverless} serverless instances, ${c.clusters.flex} flex clusters`,
    `  restore jobs: ${c.restoreJobs.legacy} legacy, ${c.restoreJobs.cloudBackup} cloud backup, ${c.restoreJobs.serverless} serverless, ${c.restoreJobs.flex} flex`,
  ];
  const principal = options.serviceAccounts?.[0]?.clientId ?? DEMO_SERVICE_ACCOUNT.clientId;
  const seen = emulator.countsFor(principal);
  lines.push(`  the service account sees today: ${seen.projects} projects, ${seen.totalClusters} clusters, ${seen.totalRestoreJobs} restore jobs`);
  if (dataset === 'demo') {
    lines.push(`  restricted: "${DEMO.projects.analytics}" is read-only (cloud backup and serverless restore jobs answer 403)`);
    lines.push('  serverless instances are listed until 2026-01-14, their restore jobs served until 2026-01-21 (try --today 2026-01-10)');
  }
  if (options.runningJobs) {
    const { runSeconds: n, failShare: share } = options.runningJobs;
    lines.push(`  running jobs: added restore jobs run ${n} s, then finish${share ? ` (${Math.round(share * 100)}% fail)` : ''}; these settle on their own:`);
    const now = emulator.now().getTime();
    for (const line of movingJobLines(emulator.movingJobs(), now, (g) => emulator.store.project(g)?.name ?? g)) lines.push(`    ${line}`);
  }
  const limit = emulator.rateLimit();
  lines.push(
    limit
      ? `  rate limit: ${limit.capacity} requests per principal and project, ${limit.refillRate} more every ${limit.refillDurationSeconds} s (429 RATE_LIMITED with Retry-After)`
      : '  rate limit: off (RateLimit-* headers reported, not enforced)',
  );
  lines.push(`  storage host (redirected downloads): ${emulator.storageUrl}`);
  if (dataset === 'demo') {
    const where = (j: MarkedJob) => `${emulator.store.project(j.groupId)?.name ?? j.groupId} → ${j.clusterName} · ${j.family} job ${j.jobId}`;
    for (const j of emulator.store.storageRedirectJobs()) lines.push(`    urlV2 redirects there: ${where(j)}`);
    for (const j of emulator.store.largeFileJobs()) lines.push(`  large file (${formatByteSize(j.files[0]?.size ?? 0)}): ${where(j)}, SHA-1 ${j.files[0]?.sha1}`);
  }
  lines.push(`  control: ${emulator.baseUrl}/__emulator/state   (Ctrl+C to stop)`);
  process.stdout.write(`${lines.join('\n')}\n`);

  let closing = false;
  const stop = () => {
    if (closing) return;
    closing = true;
    void emulator.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(`emulator: ${e instanceof Error ? e.message : String(e)}`);
  console.error(USAGE);
  process.exit(2);
});
