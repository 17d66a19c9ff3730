// The search and the Restore History when Atlas cannot be reached, against the emulator over real HTTP: they
// read the lists the tree had kept (a list kept in part, as far as it goes), the search finds the jobs the query
// matches there with the status they had, each list the copy lacks is a network problem, and nothing is added
// to the copy when Atlas answers.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, afterEach, before, beforeEach, describe, it } from 'mocha';
import { collectAll, isAtlasError, type AtlasClient, type Page } from '../../../src/atlas';
import type { AnyRestoreJob } from '../../../src/atlas/types';
import { listKey, PageCache } from '../../../src/cache/pageCache';
import { historyJob } from '../../../src/history/historyJob';
import { loadHistory } from '../../../src/historyPanel/loadHistory';
import { listJobsOfFamily } from '../../../src/jobs/families';
import { jobFacts } from '../../../src/jobs/facts';
import { jobStatus } from '../../../src/jobs/status';
import { isUnreachable, keptJob } from '../../../src/offline/keptJobs';
import type { OfflineCopies } from '../../../src/offline/offlineCopies';
import { allJobsOfFamily } from '../../../src/search/clusterJobs';
import { matchesQuery } from '../../../src/search/match';
import { parseQuery } from '../../../src/search/query';
import { runSearch, type SearchMatch, type SearchProblem } from '../../../src/search/searchRun';
import { DEMO, startEmulator, type RunningEmulator } from '../../atlas-emulator';
import { BEFORE_SERVERLESS_END, client, CONNECTION, copies, CUT_OFF, KEEP, tempFolder } from './support';

const PAGE = 100;

describe('offline copy: the search and the Restore History read it when Atlas cannot be reached (over HTTP)', function () {
  this.timeout(30_000);
  let emulator: RunningEmulator;
  let c: AtlasClient;
  let tmp: ReturnType<typeof tempFolder>;
  let offline: OfflineCopies;
  let pages: PageCache;
  let groupId: string;
  /** What the tree showed of prod-rs: its legacy list's first page only, and every cloud backup job. */
  let shown: AnyRestoreJob[];

  const treeList = <T>(key: string, pageNum: number, fetch: () => Promise<Page<T>>) => pages.page(key, pageNum, PAGE, fetch, KEEP);
  const legacyKey = () => listKey.jobs(CONNECTION, groupId, DEMO.longList.cluster, 'legacy');

  async function search(text: string) {
    const matches: SearchMatch[] = [];
    const problems: SearchProblem[] = [];
    await runSearch([{ connectionId: CONNECTION, client: c }], parseQuery(text), { now: emulator.now(), pageSize: PAGE, pages }, {
      match: (m) => matches.push(m),
      problem: (p) => problems.push(p),
      progress: () => undefined,
    });
    return { matches, problems };
  }

  before(async () => {
    emulator = await startEmulator({ dataset: 'demo', today: BEFORE_SERVERLESS_END, quiet: true });
    groupId = emulator.store.projects().find((p) => p.name === DEMO.projects.production)!.id;
    c = client(emulator);
    tmp = tempFolder();
    // Kept on the emulator's clock, as the search reads on it: a link's expiry is judged by the same day.
    offline = copies(tmp.folder, { now: () => emulator.now() });
    pages = new PageCache(10_000, offline);
    // The tree, as a person left it: the connection, Production's dedicated clusters, prod-rs's jobs.
    await treeList(listKey.projects(CONNECTION), 1, () => c.listProjects({ pageNum: 1, itemsPerPage: PAGE }));
    await treeList(listKey.clusters(CONNECTION, groupId, 'dedicated'), 1, () => c.listClusters(groupId, { pageNum: 1, itemsPerPage: PAGE }));
    const legacy = (await treeList(legacyKey(), 1, () => listJobsOfFamily(c, 'legacy', groupId, DEMO.longList.cluster, { pageNum: 1, itemsPerPage: PAGE }))) as Page<AnyRestoreJob>;
    assert.ok(legacy.hasNextPage, 'the legacy list has more than the tree loaded');
    const cloud = await collectAll(
      c.allPages(
        (p) => treeList(listKey.jobs(CONNECTION, groupId, DEMO.longList.cluster, 'cloudBackup'), p.pageNum ?? 1, () => listJobsOfFamily(c, 'cloudBackup', groupId, DEMO.longList.cluster, p)),
        { itemsPerPage: PAGE },
      ),
    );
    shown = [...legacy.results, ...cloud];
    await offline.flush();
  });

  after(async () => {
    offline?.dispose();
    c?.dispose();
    await emulator?.close();
    tmp?.remove();
  });

  // What the page cache holds answers first, offline or not: every test starts with it empty.
  beforeEach(() => pages.forget());
  afterEach(() => emulator.faults.clear());

  const idsOf = (jobs: readonly AnyRestoreJob[]) => jobs.map((j) => `${j.family}:${(j.job as { id?: string }).id}`).sort();

  it('finds the jobs of the lists the tree had loaded, each from the copy, and reports every list it lacks as unreachable', async () => {
    emulator.faults.add(CUT_OFF);
    const { matches, problems } = await search('');
    assert.deepEqual(idsOf(matches.map((m) => m.job)), idsOf(shown), 'exactly the jobs the tree had shown');
    assert.ok(matches.every((m) => keptJob(m.job.job)), 'each says it comes from the copy');
    assert.ok(matches.every((m) => m.project.name === DEMO.projects.production && m.clusterName === DEMO.longList.cluster));
    assert.ok(problems.length > 3, `the lists never loaded are problems (${problems.length})`);
    assert.ok(problems.every((p) => isAtlasError(p.error) && p.error.kind === 'network'), 'each one for want of Atlas');
    assert.ok(problems.some((p) => p.what === 'clusters' && p.project?.name === DEMO.projects.staging));
    assert.ok(offline.offlineSince(CONNECTION), 'the connection counts as offline');
  });

  it('matches a kept job by the status it had, not by its document stripped of links', async () => {
    const now = emulator.now();
    emulator.faults.add(CUT_OFF);
    const all = await search('');
    const changed = all.matches.filter((m) => jobStatus({ family: m.job.family, job: m.job.job } as AnyRestoreJob, now) !== m.facts.status);
    assert.ok(changed.length > 0, 'some kept jobs read otherwise without their links (a ready or expired link)');
    for (const state of ['running', 'completed', 'failed', 'expired', 'cancelled']) {
      const q = parseQuery(`state:${state}`);
      const { matches } = await search(`state:${state}`);
      assert.deepEqual(idsOf(matches.map((m) => m.job)), idsOf(shown.filter((j) => matchesQuery(jobFacts(j, now), q, now))), state);
    }
  });

  it('stops retrying once Atlas stayed unreachable through one request’s retries: the copy answers each list at once', async () => {
    // The extension's client retries a dropped connection with backoffs; the search's first lists pay for that.
    const retrying = client(emulator, { retry: { maxRetries: 3, baseDelayMs: 5, maxDelayMs: 50 } });
    try {
      await retrying.verifyCredentials();
      emulator.faults.add(CUT_OFF);
      emulator.clearRequests();
      const matches: SearchMatch[] = [];
      // The projects list goes first and alone: it pays the retries, and every list after it is sent once.
      await runSearch([{ connectionId: CONNECTION, client: retrying }], parseQuery(''), { now: emulator.now(), pageSize: PAGE, pages }, {
        match: (m) => matches.push(m),
        problem: () => undefined,
        progress: () => undefined,
      });
      assert.deepEqual(idsOf(matches.map((m) => m.job)), idsOf(shown), 'the copy answered as before');
      const sent = emulator.requests.filter((r) => r.path.startsWith('/api/'));
      const lists = new Set(sent.map((r) => `${r.path}?${JSON.stringify(r.query)}`));
      assert.equal(sent.length, lists.size + 3, `one list retried three times, every other sent once (${sent.length} requests for ${lists.size} lists)`);
    } finally {
      retrying.dispose();
    }
  });

  it('gives the Restore History the kept jobs too, marked as from the copy, and each list it lacks as unreachable', async () => {
    emulator.faults.add(CUT_OFF);
    const scope = { connectionId: CONNECTION, connectionLabel: 'Acme', groupId, projectName: DEMO.projects.production };
    const options = { client: c, pages, pageSize: PAGE, since: 0, now: emulator.now(), legacy: true };
    const cluster = await loadHistory({ ...scope, cluster: { name: DEMO.longList.cluster, kind: 'dedicated' } }, options);
    assert.deepEqual(idsOf(cluster.jobs.map((j) => j.job)), idsOf(shown));
    assert.deepEqual(cluster.problems, []);
    assert.ok(cluster.offlineAsOf, 'it says the jobs come from the copy');
    assert.ok(cluster.jobs.every((j) => j.facts.status === keptJob(j.job.job)?.status || j.facts.status === 'expired'), 'with the status they had');
    // The chart's times to ready read the same from the kept documents as from Atlas's.
    const now = emulator.now();
    const timeOf = (job: AnyRestoreJob, facts = jobFacts(job, now)) => historyJob(job, facts, { key: '', clusterName: '' }).durationMs;
    const was = new Map(shown.map((j) => [`${j.family}:${(j.job as { id?: string }).id}`, timeOf(j)]));
    assert.ok([...was.values()].filter((d) => d !== undefined).length > 3, 'some restores are timed');
    for (const j of cluster.jobs) assert.equal(timeOf(j.job, j.facts), was.get(`${j.job.family}:${j.facts.id}`), j.facts.id);
    const project = await loadHistory(scope, options);
    assert.ok(project.problems.length > 0 && project.problems.every((p) => isUnreachable(p.error)), 'the lists the copy lacks');
    emulator.faults.clear();
    pages.forget();
    const online = await loadHistory({ ...scope, cluster: { name: DEMO.longList.cluster, kind: 'dedicated' } }, options);
    assert.equal(online.offlineAsOf, undefined);
    assert.ok(online.jobs.length > shown.length);
  });

  it('reads a list kept in part as far as it goes; the tree’s next page still fails', async () => {
    emulator.faults.add(CUT_OFF);
    const where = { connectionId: CONNECTION, groupId, clusterName: DEMO.longList.cluster, family: 'legacy' as const, pageSize: PAGE };
    const read = await allJobsOfFamily(c, pages, { ...where, use: { fromCopy: true } });
    assert.equal(read.length, PAGE);
    const next = treeList(legacyKey(), 2, () => listJobsOfFamily(c, 'legacy', groupId, DEMO.longList.cluster, { pageNum: 2, itemsPerPage: PAGE }));
    await assert.rejects(next, (e: unknown) => isAtlasError(e) && e.kind === 'network');
    await assert.rejects(allJobsOfFamily(c, pages, where), (e: unknown) => isAtlasError(e) && e.kind === 'network', 'a read without the copy (an export) fails');
  });

  it('searches Atlas when it answers, and adds nothing of its own to the copy', async () => {
    const { matches } = await search('');
    assert.ok(matches.length > shown.length, 'every project was searched');
    assert.ok(matches.every((m) => !keptJob(m.job.job)));
    assert.equal(offline.offlineSince(CONNECTION), undefined, 'online again');
    await offline.flush();
    const saved = JSON.parse(readFileSync(offline.fileOf(CONNECTION), 'utf8')) as { lists: Record<string, { items: unknown[] }> };
    assert.equal(Object.keys(saved.lists).length, 4, 'the four lists the tree loaded, nothing more');
    assert.equal(saved.lists[legacyKey().slice(`${CONNECTION}/`.length)]!.items.length, PAGE);
  });
});
