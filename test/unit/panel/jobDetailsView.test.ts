import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { STATUS_ICONS, themeColorVariable } from '../../../src/jobs/statusIcons';
import { expiryText } from '../../../src/format/expiry';
import { formatDateTime } from '../../../src/format/time';
import { jobFacts } from '../../../src/jobs/facts';
import { AUTH_VALUE_MASK, jobJson } from '../../../src/jobs/masking';
import { buildJobDetailsView, jobPanelTitle, jobPanelTooltip } from '../../../src/panel/jobDetailsView';
import type { ViewInput } from '../../../src/panel/viewInput';
import type { FactRow } from '../../../src/panel/protocol';
import {
  AUTH_VALUE,
  cloudJob,
  cloudRef,
  flexJob,
  HOSTILE_FILE,
  HOSTILE_PROJECT,
  isoFormat,
  legacyJob,
  legacyRef,
  NOW,
  serverlessJob,
} from './fixtures';

function input(over: Partial<ViewInput> & Pick<ViewInput, 'ref' | 'job'>): ViewInput {
  return { now: NOW, fetchedAt: NOW, format: isoFormat, timeZone: 'utc', ...over };
}

function row(rows: FactRow[], label: string): FactRow {
  const found = rows.find((r) => r.label === label);
  assert.ok(found, `no row "${label}" in ${rows.map((r) => r.label).join(', ')}`);
  return found;
}

const HOUR = 3_600_000;

describe('job details view model', () => {
  describe('legacy job with an auth header', () => {
    const view = buildJobDetailsView(input({ ref: legacyRef, job: { family: 'legacy', job: legacyJob } }));

    it('titles the panel by cluster, component of its batch and request time', () => {
      assert.equal(view.title, `Cluster0 · ${HOSTILE_FILE.replace('.tar.gz', '')} · 2026-03-10 09:00 UTC`);
      assert.equal(jobPanelTitle(legacyRef, 'utc', jobFacts({ family: 'legacy', job: legacyJob }, NOW)), view.title);
      assert.equal(view.heading, 'Cluster0');
      assert.equal(view.subheading, 'Restore job 65f0a1b2c3d4e5f601234567');
    });

    it('summarises status, times, snapshot, target, delivery, batch and encryption', () => {
      assert.deepEqual(view.status, { key: 'completed', label: 'Completed', atlas: 'FINISHED', icon: 'pass', spin: false, color: 'testing.iconPassed' });
      assert.equal(view.familyLabel, 'Legacy backup');
      assert.equal(row(view.summary, 'Requested').value, '2026-03-10T09:00:00.000Z');
      assert.equal(row(view.summary, 'Snapshot').value, '65f0a0000000000000000001');
      assert.deepEqual(row(view.summary, 'Snapshot').copy?.target, { kind: 'snapshotId' });
      assert.equal(row(view.summary, 'Snapshot taken').iso, '2026-03-10T08:00:00.000Z');
      assert.equal(row(view.summary, 'Delivery').value, 'HTTP download (HTTP)');
      assert.equal(row(view.summary, 'Batch').value, '65f0a1b2c3d4e5f60123aaaa');
      assert.equal(row(view.summary, 'Encryption').value, 'Enabled');
      assert.equal(row(view.summary, 'Master key UUID').value, '1b2c3d4e-0000-4000-8000-0000000000ab');
      assert.deepEqual(row(view.summary, 'Job id').copy?.target, { kind: 'jobId' });
      // Legacy jobs say when they finished only through statusName, so there is no "Finished" row.
      assert.equal(view.summary.find((r) => r.label === 'Finished'), undefined);
    });

    it('passes hostile names through unchanged, as text for the page to show', () => {
      assert.deepEqual(view.breadcrumb, ['Prod org', HOSTILE_PROJECT, 'Cluster0']);
      assert.equal(view.delivery.links[0]?.name, HOSTILE_FILE);
      assert.equal(view.hashes[0]?.fileName, HOSTILE_FILE);
      assert.equal(view.hashes[0]?.copyLabel, `Copy hash of ${HOSTILE_FILE}`);
      assert.ok(view.json.includes(JSON.stringify(HOSTILE_FILE)), 'the JSON keeps the file name as it is');
    });

    it('prefers urlV2 and offers the curl command because of the auth header', () => {
      assert.equal(view.delivery.links.length, 1);
      const link = view.delivery.links[0]!;
      assert.equal(link.source, 'delivery.urlV2');
      assert.equal(link.url, legacyJob.delivery.urlV2);
      assert.ok(link.commandLabel);
      assert.equal(view.delivery.privateLinks.length, 0);
    });

    it('masks authValue in the header and in the JSON until revealed', () => {
      assert.equal(view.delivery.authHeader?.name, 'X-Restore-Auth');
      assert.equal(view.delivery.authHeader?.value, AUTH_VALUE_MASK);
      assert.equal(view.delivery.authHeader?.revealed, false);
      assert.ok(!JSON.stringify(view).includes(AUTH_VALUE), 'authValue appears nowhere in the view');
      assert.equal((JSON.parse(view.json) as typeof legacyJob).delivery.authValue, AUTH_VALUE_MASK);

      const revealed = buildJobDetailsView(input({ ref: legacyRef, job: { family: 'legacy', job: legacyJob }, revealAuthValue: true }));
      assert.equal(revealed.delivery.authHeader?.value, AUTH_VALUE);
      assert.equal(revealed.delivery.authHeader?.revealed, true);
      assert.equal((JSON.parse(revealed.json) as typeof legacyJob).delivery.authValue, AUTH_VALUE);
    });

    it('masks the value also where the deprecated url carries it', () => {
      const keyed = { ...legacyJob, delivery: { ...legacyJob.delivery, url: `https://restore.example/v1/x.tar.gz?key=${AUTH_VALUE}&k2=${AUTH_VALUE}` } };
      const v = buildJobDetailsView(input({ ref: legacyRef, job: { family: 'legacy', job: keyed } }));
      assert.ok(!v.json.includes(AUTH_VALUE));
      assert.equal((JSON.parse(v.json) as typeof legacyJob).delivery.url, `https://restore.example/v1/x.tar.gz?key=${AUTH_VALUE_MASK}&k2=${AUTH_VALUE_MASK}`);
      const revealed = buildJobDetailsView(input({ ref: legacyRef, job: { family: 'legacy', job: keyed }, revealAuthValue: true }));
      assert.equal((JSON.parse(revealed.json) as typeof legacyJob).delivery.url, keyed.delivery.url);
    });

    it('does not change the document it masks', () => {
      jobJson(legacyJob);
      assert.equal(legacyJob.delivery.authValue, AUTH_VALUE);
    });

    it('shows expiry, downloads allowed, delivery status and link lifetime', () => {
      const f = view.delivery.facts;
      assert.equal(row(f, 'Expires').value, '2026-03-10T15:00:00.000Z (expires in 3 hours)');
      assert.equal(row(f, 'Expires').tone, undefined);
      assert.equal(row(f, 'Downloads allowed').value, '1');
      assert.equal(row(f, 'Delivery status').value, 'Ready (READY)');
      assert.equal(row(f, 'Delivery status').tone, 'success');
      assert.equal(row(f, 'Link lifetime').value, '48 h');
      assert.equal(view.delivery.expired, false);
      assert.equal(view.delivery.expiredNote, undefined);
    });

    it('lists the hashes as rows with copy', () => {
      assert.deepEqual(
        view.hashes.map((h) => [h.index, h.fileName, h.typeName, h.hash]),
        [
          [0, HOSTILE_FILE, 'SHA1', '5cdd6b2a4c8f6e5b6d1e3a2f9c7b8e1d0a4f6c3b'],
          [1, 'Cluster0-shard-1.tar.gz', 'SHA1', 'a94a8fe5ccb19ba61c4c0873d391e987982fbbd3'],
        ],
      );
    });

    it('says when the download limit has been reached', () => {
      const used = { ...legacyJob, delivery: { ...legacyJob.delivery, statusName: 'MAX_DOWNLOADS_EXCEEDED' as const } };
      const v = buildJobDetailsView(input({ ref: legacyRef, job: { family: 'legacy', job: used } }));
      assert.equal(v.delivery.expired, true);
      assert.match(v.delivery.expiredNote ?? '', /downloaded as often as allowed/);
      assert.equal(row(v.delivery.facts, 'Delivery status').tone, 'error');
    });

    it('shows the target project by name when it is the job’s own project', () => {
      const automated = {
        ...legacyJob,
        delivery: { methodName: 'AUTOMATED_RESTORE' as const, targetGroupId: legacyRef.groupId, targetClusterName: 'Cluster1' },
        hashes: [],
      };
      const v = buildJobDetailsView(input({ ref: legacyRef, job: { family: 'legacy', job: automated } }));
      assert.equal(row(v.summary, 'Target project').value, `${HOSTILE_PROJECT} (${legacyRef.groupId})`);
      assert.equal(row(v.summary, 'Target cluster').value, 'Cluster1');
      assert.equal(v.delivery.links.length, 0);
      assert.equal(v.delivery.authHeader, undefined);
      assert.match(v.delivery.emptyReason ?? '', /restores into a cluster/);
      assert.equal(v.hashes.length, 0);
    });
  });

  describe('cloud backup job with several URLs', () => {
    const view = buildJobDetailsView(input({ ref: cloudRef, job: { family: 'cloudBackup', job: cloudJob } }));

    it('lists every delivery URL, named by replica set, with its copy label', () => {
      assert.deepEqual(
        view.delivery.links.map((l) => [l.index, l.name, l.source, l.url]),
        cloudJob.deliveryUrl!.map((url, i) => [i, ['shard-0', 'shard-1', 'config'][i], `deliveryUrl[${i}]`, url]),
      );
      assert.equal(view.delivery.links[1]?.copyLabel, 'Copy URL of shard-1');
      assert.equal(view.delivery.links[0]?.commandLabel, undefined, 'no auth header, no curl offer');
      assert.equal(view.delivery.authHeader, undefined);
    });

    it('keeps private endpoint links apart', () => {
      assert.deepEqual(
        view.delivery.privateLinks.map((l) => [l.name, l.endpointId]),
        [['config', 'vpce-0abc']],
      );
    });

    it('summarises times, point in time and target', () => {
      // A download job whose links Atlas lists is ready (until they expire).
      assert.equal(view.status.key, 'ready');
      assert.equal(view.status.atlas, 'finished');
      assert.equal(row(view.summary, 'Requested (from the job id)').iso, new Date(0x65f0b1b2 * 1000).toISOString());
      assert.equal(row(view.summary, 'Finished').value, '2026-03-10T11:00:00.000Z');
      assert.equal(row(view.summary, 'Snapshot taken').value, '2026-03-10T06:00:00.000Z');
      assert.equal(row(view.summary, 'Target project').value, `Payments (${cloudRef.groupId})`);
      assert.equal(row(view.summary, 'Delivery').value, 'Download (download)');
      assert.equal(view.hashes.length, 0);
    });

    it('warns when less than an hour is left', () => {
      const v = buildJobDetailsView(input({ ref: cloudRef, job: { family: 'cloudBackup', job: cloudJob }, now: new Date('2026-03-10T14:20:00Z') }));
      assert.equal(row(v.delivery.facts, 'Expires').value, '2026-03-10T15:00:00.000Z (expires in 40 minutes)');
      assert.equal(row(v.delivery.facts, 'Expires').tone, 'warning');
    });

    it('shows "Not yet" for an unfinished job and says links come later', () => {
      const running = { ...cloudJob, finishedAt: undefined, deliveryUrl: undefined, components: undefined, expiresAt: undefined };
      const v = buildJobDetailsView(input({ ref: cloudRef, job: { family: 'cloudBackup', job: running } }));
      assert.equal(v.status.key, 'inProgress');
      assert.deepEqual([v.status.icon, v.status.spin], ['sync', true], 'the tree\'s "sync~spin" becomes a spinning codicon');
      assert.equal(row(v.summary, 'Finished').value, 'Not yet');
      assert.match(v.delivery.emptyReason ?? '', /appears when the job has finished/);
    });
  });

  describe('serverless job that has expired', () => {
    const ref = { ...cloudRef, family: 'serverless' as const, clusterName: 'serverless0', jobId: serverlessJob.id! };
    const view = buildJobDetailsView(input({ ref, job: { family: 'serverless', job: serverlessJob } }));

    it('says how long ago it expired and that the links no longer work', () => {
      assert.equal(view.status.key, 'expired');
      assert.equal(view.status.icon, 'history');
      assert.equal(view.familyLabel, 'Serverless backup');
      assert.equal(row(view.delivery.facts, 'Expired').value, '2026-03-08T12:00:00.000Z (expired 2 days ago)');
      assert.equal(row(view.delivery.facts, 'Expired').tone, 'error');
      assert.equal(view.delivery.expired, true);
      assert.match(view.delivery.expiredNote ?? '', /expired/);
      assert.equal(view.delivery.links.length, 1);
    });
  });

  describe('flex job', () => {
    const ref = { ...cloudRef, family: 'flex' as const, clusterName: 'flex-dev', jobId: flexJob.id! };
    const view = buildJobDetailsView(input({ ref, job: { family: 'flex', job: flexJob }, canOpenInAtlas: true }));

    it('shows the snapshot URL, scheduled and finished times, and expiry a day ahead', () => {
      assert.equal(view.status.key, 'completed');
      assert.equal(view.status.atlas, 'COMPLETED');
      assert.equal(view.familyLabel, 'Flex backup');
      assert.deepEqual(view.delivery.links.map((l) => [l.name, l.source]), [['flex-dev.tar.gz', 'snapshotUrl']]);
      assert.equal(row(view.summary, 'Scheduled').value, '2026-03-10T10:00:00.000Z');
      assert.equal(row(view.summary, 'Finished').value, '2026-03-10T10:05:00.000Z');
      assert.equal(row(view.summary, 'Target cluster').value, 'flex-dev');
      assert.equal(row(view.delivery.facts, 'Expires').value, '2026-03-11T12:00:00.000Z (expires in 24 hours)');
      assert.equal(view.canOpenInAtlas, true);
    });

    it('maps every flex status', () => {
      const statuses = ['PENDING', 'QUEUED', 'RUNNING', 'FAILED', 'COMPLETED'] as const;
      const keys = statuses.map((status) => buildJobDetailsView(input({ ref, job: { family: 'flex', job: { ...flexJob, status } } })).status.key);
      assert.deepEqual(keys, ['pending', 'queued', 'inProgress', 'failed', 'completed']);
    });

    it('explains a failed job without links', () => {
      const failed = { ...flexJob, status: 'FAILED' as const, snapshotUrl: undefined };
      const v = buildJobDetailsView(input({ ref, job: { family: 'flex', job: failed } }));
      assert.equal(v.status.color, 'testing.iconFailed');
      assert.equal(v.delivery.emptyReason, 'This job ended without a download (Failed).');
    });
  });

  describe('tab title and tooltip', () => {
    it('titles a job by cluster and request time, from its id before it is fetched', () => {
      const requested = formatDateTime(new Date(0x65f0b1b2 * 1000), 'utc');
      assert.equal(jobPanelTitle(cloudRef, 'utc'), `sharded-prod · ${requested}`);
      const view = buildJobDetailsView(input({ ref: cloudRef, job: { family: 'cloudBackup', job: cloudJob } }));
      assert.equal(view.title, `sharded-prod · ${requested}`);
      assert.equal(jobPanelTitle({ ...cloudRef, jobId: 'not-an-object-id' }, 'utc'), 'sharded-prod · not-…t-id', 'no time: the short id');
    });

    it('puts the full id and where the job lives in the tooltip', () => {
      assert.equal(jobPanelTooltip(cloudRef), 'Cloud backup restore job 65f0b1b2c3d4e5f601234568\nProd org › Payments › sharded-prod');
    });
  });

  describe('documents Atlas should not have sent', () => {
    it('lists each private link once when Atlas lists it at the top and under its component', () => {
      const both = { ...cloudJob, privateDownloadDeliveryUrls: [{ deliveryUrl: 'https://vpce-1.s3.amazonaws.com/config.tar.gz?sig=1', endpointId: 'vpce-0abc' }] };
      const v = buildJobDetailsView(input({ ref: cloudRef, job: { family: 'cloudBackup', job: both } }));
      assert.deepEqual(
        v.delivery.privateLinks.map((l) => [l.name, l.endpointId, l.source]),
        [['config', 'vpce-0abc', 'privateDownloadDeliveryUrls[0].deliveryUrl']],
      );
    });

    it('shows a value that is no usable link as text with the reason, masking the auth value, and offers nothing', () => {
      const { authHeader: _h, ...noHeader } = legacyJob.delivery;
      const unusable = { ...legacyJob, delivery: { ...noHeader, url: `http://restore.example/x.tar.gz?key=${AUTH_VALUE}` } };
      const v = buildJobDetailsView(input({ ref: legacyRef, job: { family: 'legacy', job: unusable } }));
      assert.deepEqual(v.delivery.links, []);
      assert.equal(v.delivery.authHeader, undefined);
      const rows = v.delivery.facts.filter((r) => r.label === 'Unusable link').map((r) => r.value);
      assert.deepEqual(rows, [
        `delivery.urlV2: ${legacyJob.delivery.urlV2} — needs its auth header, which Atlas did not send`,
        `delivery.url: http://restore.example/x.tar.gz?key=${AUTH_VALUE_MASK} — plain http to another computer`,
      ]);
      assert.equal(v.delivery.emptyReason, 'Atlas lists no usable download link for this job.');
      assert.ok(!JSON.stringify(v).includes(AUTH_VALUE));
    });

    it('says what is wrong with a document it cannot show as usual, and shows the rest', () => {
      const { delivery: _d, ...noDelivery } = legacyJob;
      const v = buildJobDetailsView(input({ ref: legacyRef, job: { family: 'legacy', job: noDelivery as typeof legacyJob } }));
      assert.deepEqual(v.summary[0], { label: 'Problem', value: 'no delivery details', tone: 'warning' });
      assert.equal(row(v.summary, 'Snapshot').value, legacyJob.snapshotId);
      const garbage = buildJobDetailsView(input({ ref: legacyRef, job: { family: 'legacy', job: null as unknown as typeof legacyJob } }));
      assert.deepEqual([garbage.status.key, garbage.status.icon, garbage.json], ['unknown', 'question', 'null']);
      assert.equal(row(garbage.summary, 'Problem').value, 'not a restore job document');
    });

    it('shows a FINISHED legacy job whose delivery failed as failed, and an unknown status as Atlas wrote it', () => {
      const failed = { ...legacyJob, delivery: { ...legacyJob.delivery, statusName: 'FAILED' as const } };
      assert.equal(buildJobDetailsView(input({ ref: legacyRef, job: { family: 'legacy', job: failed } })).status.key, 'failed');
      const odd = { ...legacyJob, statusName: 'RESTORING' as unknown as 'FINISHED' };
      const v = buildJobDetailsView(input({ ref: legacyRef, job: { family: 'legacy', job: odd } }));
      assert.deepEqual([v.status.key, v.status.label, v.status.icon, v.status.atlas], ['unknown', 'RESTORING', 'question', 'RESTORING']);
    });
  });

  describe('expiry math', () => {
    const at = (ms: number) => new Date(NOW.getTime() + ms);
    const expiry = (ms: number) => expiryText(at(ms), NOW, 'en');

    it('counts down in minutes, hours, then days', () => {
      assert.equal(expiry(30_000), 'expires in less than a minute');
      assert.equal(expiry(5 * 60_000), 'expires in 5 minutes');
      assert.equal(expiry(89 * 60_000), 'expires in 89 minutes');
      assert.equal(expiry(3 * HOUR + 59 * 60_000), 'expires in 3 hours');
      assert.equal(expiry(47 * HOUR), 'expires in 47 hours');
      assert.equal(expiry(72 * HOUR), 'expires in 3 days');
    });

    it('counts up after expiry', () => {
      assert.equal(expiry(0), 'expired just now');
      assert.equal(expiry(-10 * 60_000), 'expired 10 minutes ago');
      assert.equal(expiry(-2 * 24 * HOUR), 'expired 2 days ago');
    });

    it('never says "0 minutes"', () => {
      assert.equal(expiry(61_000), 'expires in 1 minute');
      assert.equal(expiry(-61_000), 'expired 1 minute ago');
    });

    it('rounds down, the same way in every unit, so a link never seems to last longer than it does', () => {
      assert.equal(expiry(3 * 24 * HOUR - 1), 'expires in 2 days');
      assert.equal(expiry(-(3 * 24 * HOUR - 1)), 'expired 2 days ago');
      assert.equal(expiry(90 * 24 * HOUR), 'expires in 3 months');
      assert.equal(expiry(3 * 365 * 24 * HOUR), 'expires in 3 years');
    });
  });
});

const CSS_PATH = join(__dirname, '../../../media/jobDetails.css');

describe('job details stylesheet', () => {
  it('has a colour rule, from a theme variable, for every status colour the tree uses', () => {
    const css = readFileSync(CSS_PATH, 'utf8');
    for (const { color } of Object.values(STATUS_ICONS)) {
      const rule = new RegExp(`\\.color-${color.replace(/\./g, '-')}\\s*\\{\\s*color:\\s*var\\(${themeColorVariable(color)}\\);`);
      assert.match(css, rule, `media/jobDetails.css lacks .color-${color.replace(/\./g, '-')}`);
    }
  });

  it('uses no colour literal: every colour comes from the theme', () => {
    const css = readFileSync(CSS_PATH, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
    assert.doesNotMatch(css, /#[0-9a-fA-F]{3,8}\b|\brgba?\(|\bhsla?\(/);
    for (const m of css.matchAll(/(?:^|[;{\s])(color|background(?:-color)?|border(?:-(?:top|right|bottom|left))?(?:-color)?|outline(?:-color)?)\s*:\s*([^;]+);/g)) {
      // What is left after theme variables, widths and styles must be nothing: no named colour either.
      const rest = m[2]!
        .replace(/var\(--(vscode-[\w-]+|border)(,\s*(var\(--vscode-[\w-]+\)|transparent))?\)/g, '')
        .replace(/\b(solid|dashed|dotted|none|transparent|currentColor|inherit|\d+(\.\d+)?(px|em)?)\b/g, '')
        .trim();
      assert.equal(rest, '', `${m[1]}: ${m[2]}`);
    }
  });
});
