import { strict as assert } from 'node:assert';
import { convertSchemas, loadSpec, matchRequest, validateResponse } from '../../atlas-emulator/spec';
import { createAjv, validatorFor } from '../../atlas-emulator/spec-schemas';
import { ACCEPT } from '../emulator/support';

const JOB_ID = '0123456789abcdef01234567';
const GROUP = '32b6e34b3d91647abb20e7b8';
const legacyJob = { delivery: { methodName: 'HTTP', statusName: 'READY' }, id: JOB_ID, statusName: 'FINISHED' };

/** A realistic AWS M30 cluster in US_EAST_2 (a region name AWS and Azure share). */
const realisticCluster = {
  clusterType: 'REPLICASET',
  name: 'Cluster0',
  replicationSpecs: [
    {
      regionConfigs: [
        {
          electableSpecs: { diskSizeGB: 40, instanceSize: 'M30', nodeCount: 3 },
          providerName: 'AWS',
          regionName: 'US_EAST_2',
          priority: 7,
        },
      ],
    },
  ],
};

describe('conformance: the spec helper itself', function () {
  this.timeout(20_000);

  describe('validateResponse rejects what the spec forbids', () => {
    it('accepts a minimal legacy job and rejects each kind of violation', () => {
      assert.ok(validateResponse('getGroupClusterRestoreJob', 200, ACCEPT.v20230101, legacyJob).valid);
      const bad: [string, unknown][] = [
        ['missing required delivery', { id: JOB_ID }],
        ['writeOnly checkpointId', { ...legacyJob, checkpointId: JOB_ID }],
        ['writeOnly pointInTimeUTCMillis', { ...legacyJob, pointInTimeUTCMillis: 1_700_000_000_000 }],
        ['enum', { ...legacyJob, statusName: 'DONE' }],
        ['pattern', { ...legacyJob, id: 'xyz' }],
        ['date-time format', { ...legacyJob, created: '2026-01-01' }],
        ['uuid format', { ...legacyJob, masterKeyUUID: 'not-a-uuid' }],
        ['int32 minimum', { ...legacyJob, timestamp: { increment: 5 } }],
        ['nested enum', { ...legacyJob, delivery: { methodName: 'FTP' } }],
        ['hash type', { ...legacyJob, hashes: [{ typeName: 'MD5' }] }],
      ];
      for (const [what, body] of bad) {
        const r = validateResponse('getGroupClusterRestoreJob', 200, ACCEPT.v20230101, body);
        assert.equal(r.valid, false, what);
      }
    });

    it('checks the media type against the operation and the required fields of each family', () => {
      assert.equal(validateResponse('getGroupClusterRestoreJob', 200, 'application/json', legacyJob).valid, false);
      assert.equal(validateResponse('getGroupClusterRestoreJob', 200, ACCEPT.v20241113, legacyJob).valid, false);
      const serverless = validateResponse('getGroupServerlessBackupRestoreJob', 200, ACCEPT.v20230101, { deliveryType: 'download' });
      assert.equal(serverless.valid, false);
      assert.ok(serverless.errors.some((e) => e.includes('targetGroupId')));
      assert.equal(validateResponse('getGroupFlexClusterBackupRestoreJob', 200, ACCEPT.v20241113, { status: 'DONE' }).valid, false);
      assert.equal(validateResponse('listGroups', 200, ACCEPT.v20230101, { results: [{ name: 'a b', clusterCount: 0, created: '2026-01-01T00:00:00Z', orgId: GROUP }] }).valid, false);
    });

    it('errors: ApiError with error = status, application/json; undeclared statuses are still ApiError', () => {
      const body = { error: 406, errorCode: 'X', reason: 'Not Acceptable', detail: null, parameters: [] };
      const r = validateResponse('listGroupClusterBackupRestoreJobs', 406, 'application/json', body);
      assert.ok(r.valid, r.errors.join('\n'));
      assert.equal(r.declared, false);
      assert.equal(r.schema, 'ApiError');
      assert.equal(validateResponse('listOrgs', 404, 'application/json', { ...body, error: 404 }).declared, true);
      assert.equal(validateResponse('listOrgs', 404, 'application/json', body).valid, false, 'error must equal the status');
      assert.equal(validateResponse('listOrgs', 404, 'text/plain', { ...body, error: 404 }).valid, false);
      assert.equal(validateResponse('listOrgs', 429, 'application/json', { error: 429, errorCode: 'R', parameters: ['x'] }).valid, false, 'parameters are objects');
    });

    it('envelope=true: lists carry status, single objects are {status, content}', () => {
      assert.ok(validateResponse('getGroupClusterRestoreJob', 200, ACCEPT.v20230101, { status: 200, content: legacyJob }, { envelope: true }).valid);
      assert.equal(validateResponse('getGroupClusterRestoreJob', 200, ACCEPT.v20230101, legacyJob, { envelope: true }).valid, false);
      assert.equal(validateResponse('getGroupClusterRestoreJob', 200, ACCEPT.v20230101, { status: 200, content: { id: JOB_ID } }, { envelope: true }).valid, false);
      assert.ok(validateResponse('listOrgs', 200, ACCEPT.v20230101, { results: [], status: 200 }, { envelope: true }).valid);
      assert.equal(validateResponse('listOrgs', 200, ACCEPT.v20230101, { results: [] }, { envelope: true }).valid, false);
    });

    it('finds the operation from method and path too', () => {
      const r = validateResponse({ method: 'GET', path: `/api/atlas/v2/groups/${GROUP}/flexClusters/f1/backup/restoreJobs?pageNum=2` }, 200, ACCEPT.v20241113, { results: [] });
      assert.equal(r.operationId, 'listGroupFlexClusterBackupRestoreJobs');
      assert.ok(r.valid);
    });
  });

  describe('OpenAPI semantics and errata', () => {
    it('the discriminator picks exactly one branch: a region config must name a known provider', () => {
      const ok = validateResponse('listGroupClusters', 200, ACCEPT.v20240805, { results: [realisticCluster] });
      assert.ok(ok.valid, ok.errors.join('\n'));
      const moon = structuredClone(realisticCluster);
      moon.replicationSpecs[0]!.regionConfigs[0]!.providerName = 'MOON';
      assert.equal(validateResponse('listGroupClusters', 200, ACCEPT.v20240805, { results: [moon] }).valid, false);
      const badRegion = structuredClone(realisticCluster);
      badRegion.replicationSpecs[0]!.regionConfigs[0]!.regionName = 'MARS_1';
      assert.equal(validateResponse('listGroupClusters', 200, ACCEPT.v20240805, { results: [badRegion] }).valid, false);
    });

    it('nullable admits null only where the spec says so', () => {
      const base = { error: 400, errorCode: 'X' };
      assert.ok(validateResponse('listOrgs', 400, 'application/json', { ...base, reason: null, detail: null }).valid);
      assert.equal(validateResponse('listOrgs', 400, 'application/json', { ...base, errorCode: null }).valid, false);
      assert.ok(validateResponse('listGroupClusters', 200, ACCEPT.v20240805, { results: [{ adaptiveCapacity: null }] }).valid);
    });

    it('applies the two errata exactly where expected, and each is needed for a realistic Atlas answer', () => {
      const spec = loadSpec();
      const converted = convertSchemas(spec.document.components.schemas);
      assert.deepEqual(
        converted.applied.map((a) => `${a.erratum} ${a.at}`).sort(),
        [
          'E1 BaseCloudProviderInstanceSize',
          'E1 CloudRegionConfig.regionName',
          'E1 CloudRegionConfig20240805.regionName',
          'E1 CloudRegionConfig20240805__base.regionName',
          'E1 CloudRegionConfig__base.regionName',
          'E2 DedicatedHardwareSpec',
          'E2 DedicatedHardwareSpec20240805',
          'E2 HardwareSpec',
          'E2 HardwareSpec20240805',
        ],
      );
      const strict = createAjv(convertSchemas(spec.document.components.schemas, { errata: false }));
      const patched = createAjv(converted);
      const page = { results: [realisticCluster] };
      assert.equal(validatorFor(strict, 'PaginatedClusterDescription20240805')(page), false, 'without errata a real cluster fails');
      assert.equal(validatorFor(patched, 'PaginatedClusterDescription20240805')(page), true);
      // E1 alone: the region name is a string; E2 alone: an M30 spec fits AWS, Azure and GCP.
      assert.equal(validatorFor(strict, 'BaseCloudProviderInstanceSize')('M10'), false);
      assert.equal(validatorFor(patched, 'BaseCloudProviderInstanceSize')('M10'), true);
      assert.equal(validatorFor(patched, 'BaseCloudProviderInstanceSize')('M9000'), false);
      assert.equal(validatorFor(strict, 'HardwareSpec20240805')({ instanceSize: 'M30', nodeCount: 3 }), false);
      assert.equal(validatorFor(patched, 'HardwareSpec20240805')({ instanceSize: 'M30', nodeCount: 3 }), true);
      assert.equal(validatorFor(patched, 'HardwareSpec20240805')({ instanceSize: 'M30', nodeCount: 'three' }), false);
    });
  });

  describe('matchRequest', () => {
    const rec = (over: Partial<Parameters<typeof matchRequest>[0]> = {}) => ({
      method: 'GET',
      path: `/api/atlas/v2/groups/${GROUP}/clusters/Cluster0/restoreJobs`,
      query: { itemsPerPage: '500', pageNum: '2', includeCount: 'false', batchId: JOB_ID },
      accept: ACCEPT.v20230101,
      authScheme: 'Digest' as const,
      status: 200,
      ...over,
    });

    it('accepts a request the spec describes', () => {
      const r = matchRequest(rec());
      assert.deepEqual(r.errors, []);
      assert.equal(r.operationId, 'listGroupClusterRestoreJobs');
    });

    it('accepts the OAuth token request of the clientCredentials flow, with Basic only', () => {
      assert.ok(matchRequest({ method: 'POST', path: '/api/oauth/token', query: {}, authScheme: 'Basic', status: 200 }).matched);
      assert.equal(matchRequest({ method: 'POST', path: '/api/oauth/token', query: {}, status: 200 }).matched, false);
    });

    it('rejects unknown paths and methods, bad parameters, unknown parameters and a wrong Accept', () => {
      const cases: [string, ReturnType<typeof rec> | Parameters<typeof matchRequest>[0]][] = [
        ['unknown path', rec({ path: '/api/atlas/v2/groups' + '/x/y' })],
        ['method', rec({ method: 'DELETE' })],
        ['itemsPerPage 501', rec({ query: { itemsPerPage: '501' } })],
        ['itemsPerPage 0', rec({ query: { itemsPerPage: '0' } })],
        ['pageNum 0', rec({ query: { pageNum: '0' } })],
        ['includeCount yes', rec({ query: { includeCount: 'yes' } })],
        ['batchId pattern', rec({ query: { batchId: 'abc' } })],
        ['undeclared query', rec({ query: { sort: 'asc' } })],
        ['repeated query', rec({ query: { pageNum: ['1', '2'] } })],
        ['groupId pattern', rec({ path: '/api/atlas/v2/groups/not-an-id/clusters/Cluster0/restoreJobs' })],
        ['cluster name pattern', rec({ path: `/api/atlas/v2/groups/${GROUP}/clusters/-bad/restoreJobs` })],
        ['Accept of another version', rec({ accept: ACCEPT.v20241113 })],
        ['plain JSON Accept', rec({ accept: 'application/json' })],
        ['no Accept', { ...rec(), accept: undefined }],
        ['Basic on the API', rec({ authScheme: 'Basic' })],
      ];
      for (const [what, r] of cases) assert.equal(matchRequest(r as never).matched, false, what);
    });
  });
});
