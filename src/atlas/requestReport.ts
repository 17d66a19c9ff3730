import { AtlasError, badResponseError, httpError, isServerlessSunset, transportError, type AuthKind } from './errors';
import type { HttpAnswer, TransportFailure } from './http';
import { networkCauseError } from './networkCauseError';
import type { OperationSpec } from './operations';
import type { RedactingLog } from './redaction';
import type { ApiErrorBody } from './types';

/** What one logical request is, for the retry loop and for messages. */
export interface RequestContext {
  /** Undefined for the token endpoint. */
  op?: OperationSpec;
  method: 'GET' | 'POST';
  path: string;
  target: string;
  signal: AbortSignal;
  subject?: string;
  /** This request's own bound on retries, below the client's (a caller that retries on its own schedule). */
  maxRetries?: number;
  /** The longest it waits for Atlas's rate limit (a shared pause, its own Retry-After). */
  maxPauseWaitMs: number;
  /** Its place in the limiter's line, kept across retries. */
  seq: number;
  /** The attempt under way (1 for the first). */
  attempt: number;
}

export interface ReportOptions {
  log: RedactingLog;
  /** host[:port] of the client's base URL, for network messages. */
  host: string;
  authKind: AuthKind;
  timeoutMs: number;
  /** The client's bound, for "attempt n of m". */
  maxRetries: number;
}

/**
 * What the pipeline tells: every failure as an AtlasError a person can act on, logged once at the level
 * it deserves, and the debug trace of exchanges and retries.
 */
export class RequestReport {
  constructor(private readonly o: ReportOptions) {}

  cancelled(ctx: RequestContext, attempts: number): AtlasError {
    return transportError({ kind: 'cancelled', host: this.o.host, operation: ctx.op, tokenEndpoint: !ctx.op, attempts });
  }

  transportFailed(ctx: RequestContext, failure: TransportFailure, attempts: number): AtlasError {
    const kind = failure.kind === 'timeout' ? 'timeout' : 'network';
    const base = { kind, host: this.o.host, code: failure.code, timeoutMs: this.o.timeoutMs, operation: ctx.op, tokenEndpoint: !ctx.op, attempts } as const;
    return failure.reason ? networkCauseError(base, failure.reason) : transportError(base);
  }

  errorFromAnswer(ctx: RequestContext, answer: HttpAnswer, attempts: number, retryAfterSeconds: number | undefined): AtlasError {
    let body: Partial<ApiErrorBody> | undefined;
    try {
      const parsed: unknown = JSON.parse(answer.body);
      if (parsed && typeof parsed === 'object') body = parsed as Partial<ApiErrorBody>;
    } catch {
      // Not every error has an ApiError body (a proxy, a Digest challenge): the status decides alone.
    }
    return this.httpError(ctx, answer.status, body, attempts, retryAfterSeconds);
  }

  /** Not sent because this connection is paused by Atlas's rate limit for longer than the request waits. */
  pausedTooLong(ctx: RequestContext, attempts: number, remainingMs: number): AtlasError {
    return this.httpError(ctx, 429, undefined, attempts, Math.ceil(remainingMs / 1000));
  }

  parseJson<T>(ctx: RequestContext, answer: HttpAnswer, attempts: number): T {
    try {
      const value: unknown = JSON.parse(answer.body);
      if (value !== null && typeof value === 'object') return value as T;
    } catch {
      // fall through
    }
    throw this.fail(ctx, badResponseError(ctx.op, answer.status, 'its body is not valid JSON', attempts));
  }

  /** Logs a failure and returns it; a cancellation is debug, the expected serverless 410 information. */
  fail(ctx: RequestContext, error: AtlasError): AtlasError {
    this.o.log.emit({
      level: error.kind === 'cancelled' ? 'debug' : isServerlessSunset(error.status, ctx.op, error.errorCode) ? 'info' : 'error',
      message: error.message,
      operation: ctx.op?.id,
      method: ctx.method,
      path: ctx.path,
      status: error.status,
      attempt: error.attempts,
    });
    return error;
  }

  retrying(ctx: RequestContext, attempt: number, delayMs: number, why: string): void {
    this.o.log.emit({
      level: 'warn',
      message: `Retrying in ${delayMs} ms after ${why} (attempt ${attempt} of ${(ctx.maxRetries ?? this.o.maxRetries) + 1})`,
      operation: ctx.op?.id,
      method: ctx.method,
      path: ctx.path,
      attempt,
    });
  }

  paused(ctx: RequestContext, ms: number): void {
    this.o.log.emit({
      level: 'warn',
      message: `Atlas's rate limit answered: this connection sends no request for ${ms} ms`,
      operation: ctx.op?.id,
      method: ctx.method,
      path: ctx.path,
      status: 429,
    });
  }

  exchange(ctx: RequestContext, answer: HttpAnswer): void {
    if (!this.o.log.enabled) return;
    this.o.log.emit({
      level: 'debug',
      message: ctx.op ? `Atlas answered ${ctx.op.id}` : 'Atlas answered the token request',
      operation: ctx.op?.id,
      method: ctx.method,
      path: ctx.path,
      status: answer.status,
      durationMs: answer.durationMs,
    });
  }

  private httpError(ctx: RequestContext, status: number, body: Partial<ApiErrorBody> | undefined, attempts: number, retryAfterSeconds: number | undefined): AtlasError {
    return httpError({
      status,
      body,
      operation: ctx.op,
      authKind: this.o.authKind,
      tokenEndpoint: !ctx.op,
      attempts,
      retryAfterSeconds,
      subject: ctx.subject,
      redact: (t) => this.o.log.redact(t),
    });
  }
}
