import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { isAtlasError, type AtlasClient } from '../atlas';
import { cliConfigPath } from '../cliImport/cliConfigPath';
import { CliConfigError, type CliConfig, type CliProfile } from '../cliImport/cliProfile';
import { connectionLabel, consentQuestion, importSummary, knownAs, profileChoices, type ProfileChoice, type Skipped } from '../cliImport/profileChoices';
import { readCliConfig } from '../cliImport/readCliConfig';
import { checkCredentials } from '../connections/checkCredentials';
import { credentialsOf, type ConnectionInfo } from '../connections/model';
import { validateIdentifier, validateSecret } from '../connections/validateInput';
import { errorMessage } from '../format/errorMessage';
import { prompter, type PickManyOptions } from '../ui/prompter';
import type { ConnectionDeps } from './connectionCommands';

export interface CliImportResult {
  file: string;
  imported: ConnectionInfo[];
  skipped: Skipped[];
  /** The message shown at the end: the summary, or why the file could not be imported. */
  message: string;
}

/**
 * "Import from Atlas CLI…": the profiles of the CLI's config.toml become connections, each checked with Atlas
 * before it is saved. Secrets written in the file are copied only after the user agrees; the file is never written.
 */
export async function importFromAtlasCli(deps: ConnectionDeps): Promise<CliImportResult | undefined> {
  const title = vscode.l10n.t('Import from Atlas CLI');
  const file = await chooseFile(title);
  if (!file) return undefined;
  let config: CliConfig;
  try {
    config = await readCliConfig(file);
  } catch (error) {
    if (!(error instanceof CliConfigError)) throw error;
    return finish({ file, imported: [], skipped: [], message: vscode.l10n.t('Nothing was imported from {0}: {1}', file, error.message) }, 'error');
  }
  // Before anything can be logged: the file's secrets, tokens of profiles never imported included.
  for (const secret of config.allSecrets()) deps.log.addSecret(secret);
  if (config.profiles.length === 0) {
    return finish({ file, imported: [], skipped: [], message: vscode.l10n.t('{0} has no profile to import.', file) }, 'warning');
  }

  const chosen = await chooseProfiles(title, file, config, deps);
  if (!chosen) return undefined;
  const skipped: Skipped[] = config.profiles.filter((p) => p.unsupported).map((p) => ({ name: p.name, reason: p.unsupported! }));
  const wanted = chosen.filter((p) => !p.unsupported);
  const inFile = wanted.filter((p) => p.secret === 'inFile');
  let copySecrets = false;
  if (inFile.length > 0) {
    const yes = vscode.l10n.t('Yes');
    const question = consentQuestion(inFile.map((p) => p.name), path.basename(file));
    copySecrets = (await prompter().warn(question.message, question.detail, true, yes, vscode.l10n.t('No'))) === yes;
  }

  const imported: ConnectionInfo[] = [];
  const importedNames: string[] = [];
  for (const profile of wanted) {
    const outcome =
      profile.secret === 'inFile' && !copySecrets
        ? { skipped: vscode.l10n.t('its secret was not copied') }
        : await importProfile(deps, title, profile, config.secretOf(profile));
    if ('connection' in outcome) {
      imported.push(outcome.connection);
      importedNames.push(profile.name);
    } else {
      skipped.push({ name: profile.name, reason: outcome.skipped });
    }
  }
  return finish({ file, imported, skipped, message: importSummary(importedNames, skipped) }, imported.length > 0 ? 'info' : 'warning');
}

function finish(result: CliImportResult, severity: 'info' | 'warning' | 'error'): CliImportResult {
  // Not awaited: a notification resolves only when dismissed, and the command is done.
  if (severity === 'error') void vscode.window.showErrorMessage(result.message);
  else if (severity === 'warning') void vscode.window.showWarningMessage(result.message);
  else void vscode.window.showInformationMessage(result.message);
  return result;
}

/** The CLI's own file when it is there (or another one the user names), else the path the user types. */
async function chooseFile(title: string): Promise<string | undefined> {
  const standard = cliConfigPath(process.platform, process.env, homedir());
  const present = validateConfigPath(standard) === undefined;
  if (present) {
    const which = await prompter().pick<'standard' | 'other'>({
      title,
      placeholder: vscode.l10n.t('Which Atlas CLI configuration?'),
      items: [
        { label: vscode.l10n.t("The Atlas CLI's configuration"), description: standard, iconPath: new vscode.ThemeIcon('terminal'), value: 'standard' },
        { label: vscode.l10n.t('Choose another file…'), iconPath: new vscode.ThemeIcon('folder-opened'), value: 'other' },
      ],
    });
    if (which === 'standard') return standard;
    if (which !== 'other') return undefined;
  }
  const typed = await prompter().input({
    title,
    prompt: present
      ? vscode.l10n.t('Path of the Atlas CLI config.toml to import')
      : vscode.l10n.t('There is no Atlas CLI configuration at {0}. Path of the config.toml to import', standard),
    placeholder: standard,
    validate: validateConfigPath,
  });
  return typeof typed === 'string' ? expandHome(typed.trim()) : undefined;
}

function expandHome(file: string): string {
  return file === '~' || file.startsWith('~/') || file.startsWith('~\\') ? path.join(homedir(), file.slice(1)) : file;
}

/** Sync on purpose: the input box validates as the user types, and one stat of a local path is cheap. */
function validateConfigPath(value: string): string | undefined {
  const file = expandHome(value.trim());
  if (!file) return vscode.l10n.t('Enter the path of a file.');
  if (!path.isAbsolute(file)) return vscode.l10n.t('Enter a full path (or one starting with ~).');
  try {
    return statSync(file).isDirectory() ? vscode.l10n.t('This is a folder: enter the path of the file in it.') : undefined;
  } catch {
    return vscode.l10n.t('There is no file at this path.');
  }
}

async function chooseProfiles(title: string, file: string, config: CliConfig, deps: ConnectionDeps): Promise<CliProfile[] | undefined> {
  const choices = profileChoices(config.profiles, deps.store.list());
  const options: PickManyOptions<ProfileChoice> = {
    title,
    placeholder: vscode.l10n.t('Profiles of {0} to import as connections', file),
    items: choices.map((c) => ({
      label: c.label,
      description: c.description,
      detail: c.detail,
      picked: c.picked,
      unavailable: c.unavailable !== undefined,
      ...(c.unavailable ? { iconPath: new vscode.ThemeIcon('circle-slash') } : {}),
      value: c,
    })),
  };
  const picked = await prompter().pickMany(options);
  return picked?.map((c) => c.profile);
}

/** One profile: what the file lacks asked for, the check with Atlas, then the connection saved with its secret in SecretStorage. */
async function importProfile(
  deps: ConnectionDeps,
  title: string,
  profile: CliProfile,
  secretInFile: string | undefined,
): Promise<{ connection: ConnectionInfo } | { skipped: string }> {
  const kind = profile.authType === 'apiKeys' ? 'apiKey' : 'serviceAccount';
  const baseUrl = profile.baseUrl!;
  const sa = kind === 'serviceAccount';
  const keyringEntry = vscode.l10n.t('In the OS keyring, under "atlascli_{0}"', profile.name);
  let publicId = profile.publicId;
  if (!publicId) {
    const typed = await prompter().input({
      title,
      prompt: sa
        ? vscode.l10n.t('Client ID of the service account of profile "{0}" (the Atlas CLI keeps it in the OS keyring)', profile.name)
        : vscode.l10n.t('Public key of the API key of profile "{0}" (the Atlas CLI keeps it in the OS keyring)', profile.name),
      placeholder: keyringEntry,
      validate: validateIdentifier,
    });
    if (typeof typed !== 'string') return { skipped: vscode.l10n.t('nothing was entered') };
    publicId = typed.trim();
  }
  const existing = knownAs({ baseUrl, publicId }, deps.store.list());
  if (existing) return { skipped: vscode.l10n.t('already imported as "{0}"', existing.label) };

  let secret = secretInFile;
  if (!secret) {
    const typed = await prompter().input({
      title,
      prompt: sa
        ? vscode.l10n.t("Client secret of profile \"{0}\" (the Atlas CLI keeps it in the OS keyring; VS Code keeps it in its secret storage)", profile.name)
        : vscode.l10n.t("Private key of profile \"{0}\" (the Atlas CLI keeps it in the OS keyring; VS Code keeps it in its secret storage)", profile.name),
      placeholder: keyringEntry,
      password: true,
      validate: validateSecret,
    });
    if (typeof typed !== 'string') return { skipped: vscode.l10n.t('nothing was entered') };
    secret = typed.trim();
    deps.log.addSecret(secret);
  }

  let client: AtlasClient;
  try {
    client = await checkCredentials(deps.clients, baseUrl, credentialsOf(kind, publicId, secret));
  } catch (error) {
    if (isAtlasError(error) && error.kind === 'cancelled') return { skipped: vscode.l10n.t('its check was cancelled') };
    deps.log.warn(`Atlas CLI profile "${profile.name}" not imported: ${errorMessage(error)}`);
    void vscode.window.showWarningMessage(vscode.l10n.t('Profile "{0}" was not imported: {1}', profile.name, errorMessage(error)));
    return { skipped: vscode.l10n.t('the check with Atlas failed') };
  }
  const label = connectionLabel(profile.name, deps.store.list().map((c) => c.label));
  const saved = await deps.store.add({ label, kind, site: profile.site, baseUrl, publicId }, secret);
  deps.clients.adopt(saved.id, client);
  deps.log.info(`Atlas CLI profile "${profile.name}" imported as "${label}" (${baseUrl})`);
  return { connection: saved };
}
