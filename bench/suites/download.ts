/**
 * Downloading a restore's file (issue #10): the emulator's large demo files (1 GiB by default) fetched
 * over 127.0.0.1 by curl and by `downloadFile` (src/download) in a child process, the SHA-1 that
 * downloadFile computes while streaming priced on its own, and the child's peak memory.
 *
 * Links: the legacy job's `urlV2` with its auth header (the daemon serves it), the cloud backup job's
 * S3 link, and the legacy link handed off to the storage host (302, fault `redirectToStorage`) —
 * where curl -L sends its -H header on to the storage host, which refuses it, and downloadFile does not.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createHash } from 'node:crypto';
import type { CloudBackupRestoreJob, LegacyRestoreJob } from '../../src/atlas/types';
import { startEmulator, type RunningEmulator } from '../../test/atlas-emulator';
import { formatByteSize } from '../../test/atlas-emulator/byte-size';
import { fileChunks, parseDownloadPath } from '../../test/atlas-emulator/downloads';
import { curlVersion, runCurl, runDownloadFile } from '../lib/downloadRunners';
import { spread, type Spread } from '../lib/stats';
import { ms, range, ratio, table } from '../lib/table';

type Client = 'curl' | 'downloadFile';

interface Link {
  name: string;
  url: string;
  header?: { name: string; value: string };
  sha1: string;
  /** Answered 302 to the storage host; `status` the answers the emulator must log per run. */
  viaStorage: boolean;
}

export interface DownloadRow {
  link: string;
  client: Client;
  /** Milliseconds per kept run (curl's time_total; downloadFile timed inside its process). */
  samples: number[];
  ms?: Spread;
  mbPerSecond?: number;
  /** This row's MB/s over curl's on the same link. */
  vsCurl?: number;
  /** The client process's CPU time (user + system) per run, median. */
  cpuMs?: number;
  /** Peak RSS growth of the child during the download, MiB, median and max over runs. */
  rssGrowthMiB?: { median: number; max: number };
  /** What was checked, or why there is no number. */
  note: string;
}

export interface DownloadResult {
  fileBytes: number;
  curl: string | null;
  /** startEmulator with largeFile: generates and SHA-1-hashes both large files. */
  emulatorStartMs: number;
  /** node:crypto SHA-1 over the file's bytes in this process: only the update() calls timed. */
  sha1: { ms: number; mbPerSecond: number; shareOfDownload: number };
  /** Producing the same bytes (the emulator's cost of serving them), same loop. */
  generator: { ms: number; mbPerSecond: number };
  rows: DownloadRow[];
}

const MB = 1e6;
const mbps = (bytes: number, millis: number) => bytes / MB / (millis / 1000);

function links(emulator: RunningEmulator): { direct: Link; s3: Link; storage: Link } {
  const [legacy, cloud] = [emulator.store.largeFileJobs().find((j) => j.family === 'legacy')!, emulator.store.largeFileJobs().find((j) => j.family === 'cloudBackup')!];
  const lj = emulator.store.restoreJob(legacy.groupId, legacy.clusterName, 'legacy', legacy.jobId) as LegacyRestoreJob;
  const cj = emulator.store.restoreJob(cloud.groupId, cloud.clusterName, 'cloudBackup', cloud.jobId) as CloudBackupRestoreJob;
  const header = { name: lj.delivery.authHeader!, value: lj.delivery.authValue! };
  const sha1 = lj.hashes![0]!.hash!;
  return {
    direct: { name: 'legacy urlV2 + auth header (daemon serves)', url: lj.delivery.urlV2!, header, sha1, viaStorage: false },
    s3: { name: 'cloud backup S3 link', url: cj.deliveryUrl![0]!, sha1: cloud.files[0]!.sha1, viaStorage: false },
    storage: { name: 'legacy urlV2 → 302 → storage host', url: lj.delivery.urlV2!, header, sha1, viaStorage: true },
  };
}

/** What the emulator logged for one run must be the clean transfer, or the number means nothing. */
function checkLog(emulator: RunningEmulator, link: Link, client: Client): void {
  const seen = emulator.requests.map((r) => `${r.server} ${r.status}${r.authHeaderPresent ? ' +auth' : ''}`);
  const expected = link.viaStorage
    ? [`main 302 +auth`, client === 'curl' ? 'storage 400 +auth' : 'storage 200']
    : [`main 200${link.header ? ' +auth' : ''}`];
  if (seen.join(', ') !== expected.join(', ')) throw new Error(`${client} on ${link.name}: the emulator saw ${seen.join(', ')}, expected ${expected.join(', ')}`);
}

function sha1Cost(bytes: number, emulator: RunningEmulator, url: string): { sha1Ms: number; genMs: number } {
  const key = parseDownloadPath(new URL(url).pathname)!.key;
  const hash = createHash('sha1');
  let sha1Ms = 0;
  const began = performance.now();
  for (const chunk of fileChunks(1, key, 0, bytes)) {
    const t = performance.now();
    hash.update(chunk);
    sha1Ms += performance.now() - t;
  }
  const total = performance.now() - began;
  const expected = emulator.store.largeFileJobs().find((j) => j.jobId === key.jobId)!.files[0]!.sha1;
  if (hash.digest('hex') !== expected) throw new Error('the SHA-1 over the generated bytes is not the file’s');
  return { sha1Ms, genMs: total - sha1Ms };
}

export async function runDownload(opts: { runs: number; bytes: number }): Promise<DownloadResult> {
  const curl = await curlVersion();
  const t0 = performance.now();
  const emulator = await startEmulator({ largeFile: { bytes: opts.bytes }, quiet: true });
  const emulatorStartMs = performance.now() - t0;
  const folder = mkdtempSync(join(tmpdir(), 'atlas-bench-download-'));
  const rows: DownloadRow[] = [];
  try {
    const all = links(emulator);
    for (const link of [all.direct, all.s3, all.storage]) {
      const curlMs: number[] = [];
      const curlCpu: number[] = [];
      const ours: { ms: number; rssMiB: number; cpuMs: number }[] = [];
      let curlNote = curl ? `${formatByteSize(opts.bytes)}, 200` : 'curl not found: no comparison';
      const fresh = () => {
        emulator.clearRequests();
        emulator.faults.clear();
        if (link.viaStorage) emulator.faults.add({ kind: 'redirectToStorage', times: 1 });
      };
      const curlOnce = async () => {
        fresh();
        const c = await runCurl(link.url, join(folder, 'curl.out'), { ...(link.header ? { header: link.header } : {}), follow: link.viaStorage });
        checkLog(emulator, link, 'curl');
        if (!link.viaStorage && (c.status !== 200 || c.bytes !== opts.bytes)) throw new Error(`curl on ${link.name}: ${c.status}, ${c.bytes} bytes`);
        return c;
      };
      const oursOnce = async () => {
        fresh();
        const r = await runDownloadFile({ url: link.url, ...(link.header ? { authHeader: link.header, expectedSha1: link.sha1 } : {}), folder, fileName: 'restore.tar.gz' });
        checkLog(emulator, link, 'downloadFile');
        if (r.bytes !== opts.bytes || r.sha1 !== link.sha1 || r.resumedTimes + r.restartedTimes > 0) {
          throw new Error(`downloadFile on ${link.name}: ${r.bytes} bytes, SHA-1 ${r.sha1}, resumed ${r.resumedTimes}, restarted ${r.restartedTimes}`);
        }
        return { ms: r.ms, rssMiB: (r.maxRssAfterKiB - r.maxRssBeforeKiB) / 1024, cpuMs: r.cpuMs };
      };
      // One unmeasured curl run first: the page cache and the emulator's JIT warm up.
      if (curl && link === all.direct) await curlOnce();
      // Through the storage host curl can only fail (it sends -H on every hop): once, to show it.
      if (curl && link.viaStorage) curlNote = `refused ${(await curlOnce()).status}: curl -L sends -H to the storage host too`;
      for (let i = 0; i < opts.runs; i++) {
        if (curl && !link.viaStorage) {
          const c = await curlOnce();
          curlMs.push(c.ms);
          if (c.cpuMs !== undefined) curlCpu.push(c.cpuMs);
        }
        ours.push(await oursOnce());
      }
      emulator.faults.clear();
      const curlRow: DownloadRow = { link: link.name, client: 'curl', samples: curlMs, note: curlNote };
      if (curlMs.length > 0) {
        curlRow.ms = spread(curlMs);
        curlRow.mbPerSecond = mbps(opts.bytes, curlRow.ms.median);
        if (curlCpu.length > 0) curlRow.cpuMs = spread(curlCpu).median;
      }
      const oursMs = ours.map((o) => o.ms);
      const rss = spread(ours.map((o) => o.rssMiB));
      const ourRow: DownloadRow = {
        link: link.name,
        client: 'downloadFile',
        samples: oursMs,
        ms: spread(oursMs),
        mbPerSecond: mbps(opts.bytes, spread(oursMs).median),
        rssGrowthMiB: { median: rss.median, max: rss.max },
        cpuMs: spread(ours.map((o) => o.cpuMs)).median,
        note: link.header ? 'SHA-1 = hashes[0] (verified: match)' : 'SHA-1 = the file’s (no hash to verify)',
      };
      if (curlRow.mbPerSecond !== undefined) ourRow.vsCurl = ourRow.mbPerSecond! / curlRow.mbPerSecond;
      rows.push(curlRow, ourRow);
    }
    const cost = sha1Cost(opts.bytes, emulator, all.direct.url);
    const oursDirect = rows.find((r) => r.client === 'downloadFile')!.ms!.median;
    return {
      fileBytes: opts.bytes,
      curl: curl ?? null,
      emulatorStartMs,
      sha1: { ms: cost.sha1Ms, mbPerSecond: mbps(opts.bytes, cost.sha1Ms), shareOfDownload: cost.sha1Ms / oursDirect },
      generator: { ms: cost.genMs, mbPerSecond: mbps(opts.bytes, cost.genMs) },
      rows,
    };
  } finally {
    rmSync(folder, { recursive: true, force: true });
    await emulator.close();
  }
}

export function downloadCaption(r: { fileBytes: number }): string {
  return `Download: a ${formatByteSize(r.fileBytes)} restore file over 127.0.0.1, curl vs downloadFile (src/download) in a child process`;
}

export function downloadTables(r: DownloadResult): string {
  const transfers = table(
    [
      { title: 'link' },
      { title: 'client' },
      { title: 'median ms', align: 'right' },
      { title: 'min–max ms', align: 'right' },
      { title: 'MB/s', align: 'right' },
      { title: 'vs curl', align: 'right' },
      { title: 'client CPU ms', align: 'right' },
      { title: 'peak RSS growth', align: 'right' },
      { title: 'checked' },
    ],
    r.rows.map((row) => [
      row.link,
      row.client,
      row.ms ? ms(row.ms.median) : '—',
      row.ms ? range(row.ms) : '—',
      row.mbPerSecond !== undefined ? row.mbPerSecond.toFixed(0) : '—',
      row.vsCurl !== undefined ? ratio(row.vsCurl) : '',
      row.cpuMs !== undefined ? ms(row.cpuMs) : '',
      row.rssGrowthMiB ? `${row.rssGrowthMiB.median.toFixed(1)} MiB (max ${row.rssGrowthMiB.max.toFixed(1)})` : '',
      row.note,
    ]),
  );
  const costs = table(
    [{ title: 'in the benchmark process, same bytes' }, { title: 'ms', align: 'right' }, { title: 'MB/s', align: 'right' }, { title: 'share of downloadFile’s time', align: 'right' }],
    [
      ['SHA-1 (node:crypto, 64 KiB updates)', ms(r.sha1.ms), r.sha1.mbPerSecond.toFixed(0), `${(r.sha1.shareOfDownload * 100).toFixed(0)} % of the urlV2 median`],
      ['making the bytes: slices of the file’s first MiB (the emulator’s cost before its socket writes)', ms(r.generator.ms), r.generator.mbPerSecond.toFixed(0), ''],
      [`emulator start-up, SHA-1 of both ${formatByteSize(r.fileBytes)} files`, ms(r.emulatorStartMs), '', ''],
    ],
  );
  const who = r.curl ? `${r.curl}: time_total, no start-up` : 'curl: not found on this machine';
  return `${transfers}\n\n${costs}\n\nMB/s = 10⁶ bytes per second. ${who}; downloadFile: timed inside a fresh node process (writes a .part, hashes, renames). Client CPU: user + system time of the client's process (curl: bash's times; downloadFile: process.cpuUsage around the call), median. Peak RSS growth: the child's resourceUsage().maxRSS after the download minus before it.`;
}
