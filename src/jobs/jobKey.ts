/** What names one job wherever it is shown: a JobRef's fields but the labels. */
export interface JobIdentity {
  connectionId: string;
  family: string;
  groupId: string;
  clusterName: string;
  jobId: string;
}

/**
 * One panel per job: the key leaves out the labels, which may change without the job changing. Apart from
 * jobRef.ts, and typed by the fields it reads (any JobRef has them), so that the details page's script tells
 * two jobs apart the same way without bundling what jobRef.ts reads refs with.
 */
export function jobKey<R extends JobIdentity>(ref: R): string {
  return JSON.stringify([ref.connectionId, ref.family, ref.groupId, ref.clusterName, ref.jobId]);
}
