/**
 * Every answer the emulator gives — each operation, paged and not, with includeCount=false,
 * envelope=true and pretty=true, and every error class — validates against the official schemas;
 * no writeOnly field ever appears; and across the demo data every response property the spec
 * defines for a restore job appears at least once.
 */
import { strict as assert } from 'node:assert';
import { DEMO_API_KEY, startEmulator, type RunningEmulator } from '../../atlas-emulator';
import {
  matchRequest,
  presentPropertyPaths,
  responsePropertyPaths,
  validateResponse,
  writeOnlyProperties,
} from '../../atlas-emulator/spec';
import { ACCEPT, type Answer, demoProjects, DigestSession, get, token } from '../emulator/support';

const FAMILY_SCHEMA = {
  legacy: 'BackupRestoreJob',
  cloudBackup: 'DiskBackupSnapshotRestoreJob',
  serverless: 'ServerlessBackupRestoreJob',
  flex: 'FlexBackupRestoreJob20241113',
} as const;
type Family = keyof typeof FAMILY_SCHEMA;

describe('conformance: every emulator response validates against the spec', function () {
  this.timeout(60_000);
  let emu: RunningEmulator;
  let bearer: string;
  let checked = 0;
  const jobs: Record<Family, unknown[]> = { legacy: [], cloudBackup: [], serverless: [], flex: [] };
  const statuses = new Set<number>();

  function check(path: string, r: Answer, options: { envelope?: boolean } = {}): void {
    const v = validateResponse({ method: 'GET', path }, r.status, r.contentType, r.text, options);
    assert.ok(v.valid, `${path} → ${r.status} ${v.schema}:\n  ${v.errors.slice(0, 8).join('\n  ')}`);
    statuses.add(r.status);
    checked++;
  }

  async function call(path: string, accept: string, options: { envelope?: boolean; expect?: number } = {}): Promise<Answer> {
    const r = await get(emu.baseUrl, path, { bearer, accept });
    if (options.expect !== undefined) assert.equal(r.status, options.expect, `${path}: ${r.text.slice(0, 200)}`);
    check(path, r, options);
    return r;
  }

  before(async () => {
    // Before the serverless sunset, so its restore jobs are served.
    emu = await startEmulator({ dataset: 'demo', today: '2026-01-15' });
    bearer = await token(emu.baseUrl);
  });
  after(() => emu.close());

  it('every operation, in every listed version, paged and not, with includeCount, envelope and pretty', async () => {
    const A = ACCEPT;
    await call('/api/atlas/v2/orgs', A.v20230101, { expect: 200 });
    await call('/api/atlas/v2/orgs?name=acme&pretty=true', A.v20230101, { expect: 200 });
    const groups = (await call('/api/atlas/v2/groups?includeCount=false', A.v20230101, { expect: 200 })).json;
    for (const org of emu.store.organizations()) await call(`/api/atlas/v2/orgs/${org.id}/groups?itemsPerPage=1&pageNum=2`, A.v20230101, { expect: 200 });
    const variants = ['', '?itemsPerPage=2&pageNum=2', '?includeCount=false&pretty=true', '?pageNum=99'];
    for (const g of groups.results as { id: string }[]) {
      for (const v of [A.v20230101, A.v20230201, A.v20240805]) await call(`/api/atlas/v2/groups/${g.id}/clusters`, v, { expect: 200 });
      await call(`/api/atlas/v2/groups/${g.id}/clusters?envelope=true`, A.v20240805, { expect: 200, envelope: true });
      await call(`/api/atlas/v2/groups/${g.id}/serverless`, A.v20230101, { expect: 200 });
      await call(`/api/atlas/v2/groups/${g.id}/flexClusters?envelope=true&pretty=true`, A.v20241113, { expect: 200, envelope: true });
      const readOnly = g.id === demoProjects(emu).analytics.id;
      for (const c of emu.store.clusters(g.id)) {
        const lists: [Family, string, string][] =
          c.kind === 'dedicated'
            ? [
                ['legacy', `clusters/${c.name}/restoreJobs`, A.v20230101],
                ['cloudBackup', `clusters/${c.name}/backup/restoreJobs`, A.v20230101],
              ]
            : c.kind === 'serverless'
              ? [['serverless', `serverless/${c.name}/backup/restoreJobs`, A.v20230101]]
              : [['flex', `flexClusters/${c.name}/backup/restoreJobs`, A.v20241113]];
        for (const [family, rel, accept] of lists) {
          const base = `/api/atlas/v2/groups/${g.id}/${rel}`;
          const denied = readOnly && (family === 'cloudBackup' || family === 'serverless');
          const first = await call(base, accept, { expect: denied ? 403 : 200 });
          if (denied) continue;
          for (const v of variants) await call(base + v, accept, { expect: 200 });
          await call(`${base}?envelope=true`, accept, { expect: 200, envelope: true });
          for (const job of first.json.results as { id: string }[]) {
            const one = await call(`${base}/${job.id}`, accept, { expect: 200 });
            jobs[family].push(one.json);
          }
          const sample = (first.json.results as { id: string }[])[0];
          if (sample) {
            await call(`${base}/${sample.id}?envelope=true`, accept, { expect: 200, envelope: true });
            await call(`${base}/${sample.id}?pretty=true`, accept, { expect: 200 });
          }
        }
      }
    }
    // On 2026-01-15 Atlas lists no serverless instance any more (the spec says so): check a list that has some.
    emu.setToday('2026-01-14');
    const listed = await call(`/api/atlas/v2/groups/${demoProjects(emu).production.id}/serverless?envelope=true`, A.v20230101, { expect: 200, envelope: true });
    assert.ok(listed.json.results.length > 0);
    emu.setToday('2026-01-15');
    console.log(`      (${checked} answers validated; restore jobs: ${Object.entries(jobs).map(([f, j]) => `${f} ${j.length}`).join(', ')})`);
    assert.ok(checked > 250, `${checked} answers`);
  });

  it('the same answers over HTTP Digest validate too', async () => {
    const digest = new DigestSession(emu.baseUrl, DEMO_API_KEY.publicKey, DEMO_API_KEY.privateKey);
    const prod = demoProjects(emu).production;
    for (const path of [
      '/api/atlas/v2/groups',
      `/api/atlas/v2/groups/${prod.id}/clusters/prod-sharded/restoreJobs`,
      `/api/atlas/v2/groups/${prod.id}/clusters/prod-sharded/backup/restoreJobs`,
    ]) {
      const r = await digest.get(path, ACCEPT.v20230101);
      assert.equal(r.status, 200);
      check(path, r);
    }
  });

  it('every error class: 400, 401, 403, 404, 405, 406, 410, 429, 500, 502, 503, 504', async () => {
    const p = demoProjects(emu);
    const legacy = `/api/atlas/v2/groups/${p.production.id}/clusters/prod-rs/restoreJobs`;
    const cases: [number, string, string, string?][] = [
      [400, `${legacy}?itemsPerPage=0`, ACCEPT.v20230101],
      [400, `${legacy}?itemsPerPage=501`, ACCEPT.v20230101],
      [400, `${legacy}?pageNum=0`, ACCEPT.v20230101],
      [400, `${legacy}?batchId=nope`, ACCEPT.v20230101],
      [400, `${legacy}?includeCount=maybe`, ACCEPT.v20230101],
      [400, `/api/atlas/v2/groups/not-a-project/clusters`, ACCEPT.v20240805],
      [400, `/api/atlas/v2/groups/${p.production.id}/clusters/prod-rs/restoreJobs/xyz`, ACCEPT.v20230101],
      [403, `/api/atlas/v2/groups/${p.analytics.id}/clusters/analytics-rs/backup/restoreJobs`, ACCEPT.v20230101],
      [403, `/api/atlas/v2/groups/${p.internal.id}/clusters`, ACCEPT.v20240805],
      [404, `/api/atlas/v2/groups/${p.production.id}/clusters/nope/restoreJobs`, ACCEPT.v20230101],
      [404, `${legacy}/0123456789abcdef01234567`, ACCEPT.v20230101],
      [404, `/api/atlas/v2/groups/0123456789abcdef01234567/clusters`, ACCEPT.v20240805],
      [404, `/api/atlas/v2/orgs/0123456789abcdef01234567/groups`, ACCEPT.v20230101],
      [406, legacy, 'application/json'],
      [406, legacy, ACCEPT.v20241113],
      [406, legacy, 'application/vnd.atlas.2023-10-01+json'],
      [406, legacy, ''],
    ];
    for (const [status, path, accept] of cases) {
      const r = await get(emu.baseUrl, path, { bearer, accept });
      assert.equal(r.status, status, `${path} (${accept}) → ${r.text.slice(0, 200)}`);
      check(path, r);
    }
    const unauth = await get(emu.baseUrl, legacy, { accept: ACCEPT.v20230101 });
    assert.equal(unauth.status, 401);
    check(legacy, unauth);
    const badToken = await get(emu.baseUrl, legacy, { accept: ACCEPT.v20230101, bearer: 'not-a-token' });
    assert.equal(badToken.status, 401);
    check(legacy, badToken);

    emu.setToday('2026-02-01');
    const sl = `/api/atlas/v2/groups/${p.production.id}/serverless/prod-serverless/backup/restoreJobs`;
    const gone = await get(emu.baseUrl, sl, { bearer, accept: ACCEPT.v20230101 });
    assert.equal(gone.status, 410);
    check(sl, gone);
    emu.setToday('2026-01-15');

    emu.faults.add({ kind: 'rateLimit', times: 1, retryAfterSeconds: 3 });
    emu.faults.add({ kind: 'rateLimit', times: 1 });
    for (const status of [500, 502, 503, 504] as const) emu.faults.add({ kind: 'serverError', times: 1, status });
    for (const status of [429, 429, 500, 502, 503, 504]) {
      const r = await get(emu.baseUrl, legacy, { bearer, accept: ACCEPT.v20230101 });
      assert.equal(r.status, status);
      check(legacy, r);
    }
    const notAllowed = await fetch(`${emu.baseUrl}${legacy}`, { method: 'DELETE', headers: { Authorization: `Bearer ${bearer}`, Accept: ACCEPT.v20230101 } });
    assert.equal(notAllowed.status, 405);
    const body = await notAllowed.json();
    assert.equal(body.error, 405);
    assert.equal(notAllowed.headers.get('content-type'), 'application/json');
    // Faults that model other Atlas answers: a conflict, an IP access list refusal, an absurd total.
    emu.faults.add({ kind: 'apiError', times: 1, status: 409, errorCode: 'CONFLICTING_UPDATE', detail: 'Another change is in progress.' });
    emu.faults.add({ kind: 'apiError', times: 1, status: 401, errorCode: 'IP_ADDRESS_NOT_ON_ACCESS_LIST' });
    emu.faults.add({ kind: 'totalCount', times: 1, value: 1_700_000_000 });
    for (const status of [409, 401, 200]) {
      const r = await get(emu.baseUrl, legacy, { bearer, accept: ACCEPT.v20230101 });
      assert.equal(r.status, status);
      check(legacy, r);
    }
    for (const s of [200, 400, 401, 403, 404, 406, 409, 410, 429, 500, 502, 503, 504]) assert.ok(statuses.has(s), `status ${s} was checked`);
  });

  it('no writeOnly field appears in any restore job the emulator returned', () => {
    const writeOnly = writeOnlyProperties();
    assert.deepEqual(writeOnly.BackupRestoreJob?.sort(), ['checkpointId', 'oplogInc', 'oplogTs', 'pointInTimeUTCMillis']);
    for (const [family, schema] of Object.entries(FAMILY_SCHEMA) as [Family, string][]) {
      const forbidden = writeOnly[schema] ?? [];
      for (const job of jobs[family]) for (const f of forbidden) assert.ok(!(f in (job as object)), `${family} job has writeOnly ${f}`);
    }
  });

  it('across the demo data, every response property the spec defines for a restore job appears', () => {
    for (const [family, schema] of Object.entries(FAMILY_SCHEMA) as [Family, string][]) {
      const expected = responsePropertyPaths(schema);
      const present = new Set<string>();
      for (const job of jobs[family]) presentPropertyPaths(job, '', present);
      const missing = expected.filter((p) => !present.has(p));
      assert.deepEqual(missing, [], `${family} (${schema}): ${expected.length} properties`);
      const extra = [...present].filter((p) => !expected.includes(p));
      assert.deepEqual(extra, [], `${family}: properties the spec does not define`);
    }
  });

  it('every request made here that the emulator answered 2xx matches a spec operation (the helper agrees)', () => {
    const ok = emu.requests.filter((r) => r.status === 200 && r.path.startsWith('/api/atlas/v2'));
    assert.ok(ok.length > 200, `${ok.length} requests`);
    for (const r of ok) assert.deepEqual(matchRequest(r).errors, [], `${r.path} ${JSON.stringify(r.query)}`);
  });
});
