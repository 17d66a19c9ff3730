import { DigestAuth } from './auth/digest';
import { ServiceAccountAuth } from './auth/serviceAccount';
import type { AtlasCredentials } from './auth/types';
import { resolveClientOptions, type AtlasClientOptions, type CallOptions } from './clientOptions';
import { AtlasError } from './errors';
import { getPage } from './getPage';
import { HttpTransport } from './http';
import { proxySecrets } from './network';
import { RequestLimiter, type AtlasRequestLimiter } from './limiter';
import { OPERATIONS, restoreJobEndpoints, type OperationId } from './operations';
import { allPages as allPagesOf, type Page, type PageOptions } from './paging';
import { RequestPipeline } from './pipeline';
import { RedactingLog, SecretSet } from './redaction';
import { getRestoreJobOf, listRestoreJobPage, type RestoreJobListOptions } from './restoreJobRequests';
import type {
  AtlasOrganization,
  AtlasProject,
  DedicatedCluster,
  FlexCluster,
  RestoreJobFamily,
  RestoreJobOfFamily,
  ServerlessInstance,
} from './types';
import { checkId } from './validation';

export type { AtlasClientOptions, CallOptions } from './clientOptions';
export type { AtlasRequestLimiter, LimiterState, RateLimitPauseEvent } from './limiter';
export type { RestoreJobListOptions } from './restoreJobRequests';

/**
 * A typed client of the Atlas Administration API v2 for one connection (base URL + credentials).
 * Every method validates its input before any request and throws only AtlasError.
 */
export class AtlasClient {
  readonly baseUrl: string;
  readonly authKind: AtlasCredentials['kind'];
  /**
   * Every request of this client goes through it: in flight, queued, paused by Atlas's rate limit until
   * when, and an event when such a pause starts, moves and ends (for a UI that says why a search waits).
   */
  readonly limiter: AtlasRequestLimiter;

  private readonly lifetime = new AbortController();
  private readonly secrets = new SecretSet();
  private readonly transport: HttpTransport;
  private readonly pipeline: RequestPipeline;
  private readonly requestLimiter: RequestLimiter;
  private readonly auth: ServiceAccountAuth | DigestAuth;
  private readonly pageConcurrency: number;
  private disposed = false;

  constructor(options: AtlasClientOptions) {
    const o = resolveClientOptions(options);
    const { credentials } = o;
    this.baseUrl = o.baseUrl;
    this.authKind = credentials.kind;
    this.pageConcurrency = o.pageConcurrency;

    // The proxy's credentials are secrets like the client's own: no log line or message may hold them.
    for (const s of [...proxySecrets(o.network?.proxy), ...proxySecrets(o.network?.httpProxy)]) this.secrets.add(s);
    const log = new RedactingLog(o.logger, this.secrets);
    this.transport = new HttpTransport(this.baseUrl, o.network);
    this.requestLimiter = new RequestLimiter(o.maxConcurrentRequests);
    this.limiter = this.requestLimiter;
    this.pipeline = new RequestPipeline({
      transport: this.transport,
      log,
      retry: o.retry,
      timeoutMs: o.timeoutMs,
      userAgent: o.userAgent,
      authKind: credentials.kind,
      lifetime: this.lifetime.signal,
      limiter: this.requestLimiter,
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
        o.clock,
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
      return this.list('getOrgGroups', { orgId }, opts, `organization ${orgId}`);
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

  /** One page of a family's restore jobs. For 'legacy', `opts` may also carry `batchId`. */
  listRestoreJobs<F extends RestoreJobFamily>(
    family: F,
    groupId: string,
    clusterName: string,
    opts: RestoreJobListOptions = {},
  ): Promise<Page<RestoreJobOfFamily[F]>> {
    return this.run(restoreJobEndpoints(family)?.list, () => listRestoreJobPage(this.pipeline, family, groupId, clusterName, opts));
  }

  getRestoreJob<F extends RestoreJobFamily>(
    family: F,
    groupId: string,
    clusterName: string,
    jobId: string,
    opts: CallOptions = {},
  ): Promise<RestoreJobOfFamily[F]> {
    return this.run(restoreJobEndpoints(family)?.get, () => getRestoreJobOf(this.pipeline, family, groupId, clusterName, jobId, opts));
  }

  /**
   * Every item of a list operation: page 1 first; when totalCount is known, the remaining pages
   * concurrently (at most `concurrency`, default pageConcurrency, and within the client's
   * maxConcurrentRequests shared with every other caller); yields each page's results in page order. A
   * short or empty page ends the list whatever totalCount said (see paging.ts). Default page size 500.
   */
  allPages<T>(
    fetchPage: (o: PageOptions) => Promise<Page<T>>,
    opts: { itemsPerPage?: number; signal?: AbortSignal; concurrency?: number } = {},
  ): AsyncGenerator<T[]> {
    return allPagesOf(fetchPage, { concurrency: this.pageConcurrency, ...opts });
  }

  /** Forgets the cached token and digest nonce, aborts in-flight and queued requests; later calls fail as cancelled. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.lifetime.abort();
    this.requestLimiter.dispose();
    this.auth.reset();
    this.secrets.clearRecent();
    this.transport.destroy();
  }

  // -------------------------------------------------------------------------------------------

  private projectList<T>(id: OperationId, groupId: string, opts: PageOptions): Promise<Page<T>> {
    return this.run(id, () => {
      checkId(groupId, 'project id', id);
      return this.list<T>(id, { groupId }, opts, `project ${groupId}`);
    });
  }

  private list<T>(id: OperationId, params: Record<string, string>, opts: PageOptions, subject?: string): Promise<Page<T>> {
    return this.run(id, () => getPage<T>(this.pipeline, id, params, opts, undefined, subject));
  }

  /**
   * Turns synchronous validation failures into rejections and refuses work after dispose. `id` is
   * undefined only for a restore-job family that does not exist, which the body then refuses.
   */
  private async run<T>(id: OperationId | undefined, body: () => Promise<T>): Promise<T> {
    if (this.disposed) {
      const what = id === undefined ? 'Atlas' : OPERATIONS[id].action;
      throw new AtlasError({
        kind: 'cancelled',
        message: `The request to ${what} was cancelled: this Atlas connection was closed.`,
        operation: id,
        attempts: 0,
      });
    }
    return body();
  }
}
