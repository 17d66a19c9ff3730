/**
 * The bytes of a download file: deterministic per (seed, key), reachable at any offset, never held whole.
 * A file of any size costs one 64 KiB chunk of memory at a time, so a 1 GiB file can be served and
 * hashed at start-up without the heap noticing.
 */
import { createHash } from 'node:crypto';
import type { DownloadKey } from './download-files';
import { bytes as prngBytes, forkRng, hashString } from './prng';

export const FILE_CHUNK = 64 * 1024;

function fileLabel(key: DownloadKey): string {
  return `file:${key.family}:${key.groupId}:${key.clusterName}:${key.jobId}:${key.part}`;
}

/** The whole file in memory: for small files and for tests that check `fileChunks` against it. */
export function fileBytes(seed: number, key: DownloadKey, size: number): Buffer {
  return prngBytes(forkRng(seed, fileLabel(key)), size);
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

/**
 * The bytes `[start, end)` of the same file as `fileBytes`, in fresh chunks of at most `chunkSize` (a
 * socket keeps what it is given until sent), without ever holding the file. About 2 GB/s.
 */
export function* fileChunks(seed: number, key: DownloadKey, start: number, end: number, chunkSize = FILE_CHUNK): Generator<Buffer> {
  const base = baseOf(seed, key);
  for (let pos = start; pos < end; ) {
    // Not zeroed first (fill writes every byte), and never a slice of the shared pool: 4-byte aligned.
    const out = Buffer.allocUnsafeSlow(Math.min(chunkSize, end - pos));
    fill(base, pos, out);
    yield out;
    pos += out.length;
  }
}

/**
 * SHA-1 (or another digest) of a file, computed while generating its bytes into one reused buffer:
 * ~1.2 s per GiB, and no garbage, so memory does not grow with the file even before a GC.
 */
export function fileDigest(seed: number, key: DownloadKey, size: number, algorithm = 'sha1'): string {
  const h = createHash(algorithm);
  const base = baseOf(seed, key);
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
