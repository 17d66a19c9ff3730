import type { OperationId } from './operations';

export const REDACTED = '[REDACTED]';

/** Secrets shorter than this are not replaced: they would shred ordinary words. */
const MIN_SECRET_LENGTH = 4;

// `Bearer <token>`, `Basic <base64>` wherever they appear (headers copied into text, curl lines, …).
const BEARER_OR_BASIC = /\b(Bearer|Basic)\s+[A-Za-z0-9\-._~+/]+=*/gi;
// A Digest credentials or challenge line: "Digest username=…, response=…" (only when parameters follow).
const DIGEST_PARAMS = /\b(Digest)\s+(?=[A-Za-z-]+=)[^\r\n]*/gi;
// The query string of any absolute URL: signed delivery URLs carry their signature there.
const URL_QUERY = /(\b[a-z][a-z0-9+.-]*:\/\/[^\s?#"'<>]*)\?[^\s#"'<>]*/gi;
// Values of fields that are secret or signed whatever their content (JSON, form or key=value text).
const SENSITIVE_FIELDS =
  /(["']?\b(?:authValue|access_token|refresh_token|client_secret|clientSecret|privateKey|private_key|password|response|cnonce|deliveryUrl|downloadUrl|snapshotUrl|urlV2|url)["']?\s*[:=]\s*)("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\[[^\]]*\]|[^\s,&}\]]+)/gi;

/**
 * Replaces every occurrence of each secret, bearer/basic/digest credentials, the values of secret fields
 * (authValue, access_token, delivery URLs, …) and the query string of any URL with `[REDACTED]`.
 */
export function redactText(text: string, secrets?: Iterable<string>): string {
  let out = String(text);
  if (secrets) {
    // Longest first, so a secret that contains another is removed whole.
    const list = [...new Set(secrets)].filter((s) => typeof s === 'string' && s.length >= MIN_SECRET_LENGTH);
    list.sort((a, b) => b.length - a.length);
    for (const secret of list) out = out.split(secret).join(REDACTED);
  }
  return out
    .replace(DIGEST_PARAMS, `$1 ${REDACTED}`)
    .replace(BEARER_OR_BASIC, `$1 ${REDACTED}`)
    .replace(SENSITIVE_FIELDS, `$1${REDACTED}`)
    .replace(URL_QUERY, `$1?${REDACTED}`);
}

/**
 * The secrets a client knows at run time: its long-lived ones (client secret, private key, the Basic
 * credentials made from them) and a bounded memory of short-lived ones (tokens, digest responses).
 */
export class SecretSet implements Iterable<string> {
  private readonly fixed = new Set<string>();
  private readonly recent: string[] = [];

  constructor(private readonly recentLimit = 64) {}

  add(value: string | undefined): void {
    if (value && value.length >= MIN_SECRET_LENGTH) this.fixed.add(value);
  }

  /** Remembers a short-lived secret; the oldest are forgotten once the limit is reached. */
  addRecent(value: string | undefined): void {
    if (!value || value.length < MIN_SECRET_LENGTH || this.recent.includes(value)) return;
    this.recent.push(value);
    if (this.recent.length > this.recentLimit) this.recent.shift();
  }

  clearRecent(): void {
    this.recent.length = 0;
  }

  *[Symbol.iterator](): Iterator<string> {
    yield* this.fixed;
    yield* this.recent;
  }
}

export type AtlasLogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

export interface AtlasLogEvent {
  level: AtlasLogLevel;
  /** Already redacted. */
  message: string;
  operation?: OperationId;
  method?: string;
  /** Request path without its query string. */
  path?: string;
  status?: number;
  attempt?: number;
  durationMs?: number;
}

export type AtlasLogger = (event: AtlasLogEvent) => void;

/**
 * Wraps the caller's logging hook: every message and path passes through `redactText` with the live
 * secrets, query strings are cut from paths, and a throwing logger can never break a request.
 * The client never hands bodies or headers to it.
 */
export class RedactingLog {
  constructor(
    private readonly logger: AtlasLogger | undefined,
    private readonly secrets: SecretSet,
  ) {}

  get enabled(): boolean {
    return this.logger !== undefined;
  }

  emit(event: AtlasLogEvent): void {
    if (!this.logger) return;
    const clean: AtlasLogEvent = { ...event, message: redactText(event.message, this.secrets) };
    if (event.path !== undefined) clean.path = redactText(event.path.replace(/[?#].*$/s, ''), this.secrets);
    if (event.method !== undefined) clean.method = redactText(event.method, this.secrets);
    try {
      this.logger(clean);
    } catch {
      // A broken logger must not turn a successful request into a failure.
    }
  }

  redact(text: string): string {
    return redactText(text, this.secrets);
  }
}
