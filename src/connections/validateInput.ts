import * as vscode from 'vscode';
import { normalizeBaseUrl } from '../atlas';
import { errorMessage } from '../format/errorMessage';

// What the connection input boxes accept: each returns the message to show, or undefined when the value is fine.

/** Client ids and public keys carry no spaces; anything else is a paste accident. */
export function validateIdentifier(value: string): string | undefined {
  if (!value.trim()) return vscode.l10n.t('Enter a value.');
  return refuseSpaces(value);
}

export function validateSecret(value: string): string | undefined {
  return validateSecretNotBlank(value) ?? refuseSpaces(value);
}

/** Sign In Again has never refused spaces inside a new secret, only a blank one. */
export function validateSecretNotBlank(value: string): string | undefined {
  return value.trim() ? undefined : vscode.l10n.t('Enter the secret.');
}

export function validateBaseUrl(value: string): string | undefined {
  try {
    normalizeBaseUrl(value);
    return undefined;
  } catch (e) {
    return errorMessage(e);
  }
}

export function validateLabel(value: string): string | undefined {
  return value.trim() ? undefined : vscode.l10n.t('Enter a name.');
}

/** Leading and trailing blanks are trimmed away later; inner ones would reach Atlas. */
function refuseSpaces(value: string): string | undefined {
  return /\s/.test(value.trim()) ? vscode.l10n.t('It cannot contain spaces.') : undefined;
}
