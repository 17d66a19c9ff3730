import * as vscode from 'vscode';
import { isAtlasError, type AtlasClient, type AtlasCredentials } from '../atlas';
import type { AtlasClients } from '../connections/atlasClients';
import { checkCredentials } from '../connections/checkCredentials';
import type { ConnectionInfo } from '../connections/model';
import { validateIdentifier } from '../connections/validateInput';
import type { MultiStepInput, Question } from '../ui/multiStepInput';
import type { InputOptions } from '../ui/prompter';

// What Add Connection and Sign In Again both ask and check.

/** The client id or public key: the half of the credentials that is not secret, so it can be shown again. */
export function identifierQuestion(kind: ConnectionInfo['kind'], value: string | undefined): Question<InputOptions> {
  return {
    prompt: kind === 'serviceAccount' ? vscode.l10n.t('Client ID of the service account') : vscode.l10n.t('Public key of the API key'),
    value,
    validate: validateIdentifier,
  };
}

/**
 * The check with Atlas that ends both inputs: the client that passed it (worth keeping, it holds a token
 * or a Digest nonce), or the error for the step to explain. Cancelling the check's progress cancels the input.
 */
export async function checkInStep(
  input: MultiStepInput,
  clients: AtlasClients,
  baseUrl: string,
  credentials: AtlasCredentials,
): Promise<{ client: AtlasClient } | { error: unknown }> {
  try {
    return { client: await checkCredentials(clients, baseUrl, credentials) };
  } catch (error) {
    if (isAtlasError(error) && error.kind === 'cancelled') input.cancel();
    return { error };
  }
}
