/**
 * Addresses of the Atlas web UI for things in the tree. Atlas serves its UI from the same host as
 * its API (cloud.mongodb.com, cloud.mongodbgov.com), with client-side routes after the '#'.
 */
export function projectWebUrl(baseUrl: string, groupId: string): string {
  return `${baseUrl}/v2/${groupId}#/clusters`;
}

export function clusterWebUrl(baseUrl: string, groupId: string, clusterName: string): string {
  return `${baseUrl}/v2/${groupId}#/clusters/detail/${encodeURIComponent(clusterName)}`;
}

/** The cluster's Backup page, where its restores (and their history) are. */
export function clusterBackupWebUrl(baseUrl: string, groupId: string, clusterName: string): string {
  return `${baseUrl}/v2/${groupId}#/clusters/backup/${encodeURIComponent(clusterName)}`;
}
