import * as vscode from 'vscode';

/** What Find Restore Jobs asks with. */
export interface QueryOptions {
  title: string;
  placeholder: string;
  recent: string[];
  examples: { text: string; description: string }[];
  /** An error message for the value, or undefined when it is a search to run. */
  validate(value: string): string | undefined;
}

interface QueryItem extends vscode.QuickPickItem {
  text: string;
  /** Why the text cannot be searched, when it cannot. */
  problem?: string;
}

/**
 * A quick pick whose first row is always "Search for <what is typed>" (or what is wrong with it), then
 * earlier searches and examples, which fill the box when chosen so they can be changed before running.
 */
export function askQuery(o: QueryOptions): Promise<string | undefined> {
  const qp = vscode.window.createQuickPick<QueryItem>();
  qp.title = o.title;
  qp.placeholder = o.placeholder;
  qp.ignoreFocusOut = true;
  // The rows are ours to order: VS Code's own filtering would hide "Search for" behind the typed text.
  qp.matchOnDescription = false;
  const offered = (): QueryItem[] => [
    ...o.recent.map((text) => ({ label: `$(history) ${text}`, description: vscode.l10n.t('recent search'), text, alwaysShow: true })),
    ...o.examples.map((e) => ({ label: `$(lightbulb) ${e.text}`, description: e.description, text: e.text, alwaysShow: true })),
  ];
  const update = () => {
    const value = qp.value.trim();
    if (!value) {
      qp.items = offered();
      return;
    }
    const problem = o.validate(value);
    const first: QueryItem = problem
      ? { label: `$(error) ${value}`, description: problem, text: value, problem, alwaysShow: true }
      : { label: `$(search) ${vscode.l10n.t('Search for {0}', value)}`, text: value, alwaysShow: true };
    qp.items = [first, ...offered().filter((i) => i.text !== value)];
  };
  return new Promise((resolve) => {
    let settled = false;
    const finish = (value: string | undefined) => {
      if (settled) return;
      settled = true;
      resolve(value);
      qp.dispose();
    };
    qp.onDidChangeValue(update);
    qp.onDidAccept(() => {
      const item = qp.selectedItems[0] ?? qp.activeItems[0];
      if (!item) return;
      if (item.text !== qp.value.trim()) {
        // A recent search or an example: into the box, to run or to change.
        qp.value = `${item.text} `;
        update();
        return;
      }
      if (!item.problem) finish(item.text);
    });
    qp.onDidHide(() => finish(undefined));
    update();
    qp.show();
  });
}
