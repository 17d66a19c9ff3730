import { strict as assert } from 'node:assert';
import { DEMO_API_KEY, DEMO_SERVICE_ACCOUNT, SERVERLESS_LIST_EMPTY_FROM } from '../../atlas-emulator';
import { loadSpec } from '../../atlas-emulator/spec-document';
import { ACCEPT, demoProjects, emulatorSuite } from './support';

describe('emulator: Atlas as it answers today (the serverless instance list)', function () {
  this.timeout(20_000);
  const suite = emulatorSuite({ today: '2026-01-10' });
  const call = (path: string, accept?: string) => suite.call(path, accept);

  it('takes its date from the spec: "until January 15, 2026 after which this endpoint will begin returning an empty list"', () => {
    const op = loadSpec().document.paths['/api/atlas/v2/groups/{groupId}/serverless'].get;
    assert.equal(op.operationId, 'listGroupServerlessInstances');
    assert.match(op.description, /until January 15, 2026 after which this endpoint will begin returning an empty list/);
    assert.equal(SERVERLESS_LIST_EMPTY_FROM, '2026-01-15');
  });

  it('lists the serverless instances until 2026-01-14 and none from 2026-01-15 on; their restore jobs still answer until 2026-01-21', async () => {
    const p = demoProjects(suite.emu).production;
    const instances = `/api/atlas/v2/groups/${p.id}/serverless`;
    const jobs = `${instances}/prod-serverless/backup/restoreJobs`;
    suite.emu.setToday('2026-01-14');
    const before = await call(instances);
    assert.equal(before.status, 200);
    assert.deepEqual(before.json.results.map((c: { name: string }) => c.name), ['prod-serverless']);
    assert.equal(before.json.totalCount, 1);
    for (const today of ['2026-01-15', '2026-01-21', '2026-06-01']) {
      suite.emu.setToday(today);
      const after = await call(instances);
      assert.equal(after.status, 200, today);
      assert.deepEqual(after.json.results, [], today);
      assert.equal(after.json.totalCount, 0, today);
    }
    suite.emu.setToday('2026-01-21');
    assert.equal((await call(jobs)).status, 200, 'a name known from before still reaches its restore jobs until their sunset');
    suite.emu.setToday('2026-01-22');
    assert.equal((await call(jobs)).status, 410);
    // Flex clusters, where the instances went, are listed as before.
    assert.deepEqual((await call(`/api/atlas/v2/groups/${p.id}/flexClusters`, ACCEPT.v20241113)).json.results.map((c: { name: string }) => c.name), ['prod-flex']);
  });

  it("a project's clusterCount counts what its lists show on that day", async () => {
    const project = async () =>
      (await call('/api/atlas/v2/groups')).json.results.find((g: { name: string }) => g.name === 'Production').clusterCount;
    suite.emu.setToday('2026-01-14');
    assert.equal(await project(), 5, 'prod-rs, prod-sharded, prod-orders, prod-flex, prod-serverless');
    suite.emu.setToday('2026-01-15');
    assert.equal(await project(), 4);
  });

  /** What the tree shows, walked through the API: every list it reads, every restore-job list that answers 200. */
  async function walk(): Promise<{ projects: number; clusters: number; jobs: number }> {
    const projects = (await call('/api/atlas/v2/groups?itemsPerPage=500')).json.results as { id: string }[];
    let clusters = 0;
    let jobs = 0;
    for (const g of projects) {
      const lists: [string, string, string[]][] = [
        ['clusters', ACCEPT.v20240805, ['restoreJobs', 'backup/restoreJobs']],
        ['serverless', ACCEPT.v20230101, ['backup/restoreJobs']],
        ['flexClusters', ACCEPT.v20241113, ['backup/restoreJobs']],
      ];
      for (const [list, accept, jobLists] of lists) {
        const r = await call(`/api/atlas/v2/groups/${g.id}/${list}?itemsPerPage=500`, accept);
        if (r.status !== 200) continue;
        for (const c of r.json.results as { name: string }[]) {
          clusters++;
          for (const j of jobLists) {
            const answer = await call(`/api/atlas/v2/groups/${g.id}/${list}/${c.name}/${j}?itemsPerPage=1`, list === 'flexClusters' ? ACCEPT.v20241113 : ACCEPT.v20230101);
            if (answer.status === 200) jobs += answer.json.totalCount;
          }
        }
      }
    }
    return { projects: projects.length, clusters, jobs };
  }

  for (const [today, expected] of [
    ['2026-01-10', { projects: 4, clusters: 14, jobs: 270 }],
    ['2026-01-15', { projects: 4, clusters: 11, jobs: 253 }],
    ['2026-12-01', { projects: 4, clusters: 11, jobs: 253 }],
  ] as const) {
    it(`countsFor(principal) is what the API shows that principal on ${today} (the demo prints it)`, async () => {
      suite.emu.setToday(today);
      assert.equal(suite.emu.today(), today);
      const seen = suite.emu.countsFor(DEMO_SERVICE_ACCOUNT.clientId);
      const walked = await walk();
      assert.deepEqual(walked, expected);
      assert.deepEqual({ projects: seen.projects, clusters: seen.totalClusters, jobs: seen.totalRestoreJobs }, walked);
      assert.equal(seen.organizations, 2);
      assert.equal(seen.restoreJobs.legacy, 150);
      assert.equal(seen.restoreJobs.cloudBackup, 85, 'not the 3 of Globex-Analytics (403) nor the 2 of Globex-Internal (not listed)');
      assert.equal(seen.restoreJobs.serverless, today < '2026-01-15' ? 17 : 0, "analytics-sl's 2 need Project Owner");
      assert.equal(suite.emu.countsFor(DEMO_API_KEY.publicKey).totalRestoreJobs, walked.jobs, 'the API key sees the same');
      assert.deepEqual(suite.emu.countsFor('nobody').projects, 0);
    });
  }
});
