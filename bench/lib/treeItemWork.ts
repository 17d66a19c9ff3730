/**
 * What `JobNode` (src/tree/jobNode.ts) computes for one row, without `vscode`, which plain Node has not:
 * its constructor's jobFacts and id, then treeItem()'s parts through the same jobRowParts it calls, and an
 * object shaped like the TreeItem it returns (label, id, description, icon and colour, context value,
 * command, accessibility label), standing in for vscode's TreeItem, ThemeIcon and ThemeColor. The hover is
 * apart: VS Code asks for it through the explorer's resolveTreeItem only when a row is hovered, which calls
 * JobNode.tooltip(), i.e. jobHoverMarkdown into a MarkdownString. Keep in step with jobNode.ts.
 */
import * as l10n from '@vscode/l10n';
import type { AnyRestoreJob } from '../../src/atlas/types';
import type { TimeZoneMode } from '../../src/format/time';
import { jobFacts, type JobFacts } from '../../src/jobs/facts';
import { jobHoverMarkdown, jobRowParts } from '../../src/jobs/jobRow';

/** The TreeItem of one row, as plain objects; returned so that nothing is optimised away. */
export interface RowItem {
  label: string;
  id: string;
  collapsibleState: number;
  description: string;
  iconPath: { id: string; color: { id: string } };
  contextValue: string;
  command: { command: string; title: string; arguments: unknown[] };
  accessibilityInformation: { label: string };
}

/** A JobNode's state: its facts (read once, in the constructor) and id. */
export interface RowNode {
  id: string;
  facts: JobFacts;
}

export function jobNode(parentId: string, item: AnyRestoreJob, now: Date): RowNode {
  const facts = jobFacts(item, now);
  return { id: `${parentId}/${item.family}:${facts.id}`, facts };
}

/** What getTreeItem gives VS Code for a row: everything but the hover. */
export function treeItem(node: RowNode, tz: TimeZoneMode): RowItem {
  const row = jobRowParts(node.facts, tz);
  return {
    label: row.label,
    id: node.id,
    collapsibleState: 0,
    description: row.description,
    iconPath: { id: row.icon.icon, color: { id: row.icon.color } },
    contextValue: row.contextValue,
    command: { command: 'atlasRestoreJobs.openJobDetails', title: l10n.t('Open Job Details'), arguments: [node] },
    accessibilityInformation: { label: row.accessibilityLabel },
  };
}

/** What resolveTreeItem adds when the row is hovered: the MarkdownString's text. */
export function hover(node: RowNode, now: Date, tz: TimeZoneMode): string {
  return jobHoverMarkdown(node.facts, now, tz);
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

/**
 * A reference, not the extension's code: the least any row of a job can cost. The date from `created` or
 * the ObjectId, a state word from one field, four strings and the same TreeItem-shaped object — no
 * validation of types, links or dates, no localization, no facts kept. The per-page table prints it beside
 * the tree's figure, against the same JSON.parse, so the goal can be read against what a row costs at all.
 */
export function bareRow(family: string, job: Readonly<Record<string, unknown>>): RowItem {
  const id = String(job.id);
  const created = typeof job.created === 'string' ? Date.parse(job.created) : parseInt(id.slice(0, 8), 16) * 1000;
  const d = new Date(created);
  const label = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
  const state = String(job.statusName ?? job.status ?? (job.failed ? 'failed' : job.finishedAt ? 'completed' : 'running'));
  const description = `${state} · ${String(job.deliveryType ?? 'download')}`;
  return {
    label,
    id: `bench/cluster/${family}:${id}`,
    collapsibleState: 0,
    description,
    iconPath: { id: 'pass', color: { id: 'testing.iconPassed' } },
    contextValue: `job family:${family}`,
    command: { command: 'atlasRestoreJobs.openJobDetails', title: 'Open Job Details', arguments: [job] },
    accessibilityInformation: { label: `${family} restore job requested ${label}, ${description}` },
  };
}
