import * as vscode from 'vscode';
import { asOfText, isUnreachable, keptJob } from '../offline/keptJobs';
import type { SearchMatch, SearchProblem } from '../search/searchRun';
import { MessageNode } from './messageNode';
import type { ExplorerServices, TreeNode } from './treeNode';

/**
 * What of a search came from the offline copy, for the results to say so: when Atlas cannot be reached the
 * search reads the lists the tree had loaded (see runSearch), and each list the copy does not hold would
 * otherwise be a failure row of its own — hundreds, for an organization the tree had barely opened. Those
 * are counted here instead, under one row that says where the results come from.
 */
export class SearchCopyUse {
  /** Connections whose lists came from the copy, with the time of the oldest list used. */
  private readonly asOf = new Map<string, Date>();
  private notInCopy = 0;

  constructor(private readonly services: ExplorerServices) {}

  get used(): boolean {
    return this.asOf.size > 0;
  }

  match(m: SearchMatch): void {
    const kept = keptJob(m.job.job);
    if (kept) this.note(m.project.connectionId, kept.asOf);
  }

  /** Counts a list the copy could not stand in for while its connection reads from the copy; false for any other problem. */
  absorb(p: SearchProblem): boolean {
    const since = this.services.offline?.offlineSince(p.connectionId);
    if (!since || !isUnreachable(p.error)) return false;
    this.note(p.connectionId, since);
    this.notInCopy++;
    return true;
  }

  /** "offline copy of 10:42", for the results' own row. */
  description(): string | undefined {
    const oldest = this.oldest();
    return oldest && vscode.l10n.t('offline copy of {0}', this.when(oldest));
  }

  /** The row that heads the results when any came from the copy. */
  row(parent: TreeNode, again: () => void): MessageNode | undefined {
    const oldest = this.oldest();
    if (!oldest) return undefined;
    const missing = this.notInCopy;
    return new MessageNode(`${parent.id}/offline`, parent, {
      kind: 'warning',
      icon: new vscode.ThemeIcon('debug-disconnect', new vscode.ThemeColor('list.warningForeground')),
      label: vscode.l10n.t('Offline: searched the copy of {0}', this.when(oldest)),
      description: missing > 0 ? vscode.l10n.t('{0} lists not in the copy', missing) : undefined,
      detail: [
        vscode.l10n.t(
          'Atlas cannot be reached. These results come from the projects, clusters and restore jobs the tree had loaded, as this computer kept them (without delivery links). A list the tree never opened is not in the copy, and one it opened in part is searched as far as it goes.',
        ),
        missing > 0 ? vscode.l10n.t('{0} lists could not be searched because the copy does not hold them.', missing) : '',
        vscode.l10n.t('Retry searches Atlas again.'),
      ]
        .filter(Boolean)
        .join(' '),
      retry: again,
    });
  }

  private note(connectionId: string, at: Date): void {
    const known = this.asOf.get(connectionId);
    if (!known || at.getTime() < known.getTime()) this.asOf.set(connectionId, at);
  }

  private oldest(): Date | undefined {
    let oldest: Date | undefined;
    for (const at of this.asOf.values()) if (!oldest || at.getTime() < oldest.getTime()) oldest = at;
    return oldest;
  }

  private when(at: Date): string {
    return asOfText(at, this.services.now(), this.services.settings().timeZone);
  }
}
