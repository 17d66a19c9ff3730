/**
 * Loads the vendored Atlas OpenAPI subset and turns its 14 operations into a routing table.
 *
 * The file is found by walking up from this module's directory, because the same code runs from
 * `test/atlas-emulator/` (tsx) and bundled into `out/test/...` inside a VS Code extension host.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';

export const SUBSET_SPEC_PATH = 'test/atlas-openapi/atlas-restore-subset.yaml';
export const FULL_SPEC_PATH = 'test/atlas-openapi/v2.yaml';
export const API_PREFIX = '/api/atlas/v2';

/** Finds `relative` (e.g. SUBSET_SPEC_PATH) in this directory or the nearest ancestor that has it. */
export function findUpward(relative: string, from: string = __dirname): string {
  let dir = from;
  for (;;) {
    const candidate = join(dir, relative);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`Cannot find ${relative} above ${from}`);
    dir = parent;
  }
}

export type JsonObject = Record<string, any>;

export interface SpecParameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: JsonObject;
}

export interface SpecMediaType {
  mediaType: string; // 'application/vnd.atlas.2023-01-01+json'
  version: string; // '2023-01-01'
  sunset?: string; // 'YYYY-MM-DD' from x-sunset
  schemaRef: string; // '#/components/schemas/...'
}

export interface SpecOperation {
  operationId: string;
  method: string; // upper case
  pathTemplate: string; // '/api/atlas/v2/groups/{groupId}/clusters'
  pathParamNames: string[];
  pathRegex: RegExp;
  parameters: SpecParameter[];
  mediaTypes: SpecMediaType[];
  /** Declared statuses → the schema $ref of their body ('#/components/schemas/ApiError' for errors). */
  responses: Record<string, { mediaType: string; schemaRef: string }[]>;
  /** x-rolesRequirements, e.g. ['Project Read Only']. */
  roles: string[];
  deprecated: boolean;
}

export interface LoadedSpec {
  file: string;
  document: JsonObject;
  operations: SpecOperation[];
  byId: Map<string, SpecOperation>;
  /** Follows a local '#/...' JSON pointer. */
  resolve(ref: string): JsonObject;
  /** The operation for a method and path (path with the /api/atlas/v2 prefix, no query). */
  route(method: string, path: string): RouteMatch;
}

export type RouteMatch =
  | { kind: 'matched'; operation: SpecOperation; pathParams: Record<string, string> }
  | { kind: 'methodNotAllowed'; allowed: string[] }
  | { kind: 'notFound' };

const cache = new Map<string, LoadedSpec>();

/** Parses the spec once per process (about 0.1 s for the subset). */
export function loadSpec(file: string = findUpward(SUBSET_SPEC_PATH)): LoadedSpec {
  const cached = cache.get(file);
  if (cached) return cached;
  const document = parse(readFileSync(file, 'utf8'), { maxAliasCount: -1 }) as JsonObject;
  const spec = buildSpec(file, document);
  cache.set(file, spec);
  return spec;
}

function pointer(document: JsonObject, ref: string): JsonObject {
  if (!ref.startsWith('#/')) throw new Error(`Only local refs are supported: ${ref}`);
  let node: any = document;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = node?.[key];
    if (node === undefined) throw new Error(`Unresolvable ref ${ref}`);
  }
  return node as JsonObject;
}

function deref(document: JsonObject, node: JsonObject): JsonObject {
  let n = node;
  while (n && typeof n.$ref === 'string') n = pointer(document, n.$ref);
  return n;
}

function templateRegex(template: string): { regex: RegExp; names: string[] } {
  const names: string[] = [];
  const source = template
    .split('/')
    .map((segment) => {
      const m = /^\{(.+)\}$/.exec(segment);
      if (!m) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(m[1] as string);
      return '([^/]+)';
    })
    .join('/');
  return { regex: new RegExp(`^${source}$`), names };
}

function buildSpec(file: string, document: JsonObject): LoadedSpec {
  const operations: SpecOperation[] = [];
  for (const [pathTemplate, item] of Object.entries<JsonObject>(document.paths ?? {})) {
    for (const [method, op] of Object.entries<JsonObject>(item)) {
      if (!['get', 'put', 'post', 'delete', 'patch'].includes(method)) continue;
      const { regex, names } = templateRegex(pathTemplate);
      const parameters: SpecParameter[] = [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p: JsonObject) => {
        const param = deref(document, p);
        return { name: param.name, in: param.in, required: param.required === true, schema: param.schema ?? {} };
      });
      const responses: SpecOperation['responses'] = {};
      for (const [status, r] of Object.entries<JsonObject>(op.responses ?? {})) {
        const response = deref(document, r);
        responses[status] = Object.entries<JsonObject>(response.content ?? {}).map(([mediaType, media]) => ({
          mediaType,
          schemaRef: media.schema?.$ref ?? '',
        }));
      }
      const ok = deref(document, op.responses?.['200'] ?? {});
      const mediaTypes: SpecMediaType[] = Object.entries<JsonObject>(ok.content ?? {}).map(([mediaType, media]) => {
        const mt: SpecMediaType = {
          mediaType,
          version: String(media['x-xgen-version'] ?? /vnd\.atlas\.([^+]+)\+json/.exec(mediaType)?.[1] ?? ''),
          schemaRef: media.schema?.$ref ?? '',
        };
        if (media['x-sunset']) mt.sunset = String(media['x-sunset']);
        return mt;
      });
      operations.push({
        operationId: op.operationId,
        method: method.toUpperCase(),
        pathTemplate,
        pathParamNames: names,
        pathRegex: regex,
        parameters,
        mediaTypes,
        responses,
        roles: Array.isArray(op['x-rolesRequirements']) ? op['x-rolesRequirements'].map(String) : [],
        deprecated: op.deprecated === true,
      });
    }
  }
  const byId = new Map(operations.map((o) => [o.operationId, o]));
  return {
    file,
    document,
    operations,
    byId,
    resolve: (ref) => pointer(document, ref),
    route(method, path) {
      const allowed: string[] = [];
      for (const op of operations) {
        const m = op.pathRegex.exec(path);
        if (!m) continue;
        if (op.method !== method.toUpperCase()) {
          allowed.push(op.method);
          continue;
        }
        const pathParams: Record<string, string> = {};
        op.pathParamNames.forEach((name, i) => {
          const raw = m[i + 1] as string;
          let value = raw;
          try {
            value = decodeURIComponent(raw);
          } catch {
            // A malformed escape stays as sent; the pattern check then rejects it with a 400.
          }
          pathParams[name] = value;
        });
        return { kind: 'matched', operation: op, pathParams };
      }
      return allowed.length > 0 ? { kind: 'methodNotAllowed', allowed } : { kind: 'notFound' };
    },
  };
}
