import assert from 'node:assert/strict';
import * as l10n from '@vscode/l10n';
import { describe, it } from 'mocha';
import type { AnyRestoreJob } from '../../../src/atlas/types';
import { jobFacts } from '../../../src/jobs/facts';
import { fill, jobHoverMarkdown, jobRowParts } from '../../../src/jobs/jobRow';

const NOW = new Date('2026-11-25T12:00:00Z');
const ID = '6924d000aaaaaaaaaaaaaaaa';
const doc = (family: AnyRestoreJob['family'], job: unknown) => ({ family, job }) as AnyRestoreJob;
const s3 = (name: string) => `https://restore.s3.amazonaws.com/j/${name}?X-Amz-Signature=a`;

describe('a job row (jobRow.ts)', () => {
  describe('fill', () => {
    const TEMPLATES = [
      '{0} restore job requested {1}, {2}',
      '{2}{1}{0}',
      'no placeholder',
      '{0} and {0} again',
      '{3} has no argument',
      '{00} {01} {1.0} { 0 } {} {{0}} {0',
      '{length} {constructor} {__proto__} {toString}',
      '',
    ];
    const ARGS: (string | number)[][] = [['a', 'b', 'c'], ['{1}', '$&', '$1'], [0, 1.5, -2], ['only one']];

    it("says what l10n.t with the same arguments says, whatever the template's placeholders", () => {
      for (const template of TEMPLATES) {
        for (const args of ARGS) assert.equal(fill(l10n.t(template), ...args), l10n.t(template, ...args), `${template} ${JSON.stringify(args)}`);
        assert.equal(fill(template), template, 'no arguments: the text as it is');
      }
    });

    it('fills the translated text of a bundle configured after its first use', () => {
      const template = '{0} restore job requested {1}, {2}';
      assert.equal(fill(l10n.t(template), 'Flex backup', '2026-11-24 14:05', 'Completed'), 'Flex backup restore job requested 2026-11-24 14:05, Completed');
      try {
        l10n.config({ contents: { [template]: 'Sauvegarde {0} demandée le {1} : {2}' } });
        assert.equal(fill(l10n.t(template), 'Flex', '2026-11-24 14:05', 'Terminée'), 'Sauvegarde Flex demandée le 2026-11-24 14:05 : Terminée');
      } finally {
        l10n.config({ contents: {} });
      }
      assert.equal(fill(l10n.t(template), 'a', 'b', 'c'), 'a restore job requested b, c');
    });
  });

  describe('jobRowParts', () => {
    it('labels a job by its request time and describes its state, delivery and links', () => {
      const facts = jobFacts(doc('cloudBackup', { id: ID, deliveryType: 'download', deliveryUrl: [s3('a.tgz'), s3('b.tgz')], expiresAt: '2026-11-28T12:00:00Z' }), NOW);
      const row = jobRowParts(facts, 'utc');
      assert.deepEqual([row.icon.icon, row.icon.color], ['cloud-download', 'testing.iconPassed']);
      assert.deepEqual({ ...row, icon: undefined }, {
        label: '2025-11-24 21:37 UTC',
        description: 'Ready · Download',
        icon: undefined,
        contextValue: 'job family:cloudBackup hasUrl multiFile',
        accessibilityLabel: 'Cloud backup restore job requested 2025-11-24 21:37 UTC, Ready · Download',
        hasUrl: true,
      });
      assert.equal(jobRowParts(facts, 'utc', 'shard-0').label, 'shard-0', 'a batch names its jobs by shard');
    });

    it('says a link expired where the state does not say it already, and marks a running job', () => {
      const expired = jobFacts(
        doc('legacy', { id: ID, statusName: 'FINISHED', delivery: { methodName: 'HTTP', statusName: 'READY', url: s3('x.tgz'), expires: '2026-11-24T00:00:00Z' } }),
        NOW,
      );
      assert.equal(jobRowParts(expired, 'utc').description, 'Completed · HTTP download · link expired');
      assert.equal(jobRowParts(expired, 'utc').contextValue, 'job family:legacy hasUrl');
      const running = jobFacts(doc('flex', { id: ID, status: 'RUNNING', deliveryType: 'RESTORE' }), NOW);
      const row = jobRowParts(running, 'utc');
      assert.deepEqual([row.description, row.contextValue, row.icon.icon], ['In progress · Restore', 'job family:flex noUrl unsettled', 'sync~spin']);
    });

    it('shows a document that is no normal job as a problem row, by its id', () => {
      const facts = jobFacts(doc('legacy', { id: ID, statusName: 'FINISHED' }), NOW);
      const row = jobRowParts(facts, 'local', 'shard-0');
      assert.equal(row.label, 'Restore job 6924…aaaa: no delivery details', 'the problem, not the shard');
      assert.deepEqual(row.icon, { icon: 'warning', color: 'problemsWarningIcon.foreground' });
      assert.equal(row.contextValue, 'job family:legacy noUrl problem');
      const noId = jobRowParts(jobFacts(doc('flex', { status: 'RUNNING' }), NOW), 'utc');
      assert.equal(noId.contextValue, 'job family:flex noUrl problem', 'not followed without an id');
    });
  });

  describe('jobHoverMarkdown', () => {
    it('titles the hover with the status icon and lists the facts, values inert', () => {
      const facts = jobFacts(doc('cloudBackup', { id: ID, deliveryType: 'automated', finishedAt: '2026-11-25T10:00:00Z', targetClusterName: 'https://evil.example/x' }), NOW);
      const hover = jobHoverMarkdown(facts, NOW, 'utc');
      assert.ok(hover.startsWith('$(pass) Cloud backup · Completed\n\n'), hover);
      assert.ok(hover.includes('**Finished:** 2026\\-11\\-25 10&#58;00 UTC \\(2 hours ago\\)  \n'), hover);
      assert.ok(hover.includes('**Target:** https&#58;//evil&#46;example/x  \n'), hover);
      assert.doesNotMatch(hover, /https:\/\/evil/);
    });
  });
});
