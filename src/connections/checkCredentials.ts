import * as vscode from 'vscode';
import type { AtlasClient, AtlasCredentials } from '../atlas';
import type { AtlasClients } from './atlasClients';

/**
 * One real request to Atlas with credentials that are not saved yet, behind a cancellable progress
 * notification. Resolves to the client that made it (it holds a token or a Digest nonce worth keeping);
 * throws the AtlasError otherwise, having closed the client.
 */
export async function checkCredentials(clients: AtlasClients, baseUrl: string, credentials: AtlasCredentials): Promise<AtlasClient> {
  const client = clients.createUnsaved(baseUrl, credentials);
  try {
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking the credentials with {0}…', baseUrl), cancellable: true },
      (_progress, token) => {
        const abort = new AbortController();
        token.onCancellationRequested(() => abort.abort());
        return client.verifyCredentials({ signal: abort.signal });
      },
    );
    return client;
  } catch (error) {
    client.dispose();
    throw error;
  }
}
