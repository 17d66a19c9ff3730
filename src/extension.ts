import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Atlas Restore Jobs', { log: true });
  context.subscriptions.push(log);
  log.info('Atlas Restore Jobs activated');
}

export function deactivate(): void {
  // Nothing to release beyond context.subscriptions.
}
