/**
 * A tiny seeded PRNG (mulberry32) and the helpers the data generator needs.
 *
 * Hand-written on purpose: the generator must give byte-identical data for the same seed on every
 * platform and Node version, cost nothing at start-up, and be able to fork independent streams per
 * cluster (so lazily generated clusters do not depend on the order in which they are first read).
 * Thirty lines of a well-known public-domain algorithm do that; no package adds anything here.
 */

export type Rng = () => number;

/** mulberry32: 32-bit state, period 2^32, good enough for test data (not for cryptography). */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a over a string: turns (seed, label) into a sub-seed so streams can be forked by name. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** An independent stream for `label` under `seed`. */
export function forkRng(seed: number, label: string): Rng {
  return mulberry32(hashString(`${seed >>> 0}:${label}`));
}

export function randInt(rng: Rng, min: number, maxInclusive: number): number {
  return min + Math.floor(rng() * (maxInclusive - min + 1));
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)] as T;
}

export function hex(rng: Rng, length: number): string {
  let out = '';
  while (out.length < length) out += Math.floor(rng() * 0x100000000).toString(16).padStart(8, '0');
  return out.slice(0, length);
}

/** A 24-hex id like Atlas's ObjectIds. */
export function objectId(rng: Rng): string {
  return hex(rng, 24);
}

/** A stable 24-hex id derived from a text (ids that must not change between calls, with no PRNG at hand). */
export function textObjectId(text: string): string {
  let out = '';
  for (let i = 0; out.length < 24; i++) out += hashString(`${text}:${i}`).toString(16).padStart(8, '0');
  return out.slice(0, 24);
}

/**
 * The id with its first four bytes set to `atMs` in seconds, as in a real ObjectId. Atlas restore
 * jobs of the cloud backup, serverless and flex families carry no creation date, so clients read it
 * from the id; the emulator's ids must tell the same time as the rest of the document.
 */
export function stampObjectId(id: string, atMs: number): string {
  return Math.floor(atMs / 1000).toString(16).padStart(8, '0').slice(-8) + id.slice(8);
}

/** An RFC 4122 version-4 shaped UUID (ajv-formats checks the shape). */
export function uuid(rng: Rng): string {
  const h = hex(rng, 32).split('');
  h[12] = '4';
  h[16] = '89ab'[parseInt(h[16] ?? '0', 16) & 3] as string;
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/** `length` deterministic bytes. */
export function bytes(rng: Rng, length: number): Buffer {
  const out = Buffer.alloc(length);
  for (let i = 0; i < length; i += 4) {
    const v = Math.floor(rng() * 0x100000000);
    for (let k = 0; k < 4 && i + k < length; k++) out[i + k] = (v >>> (8 * k)) & 0xff;
  }
  return out;
}
