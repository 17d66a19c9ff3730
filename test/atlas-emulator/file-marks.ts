/**
 * Restore jobs whose download files are special: a given size (the `largeFile` option) or a `urlV2`
 * that the backup daemon hands off to the storage host. Marked by place in a cluster's list before the
 * jobs are generated, so the same jobs are special for every seed and "today"; remembered by job id
 * afterwards, so a job moved to another state (job-states.ts) keeps its kind of file.
 */
import type { RestoreFamily } from './job-factory';

export interface FileMark {
  /** Every file of the job has this many bytes instead of the dataset's few KiB. */
  bytes?: number;
  /** The job's legacy `urlV2` answers 302 to a presigned URL on the storage host. */
  storageRedirect?: boolean;
}

/** A marked job as generated: where it is, and its files (one per part) with what tests check. */
export interface MarkedJob {
  family: RestoreFamily;
  groupId: string;
  clusterName: string;
  /** Its place in the cluster's list of that family when generated (newest first). */
  index: number;
  jobId: string;
  mark: FileMark;
  files: { part: string; fileName: string; size: number; sha1: string }[];
}

/** Largest file the generator addresses (fileChunks counts 4-byte words in 32 bits). */
export const MAX_FILE_BYTES = 16 * 1024 ** 3 - 4;

export function checkMark(mark: FileMark): void {
  if (mark.bytes !== undefined && !(Number.isSafeInteger(mark.bytes) && mark.bytes >= 1 && mark.bytes <= MAX_FILE_BYTES)) {
    throw new Error(`a file's size must be a whole number of bytes from 1 to ${MAX_FILE_BYTES}, got ${mark.bytes}`);
  }
}

export class FileMarks {
  private readonly byPlace = new Map<string, { place: Place; mark: FileMark }>();
  private readonly byJob = new Map<string, FileMark>();

  add(place: Place, mark: FileMark): void {
    checkMark(mark);
    const k = placeKey(place);
    const merged = { ...this.byPlace.get(k)?.mark, ...mark };
    this.byPlace.set(k, { place: { ...place }, mark: merged });
  }

  /** The mark for the job about to be built at `place`, remembered under its id once it has one. */
  forPlace(place: Place): FileMark | undefined {
    return this.byPlace.get(placeKey(place))?.mark;
  }

  remember(jobId: string, mark: FileMark): void {
    this.byJob.set(jobId, mark);
  }

  forJob(jobId: string): FileMark | undefined {
    return this.byJob.get(jobId);
  }

  places(): { place: Place; mark: FileMark }[] {
    return [...this.byPlace.values()];
  }
}

export interface Place {
  groupId: string;
  clusterName: string;
  family: RestoreFamily;
  index: number;
}

function placeKey(p: Place): string {
  return [p.groupId, p.clusterName, p.family, String(p.index)].join('\u0000');
}
