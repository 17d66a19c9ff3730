/**
 * What must hold for any document: every function the tree, the panel and the commands call on it
 * returns (never throws), every label and text is a string of a length a label can have, and only
 * https (or loopback http) links are ever offered.
 */
import assert from 'node:assert/strict';
import type { AnyRestoreJob } from '../../../src/atlas/types';
import type { TimeZoneMode } from '../../../src/format/time';
import { clusterDescription, clusterNameOf, clusterSummaryRows } from '../../../src/jobs/clusterSummary';
import { copyAllLinks, copyDownloadCommand, copyLink, linkWarning } from '../../../src/jobs/copyTexts';
import { jobFacts, type JobFacts } from '../../../src/jobs/facts';
import type { ClusterDoc } from '../../../src/jobs/families';
import type { JobRef } from '../../../src/jobs/jobRef';
import { deliveryKindText, deliveryWithAtlasValue, jobProblemLabel, jobStatusText, statusLabel } from '../../../src/jobs/labels';
import { jobJson } from '../../../src/jobs/masking';
import { isSettled, jobStatus } from '../../../src/jobs/status';
import { STATUS_ICONS } from '../../../src/jobs/statusIcons';
import { jobSummaryRows, jobSummaryTitle } from '../../../src/jobs/summaryRows';
import { resolveCopy } from '../../../src/panel/copyTargets';
import { buildJobDetailsView, jobPanelTitle, jobPanelTooltip } from '../../../src/panel/jobDetailsView';
import type { CopyTarget } from '../../../src/panel/protocol';

export const NOW = new Date('2026-03-10T12:00:00Z');

/** Labels are shortened (displayText); a row may join a few of them. */
const MAX_LABEL = 1_000;

function label(value: unknown, what: string): void {
  assert.equal(typeof value, 'string', `${what} is not a string: ${String(value)}`);
  assert.ok((value as string).length <= MAX_LABEL, `${what} is ${(value as string).length} characters long`);
}

export function isOfferable(url: string): boolean {
  const u = new URL(url);
  return u.protocol === 'https:' || (u.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname));
}

function copyTargets(facts: JobFacts): CopyTarget[] {
  const d = facts.delivery;
  return [
    ...d.links.map((_, index) => ({ kind: 'link' as const, index })),
    ...d.privateLinks.map((_, index) => ({ kind: 'link' as const, index, private: true })),
    ...d.links.map((_, index) => ({ kind: 'downloadCommand' as const, index })),
    ...facts.hashes.map((_, index) => ({ kind: 'hash' as const, index })),
    { kind: 'link', index: d.links.length },
    { kind: 'allLinks' },
    { kind: 'authHeader' },
    { kind: 'json' },
    { kind: 'jobId' },
    { kind: 'snapshotId' },
  ];
}

/** Everything that reads a restore job document, as the tree, the panel and Copy Delivery URL call it. */
export function checkJob(item: AnyRestoreJob, timeZone: TimeZoneMode): JobFacts {
  const facts = jobFacts(item, NOW);
  assert.equal(jobStatus(item, NOW), facts.status);
  assert.ok(STATUS_ICONS[facts.status], `no icon for ${facts.status}`);
  assert.equal(typeof isSettled(facts.status), 'boolean');
  label(facts.id, 'id');
  label(jobStatusText(facts), 'status text');
  label(statusLabel(facts.status), 'status label');
  label(deliveryKindText(facts), 'delivery text');
  label(deliveryWithAtlasValue(facts), 'delivery with Atlas value');
  if (facts.problem !== undefined) label(jobProblemLabel(facts), 'problem row');
  if (facts.componentLabel !== undefined) label(facts.componentLabel, 'component label');
  label(jobSummaryTitle(facts), 'tooltip title');
  for (const row of jobSummaryRows(facts, NOW, timeZone)) {
    label(row.name, 'tooltip row name');
    label(row.value, `tooltip row ${row.name}`);
  }

  const d = facts.delivery;
  for (const link of [...d.links, ...d.privateLinks]) {
    assert.ok(isOfferable(link.url), `offered a link that is not https or loopback http: ${link.url.slice(0, 80)}`);
    assert.equal(typeof link.name, 'string');
  }
  for (const bad of d.invalid) label(bad.reason, 'invalid link reason');
  const warning = linkWarning(d, NOW);
  if (warning !== undefined) label(warning, 'link warning');
  const ctx = { delivery: d, now: NOW };
  for (const link of d.links) {
    label(copyLink(ctx, link).description, 'copy link');
    label(copyDownloadCommand(ctx, link).description, 'copy command');
    assert.ok(copyDownloadCommand(ctx, link).text.startsWith('curl '));
  }
  if (d.links.length > 0) label(copyAllLinks(ctx, d.links).description, 'copy all');

  const json = jobJson(item.job);
  assert.equal(typeof json, 'string');
  JSON.parse(json);

  const ref: JobRef = {
    connectionId: 'conn-1',
    connectionLabel: 'Test',
    family: item.family,
    groupId: '5e2211c17a3e5a48f5497de3',
    projectName: 'Project',
    clusterName: 'Cluster0',
    jobId: facts.id || '000000000000000000000000',
  };
  for (const target of copyTargets(facts)) {
    const copied = resolveCopy(target, ref, item, { now: NOW });
    if (copied) {
      assert.equal(typeof copied.text, 'string');
      label(copied.description, `copy ${target.kind}`);
    }
  }
  for (const revealAuthValue of [false, true]) {
    const view = buildJobDetailsView({ ref, job: item, now: NOW, fetchedAt: NOW, format: { dateTime: (date) => date.toISOString() }, timeZone, revealAuthValue });
    label(view.title, 'view title');
    label(view.status.label, 'view status');
    for (const row of [...view.summary, ...view.delivery.facts]) label(row.value, `panel row ${row.label}`);
    for (const link of [...view.delivery.links, ...view.delivery.privateLinks]) {
      assert.ok(isOfferable(link.url), 'the panel offers only links');
      label(link.copyLabel, 'link copy label');
    }
    for (const hash of view.hashes) label(hash.copyLabel, 'hash copy label');
    if (view.delivery.emptyReason !== undefined) label(view.delivery.emptyReason, 'empty reason');
    assert.equal(typeof view.json, 'string');
  }
  label(jobPanelTitle(ref, timeZone, facts), 'tab title');
  label(jobPanelTitle(ref, timeZone), 'tab title before fetching');
  label(jobPanelTooltip(ref, facts), 'tab tooltip');
  return facts;
}

/** Everything that reads a cluster document: the row's name, description and hover. */
export function checkCluster(doc: ClusterDoc): void {
  assert.equal(typeof clusterNameOf(doc), 'string');
  label(clusterDescription(doc), 'cluster description');
  for (const row of clusterSummaryRows(doc)) {
    label(row.name, 'cluster row name');
    label(row.value, `cluster row ${row.name}`);
  }
}
