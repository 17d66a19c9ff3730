import * as assert from 'node:assert/strict';
import { elapsedText } from '../../../src/format/elapsed';
import { jobFacts } from '../../../src/jobs/facts';
import { MAX_FOLLOWED, parseFollowed, serializeFollowed } from '../../../src/watch/followed';
import { batchSettleText, outcomeOf, runningLine, settleText, statusBarText } from '../../../src/watch/settleText';
import { cloudJob, cloudRef, legacyJob, legacyRef, NOW } from '../panel/fixtures';

describe('followed jobs, as kept across reloads', () => {
  it('round-trips through globalState', () => {
    const list = [{ ref: legacyRef, since: 1_700_000_000_000 }, { ref: cloudRef, since: 1_700_000_100_000 }];
    assert.deepEqual(parseFollowed(JSON.parse(JSON.stringify(serializeFollowed(list)))), list);
  });

  it('drops what another version or a hand edit left: bad refs, bad times, duplicates', () => {
    const parsed = parseFollowed([
      { ref: legacyRef, since: 5 },
      { ref: legacyRef, since: 6 },
      { ref: { ...cloudRef, family: 'nope' }, since: 5 },
      { ref: cloudRef, since: 'yesterday' },
      null,
      42,
      { ref: { ...cloudRef, jobId: '' }, since: 5 },
    ]);
    assert.deepEqual(parsed, [{ ref: legacyRef, since: 5 }]);
    assert.deepEqual(parseFollowed({ not: 'a list' }), []);
    assert.deepEqual(parseFollowed(undefined), []);
  });

  it('keeps at most a bounded number', () => {
    const many = Array.from({ length: MAX_FOLLOWED + 20 }, (_, i) => ({ ref: { ...cloudRef, jobId: i.toString(16).padStart(24, '0') }, since: 1 }));
    assert.equal(parseFollowed(many).length, MAX_FOLLOWED);
  });

  it('holds ids and names only, nothing from the job document', () => {
    const text = JSON.stringify(serializeFollowed([{ ref: legacyRef, since: 1 }]));
    assert.ok(!text.includes(legacyJob.delivery.authValue!));
    assert.ok(!/https?:/.test(text));
  });
});

describe('what following says', () => {
  const legacy = jobFacts({ family: 'legacy', job: legacyJob }, NOW);
  const cloud = jobFacts({ family: 'cloudBackup', job: cloudJob }, NOW);

  it('names the outcome first, then the job', () => {
    assert.equal(outcomeOf('completed'), 'success');
    assert.equal(outcomeOf('ready'), 'success');
    assert.equal(outcomeOf('broken'), 'failure');
    assert.equal(outcomeOf('cancelled'), 'failure');
    assert.equal(outcomeOf('expired'), 'over');
    assert.match(settleText(cloudRef, cloud, 'utc'), new RegExp(`^Restore ready to download: ${cloudRef.clusterName}, cloud backup restore requested \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC\\.$`));
    const broken = { ...legacy, status: 'broken' as const, atlasStatus: 'BROKEN' };
    assert.match(settleText(legacyRef, broken, 'utc'), /^Restore broken: .* Atlas says BROKEN\.$/);
  });

  it('sums up a sharded restore in one sentence, naming the shards that failed', () => {
    const shard = (label: string, status: 'completed' | 'broken') => ({ ...legacy, componentLabel: label, status, atlasStatus: status.toUpperCase() });
    assert.match(batchSettleText(legacyRef, [shard('shard-0', 'completed'), shard('shard-1', 'completed')], 'utc'), /ready: all 2 jobs completed/);
    assert.match(
      batchSettleText(legacyRef, [shard('shard-0', 'completed'), shard('shard-1', 'broken'), shard('config', 'completed')], 'utc'),
      /did not complete: 1 of 3 jobs ended badly \(shard-1 broken\)/,
    );
  });

  it('counts running restores for the status bar and says for how long each runs', () => {
    assert.equal(statusBarText(1), '$(sync~spin) 1 restore running');
    assert.equal(statusBarText(2), '$(sync~spin) 2 restores running');
    const line = runningLine(cloudRef, cloud, new Date(cloud.requestedAt!.getTime() + 12 * 60_000));
    assert.equal(line, `${cloudRef.clusterName} · Cloud backup · ${'Ready'} · for 12 min`);
    assert.equal(runningLine(cloudRef, undefined, NOW), `${cloudRef.clusterName} · Cloud backup`);
  });

  it('reads a duration to the unit that matters', () => {
    assert.equal(elapsedText(42_000), '42 s');
    assert.equal(elapsedText(12 * 60_000), '12 min');
    assert.equal(elapsedText(3 * 3_600_000 + 5 * 60_000), '3 h 5 min');
    assert.equal(elapsedText(3 * 3_600_000), '3 h');
    assert.equal(elapsedText(2 * 86_400_000 + 4 * 3_600_000), '2 d 4 h');
    assert.equal(elapsedText(-5), 'just now');
  });
});
