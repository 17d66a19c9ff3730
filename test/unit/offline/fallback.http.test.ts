// The page cache with the offline copy behind it, against the emulator over real HTTP: the tree's lists are
// kept, answered from the copy when Atlas cannot be reached (reset connections, a closed port, a timeout) and
// from Atlas again once it answers; every other failure fails as before, and a list read without a part in
// the copy (an export's) is never answered from it (the search's reading of it: search.http.test.ts).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { after, afterEach, before, describe, it } from 'mocha';
import { isAtlasError, type AtlasClient, type Page } from '../../../src/atlas';
import type { AnyRestoreJob } from '../../../src/atlas/types';
import { listKey, PageCache } from '../../../src/cache/pageCache';
import { listJobsOfFamily } from '../../../src/jobs/families';
import type { JobRef } from '../../../src/jobs/jobRef';
import { keptJob } from '../../../src/offline/keptJobs';
import type { OfflineChange, OfflineCopies } from '../../../src/offline/offlineCopies';
import { DEMO, startEmulator, type RunningEmulator } from '../../atlas-emulator';
import { client, CONNECTION, copies, CUT_OFF, KEEP, tempFolder } from './support';


describe('offline copy: answering from it when Atlas cannot be reached (over HTTP)', function () {
  this.timeout(30_000);
  let emulator: RunningEmulator;
  let c: AtlasClient;
  let tmp: ReturnType<typeof tempFolder>;
  let offline: OfflineCopies;
  let pages: PageCache;
  let changes: OfflineChange[];
  let enabled = true;
  let groupId: string;
  const jobsKey = () => listKey.jobs(CONNECTION, groupId, DEMO.longList.cluster, 'legacy');
  const projects = () => pages.page(listKey.projects(CONNECTION), 1, 100, () => c.listProjects({ pageNum: 1, itemsPerPage: 100 }), KEEP);
  const jobs = (pageNum: number) =>
    pages.page(jobsKey(), pageNum, 100, () => listJobsOfFamily(c, 'legacy', groupId, DEMO.longList.cluster, { pageNum, itemsPerPage: 100, includeCount: pageNum === 1 }), KEEP);
  const reason = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (e) {
      return isAtlasError(e) ? e.kind : String(e);
    }
    return 'answered';
  };

  before(async () => {
    emulator = await startEmulator({ dataset: 'demo' });
    groupId = emulator.store.projects().find((p) => p.name === DEMO.projects.production)!.id;
    c = client(emulator);
    tmp = tempFolder();
    offline = copies(tmp.folder, { enabled: () => enabled });
    changes = [];
    offline.onDidChange((change) => changes.push(change));
    pages = new PageCache(10_000, offline);
  });

  after(async () => {
    offline?.dispose();
    c?.dispose();
    await emulator?.close();
    tmp?.remove();
  });

  afterEach(() => emulator.faults.clear());

  it("keeps the tree's pages and writes them together a moment later, once", async () => {
    await projects();
    await jobs(1);
    await jobs(2);
    await offline.flush();
    const saved = JSON.parse(readFileSync(offline.fileOf(CONNECTION), 'utf8')) as { lists: Record<string, { items: unknown[] }> };
    assert.deepEqual(Object.keys(saved.lists).sort(), ['projects/', jobsKey().slice(`${CONNECTION}/`.length)].sort());
    assert.equal(saved.lists[jobsKey().slice(`${CONNECTION}/`.length)]!.items.length, DEMO.longList.jobs);
  });

  it('answers from the copy when every connection to Atlas is reset, and says the connection is offline', async () => {
    pages.forget();
    changes.length = 0;
    emulator.faults.add(CUT_OFF);
    const list = await projects();
    assert.equal(list.results.length, emulator.store.projects().filter((p) => p.name !== DEMO.projects.internal).length);
    const first = (await jobs(1)) as Page<AnyRestoreJob>;
    assert.deepEqual([first.results.length, first.totalCount, first.hasNextPage], [100, DEMO.longList.jobs, true]);
    const second = (await jobs(2)) as Page<AnyRestoreJob>;
    assert.equal(second.results.length, DEMO.longList.jobs - 100);
    const kept = keptJob(first.results[0]!.job);
    assert.ok(kept, 'a job from the copy says so');
    assert.ok(kept.asOf.getTime() <= Date.now());
    assert.equal(JSON.stringify(first.results).includes('http'), false);
    assert.ok(offline.offlineSince(CONNECTION));
    assert.deepEqual(changes, [{ connectionId: CONNECTION, offline: true }], 'told once');
    assert.equal(pages.size, 0, 'the page cache holds no stand-in: the next ask goes to Atlas');
  });

  it('answers from the file after a restart, before anything was loaded in this session', async () => {
    await offline.flush();
    const restarted = copies(tmp.folder);
    const fresh = new PageCache(10_000, restarted);
    emulator.faults.add(CUT_OFF);
    const page = (await fresh.page(jobsKey(), 2, 100, () => listJobsOfFamily(c, 'legacy', groupId, DEMO.longList.cluster, { pageNum: 2, itemsPerPage: 100 }), KEEP)) as Page<AnyRestoreJob>;
    assert.equal(page.results.length, DEMO.longList.jobs - 100);
    assert.ok(keptJob(page.results[0]!.job));
    assert.ok(restarted.offlineSince(CONNECTION));
    restarted.dispose();
  });

  it('fails as before for a list the copy does not have', async () => {
    emulator.faults.add(CUT_OFF);
    const staging = emulator.store.projects().find((p) => p.name === DEMO.projects.staging)!;
    const list = pages.page(listKey.clusters(CONNECTION, staging.id, 'flex'), 1, 100, () => c.listFlexClusters(staging.id, { pageNum: 1, itemsPerPage: 100 }), KEEP);
    assert.equal(await reason(list), 'network');
  });

  it('fails as before when Atlas answers with an error: 5xx, 401, 403 are no reason to show the copy', async () => {
    pages.forget();
    const failures = [
      [{ kind: 'serverError', times: 5, status: 503 }, 'server'],
      // A service account signs in again after a 401 and tries once more: both are refused.
      [{ kind: 'apiError', times: 5, status: 401, errorCode: 'UNAUTHORIZED' }, 'unauthorized'],
      [{ kind: 'apiError', times: 5, status: 403, errorCode: 'USER_UNAUTHORIZED' }, 'forbidden'],
    ] as const;
    for (const [fault, kind] of failures) {
      emulator.faults.clear();
      emulator.faults.add(fault);
      assert.equal(await reason(projects()), kind);
    }
    assert.ok(offline.offlineSince(CONNECTION), 'only a successful answer counts as Atlas being back');
  });

  it('never answers a list read without a part in the copy (an export) from it', async () => {
    pages.forget();
    emulator.faults.add(CUT_OFF);
    const search = pages.page(listKey.projects(CONNECTION), 1, 100, () => c.listProjects({ pageNum: 1, itemsPerPage: 100 }));
    assert.equal(await reason(search), 'network');
  });

  it('is online again at the first answer from Atlas', async () => {
    changes.length = 0;
    pages.forget();
    const list = await projects();
    assert.equal(keptJob((list.results[0] as unknown as AnyRestoreJob).job), undefined);
    assert.equal(offline.offlineSince(CONNECTION), undefined);
    assert.deepEqual(changes, [{ connectionId: CONNECTION, offline: false }]);
  });

  it('counts a timeout as unreachable', async () => {
    const slow = client(emulator, { timeoutMs: 300 });
    try {
      pages.forget();
      emulator.faults.add({ kind: 'latency', ms: 2_000 });
      const list = await pages.page(listKey.projects(CONNECTION), 1, 100, () => slow.listProjects({ pageNum: 1, itemsPerPage: 100 }), KEEP);
      assert.ok(list.results.length > 0);
      assert.ok(offline.offlineSince(CONNECTION));
    } finally {
      slow.dispose();
    }
  });

  it("gives a details panel the job's kept document when Atlas cannot be reached, and Atlas's when it can", async () => {
    const job = emulator.store.restoreJobs(groupId, DEMO.longList.cluster, 'legacy')[3]!;
    const ref: JobRef = { connectionId: CONNECTION, connectionLabel: 'Acme', family: 'legacy', groupId, clusterName: DEMO.longList.cluster, jobId: job.id! };
    const fetchJob = offline.withCopy(async (r: JobRef) => ({ family: r.family, job: await c.getRestoreJob(r.family, r.groupId, r.clusterName, r.jobId) }) as AnyRestoreJob);
    emulator.faults.add(CUT_OFF);
    const fromCopy = await fetchJob(ref);
    assert.ok(keptJob(fromCopy.job));
    assert.equal((fromCopy.job as { id?: string }).id, job.id);
    assert.equal(JSON.stringify(fromCopy).includes('http'), false);
    assert.equal(await reason(fetchJob({ ...ref, jobId: 'ffffffffffffffffffffffff' })), 'network', 'a job the copy lacks fails as before');
    emulator.faults.clear();
    changes.length = 0;
    const fresh = await fetchJob(ref);
    assert.equal(keptJob(fresh.job), undefined);
    assert.deepEqual(changes, [{ connectionId: CONNECTION, offline: false }]);
  });

  it('answers from the copy when nothing listens on the port any more', async () => {
    const gone = await startEmulator({ dataset: 'demo' });
    const goneClient = client(gone);
    try {
      const key = listKey.projects('closed');
      const ask = () => pages.page(key, 1, 100, () => goneClient.listProjects({ pageNum: 1, itemsPerPage: 100 }), KEEP);
      await ask();
      await gone.close();
      pages.forget();
      assert.ok((await ask()).results.length > 0);
      assert.ok(offline.offlineSince('closed'));
    } finally {
      goneClient.dispose();
      await gone.close().catch(() => undefined);
    }
  });

  it('deletes the copy of a removed connection', async () => {
    await offline.flush();
    assert.ok(existsSync(offline.fileOf(CONNECTION)));
    await pages.dropConnection(CONNECTION);
    assert.equal(existsSync(offline.fileOf(CONNECTION)), false);
    emulator.faults.add(CUT_OFF);
    assert.equal(await reason(projects()), 'network', 'and answers nothing from it');
  });

  it('turned off: keeps nothing, answers nothing from the copy, and deletes the copies there are', async () => {
    pages.forget();
    await projects();
    await offline.flush();
    assert.ok(existsSync(offline.fileOf(CONNECTION)));
    enabled = false;
    await offline.settingChanged();
    assert.equal(existsSync(offline.fileOf(CONNECTION)), false);
    assert.equal(existsSync(offline.fileOf('closed')), false);
    pages.forget();
    await projects();
    await offline.flush();
    assert.equal(existsSync(offline.fileOf(CONNECTION)), false, 'nothing written while off');
    pages.forget();
    emulator.faults.add(CUT_OFF);
    assert.equal(await reason(projects()), 'network');
    enabled = true;
  });
});
