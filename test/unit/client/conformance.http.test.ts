import { strict as assert } from 'node:assert';
import { OPERATIONS, collectAll, type AtlasClient, type OperationId } from '../../../src/atlas';
import { matchRequest } from '../../atlas-emulator/spec';
import { addOneOfEachKind, BOTH, makeClient, suiteFixture } from './support';

describe('client over HTTP: every request matches the spec (matchRequest)', function () {
  this.timeout(20_000);
  const fx = suiteFixture({ today: '2025-12-01' }); // before the serverless sunset, so every operation answers
  before(() => {
    addOneOfEachKind(fx, { legacy: 3, cloudBackup: 3, serverless: 3, flex: 3 });
  });

  async function everyOperation(client: AtlasClient): Promise<void> {
    const { store } = fx.emulator;
    const g = fx.groupId;
    const firstId = (name: string, family: 'legacy' | 'cloudBackup' | 'serverless' | 'flex') => store.restoreJobs(g, name, family)[0]!.id!;
    await client.verifyCredentials();
    await client.listOrganizations({ itemsPerPage: 10, pageNum: 1 });
    await client.listProjects({ includeCount: false });
    await client.listOrganizationProjects(fx.orgId);
    await client.listClusters(g);
    await client.listServerlessInstances(g);
    await client.listFlexClusters(g);
    await client.listRestoreJobs('legacy', g, 'Cluster0', { itemsPerPage: 2, pageNum: 2 });
    await client.listRestoreJobs('legacy', g, 'Cluster0', { batchId: 'abcdefabcdefabcdefabcdef' });
    await client.getRestoreJob('legacy', g, 'Cluster0', firstId('Cluster0', 'legacy'));
    await client.listRestoreJobs('cloudBackup', g, 'Cluster0');
    await client.getRestoreJob('cloudBackup', g, 'Cluster0', firstId('Cluster0', 'cloudBackup'));
    await client.listRestoreJobs('serverless', g, 'Serverless0');
    await client.getRestoreJob('serverless', g, 'Serverless0', firstId('Serverless0', 'serverless'));
    await client.listRestoreJobs('flex', g, 'Flex0');
    await client.getRestoreJob('flex', g, 'Flex0', firstId('Flex0', 'flex'));
    for (const family of ['legacy', 'cloudBackup', 'serverless', 'flex'] as const) {
      const name = { legacy: 'Cluster0', cloudBackup: 'Cluster0', serverless: 'Serverless0', flex: 'Flex0' }[family];
      const all = await collectAll(client.allPages((o) => client.listRestoreJobs(family, g, name, o), { itemsPerPage: 1 }));
      assert.equal(all.length, 3);
      const one = await client.getRestoreJob(family, g, name, all[0]!.id!);
      assert.equal(one.id, all[0]!.id);
    }
  }

  for (const who of BOTH) {
    it(`${who.name}: all 14 operations, each request a spec operation with valid parameters and a listed Accept`, async () => {
      fx.emulator.clearRequests();
      const client = makeClient(fx.emulator, { credentials: who.credentials });
      await everyOperation(client);

      const seen = new Set<string>();
      const failures: string[] = [];
      for (const r of fx.emulator.requests) {
        const check = matchRequest(r);
        if (!check.matched) failures.push(`${r.method} ${r.path} ${JSON.stringify(r.query)}: ${check.errors.join('; ')}`);
        if (check.kind === 'operation') {
          seen.add(check.operationId!);
          // The client sent the Accept its table names for that operation.
          assert.equal(r.accept, OPERATIONS[check.operationId as OperationId].accept);
        }
      }
      assert.deepEqual(failures, []);
      assert.deepEqual([...seen].sort(), Object.keys(OPERATIONS).sort(), 'every operation of the table was exercised');
      if (who.credentials.kind === 'serviceAccount') {
        const token = fx.emulator.requests.filter((r) => r.path === '/api/oauth/token');
        assert.equal(token.length, 1);
        assert.equal(matchRequest(token[0]!).kind, 'token');
      } else {
        assert.ok(fx.emulator.requests.every((r) => r.authScheme === 'Digest' || r.status === 401));
      }
      assert.ok(fx.emulator.requests.filter((r) => r.status === 200).length >= 24);
    });
  }
});
