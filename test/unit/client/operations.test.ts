import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import {
  GET_RESTORE_JOB_OPERATION,
  LIST_RESTORE_JOBS_OPERATION,
  OPERATIONS,
  REQUIRED_ROLE_BY_FAMILY,
  RESTORE_JOB_ENDPOINTS,
  SERVERLESS_RESTORE_SUNSET,
  type OperationId,
} from '../../../src/atlas';

interface SpecOperation {
  operationId: string;
  deprecated?: boolean;
  'x-rolesRequirements'?: string[];
  parameters?: ({ $ref: string } | { name: string; in: string })[];
  responses: Record<string, { content?: Record<string, { 'x-xgen-version'?: string; 'x-sunset'?: string }> }>;
}

const specPath = join(__dirname, '../../atlas-openapi/v2.yaml');
const spec = parse(readFileSync(specPath, 'utf8')) as { paths: Record<string, Record<string, SpecOperation>> };

function findInSpec(id: string): { path: string; method: string; op: SpecOperation } | undefined {
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (op && typeof op === 'object' && op.operationId === id) return { path, method, op };
    }
  }
  return undefined;
}

describe('operation table against the official spec (test/atlas-openapi/v2.yaml)', () => {
  const ids = Object.keys(OPERATIONS) as OperationId[];

  it('has the 14 operations the extension uses', () => {
    assert.equal(ids.length, 14);
    for (const id of ids) assert.equal(OPERATIONS[id].id, id);
  });

  for (const id of Object.keys(OPERATIONS) as OperationId[]) {
    it(`${id}: path, method, Accept version, role, deprecation and sunset match the spec`, () => {
      const entry = OPERATIONS[id];
      const found = findInSpec(id);
      assert.ok(found, `operationId ${id} is in the spec`);
      assert.equal(entry.path, found.path);
      assert.equal(entry.method, found.method.toUpperCase());
      const content = found.op.responses['200']?.content ?? {};
      const media = content[entry.accept];
      assert.ok(media, `${entry.accept} is a listed 200 media type of ${id} (listed: ${Object.keys(content).join(', ')})`);
      assert.equal(entry.accept, `application/vnd.atlas.${entry.version}+json`);
      assert.equal(media['x-xgen-version'], entry.version);
      assert.equal(entry.sunset, media['x-sunset'] === undefined ? undefined : String(media['x-sunset']));
      assert.equal(entry.deprecated, found.op.deprecated === true);
      assert.equal(entry.requiredRole, found.op['x-rolesRequirements']?.[0]);
      // The client sends the newest version the spec lists for the operation.
      const newest = Object.values(content)
        .map((m) => m['x-xgen-version'])
        .filter((v): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v))
        .sort()
        .pop();
      assert.equal(entry.version, newest);
      const paged = (found.op.parameters ?? []).some((p) => '$ref' in p && p.$ref.endsWith('/itemsPerPage'));
      assert.equal(entry.paged, paged);
    });
  }

  it('uses the versions the issue names: 2023-01-01, 2024-08-05 for clusters, 2024-11-13 for flex', () => {
    assert.equal(OPERATIONS.listGroupClusters.version, '2024-08-05');
    assert.equal(OPERATIONS.listGroupFlexClusters.version, '2024-11-13');
    assert.equal(OPERATIONS.listGroupFlexClusterBackupRestoreJobs.version, '2024-11-13');
    assert.equal(OPERATIONS.getGroupFlexClusterBackupRestoreJob.version, '2024-11-13');
    for (const id of ['listOrgs', 'listGroups', 'getOrgGroups', 'listGroupClusterRestoreJobs', 'getGroupClusterBackupRestoreJob', 'listGroupServerlessBackupRestoreJobs'] as const) {
      assert.equal(OPERATIONS[id].version, '2023-01-01', id);
    }
  });

  it('maps each restore-job family to its operations, role and the serverless sunset', () => {
    assert.deepEqual(REQUIRED_ROLE_BY_FAMILY, {
      legacy: 'Project Read Only',
      cloudBackup: 'Project Backup Manager',
      serverless: 'Project Owner',
      flex: 'Project Read Only',
    });
    for (const family of ['legacy', 'cloudBackup', 'serverless', 'flex'] as const) {
      assert.equal(OPERATIONS[LIST_RESTORE_JOBS_OPERATION[family]].family, family);
      assert.equal(OPERATIONS[GET_RESTORE_JOB_OPERATION[family]].family, family);
      assert.equal(OPERATIONS[LIST_RESTORE_JOBS_OPERATION[family]].requiredRole, REQUIRED_ROLE_BY_FAMILY[family]);
    }
    assert.equal(SERVERLESS_RESTORE_SUNSET, '2026-01-22');
    assert.equal(OPERATIONS.listGroupServerlessBackupRestoreJobs.sunset, SERVERLESS_RESTORE_SUNSET);
    assert.equal(OPERATIONS.getGroupServerlessBackupRestoreJob.sunset, SERVERLESS_RESTORE_SUNSET);
  });

  it("names each family's cluster and job path parameters as its endpoints' paths do", () => {
    for (const family of ['legacy', 'cloudBackup', 'serverless', 'flex'] as const) {
      const e = RESTORE_JOB_ENDPOINTS[family];
      assert.equal(e.list, LIST_RESTORE_JOBS_OPERATION[family]);
      assert.equal(e.get, GET_RESTORE_JOB_OPERATION[family]);
      assert.ok(OPERATIONS[e.list].path.includes(`/{${e.clusterParam}}/`), family);
      assert.equal(OPERATIONS[e.get].path, `${OPERATIONS[e.list].path}/{${e.jobParam}}`, family);
    }
  });
});
