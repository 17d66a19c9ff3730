/**
 * Turns the spec's OpenAPI 3.0 schemas into JSON Schema that ajv 8 validates *responses* against.
 *
 * What OpenAPI 3.0 means, and how it is kept:
 * - `$ref` siblings are ignored (OpenAPI 3.0 §4.7.24.1), so they are dropped.
 * - `nullable: true` → the type also admits null (and `enum` gains null).
 * - `writeOnly` properties must never appear in a response → the property schema becomes `false`
 *   (and leaves `required`, which for writeOnly applies to requests only). `readOnly` is fine in a response.
 * - `discriminator` + `oneOf` with children that `allOf` back to the parent (the inheritance pattern):
 *   the parent's own keywords move to `<Name>__base`, children refer to that, and each `oneOf`
 *   branch also requires the discriminator property to hold its mapping key(s) — which is what the
 *   discriminator means, and it breaks the parent↔child reference cycle.
 * - annotations (`description`, `example`, `externalDocs`, `deprecated`, `x-*`) are dropped.
 *
 * Errata: two places where the spec, read strictly, rejects every real Atlas answer. Each is fixed
 * narrowly, recorded in `applied`, and the conformance tests check both the list and that the
 * unpatched schema really rejects a realistic value:
 * - E1 `type: object` next to a `oneOf` of string enums (regionName, BaseCloudProviderInstanceSize):
 *   the values are strings and the enums overlap (US_EAST_2 is both an AWS and an Azure region;
 *   M10 is an instance size of all three providers) → `anyOf` of the enums, no object type.
 * - E2 a `oneOf` without discriminator over provider hardware specs whose branches share
 *   properties and require nothing (an AWS M30 spec also satisfies the Azure and GCP branches) → `anyOf`.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { JsonObject } from './spec-document';

export const SCHEMA_ID = 'atlas-spec';
const LOCAL_PREFIX = '#/components/schemas/';
const DROP = new Set(['description', 'example', 'externalDocs', 'deprecated', 'readOnly', 'writeOnly', 'xml', 'discriminator', 'nullable']);

export interface ConvertedSchemas {
  definitions: Record<string, JsonObject>;
  applied: { erratum: 'E1' | 'E2'; at: string }[];
}

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

function isStringEnumBranch(b: JsonObject): boolean {
  return b && b.type === 'string' && Array.isArray(b.enum) && b.$ref === undefined;
}

/** E2 applies only where no branch can exclude another: local refs to objects that require nothing and allow extras. */
function isNonExclusiveObjectOneOf(node: JsonObject, schemas: Record<string, JsonObject>): boolean {
  if (!Array.isArray(node.oneOf) || node.discriminator || node.oneOf.length < 2) return false;
  return node.oneOf.every((b: JsonObject) => {
    const target = typeof b.$ref === 'string' && b.$ref.startsWith(LOCAL_PREFIX) ? schemas[b.$ref.slice(LOCAL_PREFIX.length)] : undefined;
    return (
      target !== undefined &&
      target.type === 'object' &&
      !target.allOf &&
      !target.oneOf &&
      (target.required ?? []).length === 0 &&
      target.additionalProperties === undefined
    );
  });
}

export function convertSchemas(schemasIn: Record<string, JsonObject>, options: { errata?: boolean } = {}): ConvertedSchemas {
  const errata = options.errata ?? true;
  const schemas = clone(schemasIn);
  const applied: ConvertedSchemas['applied'] = [];
  const definitions: Record<string, JsonObject> = {};

  // Discriminated parents (inheritance pattern).
  const baseOf = new Map<string, string>(); // parent → base name
  for (const [name, s] of Object.entries(schemas)) {
    if (!s.discriminator || !Array.isArray(s.oneOf)) continue;
    const prop: string = s.discriminator.propertyName;
    const keysByRef = new Map<string, string[]>();
    for (const [k, ref] of Object.entries<string>(s.discriminator.mapping ?? {})) keysByRef.set(ref, [...(keysByRef.get(ref) ?? []), k]);
    for (const b of s.oneOf as JsonObject[]) {
      if (!keysByRef.has(b.$ref)) keysByRef.set(b.$ref, [String(b.$ref).slice(LOCAL_PREFIX.length)]);
    }
    const base = Object.fromEntries(Object.entries(s).filter(([k]) => k !== 'oneOf' && k !== 'discriminator'));
    const baseName = `${name}__base`;
    schemas[baseName] = base;
    baseOf.set(name, baseName);
    schemas[name] = {
      ...base,
      oneOf: [...keysByRef.entries()].map(([ref, keys]) => ({
        allOf: [{ $ref: ref }],
        properties: { [prop]: { enum: keys } },
        required: [prop],
      })),
    };
  }
  for (const s of Object.values(schemas)) {
    if (!Array.isArray(s.allOf)) continue;
    for (const part of s.allOf as JsonObject[]) {
      const parent = typeof part.$ref === 'string' ? part.$ref.slice(LOCAL_PREFIX.length) : '';
      if (baseOf.has(parent)) part.$ref = LOCAL_PREFIX + baseOf.get(parent);
    }
  }

  const convert = (node: unknown, at: string): unknown => {
    if (typeof node === 'boolean') return node;
    if (!node || typeof node !== 'object' || Array.isArray(node)) return node;
    const n = node as JsonObject;
    if (typeof n.$ref === 'string') {
      if (!n.$ref.startsWith(LOCAL_PREFIX)) throw new Error(`Unsupported $ref ${n.$ref} at ${at}`);
      return { $ref: `${SCHEMA_ID}#/definitions/${n.$ref.slice(LOCAL_PREFIX.length)}` };
    }
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(n)) {
      if (DROP.has(k) || k.startsWith('x-')) continue;
      out[k] = v;
    }
    if (errata && n.type === 'object' && Array.isArray(n.oneOf) && n.oneOf.every(isStringEnumBranch)) {
      applied.push({ erratum: 'E1', at });
      delete out.type;
      out.anyOf = out.oneOf;
      delete out.oneOf;
    } else if (errata && isNonExclusiveObjectOneOf(n, schemas)) {
      applied.push({ erratum: 'E2', at });
      out.anyOf = out.oneOf;
      delete out.oneOf;
    }
    if (n.nullable === true && out.type !== undefined) {
      out.type = Array.isArray(out.type) ? [...out.type, 'null'] : [out.type, 'null'];
      if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    }
    if (out.properties) {
      const props: JsonObject = {};
      const writeOnly: string[] = [];
      for (const [p, s] of Object.entries<JsonObject>(out.properties)) {
        if (s && s.writeOnly === true) {
          props[p] = false;
          writeOnly.push(p);
        } else props[p] = convert(s, `${at}.${p}`);
      }
      out.properties = props;
      if (Array.isArray(out.required)) {
        out.required = out.required.filter((r: string) => !writeOnly.includes(r));
        if (out.required.length === 0) delete out.required;
      }
    }
    if (out.items !== undefined) out.items = convert(out.items, `${at}[]`);
    if (out.additionalProperties !== undefined && typeof out.additionalProperties === 'object') {
      out.additionalProperties = convert(out.additionalProperties, `${at}{}`);
    }
    if (out.not !== undefined) out.not = convert(out.not, `${at}!`);
    for (const k of ['allOf', 'anyOf', 'oneOf']) {
      if (Array.isArray(out[k])) out[k] = (out[k] as unknown[]).map((s, i) => convert(s, `${at}/${k}/${i}`));
    }
    return out;
  };

  for (const [name, s] of Object.entries(schemas)) definitions[name] = convert(s, name) as JsonObject;
  return { definitions, applied };
}

/** An ajv 8 instance that knows the spec's schemas as `atlas-spec#/definitions/<Name>`. */
export function createAjv(converted: ConvertedSchemas): Ajv {
  // strictTypes is off because OpenAPI fragments inside allOf legitimately omit `type`; every other
  // strict check (unknown keywords, formats, tuples) stays on.
  const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false, allowUnionTypes: true });
  addFormats(ajv);
  const int = (bits: 32 | 64) => (n: number) => Number.isInteger(n) && (bits === 64 ? Number.isSafeInteger(n) : n >= -(2 ** 31) && n < 2 ** 31);
  ajv.addFormat('int32', { type: 'number', validate: int(32) });
  ajv.addFormat('int64', { type: 'number', validate: int(64) });
  ajv.addFormat('double', { type: 'number', validate: (n: number) => Number.isFinite(n) });
  ajv.addFormat('float', { type: 'number', validate: (n: number) => Number.isFinite(n) });
  ajv.addSchema({ $id: SCHEMA_ID, definitions: converted.definitions });
  return ajv;
}

export function validatorFor(ajv: Ajv, schemaName: string): ValidateFunction {
  const v = ajv.getSchema(`${SCHEMA_ID}#/definitions/${schemaName}`);
  if (!v) throw new Error(`No schema ${schemaName} in the spec`);
  return v;
}
