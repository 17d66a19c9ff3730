import type { Authenticator, AuthTicket } from './auth/types';
import type { AccessToken } from './auth/serviceAccount';
import {
  AtlasError,
  badResponseError,
  httpError,
  isServerlessSunset,
  transportError,
  type AuthKind,
} from './errors';
import { HttpTransport, TransportFailure, isTransientNetworkCode, type HttpAnswer } from './http';
import type { OperationSpec } from './operations';
import type { RedactingLog } from './redaction';
import { backoffDelayMs, parseRetryAfter, sleep, SleepCancelled, type RetryPolicy } from './retry';
import type { ApiErrorBody } from './types';

export interface PipelineOptions {
  transport: HttpTransport;
  log: RedactingLog;
  retry: RetryPolicy;
  timeoutMs: number;
  userAgent: string;
  authKind: AuthKind;
  /** Aborted by `dispose()`. */
  lifetime: AbortSignal;
}

/** What one logical request is, for the retry loop and for messages. */
interface RequestContext {
  /** Undefined for the token endpoint. */
  op?: OperationSpec;
  method: 'GET' | 'POST';
  path: string;
  target: string;
  signal: AbortSignal;
  subject?: string;
  /** This request's own bound on retries, below the client's (a caller that retries on its own schedule). */
  maxRetries?: number;
}

const TOKEN_PATH = '/api/oauth/token';

/**
 * Sends requests: per-attempt timeouts, bounded retries (429, 5xx, connection resets and timeouts — the
 * operations are all GETs, and the token request has no side effect), authentication rounds, JSON parsing
 * and the translation of every failure into an AtlasError with a message a person can act on.
 */
export class RequestPipeline {
  private auth: Authenticator | undefined;
  readonly host: string;

  constructor(private readonly o: PipelineOptions) {
    this.host = new URL(o.transport.baseUrl).host;
  }

  setAuthenticator(auth: Authenticator): void {
    this.auth = auth;
  }

  /** GET an API operation and return its parsed JSON body. */
  async getJson<T>(
    op: OperationSpec,
    path: string,
    query: URLSearchParams | undefined,
    signal: AbortSignal | undefined,
    subject?: string,
    maxRetries?: number,
  ): Promise<T> {
    const search = query && [...query.keys()].length > 0 ? `?${query.toString()}` : '';
    const ctx: RequestContext = {
      op,
      method: 'GET',
      path,
      target: `${path}${search}`,
      signal: this.combine(signal),
      subject,
      maxRetries: maxRetries === undefined ? undefined : Math.min(Math.max(0, Math.floor(maxRetries)), this.o.retry.maxRetries),
    };
    const { answer, attempts } = await this.withRetries(ctx, () => this.authenticatedExchange(ctx));
    return this.parseJson<T>(ctx, answer, attempts);
  }

  /** POST {base}/api/oauth/token with the client credentials (HTTP Basic). */
  async requestToken(clientId: string, clientSecret: string, signal: AbortSignal): Promise<AccessToken> {
    const ctx: RequestContext = { method: 'POST', path: TOKEN_PATH, target: TOKEN_PATH, signal: this.combine(signal) };
    // RFC 6749 section 2.3.1: the client id and secret are form-urlencoded before Basic encoding.
    const basic = Buffer.from(`${formEncode(clientId)}:${formEncode(clientSecret)}`, 'utf8').toString('base64');
    const { answer, attempts } = await this.withRetries(ctx, async () => {
      const a = await this.o.transport.exchange({
        method: 'POST',
        target: TOKEN_PATH,
        headers: {
          Authorization: `Basic ${basic}`,
          'Content-Type': 'application/x-www-form-urlencoded',
          Accept: 'application/json',
          'User-Agent': this.o.userAgent,
        },
        body: 'grant_type=client_credentials',
        signal: ctx.signal,
        timeoutMs: this.o.timeoutMs,
      });
      this.logExchange(ctx, a);
      return a;
    });
    const body = this.parseJson<{ access_token?: unknown; expires_in?: unknown; token_type?: unknown }>(ctx, answer, attempts);
    if (typeof body.access_token !== 'string' || body.access_token === '') {
      throw this.fail(ctx, badResponseError(undefined, answer.status, 'it holds no access token', attempts));
    }
    const expiresIn = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : 3600;
    this.o.log.emit({ level: 'info', message: `Obtained a service account access token valid for ${expiresIn} s`, method: 'POST', path: TOKEN_PATH });
    return { value: body.access_token, expiresInSeconds: expiresIn };
  }

  /** A signal of this request's own (listeners then never pile up on the shared lifetime signal). */
  private combine(signal: AbortSignal | undefined): AbortSignal {
    return AbortSignal.any(signal ? [signal, this.o.lifetime] : [this.o.lifetime]);
  }

  /** One attempt of an API request: as many exchanges as the authenticator needs (challenges, new token). */
  private async authenticatedExchange(ctx: RequestContext): Promise<HttpAnswer> {
    const auth = this.auth;
    if (!auth) throw new Error('No authenticator');
    let previous: AuthTicket | undefined;
    for (let round = 0; ; round++) {
      const ticket = await auth.authorize({ method: ctx.method, target: ctx.target, signal: ctx.signal, previous });
      const headers: Record<string, string> = { Accept: ctx.op!.accept, 'User-Agent': this.o.userAgent };
      if (ticket.header) headers.Authorization = ticket.header;
      let answer: HttpAnswer;
      try {
        answer = await this.o.transport.exchange({
          method: ctx.method,
          target: ctx.target,
          headers,
          signal: ctx.signal,
          timeoutMs: this.o.timeoutMs,
        });
      } catch (e) {
        auth.settle(ticket);
        throw e;
      }
      this.logExchange(ctx, answer);
      const again = answer.status === 401 && auth.retryAfterUnauthorized(ticket, answer.headers['www-authenticate'], round);
      auth.settle(ticket);
      if (!again) return answer;
      this.o.log.emit({
        level: 'trace',
        message: ticket.header ? 'Credentials refused; signing the request again' : 'Answering the authentication challenge',
        operation: ctx.op?.id,
        method: ctx.method,
        path: ctx.path,
      });
      previous = ticket;
    }
  }

  private async withRetries(ctx: RequestContext, once: () => Promise<HttpAnswer>): Promise<{ answer: HttpAnswer; attempts: number }> {
    const maxRetries = ctx.maxRetries ?? this.o.retry.maxRetries;
    for (let attempt = 1; ; attempt++) {
      if (ctx.signal.aborted) throw this.fail(ctx, this.cancelled(ctx, attempt - 1));
      let answer: HttpAnswer;
      try {
        answer = await once();
      } catch (e) {
        if (e instanceof AtlasError) throw e; // already final (e.g. the token request failed)
        if (!(e instanceof TransportFailure)) throw e;
        if (e.kind === 'cancelled') throw this.fail(ctx, this.cancelled(ctx, attempt));
        const retriable = e.kind === 'timeout' || isTransientNetworkCode(e.code);
        if (retriable && attempt <= maxRetries) {
          await this.backoff(ctx, attempt, backoffDelayMs(attempt - 1, this.o.retry), e.kind === 'timeout' ? 'a timeout' : `a network error (${e.code})`);
          continue;
        }
        throw this.fail(
          ctx,
          transportError({
            kind: e.kind,
            host: this.host,
            code: e.code,
            timeoutMs: this.o.timeoutMs,
            operation: ctx.op,
            tokenEndpoint: !ctx.op,
            attempts: attempt,
          }),
        );
      }
      if (answer.status >= 200 && answer.status < 300) return { answer, attempts: attempt };
      const retryAfter =
        answer.status === 429 || answer.status === 503 ? parseRetryAfter(answer.headers['retry-after'], Date.now()) : undefined;
      const retriable = answer.status === 429 || answer.status >= 500;
      if (retriable && attempt <= maxRetries) {
        const delay = retryAfter !== undefined ? retryAfter * 1000 : backoffDelayMs(attempt - 1, this.o.retry);
        // Waiting longer than maxDelayMs would look like a hang: report the wait to the person instead.
        if (delay <= this.o.retry.maxDelayMs) {
          await this.backoff(ctx, attempt, delay, `HTTP ${answer.status}`);
          continue;
        }
      }
      throw this.fail(ctx, this.errorFromAnswer(ctx, answer, attempt, retryAfter));
    }
  }

  private async backoff(ctx: RequestContext, attempt: number, delayMs: number, why: string): Promise<void> {
    this.o.log.emit({
      level: 'warn',
      message: `Retrying in ${delayMs} ms after ${why} (attempt ${attempt} of ${(ctx.maxRetries ?? this.o.retry.maxRetries) + 1})`,
      operation: ctx.op?.id,
      method: ctx.method,
      path: ctx.path,
      attempt,
    });
    try {
      await sleep(delayMs, ctx.signal);
    } catch (e) {
      if (e instanceof SleepCancelled) throw this.fail(ctx, this.cancelled(ctx, attempt));
      throw e;
    }
  }

  private cancelled(ctx: RequestContext, attempts: number): AtlasError {
    return transportError({ kind: 'cancelled', host: this.host, operation: ctx.op, tokenEndpoint: !ctx.op, attempts });
  }

  private errorFromAnswer(ctx: RequestContext, answer: HttpAnswer, attempts: number, retryAfterSeconds: number | undefined): AtlasError {
    let body: Partial<ApiErrorBody> | undefined;
    try {
      const parsed: unknown = JSON.parse(answer.body);
      if (parsed && typeof parsed === 'object') body = parsed as Partial<ApiErrorBody>;
    } catch {
      // Not every error has an ApiError body (a proxy, a Digest challenge): the status decides alone.
    }
    return httpError({
      status: answer.status,
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

  private parseJson<T>(ctx: RequestContext, answer: HttpAnswer, attempts: number): T {
    try {
      const value: unknown = JSON.parse(answer.body);
      if (value !== null && typeof value === 'object') return value as T;
    } catch {
      // fall through
    }
    throw this.fail(ctx, badResponseError(ctx.op, answer.status, 'its body is not valid JSON', attempts));
  }

  /** Logs a failure and returns it; a cancellation is debug, the expected serverless 410 information. */
  private fail(ctx: RequestContext, error: AtlasError): AtlasError {
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

  private logExchange(ctx: RequestContext, answer: HttpAnswer): void {
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
}

function formEncode(s: string): string {
  return encodeURIComponent(s).replace(/%20/g, '+');
}
