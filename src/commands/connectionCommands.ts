import * as vscode from 'vscode';
import { isAtlasError, type AtlasClient } from '../atlas';
import { checkCredentials, credentialsOf } from '../connections/checkCredentials';
import { validateIdentifier } from './addConnection';
import type { AtlasClients } from '../connections/atlasClients';
import type { ConnectionStore } from '../connections/connectionStore';
import type { ConnectionInfo } from '../connections/model';
import { BACK, prompter } from '../ui/prompter';
import type { Log } from '../logging/log';
import { errorMessage } from '../format/errorMessage';

export interface ConnectionDeps {
  store: ConnectionStore;
  clients: AtlasClients;
  log: Log;
}

/** The connection a command is about: the one given, or one the user picks from the stored ones. */
export async function pickStoredConnection(deps: ConnectionDeps, given: ConnectionInfo | undefined, placeholder: string): Promise<ConnectionInfo | undefined> {
  if (given) return given;
  const stored = deps.store.list().filter((c) => c.source === 'stored');
  if (stored.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('There is no saved Atlas connection.'));
    return undefined;
  }
  const picked = await prompter().pick<ConnectionInfo>({
    title: vscode.l10n.t('Atlas Restore Jobs'),
    placeholder,
    items: stored.map((c) => ({ label: c.label, description: `${c.publicId} · ${c.baseUrl}`, value: c })),
  });
  return typeof picked === 'object' ? picked : undefined;
}

/** Removes a saved connection and deletes its secret from SecretStorage, after asking. */
export async function removeConnection(deps: ConnectionDeps, given?: ConnectionInfo): Promise<boolean> {
  const connection = await pickStoredConnection(deps, given, vscode.l10n.t('Which connection do you want to remove?'));
  if (!connection) return false;
  if (connection.source === 'environment') {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('This connection comes from MONGODB_ATLAS_* environment variables. Unset them, or turn off the setting "Use Environment Credentials".'),
    );
    return false;
  }
  const remove = vscode.l10n.t('Remove');
  const choice = await prompter().warn(
    vscode.l10n.t('Remove the connection "{0}"?', connection.label),
    vscode.l10n.t("Its secret is deleted from VS Code's secret storage. The service account or API key itself stays valid in Atlas."),
    true,
    remove,
  );
  if (choice !== remove) return false;
  await deps.store.remove(connection.id);
  deps.clients.invalidate(connection.id);
  deps.log.info(`Connection "${connection.label}" removed and its secret deleted`);
  return true;
}

/** Asks for new credentials for a saved connection, checks them with Atlas, then replaces the old ones. */
export async function signInAgain(deps: ConnectionDeps, given?: ConnectionInfo): Promise<boolean> {
  const connection = await pickStoredConnection(deps, given, vscode.l10n.t('Which connection do you want to sign in to again?'));
  if (!connection) return false;
  if (connection.source === 'environment') {
    void vscode.window.showWarningMessage(
      vscode.l10n.t('This connection comes from MONGODB_ATLAS_* environment variables: change them and restart VS Code to sign in again.'),
    );
    return false;
  }
  const sa = connection.kind === 'serviceAccount';
  const title = vscode.l10n.t('Sign In Again — {0}', connection.label);
  let publicId = connection.publicId;
  for (;;) {
    const id = await prompter().input({
      title,
      step: 1,
      totalSteps: 2,
      prompt: sa ? vscode.l10n.t('Client ID of the service account') : vscode.l10n.t('Public key of the API key'),
      value: publicId,
      validate: validateIdentifier,
    });
    if (id === undefined || id === BACK) return false;
    publicId = id.trim();
    const secret = await prompter().input({
      title,
      step: 2,
      totalSteps: 2,
      prompt: sa ? vscode.l10n.t('New client secret') : vscode.l10n.t('New private key'),
      password: true,
      validate: (v) => (v.trim() ? undefined : vscode.l10n.t('Enter the secret.')),
    });
    if (secret === undefined) return false;
    if (secret === BACK) continue;
    let client: AtlasClient;
    try {
      client = await checkCredentials(deps.clients, connection.baseUrl, credentialsOf(connection.kind, publicId, secret.trim()));
    } catch (error) {
      if (isAtlasError(error) && error.kind === 'cancelled') return false;
      const retry = vscode.l10n.t('Try Again');
      const choice = await prompter().warn(
        vscode.l10n.t('The new credentials were not saved: {0}', errorMessage(error)),
        undefined,
        false,
        retry,
      );
      if (choice === retry) continue;
      return false;
    }
    await deps.store.updateCredentials(connection.id, publicId, secret.trim());
    deps.clients.adopt(connection.id, client);
    deps.log.info(`Connection "${connection.label}" signed in again`);
    void vscode.window.showInformationMessage(vscode.l10n.t('Signed in to "{0}" again.', connection.label));
    return true;
  }
}
