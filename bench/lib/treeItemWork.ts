/**
 * What `JobNode` (src/tree/jobNode.ts) computes for one row, without `vscode`, which plain Node has not:
 * its constructor's jobFacts and id, then treeItem()'s label, description, icon lookup, context value,
 * accessibility label and tooltip rows. The vscode objects (TreeItem, ThemeIcon, MarkdownString) are left
 * out; MarkdownString.appendMarkdown is string concatenation, done here on a plain string. Keep in step
 * with jobNode.ts and tooltip.ts when they change.
 */
import * as l10n from '@vscode/l10n';
import type { AnyRestoreJob } from '../../src/atlas/types';
import { inertMarkdown } from '../../src/format/inertMarkdown';
import { displayText } from '../../src/format/text';
import { formatDateTime, shortId, type TimeZoneMode } from '../../src/format/time';
import { jobFacts } from '../../src/jobs/facts';
import { familyLabel } from '../../src/jobs/families';
import { deliveryKindText, jobProblemLabel, jobStatusText } from '../../src/jobs/labels';
import { isSettled } from '../../src/jobs/status';
import { STATUS_ICONS } from '../../src/jobs/statusIcons';
import { jobSummaryRows, jobSummaryTitle } from '../../src/jobs/summaryRows';

/** The plain parts of one tree row; returned so that nothing is optimised away. */
export interface RowParts {
  id: string;
  label: string;
  description: string;
  icon: string;
  contextValue: string;
  accessibility: string;
  tooltip: string;
}

/**
 * `hover` false leaves the tooltip out: what a row would cost if its hover were built only when shown
 * (TreeDataProvider.resolveTreeItem), to put a number on that change.
 */
export function treeRowParts(parentId: string, item: AnyRestoreJob, now: Date, tz: TimeZoneMode, hover = true): RowParts {
  const f = jobFacts(item, now);
  const id = `${parentId}/${item.family}:${f.id}`;
  const hasUrl = f.delivery.links.length > 0 || f.delivery.privateLinks.length > 0;
  const label = f.problem ? jobProblemLabel(f) : f.requestedAt ? formatDateTime(f.requestedAt, tz) : shortId(displayText(f.id));
  const parts = [jobStatusText(f), deliveryKindText(f)];
  if (hasUrl && f.delivery.expired && f.status !== 'expired' && f.status !== 'downloadLimitReached') parts.push(l10n.t('link expired'));
  const description = parts.join(' · ');
  const icon = f.problem ? { icon: 'warning', color: 'problemsWarningIcon.foreground' } : STATUS_ICONS[f.status];
  const running = !isSettled(f.status) && f.id ? ['unsettled'] : [];
  const contextValue = ['job', `family:${f.family}`, hasUrl ? 'hasUrl' : 'noUrl', ...(f.delivery.links.length > 1 ? ['multiFile'] : []), ...(f.problem ? ['problem'] : []), ...running].join(' ');
  l10n.t('Open Job Details');
  const accessibility = l10n.t('{0} restore job requested {1}, {2}', familyLabel(f.family), label, description);
  if (!hover) return { id, label, description, icon: `${icon.icon} ${icon.color}`, contextValue, accessibility, tooltip: '' };
  let tooltip = `$(${STATUS_ICONS[f.status].icon.replace('~spin', '')}) ${inertMarkdown(jobSummaryTitle(f))}\n\n`;
  for (const row of jobSummaryRows(f, now, tz)) if (row.value) tooltip += `**${row.name}:** ${inertMarkdown(row.value)}  \n`;
  return { id, label, description, icon: `${icon.icon} ${icon.color}`, contextValue, accessibility, tooltip };
}
