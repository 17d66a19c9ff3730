import * as vscode from 'vscode';

/** Returned when the user presses the Back button of a multi-step input. */
export const BACK = Symbol('back');
export type Back = typeof BACK;

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
  input(options: InputOptions): Promise<string | Back | undefined>;
  /** A warning with choices; resolves to the chosen action or undefined when dismissed. */
  warn(message: string, detail: string | undefined, modal: boolean, ...actions: string[]): Promise<string | undefined>;
}

export class QuickInputPrompter implements Prompter {
  pick<T>(options: PickOptions<T>): Promise<T | Back | undefined> {
    const qp = vscode.window.createQuickPick<PickItem<T>>();
    qp.title = options.title;
    qp.step = options.step;
    qp.totalSteps = options.totalSteps;
    qp.placeholder = options.placeholder;
    qp.items = options.items;
    qp.ignoreFocusOut = true;
    qp.buttons = (options.step ?? 1) > 1 ? [vscode.QuickInputButtons.Back] : [];
    return new Promise((resolve) => {
      let settled = false;
      const finish = (value: T | Back | undefined) => {
        if (settled) return;
        settled = true;
        resolve(value);
        qp.dispose();
      };
      qp.onDidAccept(() => finish(qp.selectedItems[0]?.value));
      qp.onDidTriggerButton((b) => b === vscode.QuickInputButtons.Back && finish(BACK));
      qp.onDidHide(() => finish(undefined));
      qp.show();
    });
  }

  input(options: InputOptions): Promise<string | Back | undefined> {
    const box = vscode.window.createInputBox();
    box.title = options.title;
    box.step = options.step;
    box.totalSteps = options.totalSteps;
    box.prompt = options.prompt;
    box.placeholder = options.placeholder;
    box.value = options.value ?? '';
    box.password = options.password ?? false;
    box.ignoreFocusOut = true;
    box.buttons = (options.step ?? 1) > 1 ? [vscode.QuickInputButtons.Back] : [];
    return new Promise((resolve) => {
      let settled = false;
      const finish = (value: string | Back | undefined) => {
        if (settled) return;
        settled = true;
        resolve(value);
        box.dispose();
      };
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
      box.onDidTriggerButton((b) => b === vscode.QuickInputButtons.Back && finish(BACK));
      box.onDidHide(() => finish(undefined));
      box.show();
    });
  }

  async warn(message: string, detail: string | undefined, modal: boolean, ...actions: string[]): Promise<string | undefined> {
    return vscode.window.showWarningMessage(message, { modal, detail }, ...actions);
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
