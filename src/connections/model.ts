import type { AtlasCredentials } from '../atlas';

/** The non-secret description of a connection; safe for globalState and the log. */
export interface ConnectionInfo {
  id: string;
  label: string;
  kind: 'serviceAccount' | 'apiKey';
  site: AtlasSiteId;
  /** Normalised base URL, e.g. https://cloud.mongodb.com or http://127.0.0.1:8080. */
  baseUrl: string;
  /** The service account client id or the API public key: an identifier, not a secret. */
  publicId: string;
  /** Stored ones live in globalState + SecretStorage; the environment one lives in process.env only. */
  source: 'stored' | 'environment';
}

export type AtlasSiteId = 'commercial' | 'government' | 'custom';

export const ENVIRONMENT_CONNECTION_ID = 'environment';

/** The credentials of a connection of this kind from its public identifier and its secret. */
export function credentialsOf(kind: ConnectionInfo['kind'], publicId: string, secret: string): AtlasCredentials {
  return kind === 'serviceAccount'
    ? { kind: 'serviceAccount', clientId: publicId, clientSecret: secret }
    : { kind: 'apiKey', publicKey: publicId, privateKey: secret };
}
