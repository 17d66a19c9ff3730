/**
 * What a delivery URL names: the file behind it and where its path says it lives. Shared by the API
 * host (which serves or redirects) and the storage host (which serves presigned copies).
 */

export const DOWNLOAD_PREFIX = '/__downloads/';

/** The header name every generated legacy job carries in `delivery.authHeader`. */
export const LEGACY_AUTH_HEADER = 'X-Restore-Auth';

export type DownloadFamily = 'legacy' | 'cloudBackup' | 'serverless' | 'flex';

/** Which file a URL names: one restore job may have several parts (one per shard, the config server, …). */
export interface DownloadKey {
  family: DownloadFamily;
  groupId: string;
  clusterName: string;
  jobId: string;
  part: string;
}

export interface DownloadFile {
  key: DownloadKey;
  fileName: string;
  size: number;
  sha1: string;
  expiresAt: number; // ms
  authHeader?: string; // legacy only
  authValue?: string; // legacy only
  /** Legacy delivery that used up its `maxDownloads`: the daemon refuses it although not expired. */
  exhausted?: boolean;
  /** Its `urlV2` answers 302 to a presigned URL on the storage host once the auth header checked out. */
  storageRedirect?: boolean;
}

export function downloadPath(key: DownloadKey, fileName: string): string {
  return (
    DOWNLOAD_PREFIX +
    [key.family, key.groupId, key.clusterName, key.jobId, key.part, fileName].map(encodeURIComponent).join('/')
  );
}

export function parseDownloadPath(path: string): { key: DownloadKey; fileName: string } | undefined {
  if (!path.startsWith(DOWNLOAD_PREFIX)) return undefined;
  const parts = path.slice(DOWNLOAD_PREFIX.length).split('/');
  if (parts.length !== 6) return undefined;
  let decoded: string[];
  try {
    decoded = parts.map(decodeURIComponent);
  } catch {
    return undefined;
  }
  const [family, groupId, clusterName, jobId, part, fileName] = decoded as [string, string, string, string, string, string];
  if (!['legacy', 'cloudBackup', 'serverless', 'flex'].includes(family)) return undefined;
  return { key: { family: family as DownloadFamily, groupId, clusterName, jobId, part }, fileName };
}

/** Whether a download request carries a credential header: the legacy one (any case) or `Authorization`. */
export function carriesAuthHeader(headers: Record<string, string | string[] | undefined>, file?: DownloadFile): boolean {
  const names = new Set(['authorization', LEGACY_AUTH_HEADER.toLowerCase()]);
  if (file?.authHeader) names.add(file.authHeader.toLowerCase());
  for (const n of names) if (headers[n] !== undefined) return true;
  return false;
}
