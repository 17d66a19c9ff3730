/**
 * The bytes of a download file: deterministic per (seed, key), reachable at any offset, never held whole.
 *
 * The first TILE bytes are a PRNG stream (mulberry32, see `fill`); every further TILE bytes are that tile
 * rotated by an amount drawn per tile, never 0. So a file up to 1 MiB — every demo file — is the stream
 * itself, and a large one is served as slices of one cached tile: no byte is generated or copied while
 * sending. Generating 1 GiB cost the emulator 0.7–2.7 s of CPU, taken from the client it shares two cores
 * with in the download benchmark; sending slices leaves it only its socket writes. A client that reads the
 * wrong offset still gets wrong bytes: no two tiles of a file are the same rotation unless their draws collide
 * (1 in a million per pair), and a shift by any amount below a tile lands in other bytes.
 */
import { createHash } from 'node:crypto';
import type { DownloadKey } from './download-files';
import { bytes as prngBytes, forkRng, hashString } from './prng';

export const FILE_CHUNK = 64 * 1024;
/** A multiple of 4 (the stream is drawn in 32-bit words) and of FILE_CHUNK. */
export const FILE_TILE = 1024 * 1024;

function fileLabel(key: DownloadKey): string {
  return `file:${key.family}:${key.groupId}:${key.clusterName}:${key.jobId}:${key.part}`;
}

/** The whole file in memory: for small files and for tests that check `fileChunks` against it. */
export function fileBytes(seed: number, key: DownloadKey, size: number): Buffer {
  if (size <= FILE_TILE) return prngBytes(forkRng(seed, fileLabel(key)), size);
  return Buffer.concat([...fileChunks(seed, key, 0, size, FILE_TILE)], size);
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

function baseOf(seed: number, key: DownloadKey): number {
  return hashString(`${seed >>> 0}:${fileLabel(key)}`);
}

/**
 * Writes the file's bytes `[pos, pos + out.length)` into `out`. mulberry32's state after k draws is
 * `seed + k·0x6d2b79f5`, so any offset is reached at once: byte i is byte `i % 4` (little-endian) of
 * draw `floor(i / 4)`.
 */
function fill(base: number, pos: number, out: Buffer): void {
  const draw = (k: number): number => {
    // the state after k+1 draws; Math.imul multiplies mod 2^32 (files under 16 GiB: k + 1 < 2^32)
    const a = (base + Math.imul((k + 1) >>> 0, 0x6d2b79f5)) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  const n = out.length;
  let i = 0;
  const head = Math.min(n, (4 - (pos % 4)) % 4); // a leading partial word
  for (; i < head; i++) out[i] = (draw(Math.floor((pos + i) / 4)) >>> (8 * ((pos + i) % 4))) & 0xff;
  const words = (n - head) >>> 2;
  if (words > 0) {
    // Whole words go through an Int32Array: in place when `out` is 4-byte aligned there, else copied.
    // The state stays a signed 32-bit value (`| 0`), which V8 keeps unboxed: ~20 % faster than `>>> 0`.
    const aligned = (out.byteOffset + head) % 4 === 0;
    const body = aligned ? new Int32Array(out.buffer, out.byteOffset + head, words) : new Int32Array(words);
    let a = (base + Math.imul(((pos + i) / 4 + 1) >>> 0, 0x6d2b79f5)) | 0;
    for (let w = 0; w < words; w++) {
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      body[w] = t ^ (t >>> 14);
      a = (a + 0x6d2b79f5) | 0;
    }
    if (!LITTLE_ENDIAN) Buffer.from(body.buffer, body.byteOffset, words * 4).swap32();
    if (!aligned) out.set(new Uint8Array(body.buffer, 0, words * 4), head);
    i += words * 4;
  }
  if (i < n) {
    const v = draw((pos + i) / 4);
    for (let b = 0; i < n; i++, b++) out[i] = (v >>> (8 * b)) & 0xff;
  }
}

/** The file's first tile, made once per file and kept while it is among the last few served. */
const tiles = new Map<number, Buffer>();
const TILES_KEPT = 8;

function tileOf(base: number): Buffer {
  let tile = tiles.get(base);
  if (tile) {
    tiles.delete(base);
  } else {
    tile = Buffer.allocUnsafeSlow(FILE_TILE);
    fill(base, 0, tile);
    if (tiles.size >= TILES_KEPT) tiles.delete(tiles.keys().next().value as number);
  }
  tiles.set(base, tile); // last used goes last
  return tile;
}

/** How far tile `t` (t ≥ 1) is rotated: 1 to FILE_TILE − 1, drawn from the file and the tile's number. */
function rotation(base: number, t: number): number {
  let h = Math.imul(base ^ Math.imul(t, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return 1 + ((h >>> 0) % (FILE_TILE - 1));
}

/**
 * The bytes `[start, end)` as slices of the tile, at most `chunkSize` each. Tile t holds
 * `tile[(i + r) mod TILE]` at its offset i: from `r` to the tile's end, then from its start.
 */
function* tiledSlices(base: number, start: number, end: number, chunkSize: number): Generator<Buffer> {
  const tile = tileOf(base);
  for (let pos = start; pos < end; ) {
    const t = Math.floor(pos / FILE_TILE);
    const r = t === 0 ? 0 : rotation(base, t);
    const from = (pos - t * FILE_TILE + r) % FILE_TILE;
    const n = Math.min(chunkSize, end - pos, FILE_TILE - from, (t + 1) * FILE_TILE - pos);
    yield tile.subarray(from, from + n);
    pos += n;
  }
}

/**
 * The bytes `[start, end)` of the same file as `fileBytes`, in chunks of at most `chunkSize`, without ever
 * holding the file. Within the first tile they are fresh buffers; past it, slices of the file's cached tile,
 * which nothing may write to (a socket keeps what it is given until sent; a fault that changes a byte copies
 * its chunk first).
 */
export function* fileChunks(seed: number, key: DownloadKey, start: number, end: number, chunkSize = FILE_CHUNK): Generator<Buffer> {
  const base = baseOf(seed, key);
  if (end <= FILE_TILE) {
    for (let pos = start; pos < end; ) {
      // Not zeroed first (fill writes every byte), and never a slice of the shared pool: 4-byte aligned.
      const out = Buffer.allocUnsafeSlow(Math.min(chunkSize, end - pos));
      fill(base, pos, out);
      yield out;
      pos += out.length;
    }
    return;
  }
  yield* tiledSlices(base, start, end, chunkSize);
}

/**
 * SHA-1 (or another digest) of a file, without holding it: a small file's bytes are generated into one
 * reused buffer, a large one's are its tile's slices (~0.6 s per GiB, the hash alone).
 */
export function fileDigest(seed: number, key: DownloadKey, size: number, algorithm = 'sha1'): string {
  const h = createHash(algorithm);
  const base = baseOf(seed, key);
  if (size > FILE_TILE) {
    for (const slice of tiledSlices(base, 0, size, FILE_TILE)) h.update(slice);
    return h.digest('hex');
  }
  const scratch = Buffer.alloc(FILE_CHUNK);
  for (let pos = 0; pos < size; pos += FILE_CHUNK) {
    const chunk = scratch.subarray(0, Math.min(FILE_CHUNK, size - pos));
    fill(base, pos, chunk);
    h.update(chunk);
  }
  return h.digest('hex');
}

export function sha1Hex(data: Buffer): string {
  return createHash('sha1').update(data).digest('hex');
}
