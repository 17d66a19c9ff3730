import * as vscode from 'vscode';
import type { AtlasCredentials } from '../atlas';
import { ConnectionSecrets } from './connectionSecrets';
import { environmentConnection, type EnvironmentConnection } from './environment';
import { credentialsOf, type ConnectionInfo } from './model';

const STATE_KEY = 'atlasRestoreJobs.connections';

/** What globalState holds per stored connection: no secret, ever. */
type StoredConnection = Omit<ConnectionInfo, 'source'>;

/**
 * The connections of this VS Code: those the user added (non-secret part in globalState, secret
 * in SecretStorage) and, when enabled, the one from the MONGODB_ATLAS_* environment variables.
 */
export class ConnectionStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly environment: EnvironmentConnection | undefined;

  constructor(
    private readonly state: vscode.Memento,
    private readonly secrets: ConnectionSecrets,
    env: NodeJS.ProcessEnv,
    private readonly useEnvironment: () => boolean,
  ) {
    this.environment = environmentConnection(env);
  }

  /** The environment connection first (it is what the terminal's Atlas CLI uses), then in the order added. */
  list(): ConnectionInfo[] {
    const stored = this.stored().map((c): ConnectionInfo => ({ ...c, source: 'stored' }));
    return this.environmentInfo() ? [this.environmentInfo()!, ...stored] : stored;
  }

  storedCount(): number {
    return this.stored().length;
  }

  get(id: string): ConnectionInfo | undefined {
    return this.list().find((c) => c.id === id);
  }

  /** Why the environment connection cannot be used, if it cannot. */
  environmentProblem(): string | undefined {
    return this.environmentInfo() ? this.environment?.problem : undefined;
  }

  async add(info: Omit<ConnectionInfo, 'id' | 'source'>, secret: string): Promise<ConnectionInfo> {
    const id = newId();
    // Secret first: a connection never appears without the secret it needs.
    await this.secrets.store(id, secret);
    await this.state.update(STATE_KEY, [...this.stored(), { ...info, id }]);
    this.changed.fire();
    return { ...info, id, source: 'stored' };
  }

  async updateCredentials(id: string, publicId: string, secret: string): Promise<void> {
    const all = this.stored();
    const index = all.findIndex((c) => c.id === id);
    if (index < 0) throw new Error(vscode.l10n.t('This connection no longer exists.'));
    await this.secrets.store(id, secret);
    all[index] = { ...all[index], publicId };
    await this.state.update(STATE_KEY, all);
    this.changed.fire();
  }

  async remove(id: string): Promise<void> {
    await this.state.update(
      STATE_KEY,
      this.stored().filter((c) => c.id !== id),
    );
    await this.secrets.delete(id);
    this.changed.fire();
  }

  async credentials(connection: ConnectionInfo): Promise<AtlasCredentials | undefined> {
    if (connection.source === 'environment') {
      return this.environment?.credentials;
    }
    const secret = await this.secrets.get(connection.id);
    return secret ? credentialsOf(connection.kind, connection.publicId, secret) : undefined;
  }

  /** Lets listeners re-read after a setting that changes the list (useEnvironmentCredentials). */
  notifyChanged(): void {
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }

  private environmentInfo(): ConnectionInfo | undefined {
    return this.useEnvironment() ? this.environment?.info : undefined;
  }

  private stored(): StoredConnection[] {
    const value = this.state.get<unknown>(STATE_KEY);
    return Array.isArray(value) ? value.filter(isStoredConnection) : [];
  }
}

function isStoredConnection(value: unknown): value is StoredConnection {
  if (typeof value !== 'object' || value === null) return false;
  const c = value as Record<string, unknown>;
  return (
    typeof c.id === 'string' &&
    typeof c.label === 'string' &&
    (c.kind === 'serviceAccount' || c.kind === 'apiKey') &&
    typeof c.baseUrl === 'string' &&
    typeof c.publicId === 'string'
  );
}

function newId(): string {
  return globalThis.crypto.randomUUID();
}
