import { DigestAuth } from './auth/digest';
import { ServiceAccountAuth } from './auth/serviceAccount';
import type { AtlasCredentials } from './auth/types';
import { AtlasError, invalidInputError } from './errors';
import { HttpTransport } from './http';
import {
  GET_RESTORE_JOB_OPERATION,
  LIST_RESTORE_JOBS_OPERATION,
  OPERATIONS,
  expandPath,
  type OperationId,
} from './operations';
import { allPages as allPagesOf, pageQuery, toPage, type Page, type PageOptions } from './paging';
import { RequestPipeline } from './pipeline';
import { RedactingLog, SecretSet, type AtlasLogger } from './redaction';
import { DEFAULT_RETRY } from './retry';
import { normalizeBaseUrl } from './sites';
import type {
  AtlasOrganization,
  AtlasProject,
  CloudBackupRestoreJob,
  DedicatedCluster,
  FlexCluster,
  FlexRestoreJob,
  LegacyRestoreJob,
  PaginatedView,
  RestoreJobFamily,
  RestoreJobOfFamily,
  ServerlessInstance,
  ServerlessRestoreJob,
} from './types';
import { checkClusterName, checkId, checkPaging } from './validation';
import { version as packageVersion } from '../../package.json';

export interface AtlasClientOptions {
  /** Passed through normalizeBaseUrl. */
  baseUrl: string;
  credentials: AtlasCredentials;
  /** Per attempt (one HTTP exchange, body included); default 30_000. */
  timeoutMs?: number;
  /** Defaults 3 / 500 / 30_000. */
  retry?: { maxRetries?: number; baseDelayMs?: number; maxDelayMs?: number };
  /** Pages fetched at once by allPages; default 4. */
  pageConcurrency?: number;
  /** Default 'atlas-restore-jobs/<version>'. */
  userAgent?: string;
  logger?: AtlasLogger;
  /** ms; for token expiry; default Date.now. */
  clock?: () => number;
  /** Uniform in [0, 1) for the backoff jitter; default Math.random (tests pin it). */
  random?: () => number;
}

export interface CallOptions {
  signal?: AbortSignal;
}

const FAMILY_WORD: Record<RestoreJobFamily, string> = {
  legacy: 'cluster',
  cloudBackup: 'cluster',
  serverless: 'serverless instance',
  flex: 'flex cluster',
};

/**
 * A typed client of the Atlas Administration API v2 for one connection (base URL + credentials).
 * Every method validates its input before any request and throws only AtlasError.
 */
export class AtlasClient {
  readonly baseUrl: string;
  readonly authKind: AtlasCredentials['kind'];

  private readonly lifetime = new AbortController();
  private readonly secrets = new SecretSet();
  private readonly transport: HttpTransport;
  private readonly pipeline: RequestPipeline;
  private readonly auth: ServiceAccountAuth | DigestAuth;
  private readonly pageConcurrency: number;
  private disposed = false;

  constructor(options: AtlasClientOptions) {
    this.baseUrl = normalizeBaseUrl(options.baseUrl);
    const credentials = checkCredentials(options.credentials);
    this.authKind = credentials.kind;
    const timeoutMs = positiveNumber(options.timeoutMs, 30_000, 'timeoutMs');
    const retry = {
      maxRetries: wholeNumber(options.retry?.maxRetries, DEFAULT_RETRY.maxRetries, 'retry.maxRetries', 0),
      baseDelayMs: wholeNumber(options.retry?.baseDelayMs, DEFAULT_RETRY.baseDelayMs, 'retry.baseDelayMs', 0),
      maxDelayMs: wholeNumber(options.retry?.maxDelayMs, DEFAULT_RETRY.maxDelayMs, 'retry.maxDelayMs', 0),
      random: options.random ?? Math.random,
    };
    this.pageConcurrency = wholeNumber(options.pageConcurrency, 4, 'pageConcurrency', 1);
    const clock = options.clock ?? Date.now;

    const log = new RedactingLog(options.logger, this.secrets);
    this.transport = new HttpTransport(this.baseUrl);
    this.pipeline = new RequestPipeline({
      transport: this.transport,
      log,
      retry,
      timeoutMs,
      userAgent: options.userAgent ?? `atlas-restore-jobs/${packageVersion}`,
      authKind: credentials.kind,
      lifetime: this.lifetime.signal,
    });

    if (credentials.kind === 'serviceAccount') {
      const { clientId, clientSecret } = credentials;
      this.secrets.add(clientSecret);
      this.secrets.add(Buffer.from(`${clientId}:${clientSecret}`).toString('base64'));
      this.auth = new ServiceAccountAuth(
        async (signal) => {
          const token = await this.pipeline.requestToken(clientId, clientSecret, signal);
          this.secrets.addRecent(token.value);
          return token;
        },
        clock,
        this.lifetime.signal,
      );
    } else {
      this.secrets.add(credentials.privateKey);
      this.auth = new DigestAuth(credentials.publicKey, credentials.privateKey, (r) => this.secrets.addRecent(r));
    }
    this.pipeline.setAuthenticator(this.auth);
  }

  /** One real, cheap request (GET /orgs?itemsPerPage=1&includeCount=false); throws AtlasError. */
  async verifyCredentials(opts: CallOptions = {}): Promise<void> {
    await this.list<AtlasOrganization>('listOrgs', {}, { itemsPerPage: 1, includeCount: false, signal: opts.signal });
  }

  listOrganizations(opts: PageOptions = {}): Promise<Page<AtlasOrganization>> {
    return this.list('listOrgs', {}, opts);
  }

  listProjects(opts: PageOptions = {}): Promise<Page<AtlasProject>> {
    return this.list('listGroups', {}, opts);
  }

  listOrganizationProjects(orgId: string, opts: PageOptions = {}): Promise<Page<AtlasProject>> {
    return this.run('getOrgGroups', () => {
      checkId(orgId, 'organization id', 'getOrgGroups');
      return this.list('getOrgGroups', { orgId }, opts, undefined, `organization ${orgId}`);
    });
  }

  listClusters(groupId: string, opts: PageOptions = {}): Promise<Page<DedicatedCluster>> {
    return this.projectList('listGroupClusters', groupId, opts);
  }

  listServerlessInstances(groupId: string, opts: PageOptions = {}): Promise<Page<ServerlessInstance>> {
    return this.projectList('listGroupServerlessInstances', groupId, opts);
  }

  listFlexClusters(groupId: string, opts: PageOptions = {}): Promise<Page<FlexCluster>> {
    return this.projectList('listGroupFlexClusters', groupId, opts);
  }

  listLegacyRestoreJobs(
    groupId: string,
    clusterName: string,
    opts: PageOptions & { batchId?: string } = {},
  ): Promise<Page<LegacyRestoreJob>> {
    return this.listJobs('legacy', groupId, clusterName, opts);
  }

  getLegacyRestoreJob(groupId: string, clusterName: string, jobId: string, opts: CallOptions = {}): Promise<LegacyRestoreJob> {
    return this.getJob('legacy', groupId, clusterName, jobId, opts);
  }

  listCloudBackupRestoreJobs(groupId: string, clusterName: string, opts: PageOptions = {}): Promise<Page<CloudBackupRestoreJob>> {
    return this.listJobs('cloudBackup', groupId, clusterName, opts);
  }

  getCloudBackupRestoreJob(groupId: string, clusterName: string, restoreJobId: string, opts: CallOptions = {}): Promise<CloudBackupRestoreJob> {
    return this.getJob('cloudBackup', groupId, clusterName, restoreJobId, opts);
  }

  listServerlessRestoreJobs(groupId: string, instanceName: string, opts: PageOptions = {}): Promise<Page<ServerlessRestoreJob>> {
    return this.listJobs('serverless', groupId, instanceName, opts);
  }

  getServerlessRestoreJob(groupId: string, instanceName: string, restoreJobId: string, opts: CallOptions = {}): Promise<ServerlessRestoreJob> {
    return this.getJob('serverless', groupId, instanceName, restoreJobId, opts);
  }

  listFlexRestoreJobs(groupId: string, flexName: string, opts: PageOptions = {}): Promise<Page<FlexRestoreJob>> {
    return this.listJobs('flex', groupId, flexName, opts);
  }

  getFlexRestoreJob(groupId: string, flexName: string, restoreJobId: string, opts: CallOptions = {}): Promise<FlexRestoreJob> {
    return this.getJob('flex', groupId, flexName, restoreJobId, opts);
  }

  /** Family-generic form used by the tree. For 'legacy', `opts` may also carry `batchId`. */
  listRestoreJobs<F extends RestoreJobFamily>(
    family: F,
    groupId: string,
    clusterName: string,
    opts: PageOptions & { batchId?: string } = {},
  ): Promise<Page<RestoreJobOfFamily[F]>> {
    return this.listJobs(family, groupId, clusterName, opts);
  }

  getRestoreJob<F extends RestoreJobFamily>(
    family: F,
    groupId: string,
    clusterName: string,
    jobId: string,
    opts: CallOptions = {},
  ): Promise<RestoreJobOfFamily[F]> {
    return this.getJob(family, groupId, clusterName, jobId, opts);
  }

  /**
   * Every item of a list operation: page 1 first; when totalCount is known, the remaining pages
   * concurrently (bounded by pageConcurrency); yields each page's results in page order.
   * Default page size 500.
   */
  allPages<T>(
    fetchPage: (o: PageOptions) => Promise<Page<T>>,
    opts: { itemsPerPage?: number; signal?: AbortSignal; concurrency?: number } = {},
  ): AsyncGenerator<T[]> {
    return allPagesOf(fetchPage, { concurrency: this.pageConcurrency, ...opts });
  }

  /** Forgets the cached token and digest nonces, aborts in-flight requests; later calls fail as cancelled. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.lifetime.abort();
    this.auth.reset();
    this.secrets.clearRecent();
    this.transport.destroy();
  }

  // -------------------------------------------------------------------------------------------

  private projectList<T>(id: OperationId, groupId: string, opts: PageOptions): Promise<Page<T>> {
    return this.run(id, () => {
      checkId(groupId, 'project id', id);
      return this.list<T>(id, { groupId }, opts, undefined, `project ${groupId}`);
    });
  }

  private listJobs<F extends RestoreJobFamily>(
    family: F,
    groupId: string,
    clusterName: string,
    opts: PageOptions & { batchId?: string },
  ): Promise<Page<RestoreJobOfFamily[F]>> {
    const id = LIST_RESTORE_JOBS_OPERATION[family];
    return this.run(id, () => {
      if (!(family in LIST_RESTORE_JOBS_OPERATION)) throw invalidInputError(`Unknown restore job family ${String(family)}.`, id);
      checkId(groupId, 'project id', id);
      checkClusterName(clusterName, FAMILY_WORD[family], id);
      let extra: URLSearchParams | undefined;
      if (opts.batchId !== undefined) {
        if (family !== 'legacy') throw invalidInputError('Only legacy backup restore jobs can be filtered by batch id.', id);
        checkId(opts.batchId, 'batch id', id);
        extra = new URLSearchParams({ batchId: opts.batchId });
      }
      return this.list<RestoreJobOfFamily[F]>(
        id,
        pathParams(family, groupId, clusterName),
        opts,
        extra,
        `${FAMILY_WORD[family]} '${clusterName}' in project ${groupId}`,
      );
    });
  }

  private getJob<F extends RestoreJobFamily>(
    family: F,
    groupId: string,
    clusterName: string,
    jobId: string,
    opts: CallOptions,
  ): Promise<RestoreJobOfFamily[F]> {
    const id = GET_RESTORE_JOB_OPERATION[family];
    return this.run(id, async () => {
      if (!(family in GET_RESTORE_JOB_OPERATION)) throw invalidInputError(`Unknown restore job family ${String(family)}.`, id);
      checkId(groupId, 'project id', id);
      checkClusterName(clusterName, FAMILY_WORD[family], id);
      checkId(jobId, 'restore job id', id);
      const op = OPERATIONS[id];
      const params = { ...pathParams(family, groupId, clusterName), [family === 'legacy' ? 'jobId' : 'restoreJobId']: jobId };
      return this.pipeline.getJson<RestoreJobOfFamily[F]>(
        op,
        expandPath(op.path, params),
        undefined,
        opts.signal,
        `restore job ${jobId} of ${FAMILY_WORD[family]} '${clusterName}' in project ${groupId}`,
      );
    });
  }

  private list<T>(
    id: OperationId,
    params: Record<string, string>,
    opts: PageOptions,
    extra?: URLSearchParams,
    subject?: string,
  ): Promise<Page<T>> {
    return this.run(id, async () => {
      checkPaging(opts, id);
      const op = OPERATIONS[id];
      const q = pageQuery(opts);
      const query = new URLSearchParams({
        itemsPerPage: String(q.itemsPerPage),
        pageNum: String(q.pageNum),
        includeCount: String(q.includeCount),
      });
      for (const [k, v] of extra ?? []) query.append(k, v);
      const view = await this.pipeline.getJson<PaginatedView<T>>(op, expandPath(op.path, params), query, opts.signal, subject);
      if (!Array.isArray(view.results)) {
        throw new AtlasError({
          kind: 'badResponse',
          message: `Atlas answered the request to ${op.action} without a list of results. Try again; if it keeps happening, report it with the log.`,
          operation: id,
        });
      }
      return toPage(view, q);
    });
  }

  /** Turns synchronous validation failures into rejections and refuses work after dispose. */
  private async run<T>(id: OperationId, body: () => Promise<T>): Promise<T> {
    if (this.disposed) {
      throw new AtlasError({
        kind: 'cancelled',
        message: `The request to ${OPERATIONS[id].action} was cancelled: this Atlas connection was closed.`,
        operation: id,
        attempts: 0,
      });
    }
    return body();
  }
}

function pathParams(family: RestoreJobFamily, groupId: string, clusterName: string): Record<string, string> {
  return family === 'flex' ? { groupId, name: clusterName } : { groupId, clusterName };
}

function checkCredentials(c: AtlasCredentials): AtlasCredentials {
  const filled = (s: unknown): s is string => typeof s === 'string' && s.trim() !== '';
  if (c?.kind === 'serviceAccount') {
    if (!filled(c.clientId) || !filled(c.clientSecret)) {
      throw invalidInputError('A service account needs both a client ID and a client secret.');
    }
    return { kind: 'serviceAccount', clientId: c.clientId.trim(), clientSecret: c.clientSecret.trim() };
  }
  if (c?.kind === 'apiKey') {
    if (!filled(c.publicKey) || !filled(c.privateKey)) {
      throw invalidInputError('An API key needs both its public key and its private key.');
    }
    return { kind: 'apiKey', publicKey: c.publicKey.trim(), privateKey: c.privateKey.trim() };
  }
  throw invalidInputError('Unknown kind of Atlas credentials: use a service account or an API key.');
}

function positiveNumber(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw invalidInputError(`The client option ${name} must be a positive number of milliseconds.`);
  }
  return value;
}

function wholeNumber(value: number | undefined, fallback: number, name: string, min: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min) {
    throw invalidInputError(`The client option ${name} must be a whole number of at least ${min}.`);
  }
  return value;
}
