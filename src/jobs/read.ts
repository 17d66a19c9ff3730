/**
 * Typed readers of values from Atlas. Whatever the spec says, a field the code reads may be missing,
 * `null`, of another type or absurdly long, so documents are read through these instead of trusting
 * the types in src/atlas/types.ts: each returns the value when it has the type asked for, else
 * `undefined` (or an empty list).
 */

/** A JSON object as read from Atlas: any key may hold anything. */
export type Fields = Readonly<Record<string, unknown>>;

/** A JSON object (not null, not an array). */
export function readObject(value: unknown): Fields | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Fields) : undefined;
}

/** A non-empty string: an empty one tells as little as a missing one. */
export function readString(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** A finite number. */
export function readNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function readBoolean(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

/** An array, or none at all. */
export function readArray(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The objects of an array, each with its index in the array (so a path can name it). */
export function readObjects(value: unknown): { item: Fields; index: number }[] {
  return readArray(value).flatMap((v, index) => {
    const item = readObject(v);
    return item ? [{ item, index }] : [];
  });
}

/**
 * An enum value as Atlas wrote it: a string as it is, a number or boolean as text (Atlas sent the
 * wrong type, but that is still what it said). Anything else is no value.
 */
export function readRaw(value: unknown): string | undefined {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return readString(value);
}

/** The entry of a lookup table for an enum value, never one of Object's own (`constructor`, `__proto__`). */
export function lookup<T>(table: ReadonlyMap<string, T>, value: string | undefined): T | undefined {
  return value === undefined ? undefined : table.get(value);
}
