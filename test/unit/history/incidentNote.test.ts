import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, it } from 'mocha';
import { displayText } from '../../../src/format/text';
import { historyJob, inWindow, type HistoryJob } from '../../../src/history/historyJob';
import { historyStats } from '../../../src/history/historyStats';
import { durationText, incidentNote, type IncidentNoteInput } from '../../../src/history/incidentNote';
import { markdownText } from '../../../src/history/markdownText';
import { jobFacts } from '../../../src/jobs/facts';
import { cloudJob, doc, fromDoc, legacyPart, oid } from './fixtures';

const NOW = new Date('2026-11-25T12:00:00Z');
const MIN = 60_000;

/** markdown-it (what VS Code's Markdown preview renders with), with raw HTML and autolinks on: the worst case. */
type Renderer = { render(markdown: string): string };
const MarkdownIt = createRequire(__filename)('markdown-it') as new (options: object) => Renderer;
const md = new MarkdownIt({ html: true, linkify: true });

/** The text of rendered HTML, as a reader sees it. */
const textOf = (html: string) =>
  html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** The cells of each body row of the first table in rendered HTML. */
function bodyCells(html: string): string[][] {
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) => [...row[1].matchAll(/<td>([\s\S]*?)<\/td>/g)].map((cell) => cell[1]));
}

/** How many `|` a Markdown line has that are not backslash-escaped. */
function pipes(line: string): number {
  let count = 0;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '\\') i++;
    else if (line[i] === '|') count++;
  }
  return count;
}

const succeeded = (requested: string, minutes: number, n: number) => cloudJob(requested, new Date(new Date(requested).getTime() + minutes * MIN).toISOString(), NOW, {}, n);

function noteOf(jobs: HistoryJob[], extra: Partial<IncidentNoteInput> = {}): string {
  const window = inWindow(jobs, NOW, 90);
  return incidentNote({ title: 'prod-orders', scope: 'Acme SA · Production', windowDays: 90, now: NOW, timeZone: 'utc', stats: historyStats(window.jobs, NOW), jobs: window.jobs, ...extra });
}

describe('restore history: incident note', () => {
  describe('durationText', () => {
    it('says a duration to the unit that matters', () => {
      assert.equal(durationText(45_000), '45 s');
      assert.equal(durationText(42 * MIN), '42 min');
      assert.equal(durationText(130 * MIN), '2 h 10 min');
      assert.equal(durationText(120 * MIN), '2 h');
      assert.equal(durationText((3 * 24 + 4) * 60 * MIN + 59 * MIN), '3 d 4 h');
      assert.equal(durationText(0), '0 s');
    });
    it('says nothing it cannot know', () => {
      assert.equal(durationText(-1), '—');
      assert.equal(durationText(Number.NaN), '—');
      assert.equal(durationText(Number.POSITIVE_INFINITY), '—');
    });
  });

  describe('the note', () => {
    const jobs: HistoryJob[] = [
      cloudJob('2026-11-25T11:00:00Z', undefined, NOW, {}, 1),
      succeeded('2026-11-24T10:00:00Z', 30, 2),
      cloudJob('2026-11-23T10:00:00Z', undefined, NOW, { failed: true }, 3),
      succeeded('2026-11-22T10:00:00Z', 130, 4),
      fromDoc(doc('cloudBackup', { id: oid('2026-11-20T10:00:00Z', 5), deliveryType: 'download', deliveryUrl: ['https://h/dl/r.tar.gz'] }), NOW),
      ...Array.from({ length: 7 }, (_, i) => succeeded(`2026-10-0${i + 1}T10:00:00Z`, 10 + i, 10 + i)),
    ];
    const note = noteOf(jobs);
    const lines = note.split('\n');

    it('starts with a heading, the scope, the window and the zone', () => {
      assert.equal(lines[0], '## Restore history: prod-orders');
      assert.equal(lines[2], 'Acme SA · Production — last 90 days, as of 2026-11-25 12:00 UTC. Times in UTC.');
    });

    it('gives the numbers as a list, saying what it left out of the times and why', () => {
      const bullets = lines.filter((l) => l.startsWith('- '));
      assert.deepEqual(bullets, [
        '- Restores: 12 (10 succeeded, 1 failed, 0 cancelled, 1 running)',
        '- Failed: 9% (1 of 11 that ended)',
        // 10–16, 30, 130 min: nine durations, the median the 5th, the 90th percentile rank ⌈8.1⌉ = 9.
        '- Time to ready (succeeded restores with an end time: 9): median 14 min, 90th percentile 2 h 10 min (nearest rank)',
        `- Longest: 2 h 10 min (prod-orders, requested 2026-11-22 10:00 UTC, job ${oid('2026-11-22T10:00:00Z', 4)})`,
        '- Left out of the times: 1 still running, 1 succeeded without a usable end time, 1 failed or cancelled',
        '- Last successful restore: 2026-11-24 10:30 UTC, 1 d 1 h ago (prod-orders)',
      ]);
    });

    it('ends with a table of the recent restores, ten unless told otherwise', () => {
      const start = lines.indexOf('### Recent restores (10 of 12)');
      assert.ok(start > 0, note);
      const table = lines.slice(start + 2).filter((l) => l.startsWith('|'));
      assert.equal(table[0], '| Requested | Cluster | Status | Time to ready | Job id |');
      assert.equal(table.length, 12, 'header, delimiter and ten rows');
      assert.equal(table[2], `| 2026-11-25 11:00 UTC | prod-orders | In progress | running, 1 h so far | ${oid('2026-11-25T11:00:00Z', 1)} |`);
      assert.equal(table[3], `| 2026-11-24 10:00 UTC | prod-orders | Completed | 30 min | ${oid('2026-11-24T10:00:00Z', 2)} |`);
      assert.equal(table[4], `| 2026-11-23 10:00 UTC | prod-orders | Failed | — | ${oid('2026-11-23T10:00:00Z', 3)} |`);
      assert.equal(table[6], `| 2026-11-20 10:00 UTC | prod-orders | Ready | no end time | ${oid('2026-11-20T10:00:00Z', 5)} |`);
      assert.equal(noteOf(jobs, { recent: 3 }).split('\n').filter((l) => /^\| 2026/.test(l)).length, 3);
      assert.equal(bodyCells(md.render(table.join('\n'))).length, 10, 'renders as a table');
    });

    it('lists the latest sharded restore part by part, the slowest in bold', () => {
      const parts = [legacyPart('batch-1', '2026-11-24T10:00:00Z', 30, 'shard-0', NOW, 1), legacyPart('batch-1', '2026-11-24T10:00:00Z', 95, 'shard-1', NOW, 2)];
      const text = noteOf(parts);
      assert.ok(text.includes('### Latest sharded restore\n\nBatch batch-1, requested 2026-11-24 10:00 UTC; slowest part: shard-1.\n'), text);
      assert.ok(text.includes('| Part | Status | Time to ready |\n| --- | --- | --- |\n| shard-0 | Completed | 30 min |\n| **shard-1** (slowest) | Completed | 1 h 35 min |\n'), text);
      assert.ok(text.includes('| 2026-11-24 10:00 UTC | prod (shard-1) | Completed | 1 h 35 min |'), 'the recent table names the shard too');
    });

    it('says so when there is nothing to measure, and counts what it could not date', () => {
      const text = noteOf([cloudJob('2026-11-25T11:00:00Z', undefined, NOW, {}, 1)], { undated: 2, future: 1 });
      assert.ok(text.includes('- Time to ready: no succeeded restore with an end time\n'), text);
      assert.ok(text.includes('- Left out of the times: 1 still running\n'), text);
      assert.ok(text.includes('- Last successful restore: none in the last 90 days\n'), text);
      assert.ok(text.includes('- Not counted: 2 restores without a request time\n'), text);
      assert.ok(text.includes('- Not counted: 1 restores dated after 2026-11-25 12:00 UTC (clock difference?)\n'), text);
      assert.ok(!text.includes('- Failed:'), 'no share of none');
      const empty = noteOf([]);
      assert.ok(empty.includes('- Restores: 0 (0 succeeded, 0 failed, 0 cancelled, 0 running)\n- Time to ready'), empty);
      assert.ok(empty.endsWith('### Recent restores\n\nNo restores in the last 90 days.\n'), empty);
    });
  });

  describe('values from Atlas, as Markdown', () => {
    const hostile = 'a|b `c` [x](http://evil) <img src=x onerror=alert(1)>\nnext';
    const status = 'Q|`s`[y](https://evil)<b>\r\nZ';
    const id = 'id|`1`[z](http://evil)<i>';

    it('renders a value as exactly its text, with nothing active in it', () => {
      const tricky = `${hostile} www.evil.com me@evil.com \\| ~~s~~ *e* _u_ &amp; #`;
      const html = md.render(`| A | B |\n| --- | --- |\n| ${markdownText(tricky, 500)} | z |`);
      assert.deepEqual(bodyCells(html).map((row) => row.map(textOf)), [[tricky.replace('\n', ' '), 'z']]);
      assert.doesNotMatch(html, /<a |<img|<code|<em|<strong|<s>|<del/);
      assert.equal(textOf(md.render(`## t ${markdownText('x #')}`)).trim(), 't x #', 'a closing # stays');
    });

    it('keeps a hostile cluster name, status, id, title and scope from adding a column, a link or HTML', () => {
      const legacy = doc('legacy', { id: oid('2026-11-24T10:00:00Z', 1), created: '2026-11-24T10:00:00Z', statusName: status, delivery: { methodName: 'HTTP' } });
      const cloud = doc('cloudBackup', { id, deliveryType: 'automated', finishedAt: '2026-11-24T10:00:00Z' });
      const jobs = [historyJob(legacy, jobFacts(legacy, NOW), { key: 'a', clusterName: hostile }), historyJob(cloud, jobFacts(cloud, NOW), { key: 'b', clusterName: hostile })];
      assert.equal(jobs[0].status, 'unknown', 'shown as Atlas wrote it');
      const note = incidentNote({ title: hostile, scope: hostile, windowDays: 90, now: NOW, timeZone: 'utc', stats: historyStats(jobs, NOW), jobs });
      const tableLines = note.split('\n').filter((l) => l.startsWith('|'));
      assert.equal(tableLines.length, 4);
      for (const line of tableLines) assert.equal(pipes(line), 6, line);
      const html = md.render(note);
      assert.doesNotMatch(html, /<a |<img|<b>|<i>|<code|href=/);
      assert.deepEqual(
        bodyCells(html).map((row) => row.map(textOf)),
        [
          ['2026-11-24 10:00 UTC', hostile.replace('\n', ' '), displayText(status, 60), '—', oid('2026-11-24T10:00:00Z', 1)],
          ['—', hostile.replace('\n', ' '), 'Completed', 'no end time', id],
        ],
      );
      assert.equal(textOf(/<h2>.*<\/h2>/.exec(html)?.[0] ?? ''), `Restore history: ${hostile.replace('\n', ' ')}`);
      assert.ok(textOf(html).includes(`${hostile.replace('\n', ' ')} — last 90 days`), 'the scope line');
    });
  });
});
