// What the offline tests share: the emulator's demo data read through the page cache as the tree reads it,
// and every secret and link that data holds, to look for in what was written to disk.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AtlasClient, collectAll, type AtlasClientOptions, type Page, type PageOptions } from '../../../src/atlas';
import type { RestoreJobFamily } from '../../../src/atlas/types';
import { listKey, PageCache } from '../../../src/cache/pageCache';
import { CLUSTER_KINDS, listJobsOfFamily, type ClusterKind } from '../../../src/jobs/families';
import { OfflineCopies, type OfflineCopiesOptions } from '../../../src/offline/offlineCopies';
import { DEMO_SERVICE_ACCOUNT, KIND_OF_FAMILY, type RunningEmulator } from '../../atlas-emulator';
export { demoSecrets, filesUnder } from '../../support/offlineScan';

export const KEEP = { keep: true };
export const FAMILIES: RestoreJobFamily[] = ['legacy', 'cloudBackup', 'serverless', 'flex'];
/** Before 2026-01-15, while Atlas still lists serverless instances, so that all four families answer. */
export const BEFORE_SERVERLESS_END = '2026-01-10T12:00:00Z';

/** Every connection to the emulator dropped, each request's retries too: Atlas as a network that is down. */
export const CUT_OFF = { kind: 'reset', times: 100_000 } as const;

/** The connection id the offline tests keep their copy under. */
export const CONNECTION = 'acme';

export function client(emulator: RunningEmulator, options: { timeoutMs?: number; retry?: AtlasClientOptions['retry'] } = {}): AtlasClient {
  return new AtlasClient({
    baseUrl: emulator.baseUrl,
    credentials: { kind: 'serviceAccount', ...DEMO_SERVICE_ACCOUNT },
    timeoutMs: options.timeoutMs ?? 5_000,
    // One attempt unless asked: a test that makes Atlas unreachable need not wait through backoffs.
    retry: options.retry ?? { maxRetries: 0 },
  });
}

/** What the log got, line by line. */
export function captureLog(): { lines: string[]; info(m: string): void; warn(m: string): void } {
  const lines: string[] = [];
  return { lines, info: (m) => lines.push(`info ${m}`), warn: (m) => lines.push(`warn ${m}`) };
}

export function tempFolder(): { folder: string; remove(): void } {
  const folder = mkdtempSync(join(tmpdir(), 'atlas-offline-'));
  return { folder: join(folder, 'offline'), remove: () => rmSync(folder, { recursive: true, force: true }) };
}

export function copies(folder: string, o: Partial<OfflineCopiesOptions> = {}): OfflineCopies {
  return new OfflineCopies({ folder, log: captureLog(), enabled: () => true, now: () => new Date(), writeDelayMs: 20, ...o });
}

/**
 * Reads what the tree would show of every project the demo principal reaches, through `pages` as the tree
 * asks for its lists: projects, the clusters of each kind, every page of every family's jobs of each cluster.
 */
export async function loadEverything(c: AtlasClient, pages: PageCache, connectionId: string, pageSize = 100): Promise<number> {
  let lists = 0;
  const all = async <T>(key: string, fetch: (p: PageOptions) => Promise<Page<T>>) => {
    const items = await collectAll(c.allPages((p) => pages.page(key, p.pageNum ?? 1, p.itemsPerPage ?? pageSize, () => fetch(p), KEEP), { itemsPerPage: pageSize }));
    lists++;
    return items;
  };
  const projects = await all(listKey.projects(connectionId), (p) => c.listProjects(p));
  for (const project of projects) {
    const groupId = project.id!;
    for (const kind of Object.keys(CLUSTER_KINDS) as ClusterKind[]) {
      let clusters: { name?: string }[];
      try {
        clusters = (await all(listKey.clusters(connectionId, groupId, kind), (p) => CLUSTER_KINDS[kind].listClusters(c, groupId, p))) as { name?: string }[];
      } catch {
        continue; // a project this principal may not read
      }
      for (const cluster of clusters) {
        for (const family of FAMILIES.filter((f) => KIND_OF_FAMILY[f] === kind)) {
          await all(listKey.jobs(connectionId, groupId, cluster.name!, family), (p) => listJobsOfFamily(c, family, groupId, cluster.name!, p)).catch(() => []);
        }
      }
    }
  }
  return lists;
}

/** The secrets of `secrets` that occur in `text`, and the marks of a link or a signature. */
export function leaks(text: string, secrets: readonly string[]): string[] {
  const marks = ['http', '://', 'X-Amz', 'Signature', 'signature=', '__downloads', DEMO_SERVICE_ACCOUNT.clientSecret];
  return [...marks, ...secrets].filter((s) => text.includes(s));
}
