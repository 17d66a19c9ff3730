/**
 * Reads an operation's path and query parameters the way the spec declares them: converts the
 * strings to the declared type and validates them (pattern, minimum, maximum) with ajv.
 * Used by the emulator (→ 400) and by `matchRequest` (→ a conformance failure).
 */
import Ajv, { type ValidateFunction } from 'ajv';
import type { JsonObject, SpecOperation } from './spec-document';

export interface ParameterViolation {
  field: string;
  description: string;
}

export interface ParsedParameters {
  values: Record<string, string | number | boolean>;
  violations: ParameterViolation[];
  /** Query parameters the operation does not declare (the emulator ignores them, as Atlas does). */
  unknownQuery: string[];
}

const ajv = new Ajv({ allErrors: true, strict: true });
const compiled = new WeakMap<JsonObject, ValidateFunction>();
const ANNOTATIONS = new Set(['description', 'example', 'externalDocs', 'title']);

function validatorFor(schema: JsonObject): ValidateFunction {
  let v = compiled.get(schema);
  if (!v) {
    const clean = Object.fromEntries(Object.entries(schema).filter(([k]) => !ANNOTATIONS.has(k) && !k.startsWith('x-')));
    v = ajv.compile(clean);
    compiled.set(schema, v);
  }
  return v;
}

function convert(raw: string, schema: JsonObject): string | number | boolean | undefined {
  switch (schema.type) {
    case 'boolean':
      if (/^true$/i.test(raw)) return true;
      if (/^false$/i.test(raw)) return false;
      return undefined;
    case 'integer':
      return /^[+-]?\d{1,15}$/.test(raw) ? Number(raw) : undefined;
    case 'number':
      return raw.trim() !== '' && Number.isFinite(Number(raw)) ? Number(raw) : undefined;
    default:
      return raw;
  }
}

function describe(schema: JsonObject, value: string): string {
  const limits: string[] = [];
  if (schema.type) limits.push(`${/^[aeiou]/.test(String(schema.type)) ? 'an' : 'a'} ${schema.type}`);
  if (schema.minimum !== undefined) limits.push(`at least ${schema.minimum}`);
  if (schema.maximum !== undefined) limits.push(`at most ${schema.maximum}`);
  if (schema.pattern) limits.push(`matching ${schema.pattern}`);
  return `Invalid value '${value.slice(0, 80)}': must be ${limits.join(', ')}.`;
}

export function parseParameters(
  operation: SpecOperation,
  pathParams: Record<string, string>,
  query: URLSearchParams,
): ParsedParameters {
  const values: ParsedParameters['values'] = {};
  const violations: ParameterViolation[] = [];
  for (const param of operation.parameters) {
    if (param.in === 'header') continue;
    const raw = param.in === 'path' ? pathParams[param.name] : (query.getAll(param.name)[0] ?? undefined);
    if (raw === undefined) {
      if (param.required) violations.push({ field: param.name, description: 'This parameter is required.' });
      else if (param.schema.default !== undefined) values[param.name] = param.schema.default;
      continue;
    }
    const value = convert(raw, param.schema);
    if (value === undefined || !validatorFor(param.schema)(value)) {
      violations.push({ field: param.name, description: describe(param.schema, raw) });
      continue;
    }
    values[param.name] = value;
  }
  const declared = new Set(operation.parameters.filter((p) => p.in === 'query').map((p) => p.name));
  const unknownQuery = [...new Set(query.keys())].filter((k) => !declared.has(k));
  return { values, violations, unknownQuery };
}
