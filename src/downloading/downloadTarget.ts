import * as vscode from 'vscode';
import type { JobDownloads, PlannedFile } from '../jobs/downloadPlan';

/** What one Download command fetches, and how to speak of it. */
export interface DownloadTarget {
  /** Names it in the progress notification, e.g. "restore job 65f0…c9d0" or "sharded restore of prod (3 jobs)". */
  title: string;
  plan: JobDownloads;
  /** The cluster's Backup page in Atlas: where a fresh link comes from when this one expired. */
  atlasUrl?: string;
  /** Said when Atlas publishes no hash to check a file against. */
  noHashReason: string;
}

/** Why a file could not be checked, in the words of its family. */
export function noHashReason(plan: JobDownloads, familyText: string): string {
  return plan.publishesHashes
    ? vscode.l10n.t('Atlas published no SHA-1 for this file name, so it could not be verified.')
    : vscode.l10n.t('Atlas publishes no checksums for {0} restores, so there is nothing to verify it against.', familyText);
}

/** The same target with fewer files (a retry of the ones that failed). */
export function withFiles(target: DownloadTarget, files: PlannedFile[]): DownloadTarget {
  const { blocked: _blocked, skipped: _skipped, ...plan } = target.plan;
  return { ...target, plan: { ...plan, files } };
}
