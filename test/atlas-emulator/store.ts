/**
 * EmulatorStore: everything the emulator serves — organizations, projects, clusters of three kinds,
 * restore jobs of four families, who may see what, and the files behind delivery URLs.
 *
 * Restore jobs are generated lazily, per cluster and family, the first time anything reads them;
 * each job has its own PRNG stream (seed, cluster id, family, index), so the data is the same for
 * the same seed and "today" whatever order clusters are read in. Tests read everything through the
 * methods below and add fixtures with addOrganization / addProject / addCluster / addRestoreJobs.
 */
import type { ResourceTag } from '../../src/atlas/types';
import type { ProjectRole } from './contract';
import { type DownloadFile, type DownloadKey } from './download-files';
import { DownloadSigner } from './download-signer';
import { FileMarks, type FileMark, type MarkedJob } from './file-marks';
import {
  buildJob,
  DEFAULT_VARIANTS,
  isoSeconds,
  type JobContext,
  type JobOf,
  type RestoreFamily,
  type VariantOf,
} from './job-factory';
import { runningVariant, type JobState } from './job-states';
import { type ChosenJob, checkJobState, JobLifecycle, type JobSlot, type MovingJob, type Outcome, type RunningJobsOptions } from './lifecycle';
import { applyPatches, checkPatch, type DocumentPatch, patchKey, type PatchTarget } from './patches';
import { forkRng, hex, objectId, type Rng } from './prng';

export type { RestoreFamily } from './job-factory';
export type ClusterKind = 'dedicated' | 'serverless' | 'flex';
export type OrgRole = 'ORG_OWNER' | 'ORG_MEMBER';

export const FAMILIES_BY_KIND: Readonly<Record<ClusterKind, readonly RestoreFamily[]>> = {
  dedicated: ['legacy', 'cloudBackup'],
  serverless: ['serverless'],
  flex: ['flex'],
};
export const KIND_OF_FAMILY: Readonly<Record<RestoreFamily, ClusterKind>> = {
  legacy: 'dedicated',
  cloudBackup: 'dedicated',
  serverless: 'serverless',
  flex: 'flex',
};

/** Role order: each role includes the ones after it. */
export const PROJECT_ROLE_RANK: Readonly<Record<ProjectRole, number>> = {
  GROUP_OWNER: 3,
  GROUP_BACKUP_MANAGER: 2,
  GROUP_READ_ONLY: 1,
};

export interface OrgRecord {
  id: string;
  name: string;
  created: string;
}

export interface ProjectRecord {
  id: string;
  orgId: string;
  name: string;
  created: string;
  tags: ResourceTag[];
}

export interface ClusterRecord {
  kind: ClusterKind;
  id: string;
  groupId: string;
  name: string;
  created: string;
  clusterType: 'REPLICASET' | 'SHARDED';
  /** Replica set names: shards then the config server for SHARDED, one name for a replica set. */
  replicaSets: string[];
  provider: 'AWS' | 'AZURE' | 'GCP';
  region: string;
  instanceSize: string;
  diskSizeGB: number;
  mongoDBVersion: string;
  stateName: 'IDLE' | 'CREATING' | 'UPDATING' | 'DELETING' | 'REPAIRING';
  paused: boolean;
  backupEnabled: boolean;
  pitEnabled: boolean;
  terminationProtectionEnabled: boolean;
  tags: ResourceTag[];
  /** When set, cloud backup downloads also get privateDownloadDeliveryUrls through this endpoint. */
  privateEndpointId?: string;
}

export interface ClusterOptions {
  clusterType?: 'REPLICASET' | 'SHARDED';
  shards?: number; // SHARDED only, default 3
  provider?: ClusterRecord['provider'];
  region?: string;
  instanceSize?: string;
  stateName?: ClusterRecord['stateName'];
  paused?: boolean;
  privateEndpoint?: boolean;
  tags?: ResourceTag[];
  /**
   * false: never the target of the project's other clusters' automated restores (default true). A
   * cluster added to a project after the others with `restoreTarget: false` leaves their documents as they were.
   */
  restoreTarget?: boolean;
  /** When it was created (ISO); default: 30–330 days before the anchor. */
  created?: string;
  /** Restore jobs to generate lazily: a count per family, or explicit variants. */
  restoreJobs?: { [F in RestoreFamily]?: number | VariantOf[F][] };
}

interface JobPlan<F extends RestoreFamily = RestoreFamily> {
  count: number;
  variants: VariantOf[F][];
  jobs?: JobOf[F][];
}

export interface StoreOptions {
  seed: number;
  baseUrl: string;
  anchor: number; // ms, noon UTC of "today" when the store was built
  principals: string[];
  fileSize?: [number, number];
  /** The emulator clock's now (ms): when jobs that run start and settle. Default: the anchor, still. */
  now?: () => number;
}

const key = (...parts: string[]) => parts.join('\u0000');

export class EmulatorStore {
  readonly seed: number;
  readonly baseUrl: string;
  /** Generated dates are relative to this instant (noon UTC of "today" at start-up). */
  readonly anchor: number;
  readonly signer: DownloadSigner;
  private readonly fileSize: [number, number];
  private readonly orgs = new Map<string, OrgRecord>();
  private readonly projectsById = new Map<string, ProjectRecord>();
  private readonly clustersByKey = new Map<string, ClusterRecord>(); // groupId, kind, name
  private readonly clustersByGroup = new Map<string, ClusterRecord[]>(); // in creation order
  private readonly plans = new Map<string, JobPlan>(); // groupId, kind, name, family
  private readonly files = new Map<string, DownloadFile>();
  private readonly usedIds = new Set<string>();
  private readonly orgRoles = new Map<string, Map<string, OrgRole>>();
  private readonly projectGrants = new Map<string, Map<string, Set<ProjectRole>>>();
  private readonly knownPrincipals: string[];
  private readonly idRng: Rng;
  private readonly patches = new Map<string, { target: PatchTarget; patches: DocumentPatch[] }>();
  private readonly lifecycle: JobLifecycle;
  /** Every generated job by id, with the key of its plan. */
  private readonly jobsById = new Map<string, { planKey: string; job: JobOf[RestoreFamily] }>();
  private chosenJobs: ChosenJob[] = [];
  private readonly fileMarks = new FileMarks();
  /** Clusters (groupId, kind, name) that other clusters' automated restores never target. */
  private readonly notTargets = new Set<string>();
  /** The emulator clock's now, in ms. */
  readonly now: () => number;

  constructor(options: StoreOptions) {
    this.seed = options.seed;
    this.baseUrl = options.baseUrl;
    this.anchor = options.anchor;
    this.fileSize = options.fileSize ?? [1024, 4096];
    this.knownPrincipals = [...options.principals];
    this.signer = new DownloadSigner(`emulator-signing-${hex(forkRng(options.seed, 'signing'), 32)}`, options.baseUrl);
    this.idRng = forkRng(options.seed, 'ids');
    const anchor = options.anchor;
    this.now = options.now ?? (() => anchor);
    this.lifecycle = new JobLifecycle({ seed: this.seed, now: () => this.now(), find: (jobId) => this.jobSlot(jobId) });
  }

  // ------------------------------------------------------------------ ids and dates

  /** A fresh 24-hex id from the store's id stream (deterministic for the order of creation). */
  newId(rng: Rng = this.idRng): string {
    for (;;) {
      const id = objectId(rng);
      if (!this.usedIds.has(id)) {
        this.usedIds.add(id);
        return id;
      }
    }
  }

  daysAgo(days: number): string {
    return isoSeconds(this.anchor - days * 86_400_000);
  }

  // ------------------------------------------------------------------ reading

  principals(): readonly string[] {
    return this.knownPrincipals;
  }

  organizations(): OrgRecord[] {
    return [...this.orgs.values()];
  }

  organization(orgId: string): OrgRecord | undefined {
    return this.orgs.get(orgId);
  }

  projects(orgId?: string): ProjectRecord[] {
    const all = [...this.projectsById.values()];
    return orgId === undefined ? all : all.filter((p) => p.orgId === orgId);
  }

  project(groupId: string): ProjectRecord | undefined {
    return this.projectsById.get(groupId);
  }

  clusters(groupId?: string, kind?: ClusterKind): ClusterRecord[] {
    const pool = groupId === undefined ? [...this.clustersByKey.values()] : (this.clustersByGroup.get(groupId) ?? []);
    return kind === undefined ? [...pool] : pool.filter((c) => c.kind === kind);
  }

  cluster(groupId: string, kind: ClusterKind, name: string): ClusterRecord | undefined {
    return this.clustersByKey.get(key(groupId, kind, name));
  }

  /** Every restore job of one cluster and family, newest first (generated on first read). */
  restoreJobs<F extends RestoreFamily>(groupId: string, clusterName: string, family: F): JobOf[F][] {
    const cluster = this.cluster(groupId, KIND_OF_FAMILY[family], clusterName);
    if (!cluster) throw new Error(`No ${KIND_OF_FAMILY[family]} cluster '${clusterName}' in project ${groupId}`);
    const plan = this.plan(cluster, family);
    if (!plan.jobs) {
      plan.jobs = [];
      for (let i = 0; i < plan.count; i++) plan.jobs.push(this.buildOne(cluster, family, i, this.variantAt(plan, family, i)));
    }
    this.lifecycle.tick();
    return plan.jobs;
  }

  restoreJob<F extends RestoreFamily>(groupId: string, clusterName: string, family: F, jobId: string): JobOf[F] | undefined {
    return this.restoreJobs(groupId, clusterName, family).find((j) => j.id === jobId);
  }

  /** How many restore jobs a cluster has (or will have once generated) without generating them. */
  restoreJobCount(cluster: ClusterRecord, family: RestoreFamily): number {
    return this.plans.get(key(cluster.groupId, cluster.kind, cluster.name, family))?.count ?? 0;
  }

  counts() {
    const clusters = { dedicated: 0, serverless: 0, flex: 0 };
    const restoreJobs: Record<RestoreFamily, number> = { legacy: 0, cloudBackup: 0, serverless: 0, flex: 0 };
    for (const c of this.clustersByKey.values()) {
      clusters[c.kind]++;
      for (const f of FAMILIES_BY_KIND[c.kind]) restoreJobs[f] += this.restoreJobCount(c, f);
    }
    const totalJobs = Object.values(restoreJobs).reduce((a, b) => a + b, 0);
    return {
      organizations: this.orgs.size,
      projects: this.projectsById.size,
      clusters,
      totalClusters: clusters.dedicated + clusters.serverless + clusters.flex,
      restoreJobs,
      totalRestoreJobs: totalJobs,
    };
  }

  /** The file behind a delivery URL (generates the owning cluster's jobs if needed). */
  download(k: DownloadKey): DownloadFile | undefined {
    const cluster = this.cluster(k.groupId, KIND_OF_FAMILY[k.family], k.clusterName);
    if (!cluster) return undefined;
    this.restoreJobs(k.groupId, k.clusterName, k.family);
    return this.files.get(key(k.family, k.groupId, k.clusterName, k.jobId, k.part));
  }

  // ------------------------------------------------------------------ special download files (file-marks.ts)

  /**
   * Gives restore job #index of a cluster's list (newest first) special files: `bytes` long, and/or a
   * `urlV2` the daemon redirects to the storage host. Before the cluster's jobs of that family are generated.
   */
  markJobFiles(groupId: string, clusterName: string, family: RestoreFamily, index: number, mark: FileMark): void {
    const cluster = this.cluster(groupId, KIND_OF_FAMILY[family], clusterName);
    if (!cluster) throw new Error(`No ${KIND_OF_FAMILY[family]} cluster '${clusterName}' in project ${groupId}`);
    if (this.plan(cluster, family).jobs) throw new Error(`The ${family} restore jobs of '${clusterName}' were already generated`);
    this.fileMarks.add({ groupId, clusterName, family, index }, mark);
  }

  /** Every marked job, generated now if needed (a large file's SHA-1 is computed then, by streaming). */
  markedJobs(): MarkedJob[] {
    return this.fileMarks.places().flatMap(({ place, mark }) => {
      const job = this.restoreJobs(place.groupId, place.clusterName, place.family)[place.index];
      if (!job?.id) return [];
      const files: MarkedJob['files'] = [];
      for (let part = 0; ; part++) {
        const f = this.files.get(key(place.family, place.groupId, place.clusterName, job.id, String(part)));
        if (!f) break;
        files.push({ part: String(part), fileName: f.fileName, size: f.size, sha1: f.sha1 });
      }
      return [{ ...place, jobId: job.id, mark: { ...(this.fileMarks.forJob(job.id) ?? mark) }, files }];
    });
  }

  /** The jobs whose files have the `largeFile` size (the demo's: DEMO.largeFiles). */
  largeFileJobs(): MarkedJob[] {
    return this.markedJobs().filter((j) => j.mark.bytes !== undefined);
  }

  /** The legacy jobs whose `urlV2` redirects to the storage host (the demo's: DEMO.storageRedirects). */
  storageRedirectJobs(): MarkedJob[] {
    return this.markedJobs().filter((j) => j.mark.storageRedirect === true);
  }

  // ------------------------------------------------------------------ adding fixtures

  /** Adds an organization; `owners` (default: every known principal) become its ORG_OWNERs. */
  addOrganization(name: string, opts: { id?: string; owners?: string[]; created?: string } = {}): OrgRecord {
    const org: OrgRecord = { id: opts.id ?? this.newId(), name, created: opts.created ?? this.daysAgo(900) };
    this.usedIds.add(org.id);
    this.orgs.set(org.id, org);
    for (const p of opts.owners ?? this.knownPrincipals) this.setOrgRole(p, org.id, 'ORG_OWNER');
    return org;
  }

  addProject(orgId: string, name: string, opts: { id?: string; created?: string; tags?: ResourceTag[] } = {}): ProjectRecord {
    if (!this.orgs.has(orgId)) throw new Error(`No organization ${orgId}`);
    const project: ProjectRecord = {
      id: opts.id ?? this.newId(),
      orgId,
      name,
      created: opts.created ?? this.daysAgo(400),
      tags: opts.tags ?? [],
    };
    this.usedIds.add(project.id);
    this.projectsById.set(project.id, project);
    return project;
  }

  addCluster(groupId: string, kind: ClusterKind, name: string, opts: ClusterOptions = {}): ClusterRecord {
    if (!this.projectsById.has(groupId)) throw new Error(`No project ${groupId}`);
    if (!/^[a-zA-Z0-9][a-zA-Z0-9-]*$/.test(name)) throw new Error(`Invalid cluster name '${name}'`);
    if (this.cluster(groupId, kind, name)) throw new Error(`Cluster '${name}' already exists`);
    const rng = forkRng(this.seed, `cluster:${groupId}:${kind}:${name}`);
    const clusterType = kind === 'dedicated' ? (opts.clusterType ?? 'REPLICASET') : 'REPLICASET';
    const prefix = `atlas-${hex(rng, 6)}`;
    const shards = clusterType === 'SHARDED' ? Math.max(1, opts.shards ?? 3) : 1;
    const replicaSets =
      clusterType === 'SHARDED'
        ? [...Array.from({ length: shards }, (_, i) => `${prefix}-shard-${i}`), `${prefix}-config-0`]
        : [`${prefix}-shard-0`];
    const provider = opts.provider ?? (['AWS', 'AZURE', 'GCP'] as const)[Math.floor(rng() * 3)]!;
    const region = opts.region ?? { AWS: 'US_EAST_1', AZURE: 'EUROPE_WEST', GCP: 'CENTRAL_US' }[provider];
    const cluster: ClusterRecord = {
      kind,
      id: this.newId(rng),
      groupId,
      name,
      created: opts.created ?? this.daysAgo(30 + Math.floor(rng() * 300)),
      clusterType,
      replicaSets,
      provider,
      region,
      instanceSize: opts.instanceSize ?? (kind === 'dedicated' ? (['M10', 'M30', 'M40'] as const)[Math.floor(rng() * 3)]! : 'FLEX'),
      diskSizeGB: kind === 'flex' ? 5 : 40,
      mongoDBVersion: (['7.0.21', '8.0.12'] as const)[Math.floor(rng() * 2)]!,
      stateName: opts.stateName ?? 'IDLE',
      paused: opts.paused ?? false,
      backupEnabled: true,
      pitEnabled: kind === 'dedicated',
      terminationProtectionEnabled: rng() < 0.3,
      tags: opts.tags ?? [],
    };
    if (opts.privateEndpoint) cluster.privateEndpointId = `vpce-${hex(rng, 17)}`;
    if (opts.restoreTarget === false) this.notTargets.add(key(groupId, kind, name));
    this.clustersByKey.set(key(groupId, kind, name), cluster);
    if (!this.clustersByGroup.has(groupId)) this.clustersByGroup.set(groupId, []);
    this.clustersByGroup.get(groupId)!.push(cluster);
    for (const [family, spec] of Object.entries(opts.restoreJobs ?? {}) as [RestoreFamily, number | VariantOf[RestoreFamily][]][]) {
      this.setRestoreJobPlan(cluster, family, spec);
    }
    return cluster;
  }

  /**
   * Says which restore jobs a cluster will have, before they are generated: a count (variants cycle
   * through every status × delivery kind of the family) or an explicit list of variants.
   */
  setRestoreJobPlan<F extends RestoreFamily>(cluster: ClusterRecord, family: F, spec: number | VariantOf[F][]): void {
    if (!FAMILIES_BY_KIND[cluster.kind].includes(family)) throw new Error(`A ${cluster.kind} cluster has no ${family} restore jobs`);
    const plan = this.plan(cluster, family);
    if (plan.jobs) throw new Error('The restore jobs of this cluster were already generated; use addRestoreJobs');
    if (Array.isArray(spec)) {
      plan.variants = spec;
      plan.count = spec.length;
    } else {
      plan.count = spec;
    }
  }

  /**
   * Adds `count` generated restore jobs (or one per variant given) and returns them. They are older
   * than the existing ones and go last — unless running jobs are on (`setRunningJobs`): then they were
   * requested now, go first (the lists are newest first), run and settle after `runSeconds`.
   */
  addRestoreJobs<F extends RestoreFamily>(groupId: string, clusterName: string, family: F, count: number | VariantOf[F][]): JobOf[F][] {
    const existing = this.restoreJobs(groupId, clusterName, family);
    const cluster = this.cluster(groupId, KIND_OF_FAMILY[family], clusterName)!;
    const plan = this.plan(cluster, family);
    const running = this.lifecycle.options();
    const requestedAt = running ? this.now() : undefined;
    const n = Array.isArray(count) ? count.length : count;
    const added: JobOf[F][] = [];
    for (let i = 0; i < n; i++) {
      const index = existing.length + i;
      const variant = Array.isArray(count) ? (count[i] as VariantOf[F]) : this.variantAt(plan, family, index);
      added.push(this.buildOne(cluster, family, index, running ? runningVariant(family, variant) : variant, requestedAt));
    }
    if (running) existing.unshift(...added);
    else existing.push(...added);
    plan.count = existing.length;
    for (const job of running ? added : []) {
      this.lifecycle.scheduleNew({ jobId: job.id!, family, groupId, clusterName }, running!.runSeconds * 1000, this.lifecycle.outcome(job.id!));
    }
    return added;
  }

  // ------------------------------------------------------------------ jobs that run and settle (lifecycle.ts)

  /**
   * Turns running jobs on (or off with undefined): restore jobs added from now on run `runSeconds`, then
   * finish or fail (`failShare`). Each call that turns it on also (re)starts the dataset's chosen moving
   * jobs from now (the demo's; not with `demoJobs: false`). Jobs already on a schedule keep it.
   */
  setRunningJobs(options: RunningJobsOptions | undefined): MovingJob[] {
    this.lifecycle.setOptions(options);
    if (!options || options.demoJobs === false) return [];
    const today = new Date(this.now()).toISOString().slice(0, 10);
    const chosen = this.chosenJobs.filter((c) => c.until === undefined || today < c.until);
    return chosen.map((c) => {
      const job = this.restoreJobs(c.groupId, c.clusterName, c.family)[c.index];
      if (!job?.id) throw new Error(`No restore job #${c.index} in ${c.clusterName} (${c.family})`);
      return this.lifecycle.schedule(job.id, Math.round(c.at * options.runSeconds) * 1000, c.outcome, true);
    });
  }

  runningJobs(): RunningJobsOptions | undefined {
    return this.lifecycle.options();
  }

  /** The dataset's moving jobs (buildDemo's), started by setRunningJobs. */
  chooseMovingJobs(jobs: ChosenJob[]): void {
    this.chosenJobs = jobs.map((j) => ({ ...j }));
  }

  /**
   * Moves one generated restore job to `state` now (see job-states.ts for what each family's document
   * becomes). 'running' holds it running until moved again — or, with `runSeconds`, runs it that long
   * and then makes it `outcome` (default: by the fail share of setRunningJobs, else finished).
   */
  setJobState(jobId: string, state: JobState, opts: { runSeconds?: number; outcome?: Outcome } = {}): MovingJob {
    checkJobState(state);
    if (opts.outcome !== undefined && opts.outcome !== 'finished' && opts.outcome !== 'failed') throw new Error('outcome must be finished or failed');
    if (opts.runSeconds === undefined) return this.lifecycle.move(jobId, state);
    if (state !== 'running') throw new Error('runSeconds goes with the state running');
    if (!(opts.runSeconds >= 0)) throw new Error('runSeconds must be >= 0');
    return this.lifecycle.schedule(jobId, opts.runSeconds * 1000, opts.outcome ?? this.lifecycle.outcome(jobId));
  }

  /** Whether a restore job with this id has been generated. */
  hasJob(jobId: string): boolean {
    return this.jobsById.has(jobId);
  }

  /** Every job moved or put on a schedule so far, after settling what is due. */
  movingJobs(): MovingJob[] {
    return this.lifecycle.list();
  }

  /** Settles what is due on the clock now (the clock calls this before it is set or moved). */
  settleDue(): void {
    this.lifecycle.tick();
  }

  /**
   * A generated job by id: where it lives, and how to serve another document in its place — the same
   * object, changed in place, so that whoever holds it sees the job as it is now.
   */
  private jobSlot(jobId: string): JobSlot | undefined {
    const found = this.jobsById.get(jobId);
    if (!found) return undefined;
    const [groupId, kind, clusterName, family] = found.planKey.split('\u0000') as [string, ClusterKind, string, RestoreFamily];
    const cluster = this.cluster(groupId, kind, clusterName)!;
    // The new document's files replace the old one's when the document does.
    const files: DownloadFile[] = [];
    return {
      jobId,
      family,
      groupId,
      clusterName,
      job: found.job,
      context: (label) => {
        const mark = this.fileMarks.forJob(jobId);
        return { ...this.context(cluster, 0, forkRng(this.seed, label)), addFile: (f) => files.push(f), ...(mark ? { fileMark: mark } : {}) };
      },
      replace: (job) => {
        let part = 0; // a job's files are its parts 0, 1, …
        while (this.files.delete(key(family, groupId, clusterName, jobId, String(part)))) part++;
        for (const f of files.splice(0)) this.addFile(f);
        const live = found.job as Record<string, unknown>;
        for (const k of Object.keys(live)) delete live[k];
        Object.assign(live, job);
      },
    };
  }

  // ------------------------------------------------------------------ patched documents

  /**
   * Changes what the API serves for one restore job or one cluster (see patches.ts); patches add up,
   * in order. A job is found among the jobs generated so far (its id was read from somewhere).
   */
  patchDocument(target: PatchTarget, patch: DocumentPatch): void {
    checkPatch(patch);
    if ('jobId' in target) {
      if (!this.hasJob(target.jobId)) throw new Error(`No restore job ${target.jobId} (read its cluster's restore jobs first)`);
    } else if (!this.cluster(target.groupId, target.kind, target.clusterName)) {
      throw new Error(`No ${target.kind} cluster '${target.clusterName}' in project ${target.groupId}`);
    }
    const k = patchKey(target);
    const entry = this.patches.get(k) ?? { target, patches: [] };
    entry.patches.push(structuredClone(patch));
    this.patches.set(k, entry);
  }

  clearPatches(): void {
    this.patches.clear();
  }

  /** What is patched, for the control endpoint's state and for checks that must skip patched answers. */
  patchedDocuments(): PatchTarget[] {
    return [...this.patches.values()].map((e) => e.target);
  }

  isPatched(target: PatchTarget): boolean {
    return this.patches.has(patchKey(target));
  }

  /** A restore job as the API serves it: patched when a patch names it, otherwise the job itself. */
  servedJob<J extends { id?: string }>(job: J): J {
    const entry = job.id === undefined ? undefined : this.patches.get(patchKey({ jobId: job.id }));
    return entry ? applyPatches(job, entry.patches) : job;
  }

  /** A cluster's response object (in whatever version) as the API serves it. */
  servedCluster<V>(cluster: ClusterRecord, view: V): V {
    const entry = this.patches.get(patchKey({ groupId: cluster.groupId, kind: cluster.kind, clusterName: cluster.name }));
    return entry ? applyPatches(view, entry.patches) : view;
  }

  // ------------------------------------------------------------------ access

  setOrgRole(principal: string, orgId: string, role: OrgRole | undefined): void {
    if (!this.orgRoles.has(principal)) this.orgRoles.set(principal, new Map());
    if (role) this.orgRoles.get(principal)!.set(orgId, role);
    else this.orgRoles.get(principal)!.delete(orgId);
  }

  orgRole(principal: string, orgId: string): OrgRole | undefined {
    return this.orgRoles.get(principal)?.get(orgId);
  }

  /** Sets (replaces) a principal's roles in one project; an empty list removes the grant. */
  grant(principal: string, groupId: string, roles: ProjectRole[]): void {
    const project = this.projectsById.get(groupId);
    if (!project) throw new Error(`No project ${groupId}`);
    if (!this.projectGrants.has(principal)) this.projectGrants.set(principal, new Map());
    if (roles.length === 0) this.projectGrants.get(principal)!.delete(groupId);
    else this.projectGrants.get(principal)!.set(groupId, new Set(roles));
    if (roles.length > 0 && !this.orgRole(principal, project.orgId)) this.setOrgRole(principal, project.orgId, 'ORG_MEMBER');
  }

  /** The roles a principal holds in a project; an organization owner holds them all. */
  projectRoles(principal: string, groupId: string): ProjectRole[] {
    const project = this.projectsById.get(groupId);
    if (!project) return [];
    if (this.orgRole(principal, project.orgId) === 'ORG_OWNER') return ['GROUP_OWNER', 'GROUP_BACKUP_MANAGER', 'GROUP_READ_ONLY'];
    return [...(this.projectGrants.get(principal)?.get(groupId) ?? [])];
  }

  hasProjectRole(principal: string, groupId: string, required: ProjectRole): boolean {
    return this.projectRoles(principal, groupId).some((r) => PROJECT_ROLE_RANK[r] >= PROJECT_ROLE_RANK[required]);
  }

  canSeeProject(principal: string, groupId: string): boolean {
    return this.projectRoles(principal, groupId).length > 0;
  }

  isOrgMember(principal: string, orgId: string): boolean {
    if (this.orgRole(principal, orgId)) return true;
    return this.projects(orgId).some((p) => this.canSeeProject(principal, p.id));
  }

  // ------------------------------------------------------------------ internals

  private plan<F extends RestoreFamily>(cluster: ClusterRecord, family: F): JobPlan<F> {
    const k = key(cluster.groupId, cluster.kind, cluster.name, family);
    let plan = this.plans.get(k) as JobPlan<F> | undefined;
    if (!plan) {
      plan = { count: 0, variants: DEFAULT_VARIANTS[family] as VariantOf[F][] };
      this.plans.set(k, plan as unknown as JobPlan);
    }
    return plan;
  }

  private variantAt<F extends RestoreFamily>(plan: JobPlan<F>, family: F, index: number): VariantOf[F] {
    const variants = plan.variants.length > 0 ? plan.variants : (DEFAULT_VARIANTS[family] as VariantOf[F][]);
    return variants[index % variants.length] as VariantOf[F];
  }

  private buildOne<F extends RestoreFamily>(cluster: ClusterRecord, family: F, index: number, variant: VariantOf[F], requestedAt?: number): JobOf[F] {
    const ctx = this.context(cluster, index, forkRng(this.seed, `job:${cluster.id}:${family}:${index}`));
    if (requestedAt !== undefined) ctx.requestedAt = requestedAt;
    const mark = this.fileMarks.forPlace({ groupId: cluster.groupId, clusterName: cluster.name, family, index });
    if (mark) ctx.fileMark = mark;
    const job = buildJob(family, ctx, variant);
    if (job.id) this.jobsById.set(job.id, { planKey: key(cluster.groupId, cluster.kind, cluster.name, family), job });
    if (job.id && mark) this.fileMarks.remember(job.id, mark);
    return job;
  }

  private addFile(f: DownloadFile): void {
    this.files.set(key(f.key.family, f.key.groupId, f.key.clusterName, f.key.jobId, f.key.part), f);
  }

  /** What a job of `cluster` is built with; `index` picks the target of automated restores. */
  private context(cluster: ClusterRecord, index: number, rng: Rng): JobContext {
    const siblings = this.clusters(cluster.groupId, cluster.kind).filter(
      (c) => c.name !== cluster.name && !this.notTargets.has(key(c.groupId, c.kind, c.name)),
    );
    const target = siblings[index % Math.max(1, siblings.length)] ?? cluster;
    const ctx: JobContext = {
      seed: this.seed,
      baseUrl: this.baseUrl,
      anchor: this.anchor,
      signer: this.signer,
      groupId: cluster.groupId,
      clusterId: cluster.id,
      clusterName: cluster.name,
      replicaSets: cluster.replicaSets,
      targetName: target.name,
      targetId: target.id,
      index,
      rng,
      fileSize: this.fileSize,
      addFile: (f) => this.addFile(f),
    };
    if (cluster.privateEndpointId) ctx.privateEndpointId = cluster.privateEndpointId;
    return ctx;
  }
}
