import * as vscode from 'vscode';
import type { AtlasClient } from '../atlas';
import type { PageCache } from '../cache/pageCache';
import type { AtlasClients } from '../connections/atlasClients';
import type { ConnectionStore } from '../connections/connectionStore';
import { credentialsOf, type ConnectionInfo } from '../connections/model';
import { validateSecretNotBlank } from '../connections/validateInput';
import { MultiStepInput, type Step } from '../ui/multiStepInput';
import { prompter } from '../ui/prompter';
import type { Log } from '../logging/log';
import { errorMessage } from '../format/errorMessage';
import { checkInStep, identifierQuestion } from './credentialSteps';

export interface ConnectionDeps {
  store: ConnectionStore;
  clients: AtlasClients;
  log: Log;
  /** Holds the connection's pages and, through its keeper, its offline copy. */
  pages?: Pick<PageCache, 'dropConnection'>;
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

/**
 * The saved connection a command changes. The environment one is refused with `refuse`: only the
 * variables it comes from can change it.
 */
async function storedConnectionToChange(
  deps: ConnectionDeps,
  given: ConnectionInfo | undefined,
  placeholder: string,
  refuse: () => Thenable<unknown>,
): Promise<ConnectionInfo | undefined> {
  const connection = await pickStoredConnection(deps, given, placeholder);
  if (connection?.source !== 'environment') return connection;
  void refuse();
  return undefined;
}

/** Removes a saved connection and deletes its secret from SecretStorage, after asking. */
export async function removeConnection(deps: ConnectionDeps, given?: ConnectionInfo): Promise<boolean> {
  const connection = await storedConnectionToChange(deps, given, vscode.l10n.t('Which connection do you want to remove?'), () =>
    vscode.window.showInformationMessage(
      vscode.l10n.t('This connection comes from MONGODB_ATLAS_* environment variables. Unset them, or turn off the setting "Use Environment Credentials".'),
    ),
  );
  if (!connection) return false;
  const remove = vscode.l10n.t('Remove');
  const choice = await prompter().warn(
    vscode.l10n.t('Remove the connection "{0}"?', connection.label),
    vscode.l10n.t("Its secret is deleted from VS Code's secret storage and its offline copy from this computer. The service account or API key itself stays valid in Atlas."),
    true,
    remove,
  );
  if (choice !== remove) return false;
  await deps.store.remove(connection.id);
  deps.clients.invalidate(connection.id);
  // What the tree kept of it offline goes with it: nothing of a removed connection stays on disk.
  await deps.pages?.dropConnection(connection.id);
  deps.log.info(`Connection "${connection.label}" removed and its secret deleted`);
  return true;
}

/** What Sign In Again gathers: new credentials for a saved connection. */
interface NewCredentials {
  readonly deps: ConnectionDeps;
  readonly connection: ConnectionInfo;
  publicId: string;
  secret?: string;
  client?: AtlasClient;
}

/** Asks for new credentials for a saved connection, checks them with Atlas, then replaces the old ones. */
export async function signInAgain(deps: ConnectionDeps, given?: ConnectionInfo): Promise<boolean> {
  const connection = await storedConnectionToChange(deps, given, vscode.l10n.t('Which connection do you want to sign in to again?'), () =>
    vscode.window.showWarningMessage(
      vscode.l10n.t('This connection comes from MONGODB_ATLAS_* environment variables: change them and restart VS Code to sign in again.'),
    ),
  );
  if (!connection) return false;
  const entered: NewCredentials = { deps, connection, publicId: connection.publicId };
  const title = vscode.l10n.t('Sign In Again — {0}', connection.label);
  if (!(await MultiStepInput.run(prompter(), { title, totalSteps: 2 }, enterIdentifier, entered))) return false;
  await deps.store.updateCredentials(connection.id, entered.publicId, entered.secret!);
  deps.clients.adopt(connection.id, entered.client!);
  deps.log.info(`Connection "${connection.label}" signed in again`);
  void vscode.window.showInformationMessage(vscode.l10n.t('Signed in to "{0}" again.', connection.label));
  return true;
}

async function enterIdentifier(input: MultiStepInput, entered: NewCredentials): Promise<Step<NewCredentials>> {
  entered.publicId = (await input.input(1, identifierQuestion(entered.connection.kind, entered.publicId))).trim();
  return enterSecret;
}

async function enterSecret(input: MultiStepInput, entered: NewCredentials): Promise<Step<NewCredentials>> {
  const sa = entered.connection.kind === 'serviceAccount';
  const secret = await input.input(2, {
    prompt: sa ? vscode.l10n.t('New client secret') : vscode.l10n.t('New private key'),
    password: true,
    validate: validateSecretNotBlank,
  });
  entered.secret = secret.trim();
  return checkWithAtlas;
}

/** On failure, Try Again starts over from the identifier, which keeps what was typed. */
async function checkWithAtlas(input: MultiStepInput, entered: NewCredentials): Promise<undefined> {
  const { connection } = entered;
  const credentials = credentialsOf(connection.kind, entered.publicId, entered.secret!);
  const checked = await checkInStep(input, entered.deps.clients, connection.baseUrl, credentials);
  if ('client' in checked) {
    entered.client = checked.client;
    return undefined;
  }
  const retry = vscode.l10n.t('Try Again');
  const choice = await prompter().warn(
    vscode.l10n.t('The new credentials were not saved: {0}', errorMessage(checked.error)),
    undefined,
    false,
    retry,
  );
  if (choice === retry) input.backTo(enterIdentifier);
  input.cancel();
}
