import assert from 'node:assert/strict';
import type { AnyRestoreJob } from '../../../src/atlas/types';
import type { Page } from '../../../src/atlas';
import { PageCache } from '../../../src/cache/pageCache';
import { csvField, jobsCsv, jobsJson, type ExportRow } from '../../../src/export/jobExport';

const NOW = new Date('2026-11-25T12:00:00Z');
const row = (job: unknown, family: AnyRestoreJob['family'] = 'legacy'): ExportRow => ({
  connection: 'Acme, Inc.',
  projectName: 'Prod "main"',
  groupId: '65f000000000000000000001',
  clusterName: '=cmd|calc',
  job: { family, job } as AnyRestoreJob,
});

describe('exporting restore jobs', () => {
  it('quotes CSV fields with separators, quotes or line breaks, and makes formulas inert', () => {
    assert.equal(csvField('plain'), 'plain');
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField('two\nlines'), '"two\nlines"');
    for (const f of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx']) assert.ok(csvField(f).replace(/^"/, '').startsWith("'"), f);
    assert.equal(csvField('=a,b'), `"'=a,b"`);
  });

  it('writes one CRLF line per job with the row’s columns and ISO 8601 UTC times', () => {
    const csv = jobsCsv(
      [
        row({ id: '65f0a1b2c3d4e5f6a7b8c9d0', created: '2026-11-24T10:00:00+02:00', statusName: 'FINISHED', delivery: { methodName: 'HTTP', statusName: 'READY', expires: '2026-11-28T00:00:00Z', urlV2: 'https://h.example/f.tar.gz', authHeader: 'X-A', authValue: 'secretvalue' }, batchId: '65f0bbbbbbbbbbbbbbbbbbbb' }),
        row(null, 'flex'),
      ],
      NOW,
    );
    const lines = csv.split('\r\n');
    assert.equal(lines.at(-1), '');
    assert.equal(lines.length, 4);
    assert.equal(lines[1], `"Acme, Inc.","Prod ""main""",65f000000000000000000001,'=cmd|calc,legacy,65f0a1b2c3d4e5f6a7b8c9d0,2026-11-24T08:00:00.000Z,Completed,FINISHED,HTTP download,,2026-11-28T00:00:00.000Z,1,,65f0bbbbbbbbbbbbbbbbbbbb,,`);
    assert.match(lines[2]!, /^"Acme, Inc\.",.*,flex,,/, 'an unreadable document is still a row');
    assert.ok(!csv.includes('secretvalue'));
  });

  it('writes the full documents as JSON with authValue masked, wherever it appears', () => {
    const json = jobsJson([row({ id: 'x', delivery: { authValue: 'secretvalue', url: 'https://h.example/f?key=secretvalue' } })], NOW);
    assert.ok(!json.includes('secretvalue'));
    const parsed = JSON.parse(json) as { exportedAt: string; count: number; jobs: { project: string; cluster: string; family: string; job: { id: string } }[] };
    assert.equal(parsed.exportedAt, NOW.toISOString());
    assert.equal(parsed.count, 1);
    assert.deepEqual([parsed.jobs[0]!.project, parsed.jobs[0]!.cluster, parsed.jobs[0]!.family, parsed.jobs[0]!.job.id], ['Prod "main"', '=cmd|calc', 'legacy', 'x']);
  });
});

describe('the page cache shared by the tree and the search', () => {
  const page = (n: number): Page<number> => ({ results: [n], pageNum: n, itemsPerPage: 1, hasNextPage: false });

  it('fetches a page once, sharing it while in flight, and forgets a failure', async () => {
    const cache = new PageCache();
    let calls = 0;
    const fetch = async () => (calls++, page(1));
    const [a, b] = await Promise.all([cache.page('c/projects/', 1, 100, fetch), cache.page('c/projects/', 1, 100, fetch)]);
    assert.equal(a, b);
    assert.equal(calls, 1);
    await cache.page('c/projects/', 1, 50, fetch);
    assert.equal(calls, 2, 'another page size is another page');
    await assert.rejects(cache.page('c/x/', 1, 100, async () => Promise.reject(new Error('boom'))));
    assert.deepEqual(await cache.page('c/x/', 1, 100, async () => page(7)), page(7), 'a failed page is asked again');
  });

  it('forgets by prefix: a refreshed subtree only', async () => {
    const cache = new PageCache();
    await cache.page('c1/g/1/c/a/legacy/', 1, 100, async () => page(1));
    await cache.page('c1/g/1/c/ab/legacy/', 1, 100, async () => page(2));
    await cache.page('c1/g/2/clusters/dedicated/', 1, 100, async () => page(3));
    cache.forget('c1/g/1/c/a/');
    assert.equal(cache.size, 2, 'the cluster "ab" is not "a"');
    cache.forget();
    assert.equal(cache.size, 0);
  });
});
