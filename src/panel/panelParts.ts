import * as vscode from 'vscode';
import { isAtlasError, redactText } from '../atlas';
import { errorMessage } from '../format/errorMessage';

/** A tab icon in a light and a dark form: webview tabs draw icons as images, so they cannot take the theme's colour. */
export function themedIcon(extensionUri: vscode.Uri, name: string): { light: vscode.Uri; dark: vscode.Uri } {
  return {
    light: vscode.Uri.joinPath(extensionUri, 'media', `${name}-light.svg`),
    dark: vscode.Uri.joinPath(extensionUri, 'media', `${name}-dark.svg`),
  };
}

/** What a page shows when its load failed: a title, a message for people, and whether Retry can help. */
export interface PageFailure {
  title: string;
  message: string;
  canRetry: boolean;
}

export function pageFailure(title: string, e: unknown): PageFailure {
  // AtlasError messages are written for people and never hold a secret or a signed URL.
  if (isAtlasError(e)) return { title, message: e.message, canRetry: e.kind !== 'invalidInput' };
  // Other errors (a removed connection, a bug) are shown as they are, minus anything secret-looking.
  return { title, message: redactText(errorMessage(e)), canRetry: true };
}
