import * as l10n from '@vscode/l10n';
import type { CliProfile } from './cliProfile';

// What the import shows and says, without VS Code: every text here is built from a profile's non-secret part only.

/** A connection already in the view, as far as recognising a profile goes. */
export interface KnownConnection {
  readonly label: string;
  readonly baseUrl: string;
  readonly publicId: string;
}

/** One row of the multi-select of profiles. */
export interface ProfileChoice {
  readonly profile: CliProfile;
  readonly label: string;
  /** Auth type · base URL. */
  readonly description: string;
  /** Organization and project defaults, where the secret is, or why it cannot be imported. */
  readonly detail: string;
  readonly picked: boolean;
  /** Set when it cannot be chosen: the reason (see CliProfile.unsupported). */
  readonly unavailable?: string;
  /** The label of the connection it already is. */
  readonly existing?: string;
}

/** A profile not imported, and why, as "name (reason)" in the summary. */
export interface Skipped {
  readonly name: string;
  readonly reason: string;
}

export function authTypeLabel(profile: CliProfile): string {
  switch (profile.authType) {
    case 'apiKeys':
      return l10n.t('API key');
    case 'serviceAccount':
      return l10n.t('Service account');
    case 'userAccount':
      return l10n.t('User account');
    default:
      return l10n.t('No credentials');
  }
}

/** The connection this profile already is: same base URL, same client id or public key. */
export function knownAs(profile: Pick<CliProfile, 'baseUrl' | 'publicId'>, known: readonly KnownConnection[]): KnownConnection | undefined {
  if (!profile.baseUrl || !profile.publicId) return undefined;
  return known.find((c) => c.baseUrl === profile.baseUrl && c.publicId === profile.publicId);
}

/** The rows of the profiles in file order: those it can import preselected, unless already imported. */
export function profileChoices(profiles: readonly CliProfile[], known: readonly KnownConnection[]): ProfileChoice[] {
  return profiles.map((profile) => {
    const existing = profile.unsupported ? undefined : knownAs(profile, known)?.label;
    const details: string[] = [];
    if (profile.unsupported) details.push(l10n.t('Cannot be imported: {0}', profile.unsupported));
    if (existing) details.push(l10n.t('Already imported as "{0}"', existing));
    if (profile.orgId) details.push(l10n.t('Organization {0}', profile.orgId));
    if (profile.projectId) details.push(l10n.t('Project {0}', profile.projectId));
    if (!profile.unsupported && profile.secret === 'inFile') details.push(l10n.t('Secret in the file'));
    if (!profile.unsupported && profile.secret === 'keyring') {
      details.push(profile.publicId ? l10n.t('Secret in the OS keyring: you will be asked for it') : l10n.t('Credentials in the OS keyring: you will be asked for them'));
    }
    return {
      profile,
      label: profile.name,
      description: `${authTypeLabel(profile)} · ${profile.baseUrl ?? '—'}`,
      detail: details.join(' · '),
      picked: !profile.unsupported && !existing,
      ...(profile.unsupported ? { unavailable: profile.unsupported } : {}),
      ...(existing ? { existing } : {}),
    };
  });
}

/** `<profile> (Atlas CLI)`, numbered when a connection already has that name. */
export function connectionLabel(profileName: string, taken: readonly string[]): string {
  const first = l10n.t('{0} (Atlas CLI)', profileName);
  if (!taken.includes(first)) return first;
  for (let n = 2; ; n++) {
    const label = l10n.t('{0} (Atlas CLI {1})', profileName, n);
    if (!taken.includes(label)) return label;
  }
}

/** The one question before secrets leave the file: they are copied, the file itself is not touched. */
export function consentQuestion(profileNames: readonly string[], fileName: string): { message: string; detail: string } {
  const message =
    profileNames.length === 1
      ? l10n.t("Copy the secret of profile \"{0}\" from {1} into VS Code's secret storage?", profileNames[0], fileName)
      : l10n.t("Copy the secrets of {0} profiles from {1} into VS Code's secret storage?", profileNames.length, fileName);
  const detail = l10n.t('Profiles: {0}. {1} is left unchanged, since the Atlas CLI still needs it. Without the secrets these profiles are not imported.', profileNames.join(', '), fileName);
  return { message, detail };
}

/** "Imported 2 connections from the Atlas CLI: default, prod. Skipped: staging (user account login is not supported)." */
export function importSummary(imported: readonly string[], skipped: readonly Skipped[]): string {
  const parts = [
    imported.length === 0
      ? l10n.t('No connection was imported from the Atlas CLI.')
      : imported.length === 1
        ? l10n.t('Imported 1 connection from the Atlas CLI: {0}.', imported[0])
        : l10n.t('Imported {0} connections from the Atlas CLI: {1}.', imported.length, imported.join(', ')),
  ];
  if (skipped.length > 0) parts.push(l10n.t('Skipped: {0}.', skipped.map((s) => l10n.t('{0} ({1})', s.name, s.reason)).join(', ')));
  return parts.join(' ');
}
