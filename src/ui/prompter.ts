import * as vscode from 'vscode';
import { BACK, type Back } from './back';
import { askQuery, type QueryOptions } from './queryPick';

export type { QueryOptions } from './queryPick';

export { BACK, type Back };

export interface PickItem<T> extends vscode.QuickPickItem {
  value: T;
}

export interface StepOptions {
  title: string;
  step?: number;
  totalSteps?: number;
}

export interface PickOptions<T> extends StepOptions {
  placeholder: string;
  items: PickItem<T>[];
}

export interface PickManyItem<T> extends PickItem<T> {
  /** Shown, but it cannot be selected (a quick pick has no disabled row: it is unticked when ticked). */
  unavailable?: boolean;
}

export interface PickManyOptions<T> extends StepOptions {
  placeholder: string;
  items: PickManyItem<T>[];
}

export interface InputOptions extends StepOptions {
  prompt: string;
  placeholder?: string;
  value?: string;
  password?: boolean;
  /** An error message for the value, or undefined when it is fine. */
  validate?: (value: string) => string | undefined;
}

/**
 * Everything the extension asks the user goes through this interface. The real implementation
 * drives VS Code's quick inputs; integration tests install their own through the test seam so that
 * the rest of each flow (validation, the credential check, SecretStorage) runs for real.
 */
export interface Prompter {
  pick<T>(options: PickOptions<T>): Promise<T | Back | undefined>;
  /** Several of the items (ticked ones first selected); undefined when dismissed. */
  pickMany<T>(options: PickManyOptions<T>): Promise<T[] | undefined>;
  input(options: InputOptions): Promise<string | Back | undefined>;
  /** A warning with choices; resolves to the chosen action or undefined when dismissed. */
  warn(message: string, detail: string | undefined, modal: boolean, ...actions: string[]): Promise<string | undefined>;
  /** A folder on the machine the extension runs on (the remote host in a remote window); undefined when dismissed. */
  chooseFolder(options: { title: string; openLabel: string; defaultPath?: string }): Promise<string | undefined>;
  /** Where to save a file (the save dialog); undefined when dismissed. */
  saveFile(options: { title: string; defaultPath: string; filters: Record<string, string[]> }): Promise<string | undefined>;
  /** A search as typed, with earlier ones and examples offered; only a value `validate` accepts is returned. */
  query(options: QueryOptions): Promise<string | undefined>;
}


/** A quick pick or an input box: what the two have in common. */
type StepInput = vscode.QuickInput & Pick<vscode.InputBox, 'buttons' | 'onDidTriggerButton'>;

/** The settings every step of a multi-step input shares; Back shows from the second step on. */
function setUpStep(input: StepInput, o: StepOptions): void {
  input.title = o.title;
  input.step = o.step;
  input.totalSteps = o.totalSteps;
  input.ignoreFocusOut = true;
  input.buttons = (o.step ?? 1) > 1 ? [vscode.QuickInputButtons.Back] : [];
}

/**
 * Shows `input` and resolves once: with what `wireAccept` finishes with, BACK on the Back button, or
 * undefined when it is hidden (Escape, focus elsewhere). The input is disposed either way.
 */
function answer<V>(
  input: StepInput,
  wireAccept: (finish: (value: V | Back | undefined) => void) => void,
): Promise<V | Back | undefined> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (value: V | Back | undefined) => {
      if (settled) return;
      settled = true;
      resolve(value);
      input.dispose();
    };
    wireAccept(finish);
    input.onDidTriggerButton((b) => b === vscode.QuickInputButtons.Back && finish(BACK));
    input.onDidHide(() => finish(undefined));
    input.show();
  });
}

export class QuickInputPrompter implements Prompter {
  pick<T>(options: PickOptions<T>): Promise<T | Back | undefined> {
    const qp = vscode.window.createQuickPick<PickItem<T>>();
    setUpStep(qp, options);
    qp.placeholder = options.placeholder;
    qp.items = options.items;
    return answer<T>(qp, (finish) =>
      qp.onDidAccept(() => finish(qp.selectedItems[0]?.value)),
    );
  }

  pickMany<T>(options: PickManyOptions<T>): Promise<T[] | undefined> {
    const qp = vscode.window.createQuickPick<PickManyItem<T>>();
    setUpStep(qp, options);
    qp.placeholder = options.placeholder;
    qp.canSelectMany = true;
    qp.matchOnDescription = true;
    qp.items = options.items;
    qp.selectedItems = options.items.filter((i) => i.picked && !i.unavailable);
    qp.onDidChangeSelection((selection) => {
      if (selection.some((i) => i.unavailable)) qp.selectedItems = selection.filter((i) => !i.unavailable);
    });
    return answer<T[]>(qp, (finish) => qp.onDidAccept(() => finish(qp.selectedItems.filter((i) => !i.unavailable).map((i) => i.value)))).then((v) =>
      v === BACK ? undefined : v,
    );
  }

  input(options: InputOptions): Promise<string | Back | undefined> {
    const box = vscode.window.createInputBox();
    setUpStep(box, options);
    box.prompt = options.prompt;
    box.placeholder = options.placeholder;
    box.value = options.value ?? '';
    box.password = options.password ?? false;
    return answer<string>(box, (finish) => {
      box.onDidChangeValue((value) => {
        box.validationMessage = value ? options.validate?.(value) : undefined;
      });
      box.onDidAccept(() => {
        const message = options.validate?.(box.value);
        if (message) {
          box.validationMessage = message;
          return;
        }
        finish(box.value);
      });
    });
  }

  async warn(message: string, detail: string | undefined, modal: boolean, ...actions: string[]): Promise<string | undefined> {
    return vscode.window.showWarningMessage(message, { modal, detail }, ...actions);
  }

  async chooseFolder(options: { title: string; openLabel: string; defaultPath?: string }): Promise<string | undefined> {
    const picked = await vscode.window.showOpenDialog({
      title: options.title,
      openLabel: options.openLabel,
      canSelectFiles: false,
      canSelectFolders: true,
      canSelectMany: false,
      ...(options.defaultPath ? { defaultUri: vscode.Uri.file(options.defaultPath) } : {}),
    });
    return picked?.[0]?.fsPath;
  }

  async saveFile(options: { title: string; defaultPath: string; filters: Record<string, string[]> }): Promise<string | undefined> {
    const uri = await vscode.window.showSaveDialog({ title: options.title, defaultUri: vscode.Uri.file(options.defaultPath), filters: options.filters });
    return uri?.fsPath;
  }

  query(options: QueryOptions): Promise<string | undefined> {
    return askQuery(options);
  }
}

let current: Prompter = new QuickInputPrompter();

export function prompter(): Prompter {
  return current;
}

/** The test seam: only reachable through the API the extension returns in test mode. */
export function setPrompterForTests(p: Prompter | undefined): void {
  current = p ?? new QuickInputPrompter();
}
