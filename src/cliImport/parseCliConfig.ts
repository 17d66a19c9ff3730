import * as l10n from '@vscode/l10n';
import type * as Toml from 'smol-toml' with { 'resolution-mode': 'import' };
import { ATLAS_SITES, normalizeBaseUrl } from '../atlas';
import { siteOf } from '../connections/environment';
import { CliConfig, CliConfigError, type CliAuthType, type CliProfile } from './cliProfile';
import { lineOf } from './tomlLines';

/** The profile keys read here; every one is text in the CLI's files. Other keys are the CLI's business and ignored. */
const TEXT_KEYS = new Set([
  'service',
  'auth_type',
  'public_api_key',
  'private_api_key',
  'client_id',
  'client_secret',
  'access_token',
  'refresh_token',
  'org_id',
  'project_id',
  'ops_manager_url',
  'base_url',
]);

// smol-toml's types are ESM-only while this project compiles as CommonJS; its package also ships a CommonJS build,
// which require (and esbuild's bundle) load.
const { parse, TomlDate, TomlError } = require('smol-toml') as typeof Toml;

const AUTH_TYPES: Readonly<Record<string, CliAuthType>> = { api_keys: 'apiKeys', service_account: 'serviceAccount', user_account: 'userAccount' };

type Table = Record<string, unknown>;

function isTable(value: unknown): value is Table {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof TomlDate) && !(value instanceof Date);
}

/**
 * The profiles of an Atlas CLI config.toml: each top-level table is one (`[default]`, `[prod]`…); top-level values
 * are the CLI's global settings (version, telemetry_enabled…), none of which says how to reach Atlas. Throws one
 * CliConfigError for a file that is not TOML or not shaped as the CLI writes it, so that nothing half-read is imported.
 */
export function parseCliConfig(text: string): CliConfig {
  const source = text.replace(/^\uFEFF/, '');
  let document: Table;
  try {
    // Big integers in keys nobody reads here must not fail the file.
    document = parse(source, { integersAsBigInt: 'asNeeded' });
  } catch (error) {
    if (!(error instanceof TomlError)) throw error;
    // Only the reason's first line: the rest of smol-toml's message quotes the file, secrets and all.
    const said = error.message.replace(/^Invalid TOML document: /, '').split('\n')[0];
    // A missing closing quote reads as "control characters are not allowed in strings": say what the user did.
    const atLineEnd = error.column > (source.split(/\r?\n/)[error.line - 1]?.length ?? 0);
    const reason = atLineEnd && /string/.test(said) ? l10n.t('a quoted value is not closed on its line') : said;
    throw new CliConfigError(l10n.t('line {0} is not valid TOML: {1} (column {2}).', error.line, reason, error.column), error.line);
  }

  const profiles: CliProfile[] = [];
  const secrets = new Map<string, string>();
  const tokens: string[] = [];
  for (const [name, value] of Object.entries(document)) {
    // `[[name]]` makes a list of tables: meant as a profile, written wrong. Other top-level values are settings.
    if (Array.isArray(value) && value.length > 0 && value.every(isTable)) {
      const line = lineOf(source, [name]);
      throw new CliConfigError(
        line === undefined
          ? l10n.t('"{0}" is a list of tables, but a profile must be one table such as [{0}].', name)
          : l10n.t('"{0}" on line {1} is a list of tables, but a profile must be one table such as [{0}].', name, line),
        line,
      );
    }
    if (!isTable(value)) continue;
    const read = readProfile(name, value, source);
    profiles.push(read.profile);
    if (read.secret) secrets.set(name, read.secret);
    tokens.push(...read.tokens);
  }
  return new CliConfig(profiles, secrets, tokens);
}

function readProfile(name: string, table: Table, source: string): { profile: CliProfile; secret?: string; tokens: string[] } {
  const values = new Map<string, string>();
  for (const [key, value] of Object.entries(table)) {
    const lower = key.toLowerCase();
    if (!TEXT_KEYS.has(lower)) continue;
    if (typeof value !== 'string') throw wrongType(name, key, value, source);
    if (value.trim()) values.set(lower, value.trim());
  }
  const get = (key: string) => values.get(key);

  const declared = get('auth_type');
  const authType: CliAuthType = declared
    ? (AUTH_TYPES[declared.toLowerCase()] ?? 'unknown')
    : get('public_api_key') || get('private_api_key')
      ? 'apiKeys'
      : get('client_id') || get('client_secret')
        ? 'serviceAccount'
        : get('access_token') || get('refresh_token')
          ? 'userAccount'
          : 'unknown';
  const publicId = authType === 'apiKeys' ? get('public_api_key') : authType === 'serviceAccount' ? get('client_id') : undefined;
  const secret = authType === 'apiKeys' ? get('private_api_key') : authType === 'serviceAccount' ? get('client_secret') : undefined;

  const service = (get('service') ?? 'cloud').toLowerCase();
  // ops_manager_url (or its alias base_url) points the CLI at another Atlas, as MONGODB_ATLAS_OPS_MANAGER_URL does.
  const url = get('ops_manager_url') ?? get('base_url');
  let baseUrl: string | undefined = service === 'cloudgov' ? ATLAS_SITES.government : ATLAS_SITES.commercial;
  if (url) {
    try {
      baseUrl = normalizeBaseUrl(url);
    } catch {
      baseUrl = undefined;
    }
  }

  const profile: CliProfile = {
    name,
    authType,
    service,
    baseUrl,
    site: siteOf(baseUrl ?? ''),
    ...(get('org_id') ? { orgId: get('org_id') } : {}),
    ...(get('project_id') ? { projectId: get('project_id') } : {}),
    ...(publicId ? { publicId } : {}),
    secret: authType === 'apiKeys' || authType === 'serviceAccount' ? (secret ? 'inFile' : 'keyring') : 'none',
    ...unsupportedReason(authType, service, baseUrl),
  };
  const tokens = ['access_token', 'refresh_token', 'private_api_key', 'client_secret'].map(get);
  return { profile, secret, tokens: tokens.filter((t): t is string => t !== undefined) };
}

function unsupportedReason(authType: CliAuthType, service: string, baseUrl: string | undefined): { unsupported?: string } {
  // Ops Manager and Cloud Manager (profiles of the older mongocli) serve another API than Atlas's Administration API v2.
  if (service === 'ops-manager') return { unsupported: l10n.t('Ops Manager is not supported') };
  if (service === 'cloud-manager') return { unsupported: l10n.t('Cloud Manager is not supported') };
  if (service !== 'cloud' && service !== 'cloudgov') return { unsupported: l10n.t('its service "{0}" is not known', service) };
  // The tokens of `atlas auth login` belong to the CLI's own OAuth client, which refreshes them; an extension may not.
  if (authType === 'userAccount') return { unsupported: l10n.t('user account login is not supported') };
  if (authType === 'unknown') return { unsupported: l10n.t('it has no API key or service account') };
  if (baseUrl === undefined) return { unsupported: l10n.t('its ops_manager_url is not a usable base URL') };
  return {};
}

function wrongType(profile: string, key: string, value: unknown, source: string): CliConfigError {
  // The value is described, never quoted: a secret typed without quotes is still a secret.
  const kind =
    typeof value === 'number' || typeof value === 'bigint'
      ? l10n.t('a number')
      : typeof value === 'boolean'
        ? l10n.t('true or false')
        : Array.isArray(value)
          ? l10n.t('a list')
          : isTable(value)
            ? l10n.t('a table')
            : l10n.t('a date');
  const line = lineOf(source, [profile, key]);
  return new CliConfigError(
    line === undefined
      ? l10n.t('in profile "{0}", {1} must be text in quotes, not {2}.', profile, key, kind)
      : l10n.t('in profile "{0}", {1} on line {2} must be text in quotes, not {3}.', profile, key, line, kind),
    line,
  );
}
