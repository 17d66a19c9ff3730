// The suite also covers the connection the extension offers from MONGODB_ATLAS_* variables. Those are read once,
// at activation, so they must be in the extension host's environment from the start: the runner starts an emulator
// of its own and points the variables at it. Only the emulator's demo credentials are ever used.
import { DEMO_SERVICE_ACCOUNT, startEmulator, type RunningEmulator } from '../atlas-emulator';

export interface EnvironmentConnectionFixture {
  /** Variables for the extension host: MONGODB_ATLAS_* plus ATLAS_TEST_ENV_EMULATOR_URL for the tests' checks. */
  env: Record<string, string>;
  close(): Promise<void>;
}

export async function startEnvironmentConnection(): Promise<EnvironmentConnectionFixture> {
  const emulator: RunningEmulator = await startEmulator({ dataset: 'demo' });
  return {
    env: {
      MONGODB_ATLAS_CLIENT_ID: DEMO_SERVICE_ACCOUNT.clientId,
      MONGODB_ATLAS_CLIENT_SECRET: DEMO_SERVICE_ACCOUNT.clientSecret,
      MONGODB_ATLAS_OPS_MANAGER_URL: emulator.baseUrl,
      ATLAS_TEST_ENV_EMULATOR_URL: emulator.baseUrl,
    },
    close: () => emulator.close(),
  };
}
