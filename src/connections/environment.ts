import { ATLAS_SITES, normalizeBaseUrl, type AtlasCredentials } from '../atlas';
import { ENVIRONMENT_CONNECTION_ID, type AtlasSiteId, type ConnectionInfo } from './model';
import { errorMessage } from '../format/errorMessage';

export interface EnvironmentConnection {
  info: ConnectionInfo;
  credentials: AtlasCredentials;
  /** Set when MONGODB_ATLAS_OPS_MANAGER_URL is not a usable base URL. */
  problem?: string;
}

export function siteOf(baseUrl: string): AtlasSiteId {
  if (baseUrl === ATLAS_SITES.commercial) return 'commercial';
  if (baseUrl === ATLAS_SITES.government) return 'government';
  return 'custom';
}

/**
 * The connection the Atlas CLI would use from the environment: service account variables win over
 * API key variables, as in the CLI, and MONGODB_ATLAS_OPS_MANAGER_URL overrides the base URL.
 * Nothing read here is ever written anywhere.
 */
export function environmentConnection(env: NodeJS.ProcessEnv): EnvironmentConnection | undefined {
  const clientId = env.MONGODB_ATLAS_CLIENT_ID?.trim();
  const clientSecret = env.MONGODB_ATLAS_CLIENT_SECRET?.trim();
  const publicKey = env.MONGODB_ATLAS_PUBLIC_API_KEY?.trim();
  const privateKey = env.MONGODB_ATLAS_PRIVATE_API_KEY?.trim();

  let credentials: AtlasCredentials;
  if (clientId && clientSecret) {
    credentials = { kind: 'serviceAccount', clientId, clientSecret };
  } else if (publicKey && privateKey) {
    credentials = { kind: 'apiKey', publicKey, privateKey };
  } else {
    return undefined;
  }

  let baseUrl: string = ATLAS_SITES.commercial;
  let problem: string | undefined;
  const override = env.MONGODB_ATLAS_OPS_MANAGER_URL?.trim();
  if (override) {
    try {
      baseUrl = normalizeBaseUrl(override);
    } catch (e) {
      problem = errorMessage(e);
    }
  }

  return {
    info: {
      id: ENVIRONMENT_CONNECTION_ID,
      label: 'Environment',
      kind: credentials.kind,
      site: siteOf(baseUrl),
      baseUrl,
      publicId: credentials.kind === 'serviceAccount' ? credentials.clientId : credentials.publicKey,
      source: 'environment',
    },
    credentials,
    problem,
  };
}
