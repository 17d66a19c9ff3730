/**
 * ApiError bodies (`application/json`), as the spec's shared error responses describe them.
 * errorCodes the spec gives (VERSION_GONE, RATE_LIMITED…, VALIDATION_ERROR, RESOURCE_NOT_FOUND,
 * UNEXPECTED_ERROR, SERVICE_UNAVAILABLE) are used as given; the others are the emulator's own
 * plausible names — clients must key on the HTTP status, not on these.
 */
import { STATUS_CODES } from 'node:http';
import type { ApiErrorBody } from '../../src/atlas/types';

/** Wording of the spec's shared `gone` response (v2.yaml components.responses.gone; the subset omits it). */
export const GONE_EXAMPLE = {
  detail: 'This happens when a resource is marked for sunset and the sunset date is in the past.',
  error: 410,
  errorCode: 'VERSION_GONE',
  reason: 'Gone',
} as const;

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    readonly detail: string,
    readonly extra: { headers?: Record<string, string>; fields?: { field: string; description: string }[] } = {},
  ) {
    super(`${status} ${errorCode}: ${detail}`);
  }

  body(): ApiErrorBody {
    const body: ApiErrorBody = {
      detail: this.detail,
      error: this.status,
      errorCode: this.errorCode,
      parameters: [],
      reason: STATUS_CODES[this.status] ?? 'Error',
    };
    if (this.extra.fields) body.badRequestDetail = { fields: this.extra.fields };
    return body;
  }
}

export const failures = {
  unauthorized: (detail: string, challenge: string) => new ApiFailure(401, 'UNAUTHORIZED', detail, { headers: { 'WWW-Authenticate': challenge } }),
  forbidden: (detail: string) => new ApiFailure(403, 'USER_CANNOT_ACCESS_RESOURCE', detail),
  notFound: (errorCode: string, detail: string) => new ApiFailure(404, errorCode, detail),
  noSuchPath: (path: string) => new ApiFailure(404, 'RESOURCE_NOT_FOUND', `Cannot find resource ${path}.`),
  methodNotAllowed: (method: string, allowed: string[]) =>
    new ApiFailure(405, 'METHOD_NOT_ALLOWED', `The method ${method} is not allowed here.`, { headers: { Allow: allowed.join(', ') } }),
  notAcceptable: (accepted: string[]) =>
    new ApiFailure(406, 'INVALID_ACCEPT_HEADER', `Invalid Accept header. This resource accepts: ${accepted.join(', ')}.`),
  gone: () => new ApiFailure(410, GONE_EXAMPLE.errorCode, GONE_EXAMPLE.detail),
  badRequest: (fields: { field: string; description: string }[]) =>
    new ApiFailure(400, 'VALIDATION_ERROR', `Invalid request: ${fields.map((f) => `${f.field}: ${f.description}`).join(' ')}`, { fields }),
  /**
   * The docs' wording ("Rate limit exceeded for api/atlas/v2/orgs. Please retry after 55 seconds. Request
   * capacity: 10. Refill rate: 5 per 60 seconds."); the fault keeps the docs' errorCode, the enforced limit
   * uses the spec's `RATE_LIMITED`. `parameters` stays empty: the spec types its items as objects, the docs'
   * example lists bare strings and numbers.
   */
  rateLimited: (
    path: string,
    retryAfterSeconds: number | undefined,
    limit: number,
    o: { errorCode?: string; refill?: { refillRate: number; refillDurationSeconds: number } } = {},
  ) =>
    new ApiFailure(
      429,
      o.errorCode ?? 'RATE_LIMITED_TOKEN_BUCKET',
      `Rate limit exceeded for ${path.replace(/^\//, '')}.` +
        (retryAfterSeconds !== undefined ? ` Please retry after ${retryAfterSeconds} seconds.` : '') +
        ` Request capacity: ${limit}.` +
        (o.refill ? ` Refill rate: ${o.refill.refillRate} per ${o.refill.refillDurationSeconds} seconds.` : ''),
      {
        headers: {
          'RateLimit-Limit': String(limit),
          'RateLimit-Remaining': '0',
          ...(retryAfterSeconds !== undefined ? { 'Retry-After': String(retryAfterSeconds) } : {}),
        },
      },
    ),
  /** What a test asks for (fault `apiError`): 409 conflicts, IP access list refusals, … */
  custom: (status: number, errorCode: string, detail?: string) =>
    new ApiFailure(status, errorCode, detail ?? `${STATUS_CODES[status] ?? 'Error'} (${errorCode}).`),
  server: (status: 500 | 502 | 503 | 504) =>
    new ApiFailure(
      status,
      { 500: 'UNEXPECTED_ERROR', 502: 'BAD_GATEWAY', 503: 'SERVICE_UNAVAILABLE', 504: 'GATEWAY_TIMEOUT' }[status],
      { 500: 'An unexpected error occurred.', 502: 'The upstream service answered badly.', 503: 'The service is temporarily unavailable.', 504: 'The upstream service timed out.' }[status],
    ),
};
