import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '../atlas';
import type { AnyRestoreJob } from '../atlas/types';
import { listKey, type PageKeeper } from '../cache/pageCache';
import type { JobRef } from '../jobs/jobRef';
import { readString } from '../jobs/read';
import { isUnreachable, markKept } from './keptJobs';
import { endOfKept, evict, isKeptJob, keptPage, recordPage, type Snapshot } from './snapshot';
import { deleteSnapshots, readSnapshot, snapshotFileName, writeSnapshot, type SnapshotLog } from './snapshotFile';

/** A connection went offline (its rows come from the copy) or came back (Atlas answered again). */
export interface OfflineChange {
  connectionId: string;
  offline: boolean;
}

export interface OfflineCopiesOptions {
  /** Where the files go: `<globalStorage>/offline`. */
  folder: string;
  log: SnapshotLog;
  /** The `offline.keepLastKnown` setting. */
  enabled(): boolean;
  now(): Date;
  /** How long after a list is recorded the file is written; lists recorded meanwhile go with it. */
  writeDelayMs?: number;
  /** Items kept per connection; past that, the lists recorded longest ago go. */
  maxItems?: number;
}

/** A second or two: a tree being expanded records page after page, and they go to disk together. */
const WRITE_DELAY_MS = 1500;
/** As many items as the page cache holds, a few megabytes on disk once stripped. */
const MAX_ITEMS = 10_000;

function connectionOfList(list: string): { connectionId: string; key: string } | undefined {
  const slash = list.indexOf('/');
  if (slash < 0) return undefined;
  try {
    return { connectionId: decodeURIComponent(list.slice(0, slash)), key: list.slice(slash + 1) };
  } catch {
    return undefined;
  }
}

/**
 * The last known lists of every connection, for when Atlas cannot be reached: recorded as the tree loads them
 * (stripped of links and secrets before they are even held), written to one file per connection a moment
 * later, and handed back page by page when a request for a list fails for want of Atlas. Tells who listens
 * when a connection goes offline and when it answers again.
 */
export class OfflineCopies implements PageKeeper {
  private readonly snapshots = new Map<string, Promise<Snapshot>>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly writes = new Map<string, Promise<void>>();
  /** Offline connections, with the time of the oldest list shown from their copy. */
  private readonly offline = new Map<string, Date>();
  private readonly listeners = new Set<(change: OfflineChange) => void>();
  /** Pages recorded already: the tree asks the page cache again for pages it has, and those need no new write. */
  private readonly recorded = new WeakSet<object>();

  constructor(private readonly o: OfflineCopiesOptions) {}

  get folder(): string {
    return this.o.folder;
  }

  fileOf(connectionId: string): string {
    return join(this.o.folder, snapshotFileName(connectionId));
  }

  onDidChange(listener: (change: OfflineChange) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** When the connection's rows come from its copy: the time of the oldest list shown from it. */
  offlineSince(connectionId: string): Date | undefined {
    return this.offline.get(connectionId);
  }

  answered(list: string): void {
    const where = connectionOfList(list);
    if (where) this.cameBack(where.connectionId);
  }

  keep(list: string, page: Page<unknown>): void {
    if (!this.o.enabled() || this.recorded.has(page)) return;
    const where = connectionOfList(list);
    if (!where) return;
    this.recorded.add(page);
    const now = this.o.now();
    const loaded = this.snapshot(where.connectionId);
    void loaded.then((snapshot) => {
      if (!recordPage(snapshot, where.key, page, now)) return;
      evict(snapshot, this.o.maxItems ?? MAX_ITEMS, where.key);
      this.scheduleWrite(where.connectionId);
    });
  }

  async standIn(list: string, pageNum: number, itemsPerPage: number, error: unknown, toEnd = false): Promise<Page<unknown> | undefined> {
    if (!this.o.enabled() || !isUnreachable(error)) return undefined;
    const where = connectionOfList(list);
    if (!where) return undefined;
    const kept = (await this.snapshot(where.connectionId)).lists[where.key];
    if (!kept) return undefined;
    const page = keptPage(kept, pageNum, itemsPerPage) ?? (toEnd && pageNum > 1 ? endOfKept(kept, pageNum, itemsPerPage) : undefined);
    if (!page) return undefined;
    const asOf = new Date(kept.at);
    this.wentOffline(where.connectionId, asOf);
    return { ...page, results: page.results.map((item) => handOut(item, asOf)) };
  }

  /** The kept document of one job, for a details panel that cannot reach Atlas. */
  async findJob(ref: JobRef): Promise<AnyRestoreJob | undefined> {
    if (!this.o.enabled()) return undefined;
    const where = connectionOfList(listKey.jobs(ref.connectionId, ref.groupId, ref.clusterName, ref.family));
    const kept = where && (await this.snapshot(ref.connectionId)).lists[where.key];
    const item = kept?.items.find((i) => isKeptJob(i) && readString((i.job as { id?: unknown }).id) === ref.jobId);
    if (!kept || !item) return undefined;
    const asOf = new Date(kept.at);
    this.wentOffline(ref.connectionId, asOf);
    return handOut(item, asOf) as AnyRestoreJob;
  }

  /** `fetchJob`, answered from the copy when Atlas cannot be reached; an answer from Atlas says it is back. */
  withCopy<A extends unknown[]>(fetchJob: (ref: JobRef, ...rest: A) => Promise<AnyRestoreJob>): (ref: JobRef, ...rest: A) => Promise<AnyRestoreJob> {
    return async (ref, ...rest) => {
      try {
        const job = await fetchJob(ref, ...rest);
        this.cameBack(ref.connectionId);
        return job;
      } catch (error) {
        const copy = isUnreachable(error) ? await this.findJob(ref) : undefined;
        if (!copy) throw error;
        return copy;
      }
    };
  }

  /** A removed connection: its copy is deleted, and nothing of it is kept in memory either. */
  async drop(connectionId: string): Promise<void> {
    this.forgetInMemory(connectionId);
    await this.writes.get(connectionId)?.catch(() => undefined);
    await rm(this.fileOf(connectionId), { force: true });
    this.o.log.info(`Offline copy: deleted the copy of connection ${snapshotFileName(connectionId)}`);
  }

  /** The setting was changed: turned off, every copy is deleted and no connection shows one any more. */
  async settingChanged(): Promise<void> {
    if (this.o.enabled()) return;
    const ids = new Set([...this.snapshots.keys(), ...this.offline.keys()]);
    for (const id of ids) this.forgetInMemory(id);
    await Promise.all([...this.writes.values()].map((w) => w.catch(() => undefined)));
    const deleted = await deleteSnapshots(this.o.folder);
    if (deleted.length > 0) this.o.log.info(`Offline copy: turned off, ${deleted.length} file(s) deleted`);
  }

  /** Deletes the copies of connections that are gone (removed in another window, say), or all when turned off. */
  async prune(connectionIds: readonly string[]): Promise<void> {
    const deleted = await deleteSnapshots(this.o.folder, this.o.enabled() ? connectionIds : []);
    if (deleted.length > 0) this.o.log.info(`Offline copy: deleted ${deleted.length} file(s) of connections that are gone`);
  }

  /** Writes what is waiting now (deactivation; tests). */
  async flush(): Promise<void> {
    for (const [id, timer] of [...this.timers]) {
      clearTimeout(timer);
      this.timers.delete(id);
      void this.write(id);
    }
    await Promise.all([...this.writes.values()].map((w) => w.catch(() => undefined)));
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.listeners.clear();
  }

  private snapshot(connectionId: string): Promise<Snapshot> {
    let loaded = this.snapshots.get(connectionId);
    if (!loaded) {
      loaded = readSnapshot(this.fileOf(connectionId), this.o.log);
      this.snapshots.set(connectionId, loaded);
    }
    return loaded;
  }

  private forgetInMemory(connectionId: string): void {
    this.snapshots.delete(connectionId);
    const timer = this.timers.get(connectionId);
    if (timer) clearTimeout(timer);
    this.timers.delete(connectionId);
    this.cameBack(connectionId);
  }

  private scheduleWrite(connectionId: string): void {
    if (this.timers.has(connectionId)) return;
    const timer = setTimeout(() => {
      this.timers.delete(connectionId);
      void this.write(connectionId);
    }, this.o.writeDelayMs ?? WRITE_DELAY_MS);
    timer.unref?.();
    this.timers.set(connectionId, timer);
  }

  /** One write at a time per connection; a snapshot dropped or turned off meanwhile is not written. */
  private write(connectionId: string): Promise<void> {
    const current = this.snapshots.get(connectionId);
    const previous = this.writes.get(connectionId) ?? Promise.resolve();
    const next = previous.then(async () => {
      if (!current || !this.o.enabled() || this.snapshots.get(connectionId) !== current) return;
      const snapshot = await current;
      snapshot.savedAt = this.o.now().toISOString();
      const lists = Object.keys(snapshot.lists).length;
      await writeSnapshot(this.o.folder, this.fileOf(connectionId), snapshot);
      this.o.log.info(`Offline copy: saved ${lists} list(s) of connection ${snapshotFileName(connectionId)}`);
    });
    const settled = next.catch((error) => this.o.log.warn(`Offline copy: could not save (${String(error)})`));
    this.writes.set(connectionId, settled);
    void settled.finally(() => {
      if (this.writes.get(connectionId) === settled) this.writes.delete(connectionId);
    });
    return settled;
  }

  private wentOffline(connectionId: string, asOf: Date): void {
    const since = this.offline.get(connectionId);
    if (since && since.getTime() <= asOf.getTime()) return;
    this.offline.set(connectionId, asOf);
    this.fire({ connectionId, offline: true });
  }

  private cameBack(connectionId: string): void {
    if (!this.offline.delete(connectionId)) return;
    this.fire({ connectionId, offline: false });
  }

  private fire(change: OfflineChange): void {
    for (const listener of [...this.listeners]) listener(change);
  }
}

/** An item of a kept list as the tree gets it: a job as `{ family, job }`, its document marked as kept. */
function handOut(item: unknown, asOf: Date): unknown {
  if (!isKeptJob(item)) return item;
  markKept(item.job as AnyRestoreJob['job'], { asOf, status: item.status });
  return { family: item.family, job: item.job };
}
