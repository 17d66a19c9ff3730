import * as l10n from '@vscode/l10n';
import { inertMarkdown } from '../format/inertMarkdown';
import { displayText } from '../format/text';
import { formatDateTime, shortId, type TimeZoneMode } from '../format/time';
import type { JobFacts } from './facts';
import { familyLabel } from './families';
import { deliveryKindText, jobProblemLabel, jobStatusText } from './labels';
import { isSettled } from './status';
import { STATUS_ICONS } from './statusIcons';
import { jobSummaryRows, jobSummaryTitle } from './summaryRows';

/**
 * What a job's tree row shows, as plain values: src/tree/jobNode.ts turns them into the TreeItem VS Code
 * gets from getTreeItem, and the search suite's per-page benchmark times this very function (plain Node
 * has no `vscode`). Computed for every row of every page the view shows, so it stays lean: the hover,
 * which is most of a row's cost, is jobHoverMarkdown, built only when the row is hovered.
 */
export interface JobRowParts {
  label: string;
  description: string;
  /** A codicon id and a theme colour id. */
  icon: { icon: string; color: string };
  /** The row's context value but for `watched`, which only the tree's following knows. */
  contextValue: string;
  accessibilityLabel: string;
  /** Whether the job has a link to copy, public or private. */
  hasUrl: boolean;
}

const PROBLEM_ICON = { icon: 'warning', color: 'problemsWarningIcon.foreground' };

export function jobRowParts(f: JobFacts, timeZone: TimeZoneMode, labelOverride?: string): JobRowParts {
  const { links, privateLinks } = f.delivery;
  const hasUrl = links.length > 0 || privateLinks.length > 0;
  // A document that cannot be read as a job is its own row, saying why; its siblings show as usual.
  const label = f.problem
    ? jobProblemLabel(f)
    : (labelOverride ?? (f.requestedAt ? formatDateTime(f.requestedAt, timeZone) : shortId(displayText(f.id))));
  let description = `${jobStatusText(f)} · ${deliveryKindText(f)}`;
  if (hasUrl && f.delivery.expired && f.status !== 'expired' && f.status !== 'downloadLimitReached') description += ` · ${l10n.t('link expired')}`;
  let contextValue = `job family:${f.family} ${hasUrl ? 'hasUrl' : 'noUrl'}`;
  if (links.length > 1) contextValue += ' multiFile';
  if (f.problem) contextValue += ' problem';
  if (!isSettled(f.status) && f.id) contextValue += ' unsettled';
  return {
    label,
    description,
    icon: f.problem ? PROBLEM_ICON : STATUS_ICONS[f.status],
    contextValue,
    accessibilityLabel: fill(l10n.t('{0} restore job requested {1}, {2}'), familyLabel(f.family), label, description),
    hasUrl,
  };
}

/**
 * A job's hover as Markdown (supporting theme icons): the status icon and title, then a "**Name:** value"
 * line per fact Atlas told, written as src/tree/tooltip.ts writes every other hover of the tree, values
 * made inert (see inertMarkdown).
 */
export function jobHoverMarkdown(f: JobFacts, now: Date, timeZone: TimeZoneMode): string {
  let markdown = `$(${STATUS_ICONS[f.status].icon.replace('~spin', '')}) ${inertMarkdown(jobSummaryTitle(f))}\n\n`;
  for (const row of jobSummaryRows(f, now, timeZone)) if (row.value) markdown += `**${row.name}:** ${inertMarkdown(row.value)}  \n`;
  return markdown;
}

/** A translated template's pieces: text, and the argument each `{key}` between them names. */
const templates = new Map<string, readonly (string | { key: string; as: string })[]>();

/**
 * `l10n.t(message, ...args)` for a message already translated by `l10n.t(message)` (which, without
 * arguments, returns the bundle's text with its `{0}` as they are): @vscode/l10n substitutes with a
 * regular expression and a callback on every call, ≈ 0.8 µs for three arguments — as much as parsing the
 * job's JSON — and every row needs its accessibility label. The split of each translated text is kept,
 * keyed by that text, so a bundle configured at any time is still honoured. The result is l10n's own
 * (test/unit/jobs/jobRow.test.ts compares them): `{key}` names `args[key]`, and stays as written without one.
 */
export function fill(template: string, ...args: readonly (string | number)[]): string {
  if (args.length === 0) return template;
  let pieces = templates.get(template);
  if (!pieces) {
    const split: (string | { key: string; as: string })[] = [];
    let last = 0;
    for (const m of template.matchAll(/{([^}]+)}/g)) {
      split.push(template.slice(last, m.index), { key: m[1]!, as: m[0] });
      last = m.index! + m[0].length;
    }
    split.push(template.slice(last));
    pieces = split;
    // Bounded, though the templates are the few literals of the code, each in one language at a time.
    if (templates.size < 1000) templates.set(template, pieces);
  }
  const values = args as unknown as Readonly<Record<string, unknown>>;
  let text = '';
  for (const piece of pieces) text += typeof piece === 'string' ? piece : String(values[piece.key] ?? piece.as);
  return text;
}
