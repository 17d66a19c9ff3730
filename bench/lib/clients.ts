import { AtlasClient, type AtlasClientOptions, type AtlasCredentials } from '../../src/atlas';
import { DEMO_API_KEY, DEMO_SERVICE_ACCOUNT, type RunningEmulator } from '../../test/atlas-emulator';

export type AuthName = 'service account' | 'API key (Digest)';

export const AUTHS: readonly { name: AuthName; credentials: AtlasCredentials }[] = [
  { name: 'service account', credentials: { kind: 'serviceAccount', ...DEMO_SERVICE_ACCOUNT } },
  { name: 'API key (Digest)', credentials: { kind: 'apiKey', ...DEMO_API_KEY } },
];

export const PRINCIPALS = [DEMO_SERVICE_ACCOUNT.clientId, DEMO_API_KEY.publicKey];

/**
 * A client as the extension builds one, except that retries are off: a retried request would hide a
 * fault inside a timing, so the benchmark fails instead (see measure()).
 */
export function newClient(emulator: RunningEmulator, credentials: AtlasCredentials, extra: Partial<AtlasClientOptions> = {}): AtlasClient {
  return new AtlasClient({ baseUrl: emulator.baseUrl, credentials, retry: { maxRetries: 0 }, ...extra });
}
