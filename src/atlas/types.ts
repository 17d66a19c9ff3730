/**
 * Response models of the Atlas Administration API v2, as the official OpenAPI spec
 * (`../shared/atlas-openapi/v2.yaml`) defines them for the operations this extension uses.
 *
 * Every property is optional unless the spec lists it as `required`, because Atlas omits
 * fields that do not apply (for example `deliveryUrl` only exists for `download` jobs).
 * `writeOnly` request fields (such as the legacy job's `checkpointId`) are left out on purpose:
 * Atlas never sends them back.
 */

/** An ISO 8601 date-time string in UTC, as Atlas sends it. */
export type IsoDateTime = string;

export interface Link {
  href?: string;
  rel?: string;
}

export interface ResourceTag {
  key: string;
  value: string;
}

/** Common envelope of every `Paginated*View` schema. */
export interface PaginatedView<T> {
  links?: Link[];
  results: T[];
  /** Omitted when the request sets `includeCount=false`; an estimate according to the spec. */
  totalCount?: number;
}

/** Body of every 4xx/5xx answer (`ApiError`). */
export interface ApiErrorBody {
  error: number;
  errorCode: string;
  detail?: string | null;
  reason?: string | null;
  parameters?: unknown[];
  badRequestDetail?: { fields?: { description: string; field: string }[] } | null;
}

// ---------------------------------------------------------------------------------------------
// Organizations and projects

/** `AtlasOrganization` */
export interface AtlasOrganization {
  id?: string;
  isDeleted?: boolean;
  links?: Link[];
  name: string;
  skipDefaultAlertsSettings?: boolean;
}

/** `Group` (Atlas calls projects "groups" in paths and schemas). */
export interface AtlasProject {
  clusterCount: number;
  created: IsoDateTime;
  id?: string;
  links?: Link[];
  name: string;
  orgId: string;
  regionUsageRestrictions?: 'COMMERCIAL_FEDRAMP_REGIONS_ONLY' | 'GOV_REGIONS_ONLY';
  tags?: ResourceTag[];
  withDefaultAlertsSettings?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Clusters of the three kinds

export type ClusterStateName = 'IDLE' | 'CREATING' | 'UPDATING' | 'DELETING' | 'REPAIRING';

/**
 * `ClusterDescription20240805` (Accept 2024-08-05). The schema is very large; the nested
 * hardware and region configuration is kept as plain JSON because the extension only shows it.
 */
export interface DedicatedCluster {
  acceptDataRisksAndForceReplicaSetReconfig?: IsoDateTime;
  adaptiveCapacity?: 'ENABLED' | 'DISABLED' | null;
  advancedConfiguration?: Record<string, unknown>;
  backupEnabled?: boolean;
  biConnector?: { enabled?: boolean; readPreference?: 'PRIMARY' | 'SECONDARY' | 'ANALYTICS' };
  clusterType?: 'REPLICASET' | 'SHARDED' | 'GEOSHARDED';
  configServerManagementMode?: 'ATLAS_MANAGED' | 'FIXED_TO_DEDICATED';
  configServerType?: 'DEDICATED' | 'EMBEDDED';
  connectionStrings?: {
    awsPrivateLink?: Record<string, string>;
    awsPrivateLinkSrv?: Record<string, string>;
    private?: string;
    privateEndpoint?: Record<string, unknown>[];
    privateSrv?: string;
    standard?: string;
    standardSrv?: string;
  };
  createDate?: IsoDateTime;
  diskWarmingMode?: 'FULLY_WARMED' | 'VISIBLE_EARLIER' | 'ENHANCED_FULLY_WARMED';
  effectiveReplicationSpecs?: ReplicationSpec[];
  encryptionAtRestProvider?: 'NONE' | 'AWS' | 'AZURE' | 'GCP';
  featureCompatibilityVersion?: string;
  featureCompatibilityVersionExpirationDate?: IsoDateTime;
  globalClusterSelfManagedSharding?: boolean;
  groupId?: string;
  id?: string;
  internalClusterRole?: 'NONE' | 'SYSTEM_CLUSTER' | 'INTERNAL_SHADOW_CLUSTER';
  labels?: { key?: string; value?: string }[];
  links?: Link[];
  mongoDBEmployeeAccessGrant?: Record<string, unknown>;
  mongoDBMajorVersion?: string;
  mongoDBVersion?: string;
  name?: string;
  paused?: boolean;
  pitEnabled?: boolean;
  redactClientLogData?: boolean;
  replicaSetScalingStrategy?: 'SEQUENTIAL' | 'WORKLOAD_TYPE' | 'NODE_TYPE';
  replicationSpecs?: ReplicationSpec[];
  retainBackups?: boolean;
  rootCertType?: 'ISRGROOTX1';
  stateName?: ClusterStateName;
  tags?: ResourceTag[];
  terminationProtectionEnabled?: boolean;
  useAwsTimeBasedSnapshotCopyForFastInitialSync?: boolean;
  versionReleaseSystem?: 'LTS' | 'CONTINUOUS';
}

/** `ReplicationSpec20240805`; `regionConfigs` is a provider-specific oneOf kept as JSON. */
export interface ReplicationSpec {
  id?: string;
  regionConfigs?: Record<string, unknown>[];
  zoneId?: string;
  zoneName?: string;
}

/** `ServerlessInstanceDescription` (Accept 2023-01-01; deprecated, sunset 2027-01-18). */
export interface ServerlessInstance {
  connectionStrings?: { privateEndpoint?: Record<string, unknown>[]; standardSrv?: string };
  createDate?: IsoDateTime;
  groupId?: string;
  id?: string;
  links?: Link[];
  mongoDBVersion?: string;
  name?: string;
  providerSettings: {
    backingProviderName: 'AWS' | 'AZURE' | 'GCP';
    effectiveDiskSizeGBLimit?: number;
    effectiveInstanceSizeName?: string;
    effectiveProviderName?: string;
    providerName?: 'SERVERLESS';
    regionName: string;
  };
  serverlessBackupOptions?: { serverlessContinuousBackupEnabled?: boolean };
  stateName?: ClusterStateName;
  tags?: ResourceTag[];
  terminationProtectionEnabled?: boolean;
}

/** `FlexClusterDescription20241113` (Accept 2024-11-13). */
export interface FlexCluster {
  backupSettings?: { enabled?: boolean };
  clusterType?: 'REPLICASET';
  connectionStrings?: { standard?: string; standardSrv?: string };
  createDate?: IsoDateTime;
  groupId?: string;
  id?: string;
  links?: Link[];
  mongoDBVersion?: string;
  name?: string;
  providerSettings: {
    backingProviderName?: 'AWS' | 'AZURE' | 'GCP';
    diskSizeGB?: number;
    providerName?: 'FLEX';
    regionName?: string;
  };
  stateName?: ClusterStateName;
  tags?: ResourceTag[];
  terminationProtectionEnabled?: boolean;
  versionReleaseSystem?: 'LTS';
}

// ---------------------------------------------------------------------------------------------
// Restore jobs of the four families

/** `ApiBSONTimestampView` */
export interface BsonTimestamp {
  date?: IsoDateTime;
  increment?: number;
}

export type LegacyJobStatusName = 'IN_PROGRESS' | 'BROKEN' | 'KILLED' | 'FINISHED';
export type LegacyDeliveryMethodName =
  | 'CLIENT_PIT_HTTP'
  | 'QUERY'
  | 'AUTOMATED_RESTORE'
  | 'HTTP'
  | 'THIRD_PARTY_COPY'
  | 'CLIENT_PIT_SCP'
  | 'SCP';
export type LegacyDeliveryStatusName =
  | 'NOT_STARTED'
  | 'IN_PROGRESS'
  | 'READY'
  | 'FAILED'
  | 'INTERRUPTED'
  | 'EXPIRED'
  | 'MAX_DOWNLOADS_EXCEEDED'
  | 'PENDING';

/** `BackupRestoreJobDelivery` */
export interface LegacyRestoreJobDelivery {
  /** Sensitive: with `authValue` it unlocks `urlV2`. */
  authHeader?: string;
  /** Sensitive: never log it; mask it in the UI until the user reveals it. */
  authValue?: string;
  expirationHours?: number;
  expires?: IsoDateTime;
  maxDownloads?: number;
  methodName: LegacyDeliveryMethodName;
  statusName?: LegacyDeliveryStatusName;
  targetClusterId?: string;
  targetClusterName?: string;
  targetGroupId?: string;
  /** Deprecated by Atlas: carries its verification key in the URL. Sensitive. */
  url?: string;
  /** Preferred download URL; needs the `authHeader`/`authValue` header. Sensitive. */
  urlV2?: string;
}

/** `RestoreJobFileHash` */
export interface RestoreJobFileHash {
  fileName?: string;
  hash?: string;
  links?: Link[];
  typeName?: 'SHA1';
}

/** `BackupRestoreJob` — legacy backup (deprecated by Atlas, still served). */
export interface LegacyRestoreJob {
  batchId?: string;
  clusterId?: string;
  clusterName?: string;
  created?: IsoDateTime;
  delivery: LegacyRestoreJobDelivery;
  deploymentJobId?: string;
  encryptionEnabled?: boolean;
  groupId?: string;
  hashes?: RestoreJobFileHash[];
  id?: string;
  links?: Link[];
  masterKeyUUID?: string;
  snapshotId?: string;
  statusName?: LegacyJobStatusName;
  timestamp?: BsonTimestamp;
}

export type CloudBackupDeliveryType = 'automated' | 'download' | 'pointInTime';

/** `ApiPrivateDownloadDeliveryUrl` */
export interface PrivateDownloadDeliveryUrl {
  /** Sensitive (signed). */
  deliveryUrl?: string;
  endpointId?: string;
}

/** `DiskBackupRestoreMember` */
export interface CloudBackupRestoreComponent {
  /** Sensitive (signed). */
  downloadUrl?: string;
  privateDownloadDeliveryUrls?: PrivateDownloadDeliveryUrl[];
  replicaSetName?: string;
}

/** `DiskBackupSnapshotRestoreJob` — cloud backup. */
export interface CloudBackupRestoreJob {
  cancelled?: boolean;
  components?: CloudBackupRestoreComponent[];
  deliveryType: CloudBackupDeliveryType;
  /** Sensitive (signed). */
  deliveryUrl?: string[];
  desiredTimestamp?: BsonTimestamp;
  expired?: boolean;
  expiresAt?: IsoDateTime;
  failed?: boolean;
  finishedAt?: IsoDateTime;
  id?: string;
  links?: Link[];
  oplogInc?: number;
  oplogTs?: number;
  pointInTimeUTCSeconds?: number;
  privateDownloadDeliveryUrls?: PrivateDownloadDeliveryUrl[];
  snapshotId?: string;
  targetClusterName?: string;
  targetGroupId?: string;
  timestamp?: IsoDateTime;
}

/** `ServerlessBackupRestoreJob` — serverless (endpoint sunset by Atlas on 2026-01-22). */
export interface ServerlessRestoreJob {
  cancelled?: boolean;
  deliveryType: CloudBackupDeliveryType;
  /** Sensitive (signed). */
  deliveryUrl?: string[];
  desiredTimestamp?: BsonTimestamp;
  expired?: boolean;
  expiresAt?: IsoDateTime;
  failed?: boolean;
  finishedAt?: IsoDateTime;
  id?: string;
  links?: Link[];
  oplogInc?: number;
  oplogTs?: number;
  pointInTimeUTCSeconds?: number;
  snapshotId?: string;
  targetClusterName: string;
  targetGroupId: string;
  timestamp?: IsoDateTime;
}

export type FlexRestoreJobStatus = 'PENDING' | 'QUEUED' | 'RUNNING' | 'FAILED' | 'COMPLETED';

/** `FlexBackupRestoreJob20241113` */
export interface FlexRestoreJob {
  deliveryType?: 'RESTORE' | 'DOWNLOAD';
  expirationDate?: IsoDateTime;
  id?: string;
  instanceName?: string;
  links?: Link[];
  projectId?: string;
  restoreFinishedDate?: IsoDateTime;
  restoreScheduledDate?: IsoDateTime;
  snapshotFinishedDate?: IsoDateTime;
  snapshotId?: string;
  /** Sensitive (signed). */
  snapshotUrl?: string;
  status?: FlexRestoreJobStatus;
  targetDeploymentItemName?: string;
  targetProjectId?: string;
}

/** The four restore-job families, named as the extension names them. */
export type RestoreJobFamily = 'legacy' | 'cloudBackup' | 'serverless' | 'flex';

/** A restore job of any family, tagged so code can switch on the family. */
export type AnyRestoreJob =
  | { family: 'legacy'; job: LegacyRestoreJob }
  | { family: 'cloudBackup'; job: CloudBackupRestoreJob }
  | { family: 'serverless'; job: ServerlessRestoreJob }
  | { family: 'flex'; job: FlexRestoreJob };

export interface RestoreJobOfFamily {
  legacy: LegacyRestoreJob;
  cloudBackup: CloudBackupRestoreJob;
  serverless: ServerlessRestoreJob;
  flex: FlexRestoreJob;
}
