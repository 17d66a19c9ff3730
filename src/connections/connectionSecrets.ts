import type * as vscode from 'vscode';

/**
 * The only place secrets are kept: VS Code's SecretStorage (the OS keychain on desktop, the
 * browser's storage in code-server). One entry per connection, holding the client secret or the
 * API private key.
 */
export class ConnectionSecrets {
  constructor(private readonly storage: vscode.SecretStorage) {}

  static keyOf(connectionId: string): string {
    return `atlasRestoreJobs.connection.${connectionId}.secret`;
  }

  get(connectionId: string): Thenable<string | undefined> {
    return this.storage.get(ConnectionSecrets.keyOf(connectionId));
  }

  store(connectionId: string, secret: string): Thenable<void> {
    return this.storage.store(ConnectionSecrets.keyOf(connectionId), secret);
  }

  delete(connectionId: string): Thenable<void> {
    return this.storage.delete(ConnectionSecrets.keyOf(connectionId));
  }
}
