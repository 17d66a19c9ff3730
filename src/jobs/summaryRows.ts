import * as l10n from '@vscode/l10n';
import { expiryText } from '../format/expiry';
import { displayText } from '../format/text';
import { formatDateTime, formatRelative, type TimeZoneMode } from '../format/time';
import { linkCount, type DeliveryInfo } from './delivery';
import type { JobFacts } from './facts';
import { familyLabel } from './families';
import { deliveryWithAtlasValue, jobStatusText } from './labels';

/** One line of a hover: a name and its value, both plain text (never Markdown). */
export interface SummaryRow {
  name: string;
  value: string;
}

/** Only the rows that have a value, so a hover lists only what Atlas told. */
function rows(entries: [string, string | undefined][]): SummaryRow[] {
  return entries.flatMap(([name, value]) => (value ? [{ name, value }] : []));
}

/** "3 · 3 by private endpoint · expires in 2 days": the links, counted as everywhere, and their expiry. */
export function linksText(delivery: DeliveryInfo, now: Date): string | undefined {
  const count = linkCount(delivery);
  if (count.public + count.private === 0) return undefined;
  const expiry = delivery.expiresAt ? expiryText(delivery.expiresAt, now) : delivery.expired ? l10n.t('expired') : undefined;
  return [
    count.public > 0 ? String(count.public) : undefined,
    count.private > 0 ? l10n.t('{0} by private endpoint', count.private) : undefined,
    expiry,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** The title of a job's hover: "Cloud backup · Ready". */
export function jobSummaryTitle(facts: JobFacts): string {
  return `${familyLabel(facts.family)} · ${jobStatusText(facts)}`;
}

/** What a job's hover in the tree lists, as plain text rows. */
export function jobSummaryRows(facts: JobFacts, now: Date, timeZone: TimeZoneMode): SummaryRow[] {
  const text = (value: string | undefined) => (value === undefined ? undefined : displayText(value));
  const when = (d: Date | undefined) => (d ? `${formatDateTime(d, timeZone)} (${formatRelative(d, now)})` : undefined);
  const snapshot = facts.snapshotId && `${displayText(facts.snapshotId)}${facts.snapshotAt ? ` · ${formatDateTime(facts.snapshotAt, timeZone)}` : ''}`;
  const target = [facts.targetClusterName, facts.targetProjectId].filter(Boolean).map((s) => displayText(s)).join(' · ');
  const invalid = facts.delivery.invalid.length;
  return rows([
    [l10n.t('Problem'), facts.problem],
    [l10n.t('Job'), text(facts.id)],
    [l10n.t('Atlas status'), text(facts.atlasStatus)],
    [l10n.t('Requested'), when(facts.requestedAt)],
    [l10n.t('Scheduled'), when(facts.scheduledAt)],
    [l10n.t('Finished'), when(facts.finishedAt)],
    [l10n.t('Delivery'), deliveryWithAtlasValue(facts)],
    [l10n.t('Snapshot'), snapshot || undefined],
    [l10n.t('Point in time'), facts.pointInTimeAt ? formatDateTime(facts.pointInTimeAt, timeZone) : undefined],
    [l10n.t('Target'), target || undefined],
    [l10n.t('Batch'), text(facts.batchId)],
    [l10n.t('Component'), text(facts.componentLabel)],
    [l10n.t('Download links'), linksText(facts.delivery, now)],
    [l10n.t('Unusable links'), invalid > 0 ? String(invalid) : undefined],
    [l10n.t('File hashes'), facts.hashes.length > 0 ? String(facts.hashes.length) : undefined],
  ]);
}
