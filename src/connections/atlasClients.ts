import * as vscode from 'vscode';
import { AtlasClient, type NetworkOptions } from '../atlas';
import type { Settings } from '../config/settings';
import type { Log } from '../logging/log';
import type { ConnectionStore } from './connectionStore';
import type { ConnectionInfo } from './model';
import { loadCertificates, networkSetup, networkSetupNow } from './networkSettings';

/** The secret of a stored connection is gone (another machine, or the keychain was reset). */
export class MissingSecretError extends Error {
  constructor(readonly connection: ConnectionInfo) {
    super(
      vscode.l10n.t(
        'The secret of connection "{0}" is not in this VS Code\'s secret storage. Sign in again to enter it.',
        connection.label,
      ),
    );
    this.name = 'MissingSecretError';
  }
}

/**
 * One AtlasClient per connection, so its OAuth token or Digest nonce is reused across the tree,
 * the commands and the panel. Clients are rebuilt when settings or credentials change, VS Code's
 * network settings (`http.*`: proxy, certificates) included.
 */
export class AtlasClients implements vscode.Disposable {
  private readonly clients = new Map<string, Promise<AtlasClient>>();
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly store: ConnectionStore,
    private readonly log: Log,
    private readonly settings: () => Settings,
    private readonly userAgent: string,
  ) {
    this.subscription = vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('http')) return;
      this.invalidate();
      if (e.affectsConfiguration('http.systemCertificates')) void loadCertificates(log, true);
    });
    // Read now, so that the first request does not wait for the files.
    void loadCertificates(log, vscode.workspace.getConfiguration('http').get('systemCertificates') !== false);
  }

  get(connection: ConnectionInfo): Promise<AtlasClient> {
    let client = this.clients.get(connection.id);
    if (!client) {
      client = this.create(connection);
      this.clients.set(connection.id, client);
      // A failed creation (missing secret) must not stick: the user may sign in again.
      client.catch(() => this.clients.delete(connection.id));
    }
    return client;
  }

  /** A client for credentials that are not saved yet (the add-connection check). */
  createUnsaved(baseUrl: string, credentials: ConstructorParameters<typeof AtlasClient>[0]['credentials']): AtlasClient {
    this.registerSecrets(credentials);
    // Synchronous for its callers: the certificates read by now (all of them, but within moments of activation).
    return new AtlasClient({ ...this.options(networkSetupNow(this.log).network), baseUrl, credentials });
  }

  /** Takes over a client built for a check (see createUnsaved) once its connection is saved. */
  adopt(connectionId: string, client: AtlasClient): void {
    this.invalidate(connectionId);
    this.clients.set(connectionId, Promise.resolve(client));
  }

  invalidate(connectionId?: string): void {
    for (const [id, client] of this.clients) {
      if (connectionId === undefined || id === connectionId) {
        client.then((c) => c.dispose(), () => undefined);
        this.clients.delete(id);
      }
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.invalidate();
  }

  private async create(connection: ConnectionInfo): Promise<AtlasClient> {
    const credentials = await this.store.credentials(connection);
    if (!credentials) throw new MissingSecretError(connection);
    this.registerSecrets(credentials);
    const { network } = await networkSetup(this.log);
    return new AtlasClient({ ...this.options(network), baseUrl: connection.baseUrl, credentials });
  }

  private registerSecrets(credentials: ConstructorParameters<typeof AtlasClient>[0]['credentials']): void {
    this.log.addSecret(credentials.kind === 'serviceAccount' ? credentials.clientSecret : credentials.privateKey);
  }

  private options(network: NetworkOptions) {
    const s = this.settings();
    return {
      timeoutMs: s.requestTimeoutSeconds * 1000,
      retry: { maxRetries: s.maxRetries },
      userAgent: this.userAgent,
      logger: this.log.atlasLogger,
      network,
    };
  }
}
