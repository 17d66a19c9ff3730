import * as vscode from 'vscode';
import { redactText, type AtlasLogEvent } from '../atlas';

/**
 * The extension's one log, a LogOutputChannel ("Atlas Restore Jobs" in the Output view).
 * Every line passes through redaction with the secrets currently known to the extension, so a
 * client secret, private key, token or signed URL cannot reach the log even by mistake.
 */
export class Log implements vscode.Disposable {
  private readonly channel: vscode.LogOutputChannel;
  private readonly secrets = new Set<string>();
  /** The last lines written, as written (after redaction): what a test can hold against the secrets it knows. */
  readonly recent: string[] = [];

  constructor(name = 'Atlas Restore Jobs') {
    this.channel = vscode.window.createOutputChannel(name, { log: true });
  }

  /** Registers a value that must never be written out (secrets arrive only at run time). */
  addSecret(value: string | undefined): void {
    if (value && value.length >= 4) this.secrets.add(value);
  }

  trace(message: string): void {
    this.channel.trace(this.clean(message));
  }
  debug(message: string): void {
    this.channel.debug(this.clean(message));
  }
  info(message: string): void {
    this.channel.info(this.clean(message));
  }
  warn(message: string): void {
    this.channel.warn(this.clean(message));
  }
  error(message: string, error?: unknown): void {
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : error === undefined ? '' : String(error);
    this.channel.error(this.clean(detail ? `${message} — ${detail}` : message));
  }

  /** Adapter for the Atlas client's logging hook. */
  readonly atlasLogger = (event: AtlasLogEvent): void => {
    const parts = [event.message];
    if (event.method && event.path) parts.push(`${event.method} ${event.path}`);
    if (event.status !== undefined) parts.push(`→ ${event.status}`);
    if (event.durationMs !== undefined) parts.push(`${Math.round(event.durationMs)} ms`);
    if (event.attempt !== undefined && event.attempt > 1) parts.push(`attempt ${event.attempt}`);
    const line = parts.join(' ');
    switch (event.level) {
      case 'trace':
        return this.trace(line);
      case 'debug':
        return this.debug(line);
      case 'info':
        return this.info(line);
      case 'warn':
        return this.warn(line);
      case 'error':
        return this.error(line);
    }
  };

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }

  private clean(message: string): string {
    const line = redactText(message, this.secrets);
    this.recent.push(line);
    if (this.recent.length > 1000) this.recent.shift();
    return line;
  }
}
