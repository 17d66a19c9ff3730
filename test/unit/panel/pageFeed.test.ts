import assert from 'node:assert/strict';
import type { AnyRestoreJob, LegacyRestoreJob } from '../../../src/atlas/types';
import { jobFacts } from '../../../src/jobs/facts';
import { AUTH_VALUE_MASK, jobJson } from '../../../src/jobs/masking';
import { hashTable, hashViews } from '../../../src/panel/hashesView';
import { buildJobDetailsView } from '../../../src/panel/jobDetailsView';
import { PageFeed } from '../../../src/panel/pageFeed';
import { pageStrings } from '../../../src/panel/pageStrings';
import type { ToWebview } from '../../../src/panel/protocol';
import type { ViewInput } from '../../../src/panel/viewInput';
import { copyHashLabel } from '../../../src/webview/jobDetails/pageText';
import { AUTH_VALUE, isoFormat, legacyJob, legacyRef, NOW } from './fixtures';

/** A feed whose deferred JSON runs when the test says, as the host's next turn would. */
function feed() {
  const posted: ToWebview[] = [];
  const queue: Array<() => void> = [];
  const f = new PageFeed(
    (m) => posted.push(m),
    (task) => {
      queue.push(task);
      return () => {
        const at = queue.indexOf(task);
        if (at >= 0) queue.splice(at, 1);
      };
    },
  );
  const flush = () => queue.splice(0).forEach((t) => t());
  const types = () => posted.splice(0).map((m) => m.type);
  return { f, posted, flush, types };
}

const bigJob = (count: number): LegacyRestoreJob => ({
  ...legacyJob,
  hashes: Array.from({ length: count }, (_, i) => ({ fileName: `collection-${i}--812345678901234567.wt`, hash: (i * 7919).toString(16).padStart(40, '0'), typeName: 'SHA1' as const })),
});

const input = (job: AnyRestoreJob, over: Partial<ViewInput> = {}): ViewInput => ({ ref: legacyRef, job, now: NOW, fetchedAt: NOW, format: isoFormat, ...over });

describe('what the panel posts to its page', () => {
  it('posts the view and the hash table at once, and the JSON on its next turn', () => {
    const { f, posted, flush } = feed();
    const job: AnyRestoreJob = { family: 'legacy', job: legacyJob };
    const view = f.send(input(job));
    assert.deepEqual(posted.map((m) => m.type), ['render', 'hashes']);
    assert.equal('hashes' in view || 'json' in view, false, 'the render carries neither the table nor the JSON');
    assert.equal(view.hashCount, 2);
    flush();
    assert.deepEqual(posted.map((m) => m.type), ['render', 'hashes', 'document']);
    const doc = posted[2] as Extract<ToWebview, { type: 'document' }>;
    assert.equal(doc.json, jobJson(legacyJob));
    assert.equal(doc.revealed, false);
    assert.ok(!JSON.stringify(posted).includes(AUTH_VALUE), 'nothing posted holds the auth value');
  });

  it('sends the same table as the full view has, by column, with labels the page makes alike', () => {
    const facts = jobFacts({ family: 'legacy', job: legacyJob }, NOW);
    const table = hashTable(facts);
    const views = hashViews(facts);
    assert.deepEqual(table, { fileNames: views.map((h) => h.fileName), typeNames: views.map((h) => h.typeName), hashes: views.map((h) => h.hash) });
    const template = pageStrings().copyHash;
    assert.deepEqual(
      table.fileNames.map((name, i) => copyHashLabel(template, name, i)),
      views.map((h) => h.copyLabel),
    );
  });

  it('re-renders with the view alone while the job is the same, and sends no unchanged table or JSON after a refetch', () => {
    const { f, flush, types } = feed();
    const job: AnyRestoreJob = { family: 'legacy', job: bigJob(5_000) };
    f.send(input(job));
    flush();
    types();
    f.send(input(job, { now: new Date(NOW.getTime() + 60_000) }));
    flush();
    assert.deepEqual(types(), ['render']);
    // Fetched again: another object with the same content.
    f.send(input({ family: 'legacy', job: structuredClone(job.job) }));
    flush();
    assert.deepEqual(types(), ['render']);
    const changed = bigJob(5_001);
    f.send(input({ family: 'legacy', job: changed }));
    flush();
    assert.deepEqual(types(), ['render', 'hashes', 'document']);
  });

  it('sends the JSON again when the auth value is revealed or hidden, and everything to a new page', () => {
    const { f, posted, flush, types } = feed();
    const job: AnyRestoreJob = { family: 'legacy', job: legacyJob };
    f.send(input(job));
    flush();
    types();
    f.send(input(job, { revealAuthValue: true }));
    flush();
    const revealed = posted.at(-1) as Extract<ToWebview, { type: 'document' }>;
    assert.deepEqual(types(), ['render', 'document']);
    assert.equal(revealed.revealed, true);
    assert.equal(JSON.parse(revealed.json).delivery.authValue, AUTH_VALUE);
    f.send(input(job));
    flush();
    const hidden = posted.at(-1) as Extract<ToWebview, { type: 'document' }>;
    assert.deepEqual(types(), ['render', 'document']);
    assert.equal(JSON.parse(hidden.json).delivery.authValue, AUTH_VALUE_MASK);
    f.reset();
    f.send(input(job));
    flush();
    assert.deepEqual(types(), ['render', 'hashes', 'document']);
  });

  it('makes the JSON only for the latest job when jobs follow each other before it is made', () => {
    const { f, posted, flush } = feed();
    f.send(input({ family: 'legacy', job: bigJob(3) }));
    f.send(input({ family: 'legacy', job: bigJob(4) }));
    flush();
    const docs = posted.filter((m): m is Extract<ToWebview, { type: 'document' }> => m.type === 'document');
    assert.equal(docs.length, 1);
    assert.equal(JSON.parse(docs[0]!.json).hashes.length, 4);
    f.dispose();
    f.send(input({ family: 'legacy', job: bigJob(5) }));
    f.dispose();
    flush();
    assert.equal(posted.filter((m) => m.type === 'document').length, 1, 'a disposed feed posts no JSON');
  });

  it('posts a 5,000-hash job in a third of what one message with the whole view took', () => {
    const { f, posted } = feed();
    const job: AnyRestoreJob = { family: 'legacy', job: bigJob(5_000) };
    f.send(input(job));
    const before = JSON.stringify({ type: 'render', view: buildJobDetailsView(input(job)) }).length;
    const now = posted.reduce((n, m) => n + JSON.stringify(m).length, 0);
    assert.ok(now * 3 < before, `${now} bytes before the JSON, against ${before} in one message`);
  });
});
