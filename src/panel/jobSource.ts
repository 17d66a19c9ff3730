import * as vscode from 'vscode';
import type { AnyRestoreJob } from '../atlas/types';
import type { AtlasClients } from '../connections/atlasClients';
import type { ConnectionStore } from '../connections/connectionStore';
import { getJobOfFamily } from '../jobs/families';
import type { JobRef } from '../jobs/jobRef';
import { clusterBackupWebUrl } from '../ui/atlasWebUrls';

/** Where a panel gets its job from. Tests pass their own, so a panel can be tried without a connection. */
export interface JobSource {
  /** Fetches the job fresh from Atlas (getRestoreJob of the family). Throws AtlasError. */
  fetchJob(ref: JobRef, signal?: AbortSignal): Promise<AnyRestoreJob>;
  /** Atlas web UI address for the job's cluster backup page, when known. */
  atlasUrl(ref: JobRef): vscode.Uri | undefined;
}

/** The extension's source: the job's own connection and its shared client. */
export function atlasJobSource(store: ConnectionStore, clients: AtlasClients): JobSource {
  return {
    async fetchJob(ref, signal) {
      const connection = store.get(ref.connectionId);
      if (!connection) throw new Error(vscode.l10n.t('The connection of this job was removed.'));
      const client = await clients.get(connection);
      return getJobOfFamily(client, ref.family, ref.groupId, ref.clusterName, ref.jobId, { signal });
    },
    atlasUrl(ref) {
      const connection = store.get(ref.connectionId);
      return connection ? vscode.Uri.parse(clusterBackupWebUrl(connection.baseUrl, ref.groupId, ref.clusterName)) : undefined;
    },
  };
}
