import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { KeptList, Snapshot } from './snapshot';

/**
 * The copies on disk: one file per connection, `<folder>/<hash of its id>.json`. Named by a hash so that a
 * connection id (which may hold a label a person typed) is not spelt out on disk, and no id can reach
 * outside the folder.
 */

/** Written into every file; a file of any other format is from another version and is not read. */
export const SNAPSHOT_FORMAT = 1;

const SUFFIX = '.json';
const TEMP = '.tmp';

export interface SnapshotLog {
  info(message: string): void;
  warn(message: string): void;
}

export function snapshotFileName(connectionId: string): string {
  return `${createHash('sha256').update(connectionId).digest('hex').slice(0, 32)}${SUFFIX}`;
}

function isList(value: unknown): value is KeptList {
  if (typeof value !== 'object' || value === null) return false;
  const l = value as Partial<KeptList>;
  return (
    typeof l.at === 'string' &&
    !Number.isNaN(Date.parse(l.at)) &&
    Number.isInteger(l.itemsPerPage) &&
    l.itemsPerPage! > 0 &&
    (l.totalCount === undefined || (Number.isInteger(l.totalCount) && l.totalCount >= 0)) &&
    Array.isArray(l.items)
  );
}

/** The snapshot a file's text holds, or why it is not one. */
export function parseSnapshot(text: string): Snapshot | { problem: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { problem: 'not JSON' };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { problem: 'not an object' };
  const d = data as { format?: unknown; savedAt?: unknown; lists?: unknown };
  if (d.format !== SNAPSHOT_FORMAT) return { problem: `format ${JSON.stringify(d.format) ?? 'missing'}, not ${SNAPSHOT_FORMAT}` };
  if (typeof d.savedAt !== 'string' || Number.isNaN(Date.parse(d.savedAt))) return { problem: 'no savedAt' };
  if (typeof d.lists !== 'object' || d.lists === null || Array.isArray(d.lists)) return { problem: 'no lists' };
  const lists: Record<string, KeptList> = {};
  for (const [key, list] of Object.entries(d.lists)) {
    if (!isList(list)) return { problem: `list ${JSON.stringify(key)} is not a list` };
    lists[key] = list;
  }
  return { savedAt: d.savedAt, lists };
}

/**
 * The snapshot in `file`; an empty one when there is none yet, and when what is there cannot be read (bad
 * JSON, another shape, an older format): that file is left for the next write to replace, and only logged.
 */
export async function readSnapshot(file: string, log: SnapshotLog): Promise<Snapshot> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') log.warn(`Offline copy: could not read ${file} (${String(error)}); starting a new one`);
    return { lists: {} };
  }
  const parsed = parseSnapshot(text);
  if ('problem' in parsed) {
    log.warn(`Offline copy: ignored ${file} (${parsed.problem}); the next save replaces it`);
    return { lists: {} };
  }
  return parsed;
}

let tempCount = 0;

/** Writes the snapshot whole or not at all: to a file of its own first, then renamed over the old one. */
export async function writeSnapshot(folder: string, file: string, snapshot: Snapshot): Promise<void> {
  await mkdir(folder, { recursive: true });
  const text = JSON.stringify({ format: SNAPSHOT_FORMAT, savedAt: snapshot.savedAt, lists: snapshot.lists });
  const temp = `${file}.${process.pid}.${++tempCount}${TEMP}`;
  try {
    await writeFile(temp, text, { encoding: 'utf8', mode: 0o600 });
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Deletes the copies in `folder` but those of `keep` (connection ids), and any write left half done. */
export async function deleteSnapshots(folder: string, keep: readonly string[] = []): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return [];
  }
  const kept = new Set(keep.map(snapshotFileName));
  const doomed = names.filter((n) => (n.endsWith(SUFFIX) && !kept.has(n)) || n.endsWith(TEMP));
  await Promise.all(doomed.map((n) => rm(join(folder, n), { force: true })));
  return doomed;
}
