import assert from 'node:assert/strict';
import { isAtlasError, type AtlasClient, type RateLimitPauseEvent } from '../../../src/atlas';
import { PageCache } from '../../../src/cache/pageCache';
import { jobFacts } from '../../../src/jobs/facts';
import { matchesQuery } from '../../../src/search/match';
import { parseQuery } from '../../../src/search/query';
import { runSearch, type SearchMatch, type SearchProblem, type SearchProgress } from '../../../src/search/searchRun';
import { DEMO_SERVICE_ACCOUNT, KIND_OF_FAMILY, startEmulator, type RunningEmulator } from '../../atlas-emulator';
import { makeClient } from '../client/support';

const FAMILIES = ['legacy', 'cloudBackup', 'serverless', 'flex'] as const;

describe('searching every restore job of a connection, over HTTP', function () {
  this.timeout(30_000);
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await startEmulator({ dataset: 'demo', quiet: true });
  });
  after(() => emulator.close());
  beforeEach(() => {
    emulator.clearRequests();
    emulator.faults.clear();
  });

  const client = () => makeClient(emulator, { credentials: { kind: 'serviceAccount', clientId: DEMO_SERVICE_ACCOUNT.clientId, clientSecret: DEMO_SERVICE_ACCOUNT.clientSecret } });

  async function search(text: string, extra: { pages?: PageCache; signal?: AbortSignal; client?: AtlasClient } = {}) {
    const matches: SearchMatch[] = [];
    const problems: SearchProblem[] = [];
    const progress: SearchProgress[] = [];
    const now = emulator.now();
    const done = await runSearch(
      [{ connectionId: 'c1', client: extra.client ?? client() }],
      parseQuery(text),
      { now, pageSize: 100, pages: extra.pages ?? new PageCache(), ...(extra.signal ? { signal: extra.signal } : {}) },
      { match: (m) => matches.push(m), problem: (p) => problems.push(p), progress: (p) => progress.push(p) },
    );
    return { matches, problems, progress, done, now };
  }

  /** What the emulator holds that the service account may see and the query matches: the expected answer. */
  function expected(text: string, now: Date): string[] {
    const q = parseQuery(text);
    const ids: string[] = [];
    const visible = emulator.countsFor(DEMO_SERVICE_ACCOUNT.clientId);
    assert.ok(visible.projects > 0);
    for (const project of emulator.store.projects()) {
      // Atlas lists no serverless instance since 2026-01-15: their jobs cannot be reached by listing.
      for (const family of FAMILIES.filter((f) => f !== 'serverless')) {
        for (const cluster of emulator.store.clusters(project.id, KIND_OF_FAMILY[family])) {
          for (const job of emulator.store.restoreJobs(project.id, cluster.name, family)) {
            if (matchesQuery(jobFacts({ family, job } as never, now), q, now)) ids.push(`${project.id}/${job.id}`);
          }
        }
      }
    }
    return ids.sort();
  }

  it('finds the failed jobs of the last week in every project it may read, and says which project it could not', async () => {
    const { matches, problems, done, now } = await search('state:failed days:7');
    assert.ok(matches.length > 0, 'the demo has failed restores');
    const found = matches.map((m) => `${m.project.groupId}/${m.facts.id}`).sort();
    // Jobs of projects the service account cannot read (403) are expected to be missing, and said so.
    const unreadable = new Set(problems.map((p) => p.project?.groupId));
    assert.deepEqual(found, expected('state:failed days:7', now).filter((k) => !unreadable.has(k.split('/')[0])));
    for (const m of matches) assert.ok(matchesQuery(m.facts, parseQuery('state:failed days:7'), now));
    assert.ok(problems.every((p) => p.what !== 'projects'));
    assert.equal(done.projectsDone, done.projectsTotal);
    assert.equal(done.matches, matches.length);
  });

  it('fetches no list twice: a second search with the same cache sends no request', async () => {
    const pages = new PageCache();
    await search('state:failed', { pages });
    const api = () => emulator.requests.filter((r) => r.path.startsWith('/api/atlas/v2/'));
    const first = api();
    assert.ok(first.length > 10, `${first.length} requests`);
    // A list that failed (the read-only project's cloud backup jobs: 403) is asked again; nothing else is.
    const failed = new Set(first.filter((r) => r.status >= 400).map((r) => r.path));
    emulator.clearRequests();
    const again = await search('state:completed', { pages });
    assert.deepEqual(api().map((r) => r.path).filter((p) => !failed.has(p)), [], 'every list that loaded came from the cache');
    assert.ok(again.matches.length > 0);
  });

  it('asks only for the lists a family filter can match', async () => {
    await search('family:flex');
    const paths = emulator.requests.map((r) => r.path).filter((p) => p.includes('/restoreJobs'));
    assert.ok(paths.length > 0);
    assert.ok(paths.every((p) => p.includes('/flexClusters/')), paths.find((p) => !p.includes('/flexClusters/')));
  });

  it('a lone job id finds that job and stops there', async () => {
    const project = emulator.store.projects().find((p) => p.name === 'Production')!;
    const job = emulator.store.restoreJobs(project.id, 'prod-rs', 'cloudBackup')[0]!;
    const { matches } = await search(job.id!.toUpperCase());
    assert.deepEqual(matches.map((m) => [m.facts.id, m.clusterName, m.project.name]), [[job.id, 'prod-rs', 'Production']]);
  });

  it('one failing list is a problem, not the end: the rest is still searched', async () => {
    emulator.faults.add({ kind: 'apiError', times: 100, status: 403, errorCode: 'USER_UNAUTHORIZED', match: '/flexClusters/' });
    const { matches, problems } = await search('family:cloud,flex');
    assert.ok(problems.some((p) => p.what === 'flex' || p.what === 'clusters'));
    assert.ok(matches.some((m) => m.facts.family === 'cloudBackup'));
  });

  it("sends a cluster's job lists before the clusters of projects further on, and queues nothing at the client", async () => {
    const bounded = makeClient(emulator, { credentials: { kind: 'serviceAccount', ...DEMO_SERVICE_ACCOUNT }, maxConcurrentRequests: 2 });
    await bounded.verifyCredentials();
    emulator.clearRequests();
    const queued: number[] = [];
    const sample = () => queued.push(bounded.limiter.state.queued);
    await runSearch([{ connectionId: 'c1', client: bounded }], parseQuery('state:failed'), { now: emulator.now(), pageSize: 100, pages: new PageCache() }, {
      match: sample,
      problem: sample,
      progress: sample,
    });
    const paths = emulator.requests.map((r) => r.path);
    const clusterLists = paths.flatMap((p, i) => (/\/groups\/[^/]+\/(clusters|flexClusters|serverless)$/.test(p) ? [i] : []));
    const firstJobList = paths.findIndex((p) => p.endsWith('/restoreJobs'));
    assert.ok(clusterLists.length > 4 && firstJobList > 0, `${clusterLists.length} cluster lists`);
    // First come, first served, the first job list would wait for every project's cluster lists.
    assert.ok(firstJobList < clusterLists.at(-1)!, `first job list #${firstJobList}, cluster lists ${clusterLists.join(',')}`);
    assert.ok(queued.length > 0 && queued.every((n) => n === 0), `queued at the client: ${queued.join(',')}`);
  });

  describe("Atlas's rate limit (a 429 with Retry-After)", () => {
    const kindOf = (p: SearchProblem) => (isAtlasError(p.error) ? p.error.kind : 'not an AtlasError');
    /** The problems a search of the demo has without any fault: the read-only project's cloud backup lists (403). */
    const onlyForbidden = (problems: SearchProblem[]) => problems.filter((p) => kindOf(p) !== 'forbidden').map((p) => `${p.what}: ${kindOf(p)}`);

    it("pauses the whole search for longer than the client's own longest backoff, then finishes with every match", async () => {
      // makeClient's longest backoff (retry.maxDelayMs) is 2 s: a call of the client's default gives up on a 3 s pause.
      const patient = client();
      const pauses: { at: number; e: RateLimitPauseEvent }[] = [];
      patient.limiter.onDidChangePause((e) => pauses.push({ at: Date.now(), e }));
      emulator.faults.add({ kind: 'rateLimit', times: 1, retryAfterSeconds: 3, match: '/restoreJobs' });
      const started = Date.now();
      const { matches, problems, done, now } = await search('state:failed days:7', { client: patient });
      assert.ok(Date.now() - started >= 3_000, `took ${Date.now() - started} ms`);
      assert.deepEqual(onlyForbidden(problems), [], 'no list gave up on the pause');
      const unreadable = new Set(problems.map((p) => p.project?.groupId));
      assert.deepEqual(matches.map((m) => `${m.project.groupId}/${m.facts.id}`).sort(), expected('state:failed days:7', now).filter((k) => !unreadable.has(k.split('/')[0])));
      assert.equal(done.projectsDone, done.projectsTotal);
      const [paused, resumed] = pauses;
      assert.ok(paused?.e.paused && paused.e.ms === 3_000, JSON.stringify(paused));
      assert.deepEqual(resumed?.e, { paused: false });
      const api = emulator.requests.filter((r) => r.path.startsWith('/api/atlas/v2/'));
      assert.equal(api.filter((r) => r.status === 429).length, 1, 'one 429: the waiting requests did not run into the limit');
      // What the client sent before it read the 429 may arrive a moment after; from then on, nothing until the pause ends.
      const sentDuring = api.filter((r) => r.receivedAt! > paused.at + 250 && r.receivedAt! < paused.at + 2_900);
      assert.deepEqual(sentDuring.map((r) => r.path), []);
      assert.ok(api.filter((r) => r.receivedAt! >= resumed.at).length > 0, 'the search went on after the pause');
    });

    it('Cancel ends a search paused by a long Retry-After at once, and nothing more is sent', async () => {
      const patient = client();
      const controller = new AbortController();
      let pausedAt: number | undefined;
      let abortedAt = Number.POSITIVE_INFINITY;
      patient.limiter.onDidChangePause((e) => {
        if (!e.paused || pausedAt !== undefined) return;
        pausedAt = Date.now();
        setTimeout(() => {
          abortedAt = Date.now();
          controller.abort();
        }, 200);
      });
      emulator.faults.add({ kind: 'rateLimit', times: 1, retryAfterSeconds: 120, match: '/restoreJobs' });
      const { problems, done } = await search('state:failed', { client: patient, signal: controller.signal });
      assert.ok(pausedAt !== undefined, 'the search was paused');
      assert.ok(Date.now() - abortedAt < 1_000, `ended ${Date.now() - abortedAt} ms after Cancel`);
      assert.deepEqual(onlyForbidden(problems), [], 'neither the pause nor Cancel is a problem');
      assert.ok(done.projectsDone < done.projectsTotal, JSON.stringify(done));
      const { inFlight, queued } = patient.limiter.state;
      assert.deepEqual({ inFlight, queued }, { inFlight: 0, queued: 0 }, 'nothing left waiting at the client');
      assert.deepEqual(emulator.requests.filter((r) => r.receivedAt! >= abortedAt).map((r) => r.path), [], 'nothing sent after Cancel');
    });
  });

  it('stops when cancelled, without a problem for what it left', async () => {
    emulator.faults.add({ kind: 'latency', ms: 200 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const { problems, done } = await search('state:running', { signal: controller.signal });
    assert.deepEqual(problems, []);
    assert.ok(done.projectsDone < done.projectsTotal || done.projectsTotal === 0);
  });
});
