/**
 * Conformance helper: checks responses and requests against the vendored Atlas OpenAPI subset with
 * ajv 8 + ajv-formats. Used by the emulator's conformance tests and meant to be reused by the
 * client's (every request the client sends must match an operation of the spec).
 *
 *   validateResponse('listGroups', 200, contentType, body)           → { valid, errors, ... }
 *   validateResponse({ method: 'GET', path: '/api/atlas/v2/orgs' }, 404, 'application/json', body)
 *   matchRequest(recordedRequest)                                    → { matched, errors, operationId }
 *
 * Error statuses an operation does not declare (406, 410, 502–504, and 400 where the spec omits it)
 * are checked against `ApiError`, the body the spec gives every error response; the result says
 * `declared: false` so a test can tell.
 */
import type { RecordedRequest } from './contract';
import { parseParameters } from './parameters';
import { type JsonObject, loadSpec, type LoadedSpec, type SpecOperation } from './spec-document';
import { convertSchemas, createAjv, type ConvertedSchemas, validatorFor } from './spec-schemas';
import type Ajv from 'ajv';

export { loadSpec, findUpward, SUBSET_SPEC_PATH, FULL_SPEC_PATH, API_PREFIX } from './spec-document';
export type { LoadedSpec, SpecOperation, SpecMediaType } from './spec-document';
export { convertSchemas } from './spec-schemas';

export interface ResponseCheck {
  valid: boolean;
  errors: string[];
  operationId?: string;
  /** The schema the body was checked against, e.g. 'PaginatedRestoreJobView'. */
  schema?: string;
  /** false when the status is not among the operation's declared responses (checked as ApiError). */
  declared: boolean;
}

export interface RequestCheck {
  matched: boolean;
  errors: string[];
  operationId?: string;
  /** 'token' for the OAuth token request of the spec's clientCredentials flow. */
  kind?: 'operation' | 'token';
}

interface Checker {
  spec: LoadedSpec;
  converted: ConvertedSchemas;
  ajv: Ajv;
  tokenPath: string;
}

let checker: Checker | undefined;

/** Loads the spec and compiles nothing yet (ajv compiles each schema on first use). */
export function specChecker(): Checker {
  if (!checker) {
    const spec = loadSpec();
    const converted = convertSchemas(spec.document.components.schemas);
    const tokenUrl: string = spec.document.components.securitySchemes.ServiceAccounts.flows.clientCredentials.tokenUrl;
    checker = { spec, converted, ajv: createAjv(converted), tokenPath: new URL(tokenUrl).pathname };
  }
  return checker;
}

function findOperation(op: string | { method: string; path: string }): SpecOperation | undefined {
  const { spec } = specChecker();
  if (typeof op === 'string') return spec.byId.get(op);
  const r = spec.route(op.method, op.path.split('?')[0] as string);
  return r.kind === 'matched' ? r.operation : undefined;
}

const schemaName = (ref: string) => ref.replace('#/components/schemas/', '');
const mediaOf = (contentType: string | undefined) => (contentType ?? '').split(';')[0]!.trim().toLowerCase();

export function validateResponse(
  op: string | { method: string; path: string },
  status: number,
  contentType: string | undefined,
  body: unknown,
  options: { envelope?: boolean } = {},
): ResponseCheck {
  const operation = findOperation(op);
  if (!operation) return { valid: false, errors: [`No spec operation for ${JSON.stringify(op)}`], declared: false };
  const errors: string[] = [];
  let value = body;
  if (typeof body === 'string' || Buffer.isBuffer(body)) {
    try {
      value = JSON.parse(body.toString());
    } catch (e) {
      return { valid: false, errors: [`Body is not JSON: ${(e as Error).message}`], operationId: operation.operationId, declared: true };
    }
  }
  const media = mediaOf(contentType);
  const declaredResponse = operation.responses[String(status)];
  let ref: string;
  if (status === 200) {
    const mt = operation.mediaTypes.find((m) => m.mediaType.toLowerCase() === media);
    if (!mt) {
      return {
        valid: false,
        errors: [`Content-Type '${contentType}' is not one of ${operation.mediaTypes.map((m) => m.mediaType).join(', ')}`],
        operationId: operation.operationId,
        declared: true,
      };
    }
    ref = mt.schemaRef;
  } else {
    if (media !== 'application/json') errors.push(`Error Content-Type must be application/json, got '${contentType}'`);
    ref = declaredResponse?.find((r) => r.mediaType === 'application/json')?.schemaRef ?? '#/components/schemas/ApiError';
    if ((value as { error?: unknown })?.error !== status) errors.push(`ApiError.error must equal the HTTP status ${status}`);
  }
  if (options.envelope && status === 200) {
    const v = value as JsonObject;
    if (v?.status !== 200) errors.push('envelope=true: body.status must be 200');
    if (!Array.isArray(v?.results)) {
      const keys = Object.keys(v ?? {}).sort().join(',');
      if (keys !== 'content,status') errors.push(`envelope=true: a single object must be {status, content}, got keys ${keys}`);
      value = v?.content;
    }
  }
  const { ajv } = specChecker();
  const validate = validatorFor(ajv, schemaName(ref));
  if (!validate(value)) {
    for (const e of validate.errors ?? []) errors.push(`${e.instancePath || '(root)'} ${e.message ?? ''} ${JSON.stringify(e.params).slice(0, 160)}`);
  }
  return {
    valid: errors.length === 0,
    errors,
    operationId: operation.operationId,
    schema: schemaName(ref),
    declared: status === 200 || declaredResponse !== undefined,
  };
}

/** Throws with every schema violation when a response does not conform. */
export function assertValidResponse(...args: Parameters<typeof validateResponse>): ResponseCheck {
  const r = validateResponse(...args);
  if (!r.valid) throw new Error(`Response does not conform to ${r.schema ?? 'the spec'} (${r.operationId}):\n  ${r.errors.slice(0, 20).join('\n  ')}`);
  return r;
}

/** Checks a recorded request: a spec operation for method + path, valid path/query parameters, a listed Accept. */
export function matchRequest(recorded: RecordedRequest): RequestCheck {
  const { spec, tokenPath } = specChecker();
  const errors: string[] = [];
  if (recorded.path === tokenPath) {
    if (recorded.method !== 'POST') errors.push(`The token endpoint takes POST, not ${recorded.method}`);
    if (recorded.authScheme !== 'Basic') errors.push('The token request must authenticate with HTTP Basic (client id and secret)');
    return { matched: errors.length === 0, errors, kind: 'token' };
  }
  const route = spec.route(recorded.method, recorded.path);
  if (route.kind !== 'matched') {
    return { matched: false, errors: [`No spec operation for ${recorded.method} ${recorded.path} (${route.kind})`] };
  }
  const operation = route.operation;
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(recorded.query)) {
    if (Array.isArray(v)) {
      errors.push(`Query parameter '${k}' is repeated`);
      v.forEach((x) => query.append(k, x));
    } else query.append(k, v);
  }
  const parsed = parseParameters(operation, route.pathParams, query);
  for (const v of parsed.violations) errors.push(`Parameter '${v.field}': ${v.description}`);
  for (const k of parsed.unknownQuery) errors.push(`Query parameter '${k}' is not declared by ${operation.operationId}`);
  const accept = (recorded.accept ?? '').trim();
  if (!operation.mediaTypes.some((m) => m.mediaType === accept)) {
    errors.push(`Accept '${recorded.accept ?? ''}' is not one of ${operation.mediaTypes.map((m) => m.mediaType).join(', ')}`);
  }
  if (recorded.authScheme === 'Basic') errors.push('Atlas API calls take a Bearer token or HTTP Digest, not Basic');
  return { matched: errors.length === 0, errors, operationId: operation.operationId, kind: 'operation' };
}

/**
 * Every response property a schema defines, recursively, as paths like 'delivery.urlV2' or
 * 'hashes[].links[].href' (writeOnly properties left out; objects are listed and so are their leaves).
 */
export function responsePropertyPaths(schema: string): string[] {
  const { spec } = specChecker();
  const out = new Set<string>();
  const walk = (node: JsonObject, prefix: string, seen: string[]): void => {
    if (!node) return;
    if (typeof node.$ref === 'string') {
      if (seen.includes(node.$ref)) return;
      return walk(spec.resolve(node.$ref), prefix, [...seen, node.$ref]);
    }
    for (const part of [...(node.allOf ?? []), ...(node.oneOf ?? []), ...(node.anyOf ?? [])]) walk(part, prefix, seen);
    if (node.type === 'array' && node.items) walk(node.items, `${prefix}[]`, seen);
    for (const [name, s] of Object.entries<JsonObject>(node.properties ?? {})) {
      const resolved = typeof s.$ref === 'string' ? spec.resolve(s.$ref) : s;
      if (s.writeOnly === true || resolved.writeOnly === true) continue;
      const path = prefix ? `${prefix}.${name}` : name;
      out.add(path);
      walk(s, path, seen);
    }
  };
  walk(spec.resolve(`#/components/schemas/${schema}`), '', []);
  return [...out].sort();
}

/** The paths (same notation) present in a JSON value. */
export function presentPropertyPaths(value: unknown, prefix = '', out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const v of value) presentPropertyPaths(v, `${prefix}[]`, out);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const path = prefix ? `${prefix}.${k}` : k;
      out.add(path);
      presentPropertyPaths(v, path, out);
    }
  }
  return out;
}

/** writeOnly property names per schema (for the "never in a response" checks). */
export function writeOnlyProperties(): Record<string, string[]> {
  const { spec } = specChecker();
  const out: Record<string, string[]> = {};
  for (const [name, s] of Object.entries<JsonObject>(spec.document.components.schemas)) {
    const props = Object.entries<JsonObject>(s.properties ?? {}).filter(([, p]) => p.writeOnly === true).map(([p]) => p);
    if (props.length > 0) out[name] = props;
  }
  return out;
}
