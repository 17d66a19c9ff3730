import type { AtlasSiteId } from '../connections/model';

/** How the Atlas CLI signs in with a profile (its `auth_type`, or what its keys imply in older files). */
export type CliAuthType = 'apiKeys' | 'serviceAccount' | 'userAccount' | 'unknown';

/**
 * Where the profile's secret is: written in config.toml, or not there — since version 2 of its file the CLI keeps
 * secrets (and the key or client id with them) in the OS keyring, which an extension cannot read.
 */
export type SecretPlace = 'inFile' | 'keyring' | 'none';

/** What the file says of one profile, without its secret: safe to list, show and log. */
export interface CliProfile {
  readonly name: string;
  readonly authType: CliAuthType;
  /** `service` as written: cloud (also when absent), cloudgov, or the Ops/Cloud Manager of older mongocli files. */
  readonly service: string;
  /** Normalised base URL its requests go to; undefined when `ops_manager_url` is not a usable one. */
  readonly baseUrl: string | undefined;
  readonly site: AtlasSiteId;
  readonly orgId?: string;
  readonly projectId?: string;
  /** The API public key or the service account's client id: identifiers, not secrets. */
  readonly publicId?: string;
  readonly secret: SecretPlace;
  /** Why it cannot become a connection, as the end of "Skipped: name (…)"; undefined when it can. */
  readonly unsupported?: string;
}

/** A config.toml that cannot be imported as a whole; the message names the line when one is at fault. */
export class CliConfigError extends Error {
  constructor(message: string, readonly line?: number) {
    super(message);
    this.name = 'CliConfigError';
  }
}

/**
 * The profiles of one file and their secrets, kept apart: secrets sit in a private field that neither
 * JSON.stringify nor a spread of this object reaches, so nothing that lists profiles can show one by accident.
 */
export class CliConfig {
  readonly #secrets: ReadonlyMap<string, string>;
  readonly #tokens: readonly string[];

  constructor(
    readonly profiles: readonly CliProfile[],
    secrets: ReadonlyMap<string, string>,
    /** Every secret-bearing value of the file, whatever profile or auth type it belongs to. */
    tokens: readonly string[],
  ) {
    this.#secrets = secrets;
    this.#tokens = tokens;
  }

  /** The private key or client secret written in the file for this profile. */
  secretOf(profile: CliProfile): string | undefined {
    return this.#secrets.get(profile.name);
  }

  /** Every secret value of the file, user-account tokens included, for the log to redact before anything is logged. */
  allSecrets(): string[] {
    return [...this.#tokens];
  }
}
