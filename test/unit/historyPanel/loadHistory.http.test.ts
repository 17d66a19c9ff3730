import assert from 'node:assert/strict';
import { PageCache } from '../../../src/cache/pageCache';
import { loadHistory, type HistoryScope } from '../../../src/historyPanel/loadHistory';
import { DEMO_SERVICE_ACCOUNT, startEmulator, type RunningEmulator } from '../../atlas-emulator';
import { makeClient } from '../client/support';

const DAY = 86_400_000;

describe('loading the jobs of a restore history, over HTTP', function () {
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
  const production = () => emulator.store.projects().find((p) => p.name === 'Production')!;
  const scopeOf = (cluster?: HistoryScope['cluster']): HistoryScope => ({ connectionId: 'c1', connectionLabel: 'Acme', groupId: production().id, projectName: 'Production', ...(cluster ? { cluster } : {}) });
  const listRequests = (cluster: string, family: 'legacy' | 'cloudBackup') =>
    emulator.requests.filter((r) => r.path.endsWith(family === 'legacy' ? `/clusters/${cluster}/restoreJobs` : `/clusters/${cluster}/backup/restoreJobs`));

  function load(scope: HistoryScope, o: { since?: number; pages?: PageCache; legacy?: boolean; pageSize?: number } = {}) {
    const progress: [number, number][] = [];
    const now = emulator.now();
    return loadHistory(scope, {
      client: client(),
      pages: o.pages ?? new PageCache(),
      pageSize: o.pageSize ?? 20,
      since: o.since ?? 0,
      now,
      legacy: o.legacy ?? true,
      progress: (done, total) => progress.push([done, total]),
    }).then((result) => ({ result, progress }));
  }

  it("reads every page of a cluster's families, newest first, and says how far it is", async () => {
    const { result, progress } = await load(scopeOf({ name: 'prod-rs', kind: 'dedicated' }));
    const legacy = emulator.store.restoreJobs(production().id, 'prod-rs', 'legacy').length;
    const cloud = emulator.store.restoreJobs(production().id, 'prod-rs', 'cloudBackup').length;
    assert.equal(result.jobs.length, legacy + cloud);
    assert.deepEqual(result.problems, []);
    assert.equal(result.lists, 2);
    assert.ok(listRequests('prod-rs', 'legacy').length >= Math.ceil(legacy / 20), 'every page of 20 was read');
    const times = result.jobs.map((j) => j.facts.requestedAt!.getTime());
    assert.deepEqual(times, [...times].sort((a, b) => b - a));
    assert.deepEqual(progress.at(-1), [2, 2]);
    assert.ok(result.jobs.every((j) => j.clusterName === 'prod-rs' && j.clusterKind === 'dedicated'));
  });

  it('leaves out the legacy family when the setting hides it', async () => {
    const { result } = await load(scopeOf({ name: 'prod-rs', kind: 'dedicated' }), { legacy: false });
    assert.ok(result.jobs.every((j) => j.job.family === 'cloudBackup'));
    assert.equal(listRequests('prod-rs', 'legacy').length, 0);
  });

  it('stops a list after a whole page from before the window, and asks for no page after it', async () => {
    // Every prod-rs job is at least two days old: with a one-day window the first page of each list is all there is.
    const { result } = await load(scopeOf({ name: 'prod-rs', kind: 'dedicated' }), { since: emulator.now().getTime() - DAY });
    assert.deepEqual(listRequests('prod-rs', 'legacy').map((r) => r.query.pageNum), ['1']);
    assert.equal(result.jobs.filter((j) => j.job.family === 'legacy').length, 20);
  });

  it('takes pages from the shared cache, so what the tree loaded is not fetched again', async () => {
    const pages = new PageCache();
    await load(scopeOf({ name: 'prod-rs', kind: 'dedicated' }), { pages });
    emulator.clearRequests();
    const { result } = await load(scopeOf({ name: 'prod-rs', kind: 'dedicated' }), { pages });
    assert.equal(emulator.requests.length, 0);
    assert.ok(result.jobs.length > 100);
  });

  it('turns a failing list into a problem and loads the rest', async () => {
    emulator.faults.add({ kind: 'serverError', times: 50, status: 503, match: 'prod-rs/restoreJobs' });
    const { result } = await load(scopeOf({ name: 'prod-rs', kind: 'dedicated' }));
    assert.equal(result.problems.length, 1);
    assert.equal(result.problems[0]!.what, 'legacy');
    assert.equal(result.problems[0]!.clusterName, 'prod-rs');
    assert.equal(result.jobs.length, emulator.store.restoreJobs(production().id, 'prod-rs', 'cloudBackup').length);
  });

  it('says a retired family is retired (410), not failed', async () => {
    const { result } = await load(scopeOf({ name: 'prod-serverless', kind: 'serverless' }));
    assert.deepEqual(result.retired, ['serverless']);
    assert.deepEqual(result.problems, []);
    assert.equal(result.jobs.length, 0);
  });

  it("reads a project's clusters of every kind, each cluster's families once", async () => {
    const { result } = await load(scopeOf());
    const clusters = new Set(result.jobs.map((j) => `${j.clusterKind}:${j.clusterName}`));
    assert.ok(clusters.has('dedicated:prod-rs') && clusters.has('dedicated:prod-sharded') && clusters.has('flex:prod-flex'), [...clusters].join(', '));
    assert.deepEqual(result.problems, []);
    const ids = result.jobs.map((j) => `${j.job.family}/${j.facts.id}`);
    assert.equal(new Set(ids).size, ids.length, 'no job twice');
  });
});
