import * as vscode from 'vscode';
import type { AnyRestoreJob } from '../atlas/types';
import type { ConnectionInfo } from '../connections/model';
import { displayText } from '../format/text';
import { shortId } from '../format/time';
import { batchDownloads, jobDownloads } from '../jobs/downloadPlan';
import { jobFacts, type JobFacts } from '../jobs/facts';
import { familyLabel } from '../jobs/families';
import type { JobRef } from '../jobs/jobRef';
import { clusterBackupWebUrl } from '../ui/atlasWebUrls';
import { noHashReason, type DownloadTarget } from './downloadTarget';

function familyText(facts: JobFacts): string {
  return familyLabel(facts.family).toLocaleLowerCase();
}

/** One job's files (all, or the link at `which`). */
export function jobTarget(ref: Pick<JobRef, 'groupId' | 'clusterName'>, connection: ConnectionInfo | undefined, job: AnyRestoreJob, now: Date, which?: number): DownloadTarget {
  const facts = jobFacts(job, now);
  const plan = jobDownloads(facts, which);
  return {
    title: vscode.l10n.t('restore job {0}', displayText(shortId(facts.id), 40)),
    plan,
    ...(connection ? { atlasUrl: clusterBackupWebUrl(connection.baseUrl, ref.groupId, ref.clusterName) } : {}),
    noHashReason: noHashReason(plan, familyText(facts)),
  };
}

/** Every job of a sharded restore: one file per shard and one for the config server. */
export function batchTarget(
  where: { groupId: string; clusterName: string },
  connection: ConnectionInfo | undefined,
  jobs: readonly AnyRestoreJob[],
  now: Date,
): DownloadTarget {
  const facts = jobs.map((j) => jobFacts(j, now));
  const plan = batchDownloads(facts);
  return {
    title: vscode.l10n.t('sharded restore of {0} ({1} jobs)', displayText(where.clusterName, 60), jobs.length),
    plan,
    ...(connection ? { atlasUrl: clusterBackupWebUrl(connection.baseUrl, where.groupId, where.clusterName) } : {}),
    noHashReason: noHashReason(plan, vscode.l10n.t('legacy backup')),
  };
}
