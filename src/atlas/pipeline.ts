import type { Authenticator, AuthTicket } from './auth/types';
import type { AccessToken } from './auth/serviceAccount';
import type { CallOptions } from './clientOptions';
import { AtlasError, badResponseError, type AuthKind } from './errors';
import { HttpTransport, TransportFailure, isTransientNetworkCode, type HttpAnswer } from './http';
import { LimiterCancelled, PauseTooLong, RequestLimiter, type Slot } from './limiter';
import type { OperationSpec } from './operations';
import type { RedactingLog } from './redaction';
import { RequestReport, type RequestContext } from './requestReport';
import { backoffDelayMs, parseRetryAfter, sleep, SleepCancelled, type RetryPolicy } from './retry';

export interface PipelineOptions {
  transport: HttpTransport;
  log: RedactingLog;
  retry: RetryPolicy;
  timeoutMs: number;
  userAgent: string;
  authKind: AuthKind;
  /** Aborted by `dispose()`. */
  lifetime: AbortSignal;
  /** The client's; default: one of this pipeline's own with 8 slots. */
  limiter?: RequestLimiter;
}

/** The token request takes no slot: every signed request waits for it while holding one. */
const NO_SLOT: Slot = { release: () => {} };

const TOKEN_PATH = '/api/oauth/token';

/**
 * Sends requests: per-attempt timeouts, bounded retries (429, 5xx, connection resets and timeouts — the
 * operations are all GETs, and the token request has no side effect), authentication rounds, JSON parsing
 * and the translation of every failure into an AtlasError with a message a person can act on.
 */
export class RequestPipeline {
  private auth: Authenticator | undefined;
  readonly host: string;
  readonly limiter: RequestLimiter;
  private readonly report: RequestReport;

  constructor(private readonly o: PipelineOptions) {
    this.host = new URL(o.transport.baseUrl).host;
    this.limiter = o.limiter ?? new RequestLimiter(8);
    this.report = new RequestReport({ log: o.log, host: this.host, authKind: o.authKind, timeoutMs: o.timeoutMs, maxRetries: o.retry.maxRetries });
  }

  setAuthenticator(auth: Authenticator): void {
    this.auth = auth;
  }

  /** GET an API operation and return its parsed JSON body. */
  async getJson<T>(op: OperationSpec, path: string, query: URLSearchParams | undefined, call: CallOptions = {}, subject?: string): Promise<T> {
    const search = query && [...query.keys()].length > 0 ? `?${query.toString()}` : '';
    const { maxRetries, maxRateLimitWaitMs: wait } = call;
    const ctx: RequestContext = {
      op,
      method: 'GET',
      path,
      target: `${path}${search}`,
      signal: this.combine(call.signal),
      subject,
      maxRetries: maxRetries === undefined ? undefined : Math.min(Math.max(0, Math.floor(maxRetries)), this.o.retry.maxRetries),
      maxPauseWaitMs: typeof wait === 'number' && wait >= 0 ? wait : this.o.retry.maxDelayMs,
      seq: this.limiter.ticket(),
      attempt: 0,
    };
    const { answer, attempts } = await this.withRetries(ctx, () => this.authenticatedExchange(ctx));
    return this.report.parseJson<T>(ctx, answer, attempts);
  }

  /** POST {base}/api/oauth/token with the client credentials (HTTP Basic). */
  async requestToken(clientId: string, clientSecret: string, signal: AbortSignal): Promise<AccessToken> {
    const ctx: RequestContext = {
      method: 'POST',
      path: TOKEN_PATH,
      target: TOKEN_PATH,
      signal: this.combine(signal),
      maxPauseWaitMs: this.o.retry.maxDelayMs,
      seq: this.limiter.ticket(),
      attempt: 0,
    };
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
      this.report.exchange(ctx, a);
      return a;
    });
    const body = this.report.parseJson<{ access_token?: unknown; expires_in?: unknown; token_type?: unknown }>(ctx, answer, attempts);
    if (typeof body.access_token !== 'string' || body.access_token === '') {
      throw this.report.fail(ctx, badResponseError(undefined, answer.status, 'it holds no access token', attempts));
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
      let ticket: AuthTicket;
      // A pause that began while it waited for its slot, a token or a challenge holds it back; it is
      // authorized again after.
      for (;;) {
        if (this.limiter.remainingPauseMs() > 0) await this.waitForPause(ctx);
        ticket = await auth.authorize({ method: ctx.method, target: ctx.target, signal: ctx.signal, previous });
        if (this.limiter.remainingPauseMs() === 0) break;
        auth.settle(ticket);
      }
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
          ...(ticket.sign ? { authorization: ticket.sign } : {}),
        });
      } catch (e) {
        auth.settle(ticket);
        throw e;
      }
      this.report.exchange(ctx, answer);
      const again = answer.status === 401 && auth.retryAfterUnauthorized(ticket, answer.headers['www-authenticate'], round);
      auth.settle(ticket, answer.status);
      if (!again) return answer;
      this.o.log.emit({
        level: 'trace',
        message: ticket.header || ticket.sign ? 'Credentials refused; signing the request again' : 'Answering the authentication challenge',
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
      ctx.attempt = attempt;
      if (ctx.signal.aborted) throw this.report.fail(ctx, this.report.cancelled(ctx, attempt - 1));
      const slot = await this.admit(ctx);
      let answer: HttpAnswer | undefined;
      let failure: unknown;
      try {
        answer = await once();
        // Before the slot is released, so that no queued request starts in between.
        if (answer.status === 429) this.pauseAll(ctx, answer);
      } catch (e) {
        failure = e;
      } finally {
        slot.release();
      }
      if (!answer) {
        const e = failure;
        if (e instanceof AtlasError) throw e; // already final (e.g. the token request failed)
        if (!(e instanceof TransportFailure)) throw e;
        if (e.kind === 'cancelled') throw this.report.fail(ctx, this.report.cancelled(ctx, attempt));
        const retriable = e.kind === 'timeout' || isTransientNetworkCode(e.code);
        if (retriable && attempt <= maxRetries) {
          await this.backoff(ctx, attempt, backoffDelayMs(attempt - 1, this.o.retry), e.kind === 'timeout' ? 'a timeout' : `a network error (${e.code})`);
          continue;
        }
        throw this.report.fail(ctx, this.report.transportFailed(ctx, e, attempt));
      }
      if (answer.status >= 200 && answer.status < 300) return { answer, attempts: attempt };
      const retryAfter =
        answer.status === 429 || answer.status === 503 ? parseRetryAfter(answer.headers['retry-after'], Date.now()) : undefined;
      const retriable = answer.status === 429 || answer.status >= 500;
      if (retriable && attempt <= maxRetries) {
        if (answer.status === 429 && retryAfter !== undefined) {
          // The shared pause is this request's wait too: it gets its slot back when the pause ends, ahead of later requests.
          if (retryAfter * 1000 <= ctx.maxPauseWaitMs) {
            this.report.retrying(ctx, attempt, retryAfter * 1000, 'HTTP 429 (Retry-After)');
            continue;
          }
        } else {
          const delay = retryAfter !== undefined ? retryAfter * 1000 : backoffDelayMs(attempt - 1, this.o.retry);
          // Waiting longer than maxDelayMs would look like a hang: report the wait to the person instead.
          if (delay <= this.o.retry.maxDelayMs) {
            await this.backoff(ctx, attempt, delay, `HTTP ${answer.status}`);
            continue;
          }
        }
      }
      throw this.report.fail(ctx, this.report.errorFromAnswer(ctx, answer, attempt, retryAfter));
    }
  }

  /** An API request waits for a slot; the token request, which signed requests wait for in theirs, only for a pause. */
  private async admit(ctx: RequestContext): Promise<Slot> {
    if (!ctx.op) {
      await this.waitForPause(ctx);
      return NO_SLOT;
    }
    try {
      return await this.limiter.acquire({ signal: ctx.signal, seq: ctx.seq, maxPauseWaitMs: ctx.maxPauseWaitMs });
    } catch (e) {
      throw this.report.fail(ctx, this.notSent(ctx, e));
    }
  }

  private async waitForPause(ctx: RequestContext): Promise<void> {
    try {
      await this.limiter.waitWhilePaused(ctx.signal, ctx.maxPauseWaitMs);
    } catch (e) {
      throw this.report.fail(ctx, this.notSent(ctx, e));
    }
  }

  /** Why the limiter let a request go unsent: it was cancelled, or the pause outlasts what it waits. */
  private notSent(ctx: RequestContext, e: unknown): AtlasError {
    const attempts = ctx.attempt - 1;
    if (e instanceof LimiterCancelled) return this.report.cancelled(ctx, attempts);
    if (e instanceof PauseTooLong) return this.report.pausedTooLong(ctx, attempts, e.remainingMs);
    throw e;
  }

  /** Atlas's rate limit answered: no request of this client starts before Retry-After, or a short pause without it. */
  private pauseAll(ctx: RequestContext, answer: HttpAnswer): void {
    const retryAfter = parseRetryAfter(answer.headers['retry-after'], Date.now());
    const ms = retryAfter !== undefined ? retryAfter * 1000 : this.o.retry.baseDelayMs;
    if (this.limiter.pause(ms, { retryAfterSeconds: retryAfter, operation: ctx.op?.id })) this.report.paused(ctx, ms);
  }

  private async backoff(ctx: RequestContext, attempt: number, delayMs: number, why: string): Promise<void> {
    this.report.retrying(ctx, attempt, delayMs, why);
    try {
      await sleep(delayMs, ctx.signal);
    } catch (e) {
      if (e instanceof SleepCancelled) throw this.report.fail(ctx, this.report.cancelled(ctx, attempt));
      throw e;
    }
  }
}

function formEncode(s: string): string {
  return encodeURIComponent(s).replace(/%20/g, '+');
}
