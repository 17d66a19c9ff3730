import type * as vscode from 'vscode';
import type { AnyRestoreJob } from '../atlas/types';
import type { Settings } from '../config/settings';
import type { JobRef } from '../jobs/jobRef';
import type { Log } from '../logging/log';
import type { JobSource } from './jobSource';

/** What a panel needs from the extension, passed in rather than reached for, as the tree's services are. */
export interface PanelServices {
  extensionUri: vscode.Uri;
  source: JobSource;
  log: Log;
  settings(): Settings;
  /** The extension's clock, which integration tests move to the emulator's date. */
  now(): Date;
  /** Told of every document a panel shows, so that a running job is followed until it ends. */
  seen?(ref: JobRef, job: AnyRestoreJob): void;
  /** Downloads the job's file at `index` of its links, or all of them. */
  download?(ref: JobRef, job: AnyRestoreJob, index?: number): Promise<void>;
  /** Opens the Restore History of the job's cluster. */
  openHistory?(ref: JobRef): Promise<void>;
  /** The page of the panel showing `ref` asked to keep that preview panel open. */
  keep?(ref: JobRef): void;
}

/** Names a job in the log: ids and the cluster name only, never a link. */
export function describeJob(ref: JobRef): string {
  return `${ref.family} job ${ref.jobId} of ${ref.clusterName}`;
}
