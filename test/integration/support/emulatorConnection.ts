// The set-up most integration suites share: the demo emulator in this extension host, the settings that keep
// the suite to its own connection, and that connection added as a person would, through the command.
import type { ConnectionInfo } from '../../../src/connections/model';
import type { TestApi } from '../../../src/extension';
import { DEMO_SERVICE_ACCOUNT, startEmulator, type RunningEmulator } from '../../atlas-emulator';
import { addConnection, extensionApi, setSetting } from './extensionHarness';

export interface EmulatorConnection {
  api: TestApi;
  emulator: RunningEmulator;
  connection: ConnectionInfo;
  /** Removes the connection, puts the settings back to their defaults and closes the emulator. */
  cleanup(): Promise<void>;
}

export interface EmulatorConnectionOptions {
  /** The connection's name, the label of its row. */
  label: string;
  /** atlasRestoreJobs.watch.enabled while the suite runs: only a suite about following wants it. */
  watch: boolean;
  /** Runs before the connection is added, e.g. to record what would otherwise be a toast. */
  beforeConnect?: (api: TestApi) => void;
}

/**
 * Starts the demo emulator and adds a service-account connection to it, with credentials from the
 * environment turned off so that no other connection joins the view. Call `cleanup` in the suite's `after`.
 */
export async function connectToEmulator(o: EmulatorConnectionOptions): Promise<EmulatorConnection> {
  const api = await extensionApi();
  const emulator = await startEmulator({ dataset: 'demo' });
  const resetSettings = async () => {
    await setSetting('useEnvironmentCredentials', undefined);
    await setSetting('watch.enabled', undefined);
  };
  let connection: ConnectionInfo;
  try {
    await setSetting('useEnvironmentCredentials', false);
    await setSetting('watch.enabled', o.watch);
    o.beforeConnect?.(api);
    connection = await addConnection(api, {
      kind: 'serviceAccount',
      baseUrl: emulator.baseUrl,
      id: DEMO_SERVICE_ACCOUNT.clientId,
      secret: DEMO_SERVICE_ACCOUNT.clientSecret,
      label: o.label,
    });
  } catch (error) {
    // The suite's `after` has nothing to clean up with: leave no emulator or setting behind for the next suite.
    await resetSettings().catch(() => undefined);
    await emulator.close();
    throw error;
  }
  return {
    api,
    emulator,
    connection,
    cleanup: async () => {
      await api.store.remove(connection.id);
      await resetSettings();
      await emulator.close();
    },
  };
}
