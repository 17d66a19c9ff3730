/**
 * Turns store records into the response objects of the spec: organizations, projects ("groups"),
 * and clusters in each resource version the spec lists (dedicated clusters have three).
 */
import type { AtlasOrganization, AtlasProject, DedicatedCluster, FlexCluster, ServerlessInstance } from '../../src/atlas/types';
import { hashString, textObjectId } from './prng';
import type { ClusterRecord, EmulatorStore, OrgRecord, ProjectRecord } from './store';

type Json = Record<string, unknown>;

function self(store: EmulatorStore, path: string) {
  return [{ href: `${store.baseUrl}/api/atlas/v2${path}`, rel: 'self' }];
}

/** A stable 24-hex id derived from a cluster (replication spec and zone ids must not change between calls). */
function derivedId(cluster: ClusterRecord, label: string): string {
  return textObjectId(`${cluster.id}:${label}`);
}

export function organizationView(store: EmulatorStore, org: OrgRecord): AtlasOrganization {
  return { id: org.id, isDeleted: false, links: self(store, `/orgs/${org.id}`), name: org.name, skipDefaultAlertsSettings: false };
}

/**
 * listGroupServerlessInstances lists serverless instances "until January 15, 2026 after which this endpoint
 * will begin returning an empty list" (its description in v2.yaml): from that day on, Atlas lists none.
 */
export const SERVERLESS_LIST_EMPTY_FROM = '2026-01-15';

export function serverlessInstancesListed(today: string): boolean {
  return today < SERVERLESS_LIST_EMPTY_FROM;
}

/** `clusterCount` counts the deployments the project's lists show on `today`. */
export function projectView(store: EmulatorStore, p: ProjectRecord, today: string): AtlasProject {
  return {
    clusterCount: store.clusters(p.id).filter((c) => c.kind !== 'serverless' || serverlessInstancesListed(today)).length,
    created: p.created,
    id: p.id,
    links: self(store, `/groups/${p.id}`),
    name: p.name,
    orgId: p.orgId,
    regionUsageRestrictions: 'COMMERCIAL_FEDRAMP_REGIONS_ONLY',
    tags: p.tags,
    withDefaultAlertsSettings: true,
  };
}

function host(c: ClusterRecord): string {
  return `${c.name.toLowerCase()}.${hashString(c.id).toString(36).slice(0, 5)}.mongodb.net`;
}

function connectionStrings(c: ClusterRecord) {
  return {
    standard: `mongodb://${c.replicaSets
      .slice(0, 1)
      .map((_, i) => `${c.name.toLowerCase()}-shard-00-0${i}.${host(c).split('.').slice(1).join('.')}:27017`)
      .join(',')}/?ssl=true&authSource=admin`,
    standardSrv: `mongodb+srv://${host(c)}`,
  };
}

function hardware(c: ClusterRecord, nodeCount: number): Json {
  const spec: Json = { diskSizeGB: c.diskSizeGB, instanceSize: c.instanceSize, nodeCount };
  if (c.provider === 'AWS') Object.assign(spec, { diskIOPS: 3000, ebsVolumeType: 'STANDARD' });
  return spec;
}

function shardCount(c: ClusterRecord): number {
  return c.clusterType === 'SHARDED' ? c.replicaSets.length - 1 : 1;
}

function common(store: EmulatorStore, c: ClusterRecord): Json {
  return {
    backupEnabled: false,
    biConnector: { enabled: false, readPreference: 'SECONDARY' },
    clusterType: c.clusterType,
    configServerManagementMode: 'ATLAS_MANAGED',
    ...(c.clusterType === 'SHARDED' ? { configServerType: 'DEDICATED' } : {}),
    connectionStrings: connectionStrings(c),
    createDate: c.created,
    diskWarmingMode: 'FULLY_WARMED',
    encryptionAtRestProvider: 'NONE',
    featureCompatibilityVersion: c.mongoDBVersion.split('.').slice(0, 2).join('.'),
    globalClusterSelfManagedSharding: false,
    groupId: c.groupId,
    id: c.id,
    labels: [],
    links: self(store, `/groups/${c.groupId}/clusters/${c.name}`),
    mongoDBMajorVersion: c.mongoDBVersion.split('.').slice(0, 2).join('.'),
    mongoDBVersion: c.mongoDBVersion,
    name: c.name,
    paused: c.paused,
    pitEnabled: c.pitEnabled,
    replicaSetScalingStrategy: 'WORKLOAD_TYPE',
    rootCertType: 'ISRGROOTX1',
    stateName: c.stateName,
    tags: c.tags,
    terminationProtectionEnabled: c.terminationProtectionEnabled,
    versionReleaseSystem: 'LTS',
  };
}

function regionConfig(c: ClusterRecord, effective: boolean): Json {
  const rc: Json = {
    analyticsSpecs: hardware(c, 0),
    autoScaling: { compute: { enabled: false, scaleDownEnabled: false }, diskGB: { enabled: true } },
    electableSpecs: hardware(c, 3),
    priority: 7,
    providerName: c.provider,
    readOnlySpecs: hardware(c, 0),
    regionName: c.region,
  };
  if (effective) Object.assign(rc, { effectiveElectableSpecs: hardware(c, 3) });
  return rc;
}

/** `ClusterDescription20240805` — Accept 2024-08-05, one replication spec per shard. */
export function clusterView20240805(store: EmulatorStore, c: ClusterRecord): DedicatedCluster {
  const specs = Array.from({ length: shardCount(c) }, (_, i) => ({
    id: derivedId(c, `spec${i}`),
    regionConfigs: [regionConfig(c, true)],
    zoneId: derivedId(c, 'zone'),
    zoneName: 'Zone 1',
  }));
  return { ...common(store, c), advancedConfiguration: { minimumEnabledTlsProtocol: 'TLS1_2', tlsCipherConfigMode: 'DEFAULT' }, redactClientLogData: false, replicationSpecs: specs } as DedicatedCluster;
}

/** `AdvancedClusterDescription` — Accept 2023-02-01 (sunset 2027-07-01): one spec with numShards. */
export function clusterView20230201(store: EmulatorStore, c: ClusterRecord): Json {
  return {
    ...common(store, c),
    diskSizeGB: c.diskSizeGB,
    replicationSpecs: [
      { id: derivedId(c, 'spec0'), numShards: shardCount(c), regionConfigs: [regionConfig(c, false)], zoneId: derivedId(c, 'zone'), zoneName: 'Zone 1' },
    ],
  };
}

/** `LegacyAtlasCluster` — Accept 2023-01-01 (sunset 2027-07-01). */
export function clusterView20230101(store: EmulatorStore, c: ClusterRecord): Json {
  const regions = { [c.region]: { analyticsNodes: 0, electableNodes: 3, priority: 7, readOnlyNodes: 0 } };
  const base = common(store, c);
  delete base.replicaSetScalingStrategy;
  return {
    ...base,
    autoScaling: { compute: { enabled: false, scaleDownEnabled: false }, diskGBEnabled: true },
    diskSizeGB: c.diskSizeGB,
    mongoURI: `mongodb://${host(c)}:27017`,
    mongoURIUpdated: c.created,
    mongoURIWithOptions: `mongodb://${host(c)}:27017/?ssl=true&authSource=admin`,
    numShards: shardCount(c),
    providerBackupEnabled: c.backupEnabled,
    providerSettings: { instanceSizeName: c.instanceSize, providerName: c.provider, regionName: c.region },
    replicationFactor: 3,
    replicationSpec: regions,
    replicationSpecs: [{ id: derivedId(c, 'spec0'), numShards: shardCount(c), regionsConfig: regions, zoneName: 'Zone 1' }],
    srvAddress: `mongodb+srv://${host(c)}`,
  };
}

export function serverlessView(store: EmulatorStore, c: ClusterRecord): ServerlessInstance {
  return {
    connectionStrings: { standardSrv: `mongodb+srv://${host(c)}` },
    createDate: c.created,
    groupId: c.groupId,
    id: c.id,
    links: self(store, `/groups/${c.groupId}/serverless/${c.name}`),
    mongoDBVersion: c.mongoDBVersion,
    name: c.name,
    providerSettings: {
      backingProviderName: c.provider,
      effectiveDiskSizeGBLimit: 1024,
      effectiveProviderName: 'SERVERLESS',
      providerName: 'SERVERLESS',
      regionName: c.region,
    },
    serverlessBackupOptions: { serverlessContinuousBackupEnabled: true },
    stateName: c.stateName,
    tags: c.tags,
    terminationProtectionEnabled: c.terminationProtectionEnabled,
  };
}

export function flexView(store: EmulatorStore, c: ClusterRecord): FlexCluster {
  return {
    backupSettings: { enabled: true },
    clusterType: 'REPLICASET',
    connectionStrings: connectionStrings(c),
    createDate: c.created,
    groupId: c.groupId,
    id: c.id,
    links: self(store, `/groups/${c.groupId}/flexClusters/${c.name}`),
    mongoDBVersion: c.mongoDBVersion,
    name: c.name,
    providerSettings: { backingProviderName: c.provider, diskSizeGB: c.diskSizeGB, providerName: 'FLEX', regionName: c.region },
    stateName: c.stateName,
    tags: c.tags,
    terminationProtectionEnabled: c.terminationProtectionEnabled,
    versionReleaseSystem: 'LTS',
  };
}
