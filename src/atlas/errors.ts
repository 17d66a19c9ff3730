import type { NetworkProblem } from './networkErrors';
import type { OperationId, OperationSpec } from './operations';
import type { ApiErrorBody } from './types';

export type AtlasErrorKind =
  | 'invalidInput'
  | 'unauthorized'
  | 'forbidden'
  | 'notFound'
  | 'badRequest'
  | 'notAcceptable'
  | 'gone'
  /** 409: usually a change made at the same time; refreshing and trying again helps. */
  | 'conflict'
  /** 401 or 403 because the request came from an address not on the API access list (not the credentials). */
  | 'ipAccessList'
  | 'rateLimited'
  | 'server'
  | 'network'
  | 'timeout'
  | 'cancelled'
  | 'badResponse';

export interface AtlasErrorInit {
  kind: AtlasErrorKind;
  message: string;
  status?: number;
  errorCode?: string;
  detail?: string;
  reason?: string;
  parameters?: unknown[];
  operation?: OperationId;
  requiredRole?: string;
  retryAfterSeconds?: number;
  attempts?: number;
  /** Low-level error code such as ECONNREFUSED, for network errors. */
  code?: string;
  /** A network error caused by a certificate or a proxy (kind stays 'network'). */
  networkProblem?: NetworkProblem;
}

/**
 * The only error the client throws. `message` is meant for people: one or two sentences that say what
 * happened and what to do. It never holds a secret or a signed URL; the raw Atlas fields are kept beside it.
 */
export class AtlasError extends Error {
  readonly kind: AtlasErrorKind;
  readonly status?: number;
  readonly errorCode?: string;
  readonly detail?: string;
  readonly reason?: string;
  readonly parameters?: unknown[];
  readonly operation?: OperationId;
  readonly requiredRole?: string;
  readonly retryAfterSeconds?: number;
  readonly attempts?: number;
  readonly code?: string;
  readonly networkProblem?: NetworkProblem;

  constructor(init: AtlasErrorInit) {
    super(init.message);
    this.name = 'AtlasError';
    this.kind = init.kind;
    // Only defined fields become own properties, so `{ ...err }` and JSON stay tidy.
    for (const key of [
      'status',
      'errorCode',
      'detail',
      'reason',
      'parameters',
      'operation',
      'requiredRole',
      'retryAfterSeconds',
      'attempts',
      'code',
      'networkProblem',
    ] as const) {
      if (init[key] !== undefined) (this as Record<string, unknown>)[key] = init[key];
    }
  }
}

export function isAtlasError(e: unknown): e is AtlasError {
  return e instanceof AtlasError;
}

export type AuthKind = 'serviceAccount' | 'apiKey';

// ---------------------------------------------------------------------------------------------
// Human messages

export interface HttpErrorContext {
  status: number;
  body?: Partial<ApiErrorBody>;
  operation?: OperationSpec;
  authKind: AuthKind;
  /** The answer came from the OAuth token endpoint rather than the API. */
  tokenEndpoint?: boolean;
  attempts: number;
  retryAfterSeconds?: number;
  /** What the request was about, e.g. "cluster 'Cluster0' in project 64f0…"; for 404 messages. */
  subject?: string;
  /** Applied to the message and to Atlas's free-text fields. */
  redact: (text: string) => string;
}

const IP_ACCESS_LIST_CODES = /ACCESS_LIST|WHITELIST|NOT_IN_IP|IP_ADDRESS/i;

function principal(kind: AuthKind): string {
  return kind === 'serviceAccount' ? 'service account' : 'API key';
}

function attemptsNote(attempts: number): string {
  return attempts > 1 ? ` after ${attempts} attempts` : '';
}

export function formatSeconds(ms: number): string {
  const s = ms / 1000;
  const text = Number.isInteger(s) ? String(s) : s < 10 ? s.toFixed(1).replace(/\.0$/, '') : String(Math.round(s));
  return `${text} ${text === '1' ? 'second' : 'seconds'}`;
}

function statusKind(status: number): AtlasErrorKind {
  switch (status) {
    case 400:
      return 'badRequest';
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 404:
      return 'notFound';
    case 406:
      return 'notAcceptable';
    case 409:
      return 'conflict';
    case 410:
      return 'gone';
    case 429:
      return 'rateLimited';
    default:
      return status >= 500 ? 'server' : status < 400 ? 'badResponse' : 'badRequest';
  }
}

/** Builds the AtlasError for an HTTP answer that was not a success. */
export function httpError(ctx: HttpErrorContext): AtlasError {
  const { status, operation: op, authKind, redact } = ctx;
  const body = ctx.body ?? {};
  const errorCode = typeof body.errorCode === 'string' ? body.errorCode : undefined;
  const detail = typeof body.detail === 'string' ? redact(body.detail) : undefined;
  const reason = typeof body.reason === 'string' ? redact(body.reason) : undefined;
  const action = op?.action ?? (ctx.tokenEndpoint ? 'sign in' : 'do this');
  const who = principal(authKind);
  const ipAccessList = errorCode !== undefined && IP_ACCESS_LIST_CODES.test(errorCode) && (status === 401 || status === 403);
  const kind = ipAccessList ? 'ipAccessList' : statusKind(status);
  let requiredRole: string | undefined;
  let message: string;

  if (ipAccessList) {
    message =
      `Atlas refused the request because it comes from an IP address that is not on the API access list ` +
      `of this ${who}. Add this computer's public IP address to the ${who}'s access list in Atlas, then try again.`;
  } else if (status === 401 && ctx.tokenEndpoint) {
    message =
      'Atlas rejected the client ID or client secret of the service account. Check both, or generate a new ' +
      'secret for the service account in Atlas, then sign in again.';
  } else if (status === 401) {
    message =
      authKind === 'serviceAccount'
        ? 'Atlas no longer accepts the credentials of this service account: its secret may be wrong, expired or ' +
          'revoked, or the service account was deleted. Sign in again with a current client secret.'
        : 'Atlas rejected the API key: the public or private key is wrong, or the key was deleted or disabled. ' +
          'Check both keys and sign in again.';
  } else if (status === 403) {
    requiredRole = op?.requiredRole;
    message = requiredRole
      ? `This ${who} is not allowed to ${action} here: that needs the ${requiredRole} role on the project. ` +
        `Ask a project owner to grant it in Atlas, then refresh.`
      : `Atlas does not allow this ${who} to ${action}. Check its access in Atlas, then refresh.`;
  } else if (status === 404) {
    const what = ctx.subject ?? 'what this request refers to';
    message =
      `Atlas could not find ${what} (while trying to ${action}). It may have been deleted or renamed, ` +
      `or this ${who} cannot see it; refresh to see the current list.`;
  } else if (status === 406) {
    message =
      `Atlas no longer accepts API version ${op?.version ?? '(unknown)'} to ${action}. ` +
      'The extension needs an update to a newer release.';
  } else if (status === 409) {
    message =
      `Atlas refused to ${action} because of a conflicting change (HTTP 409${errorCode ? `, ${errorCode}` : ''})` +
      `${detail ? `: ${detail.replace(/[.\s]+$/, '')}` : ''}. This is usually a change made at the same time elsewhere; ` +
      'refresh, then try again.';
  } else if (isServerlessSunset(status, op, errorCode)) {
    message =
      'Atlas retired the serverless restore-job endpoint on 2026-01-22; serverless instances were migrated to ' +
      'flex clusters — see their restore jobs under the flex cluster.';
  } else if (status === 410) {
    message =
      `Atlas retired version ${op?.version ?? '(unknown)'} of the endpoint used to ${action}. ` +
      'The extension needs an update to a newer release.';
  } else if (status === 429) {
    const wait =
      ctx.retryAfterSeconds !== undefined
        ? `Try again in ${formatSeconds(ctx.retryAfterSeconds * 1000)}.`
        : 'Wait a minute, then try again.';
    message = `Atlas is limiting the rate of requests (HTTP 429${attemptsNote(ctx.attempts)}). ${wait}`;
  } else if (status >= 500) {
    message =
      `Atlas answered with a server error (HTTP ${status}${attemptsNote(ctx.attempts)}) while trying to ${action}. ` +
      'Try again in a few minutes; if it keeps happening, check https://status.mongodb.com.';
  } else if (status >= 300 && status < 400) {
    message =
      `Atlas answered the request to ${action} with a redirect (HTTP ${status}), which the Atlas API never sends. ` +
      'Check the Atlas base URL of this connection.';
  } else if (status === 400) {
    message = `Atlas rejected the request to ${action} as invalid${errorCode ? ` (${errorCode})` : ''}${detail ? `: ${detail}` : '.'}`;
  } else {
    message = `Atlas answered HTTP ${status}${errorCode ? ` (${errorCode})` : ''} to the request to ${action}.`;
  }

  return new AtlasError({
    kind,
    message: redact(message),
    status,
    errorCode,
    detail,
    reason,
    parameters: Array.isArray(body.parameters) ? body.parameters : undefined,
    operation: op?.id,
    requiredRole,
    retryAfterSeconds: ctx.retryAfterSeconds,
    attempts: ctx.attempts,
  });
}

export interface TransportErrorContext {
  kind: 'network' | 'timeout' | 'cancelled';
  /** host[:port] of the server */
  host: string;
  code?: string;
  timeoutMs?: number;
  operation?: OperationSpec;
  /** The failure happened while asking for a service account token. */
  tokenEndpoint?: boolean;
  attempts: number;
}

export function transportError(ctx: TransportErrorContext): AtlasError {
  const action = ctx.tokenEndpoint ? 'sign in' : (ctx.operation?.action ?? 'reach Atlas');
  let message: string;
  if (ctx.kind === 'cancelled') {
    message = `The request to ${action} was cancelled.`;
  } else if (ctx.kind === 'timeout') {
    message =
      `${ctx.host} did not answer within ${formatSeconds(ctx.timeoutMs ?? 0)}${attemptsNote(ctx.attempts)} ` +
      `(trying to ${action}). Check the network connection, or raise the request timeout.`;
  } else {
    message =
      `Could not reach ${ctx.host}${ctx.code ? ` (${ctx.code})` : ''}${attemptsNote(ctx.attempts)} to ${action}. ` +
      'Check the network connection, proxy settings and the Atlas base URL.';
  }
  return new AtlasError({
    kind: ctx.kind,
    message,
    operation: ctx.operation?.id,
    attempts: ctx.attempts,
    code: ctx.code,
  });
}

/**
 * The 410 of the serverless restore-job endpoints Atlas retired on 2026-01-22: expected, and information
 * rather than a failure (the tree shows it as such, the log at info level).
 */
export function isServerlessSunset(status: number | undefined, op: OperationSpec | undefined, errorCode: string | undefined): boolean {
  return status === 410 && op?.family === 'serverless' && (errorCode === undefined || errorCode === 'VERSION_GONE');
}

/** An answer whose body could not be read (`what` says why): not an error Atlas reported. */
export function badResponseError(op: OperationSpec | undefined, status: number, what: string, attempts: number): AtlasError {
  return new AtlasError({
    kind: 'badResponse',
    message:
      `Atlas's answer to the request to ${op?.action ?? 'sign in'} could not be read: ${what} (HTTP ${status}). ` +
      'This is not an error Atlas reported; try again, and if it keeps happening, report it with the log.',
    status,
    operation: op?.id,
    attempts,
  });
}

export function invalidInputError(message: string, operation?: OperationId): AtlasError {
  return new AtlasError({ kind: 'invalidInput', message, operation });
}
