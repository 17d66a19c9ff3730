import { strict as assert } from 'node:assert';
import { GONE_EXAMPLE, startEmulator, type RunningEmulator } from '../../atlas-emulator';
import { ACCEPT, demoProjects, get, token } from './support';

describe('emulator: the API surface (paging, envelope, pretty, links, negotiation, sunsets)', function () {
  this.timeout(20_000);
  let emu: RunningEmulator;
  let bearer: string;
  let groupId: string;
  const call = (path: string, accept: string = ACCEPT.v20230101) => get(emu.baseUrl, path, { bearer, accept });

  before(async () => {
    emu = await startEmulator({ today: '2026-01-15' });
    bearer = await token(emu.baseUrl);
    groupId = demoProjects(emu).production.id;
    emu.store.addCluster(groupId, 'dedicated', 'paging-1234');
    emu.store.addRestoreJobs(groupId, 'paging-1234', 'cloudBackup', 1234);
  });
  after(() => emu.close());
  beforeEach(() => emu.setToday('2026-01-15'));

  const jobs = () => `/api/atlas/v2/groups/${groupId}/clusters/paging-1234/backup/restoreJobs`;

  describe('paging', () => {
    it('defaults: 100 per page, page 1, totalCount included, a self and a next link', async () => {
      const r = await call(jobs());
      assert.equal(r.status, 200);
      assert.equal(r.json.results.length, 100);
      assert.equal(r.json.totalCount, 1234);
      const rels = r.json.links.map((l: { rel: string }) => l.rel);
      assert.deepEqual(rels, ['self', 'next']);
      const next = new URL(r.json.links[1].href);
      assert.equal(next.origin, emu.baseUrl);
      assert.equal(next.searchParams.get('pageNum'), '2');
    });

    it('itemsPerPage 1..500 and pageNum ≥ 1; pages tile the list without overlap; past the end is an empty 200', async () => {
      const seen = new Set<string>();
      for (let page = 1; page <= 3; page++) {
        const r = await call(`${jobs()}?itemsPerPage=500&pageNum=${page}`);
        assert.equal(r.status, 200);
        assert.equal(r.json.results.length, page < 3 ? 500 : 234);
        for (const j of r.json.results) seen.add(j.id);
        const rels = r.json.links.map((l: { rel: string }) => l.rel);
        assert.deepEqual(rels, page === 1 ? ['self', 'next'] : page === 2 ? ['self', 'next', 'previous'] : ['self', 'previous']);
      }
      assert.equal(seen.size, 1234);
      const past = await call(`${jobs()}?itemsPerPage=500&pageNum=4`);
      assert.equal(past.status, 200);
      assert.deepEqual(past.json.results, []);
      assert.equal(past.json.totalCount, 1234);
      const one = await call(`${jobs()}?itemsPerPage=1`);
      assert.equal(one.json.results.length, 1);
    });

    it('includeCount=false leaves totalCount out', async () => {
      const r = await call(`${jobs()}?includeCount=false&itemsPerPage=5`);
      assert.equal(r.status, 200);
      assert.ok(!('totalCount' in r.json));
      assert.equal(r.json.results.length, 5);
    });

    it('out-of-range and malformed parameters are 400 ApiErrors naming the field', async () => {
      for (const q of ['itemsPerPage=0', 'itemsPerPage=501', 'itemsPerPage=ten', 'pageNum=0', 'pageNum=-1', 'includeCount=1', 'envelope=yes']) {
        const r = await call(`${jobs()}?${q}`);
        assert.equal(r.status, 400, q);
        assert.equal(r.json.errorCode, 'VALIDATION_ERROR');
        assert.equal(r.json.badRequestDetail.fields[0].field, q.split('=')[0]);
      }
    });

    it('undeclared query parameters are ignored, as Atlas does', async () => {
      assert.equal((await call(`${jobs()}?sort=asc`)).status, 200);
    });
  });

  describe('envelope and pretty', () => {
    it('envelope=true adds status to a list and wraps a single object as {status, content}', async () => {
      const list = await call(`${jobs()}?envelope=true&itemsPerPage=2`);
      assert.equal(list.json.status, 200);
      assert.equal(list.json.results.length, 2);
      const id = list.json.results[0].id;
      const single = await call(`${jobs()}/${id}?envelope=true`);
      assert.deepEqual(Object.keys(single.json).sort(), ['content', 'status']);
      assert.equal(single.json.status, 200);
      assert.equal(single.json.content.id, id);
      const plain = await call(`${jobs()}/${id}`);
      assert.deepEqual(plain.json, single.json.content);
    });

    it('pretty=true indents the same JSON', async () => {
      const pretty = await call(`${jobs()}?pretty=true&itemsPerPage=1`);
      const plain = await call(`${jobs()}?itemsPerPage=1`);
      assert.match(pretty.text, /^\{\n {2}"links": \[/);
      assert.ok(!plain.text.includes('\n'));
      assert.deepEqual(pretty.json.results, plain.json.results);
    });
  });

  describe('headers and negotiation', () => {
    it('200: Content-Type is the negotiated vendor type; RateLimit-Limit and RateLimit-Remaining are sent', async () => {
      for (const [path, accept] of [
        ['/api/atlas/v2/groups', ACCEPT.v20230101],
        [`/api/atlas/v2/groups/${groupId}/clusters`, ACCEPT.v20240805],
        [`/api/atlas/v2/groups/${groupId}/clusters`, ACCEPT.v20230201],
        [`/api/atlas/v2/groups/${groupId}/flexClusters`, ACCEPT.v20241113],
      ] as const) {
        const r = await call(path, accept);
        assert.equal(r.status, 200);
        assert.equal(r.contentType, accept);
        assert.match(r.headers.get('ratelimit-limit') ?? '', /^\d+$/);
        assert.match(r.headers.get('ratelimit-remaining') ?? '', /^\d+$/);
      }
    });

    it('each cluster version has its own shape', async () => {
      const path = `/api/atlas/v2/groups/${groupId}/clusters`;
      const v1 = (await call(path, ACCEPT.v20230101)).json.results.find((c: { name: string }) => c.name === 'prod-sharded');
      const v2 = (await call(path, ACCEPT.v20230201)).json.results.find((c: { name: string }) => c.name === 'prod-sharded');
      const v3 = (await call(path, ACCEPT.v20240805)).json.results.find((c: { name: string }) => c.name === 'prod-sharded');
      assert.equal(v1.numShards, 3);
      assert.ok(v1.providerSettings);
      assert.equal(v2.replicationSpecs.length, 1);
      assert.equal(v2.replicationSpecs[0].numShards, 3);
      assert.equal(v3.replicationSpecs.length, 3, '2024-08-05 lists one replication spec per shard');
      assert.equal(v3.clusterType, 'SHARDED');
    });

    it('406 for a missing Accept, plain JSON, an unlisted date or another operation’s version; several offers pick a listed one', async () => {
      for (const accept of ['', 'application/json', '*/*', 'application/vnd.atlas.2023-10-01+json', ACCEPT.v20241113]) {
        const r = await get(emu.baseUrl, '/api/atlas/v2/groups', { bearer, ...(accept ? { accept } : {}) });
        assert.equal(r.status, 406, accept);
        assert.equal(r.contentType, 'application/json');
        assert.match(r.json.detail, /application\/vnd\.atlas\.2023-01-01\+json/);
      }
      const multi = await call('/api/atlas/v2/groups', `application/json, ${ACCEPT.v20230101};q=0.9`);
      assert.equal(multi.status, 200);
      assert.equal(multi.contentType, ACCEPT.v20230101);
    });

    it('unknown paths are 404 ApiErrors; other methods 405', async () => {
      const r = await call('/api/atlas/v2/nothing/here');
      assert.equal(r.status, 404);
      assert.equal(r.json.errorCode, 'RESOURCE_NOT_FOUND');
      const del = await fetch(`${emu.baseUrl}/api/atlas/v2/groups`, { method: 'DELETE', headers: { Authorization: `Bearer ${bearer}` } });
      assert.equal(del.status, 405);
      assert.equal(del.headers.get('allow'), 'GET');
    });

    it('404 names what is missing: project, organization, cluster, instance, restore job', async () => {
      const missing = '0123456789abcdef01234567';
      const cases: [string, string, string][] = [
        [`/api/atlas/v2/groups/${missing}/clusters`, ACCEPT.v20240805, 'GROUP_NOT_FOUND'],
        [`/api/atlas/v2/orgs/${missing}/groups`, ACCEPT.v20230101, 'ORG_NOT_FOUND'],
        [`/api/atlas/v2/groups/${groupId}/clusters/nope/restoreJobs`, ACCEPT.v20230101, 'CLUSTER_NOT_FOUND'],
        [`/api/atlas/v2/groups/${groupId}/serverless/nope/backup/restoreJobs`, ACCEPT.v20230101, 'SERVERLESS_INSTANCE_NOT_FOUND'],
        [`/api/atlas/v2/groups/${groupId}/flexClusters/nope/backup/restoreJobs`, ACCEPT.v20241113, 'FLEX_CLUSTER_NOT_FOUND'],
        [`/api/atlas/v2/groups/${groupId}/clusters/prod-rs/restoreJobs/${missing}`, ACCEPT.v20230101, 'RESTORE_JOB_NOT_FOUND'],
      ];
      for (const [path, accept, code] of cases) {
        const r = await call(path, accept);
        assert.equal(r.status, 404, path);
        assert.equal(r.json.errorCode, code);
      }
    });
  });

  describe('sunsets follow the emulator’s "today" (the sunset date itself is the first day gone)', () => {
    it('serverless restore jobs: served until 2026-01-21, 410 VERSION_GONE from 2026-01-22 (list and get)', async () => {
      const list = `/api/atlas/v2/groups/${groupId}/serverless/prod-serverless/backup/restoreJobs`;
      emu.setToday('2026-01-21');
      const before = await call(list);
      assert.equal(before.status, 200);
      const id = before.json.results[0].id;
      emu.setToday('2026-01-22');
      for (const path of [list, `${list}/${id}`]) {
        const r = await call(path);
        assert.equal(r.status, 410);
        assert.equal(r.contentType, 'application/json');
        assert.deepEqual({ error: r.json.error, errorCode: r.json.errorCode, reason: r.json.reason, detail: r.json.detail }, { ...GONE_EXAMPLE });
      }
      emu.setToday(new Date('2026-01-21T23:59:00Z'));
      assert.equal((await call(list)).status, 200);
    });

    it('serverless instances (sunset 2027-01-18) and the two older cluster versions (2027-07-01) too; 2024-08-05 stays', async () => {
      const instances = `/api/atlas/v2/groups/${groupId}/serverless`;
      const clusters = `/api/atlas/v2/groups/${groupId}/clusters`;
      emu.setToday('2027-01-17');
      assert.equal((await call(instances)).status, 200);
      emu.setToday('2027-01-18');
      assert.equal((await call(instances)).status, 410);
      emu.setToday('2027-06-30');
      assert.equal((await call(clusters, ACCEPT.v20230101)).status, 200);
      assert.equal((await call(clusters, ACCEPT.v20230201)).status, 200);
      emu.setToday('2027-07-01');
      assert.equal((await call(clusters, ACCEPT.v20230101)).status, 410);
      assert.equal((await call(clusters, ACCEPT.v20230201)).status, 410);
      assert.equal((await call(clusters, ACCEPT.v20240805)).status, 200);
      // An offer of a gone and a live version gets the live one.
      assert.equal((await call(clusters, `${ACCEPT.v20230101}, ${ACCEPT.v20240805}`)).contentType, ACCEPT.v20240805);
    });
  });

  describe('filters', () => {
    it('the legacy list honours batchId: the sharded batch is one job per shard plus the config server', async () => {
      const base = `/api/atlas/v2/groups/${groupId}/clusters/prod-sharded/restoreJobs`;
      const all = (await call(base)).json;
      const batchIds = new Set(all.results.filter((j: { batchId?: string }) => j.batchId).map((j: { batchId: string }) => j.batchId));
      assert.equal(batchIds.size, 1);
      const [batchId] = [...batchIds];
      const batch = (await call(`${base}?batchId=${batchId}`)).json;
      assert.equal(batch.totalCount, 4);
      assert.ok(all.totalCount > 4);
      const files = batch.results.map((j: { hashes: { fileName: string }[] }) => j.hashes[0]!.fileName);
      assert.deepEqual(files.map((f: string) => /-(shard-\d|config-\d)-/.exec(f)?.[1]).sort(), ['config-0', 'shard-0', 'shard-1', 'shard-2']);
      assert.equal((await call(`${base}?batchId=0123456789abcdef01234567`)).json.totalCount, 0);
    });

    it('orgs and an org’s projects filter by a case-insensitive name prefix', async () => {
      const orgs = (await call('/api/atlas/v2/orgs?name=ACME')).json;
      assert.deepEqual(orgs.results.map((o: { name: string }) => o.name), ['Acme-Corp']);
      const acme = orgs.results[0].id;
      const projects = (await call(`/api/atlas/v2/orgs/${acme}/groups?name=r%26d`)).json;
      assert.deepEqual(projects.results.map((p: { name: string }) => p.name), ["R&D-Tom's-Lab"]);
    });
  });
});
