import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { isFromHistoryPage } from '../../../src/historyPanel/historyProtocol';
import { historyScopeKey, parseHistoryScope } from '../../../src/historyPanel/loadHistory';
import { durationScale, timeScale } from '../../../src/webview/history/scales';

const MIN = 60_000;
const DAY = 86_400_000;

describe('the history page: scales', () => {
  it('puts lengths on a log scale from a minute to a round length at or above the longest', () => {
    const s = durationScale(7 * 60 * MIN, 200);
    assert.equal(s.y(MIN), 200, 'a minute sits on the baseline');
    assert.equal(s.y(10_000), 200, 'under a minute too');
    assert.equal(s.y(480 * MIN), 0, '8 h, the first round length above 7 h, is the top');
    assert.ok(Math.abs(s.y(Math.sqrt(480) * MIN) - 100) < 1e-9, 'the geometric middle is the middle');
    assert.ok(s.y(60 * MIN) < s.y(30 * MIN) && s.y(30 * MIN) < s.y(5 * MIN));
    assert.ok(s.ticks.length >= 3 && s.ticks.length <= 6, `${s.ticks.length} gridlines`);
    assert.equal(s.ticks.at(-1)!.minutes, 480, 'the top is labelled');
    assert.equal(durationScale(0, 200).y(60 * MIN), 0, 'with nothing longer, the scale still reaches an hour');
    assert.equal(durationScale(30 * DAY, 100).y(40 * DAY), 0, 'longer than any round length: clamped to the top');
  });

  it('runs time left to right over the window, with a label about every 110 px at midnights of the zone shown', () => {
    const to = Date.UTC(2026, 11, 2, 12);
    const from = to - 90 * DAY;
    const utc = timeScale(from, to, 880);
    assert.equal(utc.x(from), 0);
    assert.equal(utc.x(to), 880);
    assert.ok(utc.ticks.length >= 6 && utc.ticks.length <= 9, `${utc.ticks.length} labels`);
    for (const t of utc.ticks) assert.equal(t % DAY, 0, 'UTC midnights');
    const seoul = timeScale(from, to, 880, () => 9 * 3600_000);
    for (const t of seoul.ticks) assert.equal((t + 9 * 3600_000) % DAY, 0, 'midnights in UTC+9');
  });
});

describe('the history page: messages and saved state', () => {
  it('takes only the messages it knows, with their fields checked', () => {
    for (const m of [{ type: 'ready' }, { type: 'refresh' }, { type: 'copyNote' }, { type: 'changeWindow' }, { type: 'openJob', key: 'j12' }]) assert.ok(isFromHistoryPage(m), JSON.stringify(m));
    for (const m of [null, 'ready', {}, { type: 'openJob' }, { type: 'openJob', key: '' }, { type: 'openJob', key: 'x'.repeat(65) }, { type: 'openJob', key: 3 }, { type: 'eval' }]) {
      assert.ok(!isFromHistoryPage(m), JSON.stringify(m));
    }
  });

  it('reads a scope back from webview state only when every field is right', () => {
    const scope = { connectionId: 'c1', connectionLabel: 'Acme', groupId: 'a'.repeat(24), projectName: 'Production', cluster: { name: 'prod-orders', kind: 'dedicated' as const } };
    assert.deepEqual(parseHistoryScope(scope), scope);
    assert.deepEqual(parseHistoryScope({ ...scope, cluster: undefined, extra: '<script>' }), { connectionId: 'c1', connectionLabel: 'Acme', groupId: 'a'.repeat(24), projectName: 'Production' });
    for (const bad of [
      undefined,
      { ...scope, connectionId: '' },
      { ...scope, groupId: 7 },
      { ...scope, projectName: 3 },
      { ...scope, cluster: { name: 'x', kind: 'shared' } },
      { ...scope, cluster: { name: '', kind: 'flex' } },
      { ...scope, cluster: null },
    ]) {
      assert.equal(parseHistoryScope(bad), undefined, JSON.stringify(bad));
    }
    assert.notEqual(historyScopeKey(scope), historyScopeKey({ ...scope, cluster: undefined }), "a cluster's history is not its project's");
    assert.equal(historyScopeKey(scope), historyScopeKey({ ...scope, connectionLabel: 'Renamed' }), 'labels are not part of the key');
  });
});
