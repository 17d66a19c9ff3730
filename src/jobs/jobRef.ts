import type { RestoreJobFamily } from '../atlas/types';
import { shortId } from '../format/time';
import { isRestoreJobFamily } from './families';

/**
 * Names one restore job and where it lives. It is all the panel needs to fetch the job again,
 * so it is what the page keeps in its webview state for restoring panels after a reload.
 * It holds no secret: ids, names and the connection's label only.
 */
export interface JobRef {
  connectionId: string;
  connectionLabel: string;
  family: RestoreJobFamily;
  groupId: string;
  projectName?: string;
  clusterName: string;
  jobId: string;
}

/** Where a job lives, as the tree knows it: its connection, project and cluster. */
export interface JobPlace {
  connection: { id: string; label: string };
  groupId: string;
  projectName?: string;
  clusterName: string;
}

export function jobRefAt(place: JobPlace, family: RestoreJobFamily, jobId: string): JobRef {
  const ref: JobRef = {
    connectionId: place.connection.id,
    connectionLabel: place.connection.label,
    family,
    groupId: place.groupId,
    clusterName: place.clusterName,
    jobId,
  };
  if (place.projectName !== undefined) ref.projectName = place.projectName;
  return ref;
}

export { jobKey } from './jobKey';

/** "6f3a…0c21", as the tree shortens ids. */
export const shortJobId = shortId;

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= 512;
}

/**
 * Webview state comes back from disk after a reload and was written by page code, so it is
 * checked field by field and copied, never trusted as it is.
 */
export function parseJobRef(value: unknown): JobRef | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (
    !isNonEmptyString(v.connectionId) ||
    typeof v.connectionLabel !== 'string' ||
    !isRestoreJobFamily(v.family) ||
    !isNonEmptyString(v.groupId) ||
    !isNonEmptyString(v.clusterName) ||
    !isNonEmptyString(v.jobId) ||
    (v.projectName !== undefined && typeof v.projectName !== 'string')
  ) {
    return undefined;
  }
  const ref: JobRef = {
    connectionId: v.connectionId,
    connectionLabel: v.connectionLabel,
    family: v.family,
    groupId: v.groupId,
    clusterName: v.clusterName,
    jobId: v.jobId,
  };
  if (typeof v.projectName === 'string') ref.projectName = v.projectName;
  return ref;
}
