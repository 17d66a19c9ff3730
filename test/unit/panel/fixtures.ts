import type { CloudBackupRestoreJob, FlexRestoreJob, LegacyRestoreJob, ServerlessRestoreJob } from '../../../src/atlas/types';
import type { JobRef } from '../../../src/jobs/jobRef';
import type { ViewFormat } from '../../../src/panel/viewInput';

export const isoFormat: ViewFormat = { dateTime: (d) => d.toISOString() };

export const NOW = new Date('2026-03-10T12:00:00.000Z');

export const HOSTILE_FILE = '<img src=x onerror=alert(1)>.tar.gz';
export const HOSTILE_PROJECT = `R&D (Tom's)`;
export const AUTH_VALUE = 'a9f3c2e1-secret-auth-value-7d1b';

export const legacyRef: JobRef = {
  connectionId: 'conn-1',
  connectionLabel: 'Prod org',
  family: 'legacy',
  groupId: '5e2211c17a3e5a48f5497de3',
  projectName: HOSTILE_PROJECT,
  clusterName: 'Cluster0',
  jobId: '65f0a1b2c3d4e5f601234567',
};

export const legacyJob: LegacyRestoreJob = {
  id: '65f0a1b2c3d4e5f601234567',
  batchId: '65f0a1b2c3d4e5f60123aaaa',
  clusterId: '5e2211c17a3e5a48f5497aaa',
  clusterName: 'Cluster0',
  groupId: '5e2211c17a3e5a48f5497de3',
  created: '2026-03-10T09:00:00Z',
  statusName: 'FINISHED',
  snapshotId: '65f0a0000000000000000001',
  timestamp: { date: '2026-03-10T08:00:00Z', increment: 1 },
  encryptionEnabled: true,
  masterKeyUUID: '1b2c3d4e-0000-4000-8000-0000000000ab',
  delivery: {
    methodName: 'HTTP',
    statusName: 'READY',
    expires: '2026-03-10T15:00:00Z',
    expirationHours: 48,
    maxDownloads: 1,
    urlV2: `https://restore-65f0.mongodb.net:27017/v2/${encodeURIComponent(HOSTILE_FILE)}`,
    url: 'https://restore-65f0.mongodb.net:27017/65f0a1b2/legacy.tar.gz?key=deprecated',
    authHeader: 'X-Restore-Auth',
    authValue: AUTH_VALUE,
  },
  hashes: [
    { fileName: HOSTILE_FILE, typeName: 'SHA1', hash: '5cdd6b2a4c8f6e5b6d1e3a2f9c7b8e1d0a4f6c3b' },
    { fileName: 'Cluster0-shard-1.tar.gz', typeName: 'SHA1', hash: 'a94a8fe5ccb19ba61c4c0873d391e987982fbbd3' },
  ],
};

export const cloudRef: JobRef = {
  connectionId: 'conn-1',
  connectionLabel: 'Prod org',
  family: 'cloudBackup',
  groupId: '5e2211c17a3e5a48f5497de3',
  projectName: 'Payments',
  clusterName: 'sharded-prod',
  jobId: '65f0b1b2c3d4e5f601234568',
};

const signed = (name: string) => `https://restore.s3.amazonaws.com/65f0b1/${name}?X-Amz-Signature=deadbeef&X-Amz-Expires=10800`;

export const cloudJob: CloudBackupRestoreJob = {
  id: '65f0b1b2c3d4e5f601234568',
  deliveryType: 'download',
  deliveryUrl: [signed('sharded-prod-shard-0.tar.gz'), signed('sharded-prod-shard-1.tar.gz'), signed('sharded-prod-config.tar.gz')],
  components: [
    { replicaSetName: 'shard-0', downloadUrl: signed('sharded-prod-shard-0.tar.gz') },
    { replicaSetName: 'shard-1', downloadUrl: signed('sharded-prod-shard-1.tar.gz') },
    {
      replicaSetName: 'config',
      downloadUrl: signed('sharded-prod-config.tar.gz'),
      privateDownloadDeliveryUrls: [{ deliveryUrl: 'https://vpce-1.s3.amazonaws.com/config.tar.gz?sig=1', endpointId: 'vpce-0abc' }],
    },
  ],
  expiresAt: '2026-03-10T15:00:00Z',
  finishedAt: '2026-03-10T11:00:00Z',
  snapshotId: '65f0b0000000000000000002',
  timestamp: '2026-03-10T06:00:00Z',
  targetClusterName: 'sharded-prod',
  targetGroupId: '5e2211c17a3e5a48f5497de3',
};

export const serverlessJob: ServerlessRestoreJob = {
  id: '65ea0000c3d4e5f601234569',
  deliveryType: 'download',
  deliveryUrl: [signed('serverless0.tar.gz')],
  expired: true,
  expiresAt: '2026-03-08T12:00:00Z',
  finishedAt: '2026-03-08T09:00:00Z',
  snapshotId: '65ea00000000000000000003',
  targetClusterName: 'serverless0',
  targetGroupId: '5e2211c17a3e5a48f5497de3',
};

export const flexJob: FlexRestoreJob = {
  id: '65f0c1b2c3d4e5f60123456a',
  deliveryType: 'DOWNLOAD',
  status: 'COMPLETED',
  instanceName: 'flex-dev',
  projectId: '5e2211c17a3e5a48f5497de3',
  expirationDate: '2026-03-11T12:00:00Z',
  restoreScheduledDate: '2026-03-10T10:00:00Z',
  restoreFinishedDate: '2026-03-10T10:05:00Z',
  snapshotFinishedDate: '2026-03-10T04:00:00Z',
  snapshotId: '65f0c0000000000000000004',
  snapshotUrl: signed('flex-dev.tar.gz'),
  targetDeploymentItemName: 'flex-dev',
  targetProjectId: '5e2211c17a3e5a48f5497de3',
};
