import { Worker } from 'node:worker_threads';

/*
 * The SHA-1 of a download, computed on a worker thread while the main thread receives the next batch and
 * the thread pool writes this one. Hashing is ~0.7 s of CPU per GiB, as much as receiving and writing
 * together: on the extension host's own thread it halved the rate on a fast link and held up every other
 * extension meanwhile. Batches are shared (SharedArrayBuffer), never copied to the worker; the owner must
 * not refill one until `update` of it has resolved. The worker's code is a string, so it needs no file
 * of its own next to the bundle.
 */
const WORKER_CODE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { createReadStream } = require('node:fs');
let hash = createHash('sha1');
const views = [];
const reply = (id, value) => parentPort.postMessage({ id, value });
const fail = (id, error) => parentPort.postMessage({ id, error: { message: String(error && error.message), code: error && error.code } });
parentPort.on('message', (m) => {
  try {
    if (m.type === 'update') {
      if (m.buffer) views[m.slot] = new Uint8Array(m.buffer);
      hash.update(views[m.slot].subarray(m.offset, m.offset + m.length));
      reply(m.id);
    } else if (m.type === 'reset') {
      hash = createHash('sha1');
      reply(m.id);
    } else if (m.type === 'digest') {
      reply(m.id, hash.digest('hex'));
    } else if (m.type === 'file') {
      const stream = createReadStream(m.path, { end: m.end });
      stream.on('data', (chunk) => hash.update(chunk));
      stream.on('error', (e) => fail(m.id, e));
      stream.on('end', () => reply(m.id));
    }
  } catch (e) {
    fail(m.id, e);
  }
});
`;

interface Reply {
  id: number;
  value?: string;
  error?: { message: string; code?: string };
}

export class Sha1Worker {
  private readonly worker = new Worker(WORKER_CODE, { eval: true });
  private readonly waiting = new Map<number, { resolve(value: string | undefined): void; reject(e: Error): void }>();
  private nextId = 0;
  private broken: Error | undefined;
  /**
   * The shared buffers the worker has been sent, by slot: each goes once, later updates name its slot. Posting
   * a SharedArrayBuffer costs ~0.15 ms (a new handle on the other side), 0.15 s of the main thread per GiB
   * in 1 MiB batches; a message of four numbers costs a tenth of that.
   */
  private readonly slots = new Map<ArrayBufferLike, number>();

  constructor() {
    this.worker.on('message', (m: Reply) => {
      const w = this.waiting.get(m.id);
      this.waiting.delete(m.id);
      if (m.error) w?.reject(Object.assign(new Error(m.error.message), m.error.code ? { code: m.error.code } : {}));
      else w?.resolve(m.value);
    });
    const breakAll = (error: Error) => {
      this.broken ??= error;
      for (const w of this.waiting.values()) w.reject(this.broken);
      this.waiting.clear();
    };
    this.worker.on('error', breakAll);
    this.worker.on('exit', () => breakAll(new Error('the SHA-1 worker stopped')));
  }

  /** Hashes `view`, a view of a SharedArrayBuffer; resolves when the worker has read it. */
  async update(view: Buffer): Promise<void> {
    if (!(view.buffer instanceof SharedArrayBuffer)) throw new TypeError('update needs a view of a SharedArrayBuffer');
    let slot = this.slots.get(view.buffer);
    const first = slot === undefined;
    if (slot === undefined) this.slots.set(view.buffer, (slot = this.slots.size));
    await this.ask({ type: 'update', slot, ...(first ? { buffer: view.buffer } : {}), offset: view.byteOffset, length: view.length });
  }

  /** Hashes the first `bytes` of the file at `path` (a `.part` being resumed). */
  async updateFromFile(path: string, bytes: number): Promise<void> {
    if (bytes > 0) await this.ask({ type: 'file', path, end: bytes - 1 });
  }

  async reset(): Promise<void> {
    await this.ask({ type: 'reset' });
  }

  /** The hex digest; the hash cannot be used after it. */
  async digest(): Promise<string> {
    return (await this.ask({ type: 'digest' })) ?? '';
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }

  private ask(message: Record<string, unknown>): Promise<string | undefined> {
    if (this.broken) return Promise.reject(this.broken);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ ...message, id });
    });
  }
}

/** A Buffer over fresh shared memory, for batches the worker hashes in place. */
export function sharedBuffer(bytes: number): Buffer {
  return Buffer.from(new SharedArrayBuffer(bytes));
}
