// Helpers for integration tests that drive the extension as installed in this extension host: its own tree,
// commands and stores (reached through the API it returns in test mode), the emulator, and a scripted prompter.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ConnectionInfo } from '../../../src/connections/model';
import type { InputOptions, PickManyOptions, PickOptions, Prompter, QueryOptions } from '../../../src/ui/prompter';
import type { TestApi } from '../../../src/extension';
import type { TreeNode } from '../../../src/tree/treeNode';
import { EXTENSION_ID } from '../../support/extensionId';

export async function extensionApi(): Promise<TestApi> {
  const extension = vscode.extensions.getExtension<{ testing?: TestApi }>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not loaded`);
  const exports = await extension.activate();
  assert.ok(exports.testing, 'the extension exposes its test API in test mode');
  return exports.testing;
}

/** One scripted answer: a value, or a function of what was asked (to check prompts and validation too). */
export type Answer = unknown | ((asked: Asked) => unknown);
export interface Asked {
  kind: 'pick' | 'input' | 'warn' | 'folder' | 'save' | 'query';
  title?: string;
  prompt?: string;
  items?: { label: string; value: unknown }[];
  password?: boolean;
  validate?: (value: string) => string | undefined;
  message?: string;
  actions?: string[];
  modal?: boolean;
}

/**
 * Answers the extension's questions in order, as a person would at the real quick inputs, and keeps
 * what was asked. Picks may be answered by the label of an item (`{ label: /regex/ }`) or by value.
 */
/** Answer to a multi-select: the rows ticked as shown (or labels: the rows to tick). */
export const AS_SHOWN = Symbol('as shown');

export class ScriptedPrompter implements Prompter {
  readonly asked: Asked[] = [];
  /** Each multi-select as the command built it: rows with their description, detail, ticks and availability. */
  readonly manyAsked: PickManyOptions<unknown>[] = [];
  constructor(private readonly answers: Answer[]) {}

  get remaining(): number {
    return this.answers.length;
  }

  private next(asked: Asked): unknown {
    this.asked.push(asked);
    if (this.answers.length === 0) throw new Error(`unexpected question: ${JSON.stringify({ ...asked, validate: undefined })}`);
    const answer = this.answers.shift();
    return typeof answer === 'function' ? (answer as (a: Asked) => unknown)(asked) : answer;
  }

  async pick<T>(o: PickOptions<T>): Promise<T | undefined> {
    const answer = this.next({ kind: 'pick', title: o.title, items: o.items.map((i) => ({ label: i.label, value: i.value })) });
    if (answer && typeof answer === 'object' && 'label' in answer && (answer as { label: unknown }).label instanceof RegExp) {
      const re = (answer as { label: RegExp }).label;
      const item = o.items.find((i) => re.test(i.label));
      assert.ok(item, `no item matches ${re} among ${o.items.map((i) => i.label).join(' | ')}`);
      return item.value;
    }
    return answer as T | undefined;
  }

  async pickMany<T>(o: PickManyOptions<T>): Promise<T[] | undefined> {
    this.manyAsked.push(o as PickManyOptions<unknown>);
    // Through pick, so that the answer comes in turn with the others and the question is recorded in `asked`.
    const answer: unknown = await this.pick<unknown>({ title: o.title, placeholder: o.placeholder, items: o.items });
    if (answer === undefined) return undefined;
    if (answer === AS_SHOWN) return o.items.filter((i) => i.picked && !i.unavailable).map((i) => i.value);
    assert.ok(Array.isArray(answer), 'answer a multi-select with AS_SHOWN, labels or undefined');
    const labels = answer as string[];
    for (const label of labels) assert.ok(o.items.some((i) => i.label === label), `no row ${label} among ${o.items.map((i) => i.label).join(' | ')}`);
    // Rows that cannot be chosen are passed on as ticked: the command must refuse them by itself too.
    return o.items.filter((i) => labels.includes(i.label)).map((i) => i.value);
  }

  async input(o: InputOptions): Promise<string | undefined> {
    const answer = this.next({ kind: 'input', title: o.title, prompt: o.prompt, password: o.password, validate: o.validate });
    if (typeof answer === 'string') {
      // Answers must pass the box's own validation, as they would have to when typed.
      assert.equal(o.validate?.(answer), undefined, `"${o.prompt}" refuses ${answer}`);
    }
    return answer as string | undefined;
  }

  async warn(message: string, detail: string | undefined, modal: boolean, ...actions: string[]): Promise<string | undefined> {
    return this.next({ kind: 'warn', message: detail ? `${message} ${detail}` : message, actions, modal }) as string | undefined;
  }

  async saveFile(o: { title: string; defaultPath: string }): Promise<string | undefined> {
    return this.next({ kind: 'save', title: o.title, message: o.defaultPath }) as string | undefined;
  }

  async query(o: QueryOptions): Promise<string | undefined> {
    const answer = this.next({ kind: 'query', title: o.title, items: [...o.recent, ...o.examples.map((e) => e.text)].map((t) => ({ label: t, value: t })), validate: o.validate });
    // Only what the real pick would let through: a value its validation accepts.
    if (typeof answer === 'string') assert.equal(o.validate(answer), undefined, `the search "${answer}" is refused`);
    return answer as string | undefined;
  }

  async chooseFolder(o: { title: string; openLabel: string; defaultPath?: string }): Promise<string | undefined> {
    return this.next({ kind: 'folder', title: o.title, prompt: o.openLabel, ...(o.defaultPath ? { message: o.defaultPath } : {}) }) as string | undefined;
  }
}

/** Runs `task` with the prompter answering, and checks every scripted answer was used. */
export async function withAnswers<T>(api: TestApi, answers: Answer[], task: () => Thenable<T> | Promise<T>): Promise<{ result: T; asked: Asked[] }> {
  const prompter = new ScriptedPrompter(answers);
  api.setPrompter(prompter);
  try {
    const result = await task();
    assert.equal(prompter.remaining, 0, `unused answers; asked: ${prompter.asked.map((a) => a.prompt ?? a.message ?? a.title).join(' | ')}`);
    return { result, asked: prompter.asked };
  } finally {
    api.setPrompter(undefined);
  }
}

export async function addConnection(
  api: TestApi,
  o: { kind: 'serviceAccount' | 'apiKey'; baseUrl: string; id: string; secret: string; label: string },
): Promise<ConnectionInfo> {
  const { result } = await withAnswers(
    api,
    [o.kind, 'custom', o.baseUrl, o.id, o.secret, o.label],
    () => vscode.commands.executeCommand<ConnectionInfo | undefined>('atlasRestoreJobs.addConnection'),
  );
  assert.ok(result, 'the connection was added');
  return result;
}

export interface Row {
  node: TreeNode;
  item: vscode.TreeItem;
  label: string;
  description: string;
  context: string;
  icon: string | undefined;
}

export function row(api: TestApi, node: TreeNode): Row {
  const item = api.explorer.getTreeItem(node) as vscode.TreeItem;
  const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
  return {
    node,
    item,
    label,
    description: typeof item.description === 'string' ? item.description : '',
    context: item.contextValue ?? '',
    icon: item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : undefined,
  };
}

export async function rows(api: TestApi, node?: TreeNode): Promise<Row[]> {
  return (await api.explorer.getChildren(node)).map((n) => row(api, n));
}

/** The child whose label matches; fails with the labels there are. */
export async function child(api: TestApi, parent: TreeNode | undefined, label: string | RegExp): Promise<Row> {
  const all = await rows(api, parent);
  const found = all.find((r) => (typeof label === 'string' ? r.label === label : label.test(r.label)));
  assert.ok(found, `no "${label}" under ${parent?.id ?? 'the root'}; there are: ${all.map((r) => r.label).join(' | ')}`);
  return found;
}

export async function path(api: TestApi, ...labels: (string | RegExp)[]): Promise<Row> {
  let current: Row | undefined;
  for (const l of labels) current = await child(api, current?.node, l);
  assert.ok(current);
  return current;
}

export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('atlasRestoreJobs').update(key, value, vscode.ConfigurationTarget.Global);
}

export async function until(what: string, check: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
