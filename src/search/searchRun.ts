import { isAtlasError, type AtlasClient, type Page, type PageOptions } from '../atlas';
import type { AnyRestoreJob, AtlasProject } from '../atlas/types';
import { FROM_COPY, listKey, type PageCache } from '../cache/pageCache';
import { clusterNameOf } from '../jobs/clusterSummary';
import { jobFacts, type JobFacts } from '../jobs/facts';
import { CLUSTER_KIND_IDS, CLUSTER_KINDS, FAMILIES, type ClusterDoc, type ClusterKind } from '../jobs/families';
import { allJobsOfFamily, cachedList, familiesOfKind, type Turn } from './clusterJobs';
import { RequestGate } from './requestGate';
import type { RestoreJobFamily } from '../atlas/types';
import { readObject, readString } from '../jobs/read';
import { isUnreachable, keptFacts } from '../offline/keptJobs';
import { matchesQuery } from './match';
import type { SearchQuery } from './query';

/** One connection to search: its client is shared with the tree, so its limiter bounds everyone's requests. */
export interface SearchTarget {
  connectionId: string;
  client: AtlasClient;
}

export interface ProjectRef {
  connectionId: string;
  groupId: string;
  name: string;
}

export interface SearchMatch {
  project: ProjectRef;
  clusterName: string;
  clusterKind: ClusterKind;
  job: AnyRestoreJob;
  facts: JobFacts;
}

/** Something that could not be searched: the search goes on without it. */
export interface SearchProblem {
  connectionId: string;
  project?: ProjectRef;
  clusterName?: string;
  /** What could not be listed: 'projects', 'clusters', or a family's jobs. */
  what: 'projects' | 'clusters' | RestoreJobFamily;
  error: unknown;
}

export interface SearchProgress {
  projectsTotal: number;
  projectsDone: number;
  jobsSeen: number;
  matches: number;
}

export interface SearchEvents {
  match(m: SearchMatch): void;
  problem(p: SearchProblem): void;
  progress(p: SearchProgress): void;
}

export interface SearchOptions {
  now: Date;
  pageSize: number;
  pages: PageCache;
  signal?: AbortSignal;
  /** Projects searched at once per connection; the client's own bound on requests in flight still applies. */
  concurrency?: number;
}

const DEFAULT_CONCURRENCY = 8;

/**
 * How long the search's requests wait out Atlas's rate limit: as long as a 429's Retry-After says. The
 * client's default gives up after its longest backoff, which would turn every project still to search into
 * a problem row; the search instead shows the pause on its row, and the person has Cancel.
 */
const RATE_LIMIT_WAIT_MS = Number.POSITIVE_INFINITY;

/** Depths for the RequestGate: the deeper list goes first, as it is the nearer to a match. */
const DEPTH = { projects: 0, clusters: 1, jobs: 2 } as const;

/** Which families a query can match, and so which lists are worth fetching at all. */
function familiesFor(q: SearchQuery, kind: ClusterKind): RestoreJobFamily[] {
  const families = familiesOfKind(kind);
  return q.families.length ? families.filter((f) => q.families.includes(f)) : families;
}

/** Runs `work` over `items` with at most `limit` at a time, stopping early when `signal` aborts. */
async function pool<T>(items: readonly T[], limit: number, signal: AbortSignal, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length && !signal.aborted) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * Searches every project, cluster and restore-job list of the given connections for jobs the query
 * matches, reporting matches as they are found. Lists come through the page cache, so what the tree
 * has loaded is not fetched again and what is fetched here fills it; when Atlas cannot be reached, lists
 * come from the offline copy, its jobs matched by the status they had (keptFacts). A list that fails becomes a
 * problem and the search goes on; a retired list (410: serverless) is no problem. A lone id ends the
 * search at its first match by job id. Resolves when all is searched or the signal aborts.
 */
export async function runSearch(targets: readonly SearchTarget[], q: SearchQuery, o: SearchOptions, events: SearchEvents): Promise<SearchProgress> {
  const stop = new AbortController();
  const signal = o.signal ? AbortSignal.any([o.signal, stop.signal]) : stop.signal;
  const progress: SearchProgress = { projectsTotal: 0, projectsDone: 0, jobsSeen: 0, matches: 0 };
  const tell = () => events.progress({ ...progress });

  /**
   * Connections Atlas stayed unreachable for through a request's retries: their next requests are sent once,
   * so that the offline copy answers each list at once instead of after the client's backoffs; the first
   * answer from Atlas lifts it.
   */
  const down = new Set<string>();
  const retriesOf = (t: SearchTarget) => () => (down.has(t.connectionId) ? 0 : undefined);
  /** A target's requests, each let through its gate at `depth`. */
  const turnOf =
    (t: SearchTarget, gate: RequestGate, depth: number): Turn =>
    (s, send) =>
      gate.run(depth, s, () =>
        send().then(
          (answer) => {
            down.delete(t.connectionId);
            return answer;
          },
          (error: unknown) => {
            if (isUnreachable(error)) down.add(t.connectionId);
            throw error;
          },
        ),
      );
  /** How every list of a target is read: through its gate at `depth`, the offline copy answering when Atlas cannot. */
  const listing = (t: SearchTarget, gate: RequestGate, depth: number) => ({
    pageSize: o.pageSize,
    signal,
    turn: turnOf(t, gate, depth),
    maxRateLimitWaitMs: RATE_LIMIT_WAIT_MS,
    use: FROM_COPY,
    maxRetries: retriesOf(t),
  });
  const all = <T>(t: SearchTarget, gate: RequestGate, depth: number, key: string, fetch: (o: PageOptions) => Promise<Page<T>>) =>
    cachedList(t.client, o.pages, { key, ...listing(t, gate, depth) }, fetch);

  const searchCluster = async (t: SearchTarget, gate: RequestGate, project: ProjectRef, doc: ClusterDoc) => {
    const name = clusterNameOf(doc);
    if (!name) return;
    await Promise.all(
      familiesFor(q, doc.kind).map(async (family) => {
        let jobs: AnyRestoreJob[];
        try {
          const where = { connectionId: t.connectionId, groupId: project.groupId, clusterName: name, family, ...listing(t, gate, DEPTH.jobs) };
          jobs = await allJobsOfFamily(t.client, o.pages, where);
        } catch (error) {
          if (!signal.aborted && !(FAMILIES[family].retiredOn && isAtlasError(error) && error.kind === 'gone')) {
            events.problem({ connectionId: t.connectionId, project, clusterName: name, what: family, error });
          }
          return;
        }
        for (const job of jobs) {
          if (signal.aborted) return;
          progress.jobsSeen++;
          const facts = keptFacts(job, jobFacts(job, o.now));
          if (!matchesQuery(facts, q, o.now)) continue;
          progress.matches++;
          events.match({ project, clusterName: name, clusterKind: doc.kind, job, facts });
          if (q.id && facts.id.toLowerCase() === q.id) stop.abort();
        }
      }),
    );
  };

  const searchProject = async (t: SearchTarget, gate: RequestGate, project: ProjectRef) => {
    const kinds = CLUSTER_KIND_IDS.filter((k) => familiesFor(q, k).length > 0);
    await Promise.all(
      kinds.map(async (kind) => {
        let clusters: ClusterDoc[];
        try {
          const docs = await all(t, gate, DEPTH.clusters, listKey.clusters(t.connectionId, project.groupId, kind), (p) =>
            CLUSTER_KINDS[kind].listClusters(t.client, project.groupId, p) as Promise<Page<ClusterDoc['cluster']>>,
          );
          clusters = docs.map((cluster) => ({ kind, cluster }) as ClusterDoc);
        } catch (error) {
          if (!signal.aborted) events.problem({ connectionId: t.connectionId, project, what: 'clusters', error });
          return;
        }
        await Promise.all(clusters.map((c) => searchCluster(t, gate, project, c)));
      }),
    );
    if (signal.aborted) return;
    progress.projectsDone++;
    tell();
  };

  const searchConnection = async (t: SearchTarget) => {
    // No more of the search's requests with the client than it sends at once: the rest wait here, in the gate's order.
    const gate = new RequestGate(t.client.limiter.state.maxInFlight);
    let projects: AtlasProject[];
    try {
      projects = await all(t, gate, DEPTH.projects, listKey.projects(t.connectionId), (p) => t.client.listProjects(p));
    } catch (error) {
      if (!signal.aborted) events.problem({ connectionId: t.connectionId, what: 'projects', error });
      return;
    }
    const refs = projects.flatMap((p): ProjectRef[] => {
      const groupId = readString(readObject(p)?.id);
      return groupId ? [{ connectionId: t.connectionId, groupId, name: readString(readObject(p)?.name) ?? groupId }] : [];
    });
    progress.projectsTotal += refs.length;
    tell();
    await pool(refs, o.concurrency ?? DEFAULT_CONCURRENCY, signal, (ref) => searchProject(t, gate, ref));
  };

  await Promise.all(targets.map(searchConnection));
  tell();
  return progress;
}
