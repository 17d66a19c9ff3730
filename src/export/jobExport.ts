import type { AnyRestoreJob } from '../atlas/types';
import { jobFacts } from '../jobs/facts';
import { linkCount } from '../jobs/delivery';
import { deliveryKindText, statusLabel } from '../jobs/labels';
import { maskedDocument } from '../jobs/masking';

/** One job to export, with where it lives (the row's context in the tree). */
export interface ExportRow {
  connection: string;
  projectName: string;
  groupId: string;
  clusterName: string;
  job: AnyRestoreJob;
}

const COLUMNS = [
  'connection',
  'project',
  'projectId',
  'cluster',
  'family',
  'jobId',
  'requested',
  'status',
  'atlasStatus',
  'delivery',
  'finished',
  'expires',
  'links',
  'snapshotId',
  'batchId',
  'targetCluster',
  'targetProjectId',
] as const;

function iso(d: Date | undefined): string {
  return d ? d.toISOString() : '';
}

/**
 * A CSV field: quoted when it holds a separator, quote or line break; and a leading = + - @ (or tab,
 * carriage return) is made inert with a quote mark, so a spreadsheet never runs a value from Atlas as a formula.
 */
export function csvField(value: string): string {
  const inert = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(inert) ? `"${inert.replace(/"/g, '""')}"` : inert;
}

/** The row's columns as the tree shows them, times in ISO 8601 UTC; one line per job, CRLF as RFC 4180 has it. */
export function jobsCsv(rows: readonly ExportRow[], now: Date): string {
  const lines = [COLUMNS.join(',')];
  for (const r of rows) {
    const f = jobFacts(r.job, now);
    const links = linkCount(f.delivery);
    const values: Record<(typeof COLUMNS)[number], string> = {
      connection: r.connection,
      project: r.projectName,
      projectId: r.groupId,
      cluster: r.clusterName,
      family: f.family,
      jobId: f.id,
      requested: iso(f.requestedAt),
      status: statusLabel(f.status),
      atlasStatus: f.atlasStatus,
      delivery: deliveryKindText(f),
      finished: iso(f.finishedAt),
      expires: iso(f.delivery.expiresAt),
      links: String(links.public + links.private),
      snapshotId: f.snapshotId ?? '',
      batchId: f.batchId ?? '',
      targetCluster: f.targetClusterName ?? '',
      targetProjectId: f.targetProjectId ?? '',
    };
    lines.push(COLUMNS.map((c) => csvField(values[c])).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** The full documents with where each lives; `authValue` masked, since the file leaves VS Code's keeping. */
export function jobsJson(rows: readonly ExportRow[], exportedAt: Date): string {
  const jobs = rows.map((r) => ({
    connection: r.connection,
    project: r.projectName,
    projectId: r.groupId,
    cluster: r.clusterName,
    family: r.job.family,
    job: maskedDocument(r.job.job, false),
  }));
  return `${JSON.stringify({ exportedAt: exportedAt.toISOString(), count: jobs.length, jobs }, null, 2)}\n`;
}
