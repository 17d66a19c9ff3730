import * as l10n from '@vscode/l10n';
import { open, type FileHandle } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { READ_BYTES, type BodySink } from './httpGet';
import { Sha1Worker, sharedBuffer } from './sha1Worker';
import { DownloadError } from './types';

/**
 * 4 MiB: every batch costs a message to the hash worker and a write on the thread pool, and each hop
 * between threads costs ~0.1 ms on these machines (0.35 s per GiB in 1 MiB batches, 0.1 s in 4 MiB ones).
 */
const BATCH_BYTES = 4 << 20;
/** One filling, two being written and hashed: room for the hash worker to fall behind for a moment. */
const BATCHES = 3;

const DISK_WORDS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the disk is read-only',
  ENOTDIR: 'the folder is not a folder',
  ENOENT: 'the folder does not exist',
  EISDIR: 'a folder has that name',
};

/** The hash worker failed (it does not, short of running out of memory): said as such, naming the file. */
function hashError(error: unknown, path: string): DownloadError {
  if (error instanceof DownloadError) return error;
  return new DownloadError('disk', l10n.t('Cannot compute the SHA-1 of {0}: {1}.', basename(path), String((error as Error | undefined)?.message ?? error)));
}

/** A file-system failure as a 'disk' DownloadError naming the file and its folder. */
export function diskError(error: unknown, path: string): DownloadError {
  if (error instanceof DownloadError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? 'EIO';
  const why = DISK_WORDS[code] ?? l10n.t('error {0}', code);
  return new DownloadError('disk', l10n.t('Cannot write {0} in {1}: {2} ({3}).', basename(path), dirname(path), why, code), { code });
}

/**
 * The `.part` file: each batch is written and hashed together (the hash on a worker thread), and counted
 * only once both are done, so the SHA-1 always covers exactly the bytes on disk — after a dropped
 * connection the hash is still right, without reading the file again.
 */
export class PartFile {
  /** The batch being filled; the others are `free` or being written and hashed. */
  private batch = sharedBuffer(BATCH_BYTES);
  private readonly free = Array.from({ length: BATCHES - 1 }, () => sharedBuffer(BATCH_BYTES));
  private digest: string | undefined;
  private filled = 0;
  /** Bytes being written and hashed, in batches that are neither filling nor free. */
  private writing = 0;
  /** Bytes that came while every batch was busy, in order. */
  private waiting: Buffer[] = [];
  private failed: unknown;
  /** Each batch being written and hashed, until it is free again (rejecting if its write failed). */
  private readonly inFlight = new Set<Promise<void>>();
  /** The last batch's write: the next one starts after it, so batches land in order. */
  private lastWrite: Promise<void> = Promise.resolve();

  private constructor(
    readonly path: string,
    private readonly handle: FileHandle,
    private readonly hash: Sha1Worker,
    /** Bytes on disk (and in the hash); what is gathered but not yet written is `pending`. */
    public bytes: number,
  ) {}

  /** Opens (or creates) the `.part`; bytes already there (a cancelled run) are hashed once. */
  static async open(path: string): Promise<PartFile> {
    let handle: FileHandle | undefined;
    const hash = new Sha1Worker();
    try {
      handle = await open(path, 'a');
      const { size } = await handle.stat();
      await hash.updateFromFile(path, size);
      return new PartFile(path, handle, hash, size);
    } catch (error) {
      await handle?.close().catch(() => undefined);
      await hash.close();
      throw diskError(error, path);
    }
  }

  /** Back to zero bytes and a fresh hash: the server sent the whole file again. */
  async restart(): Promise<void> {
    try {
      await this.handle.truncate(0);
    } catch (error) {
      throw diskError(error, this.path);
    }
    await this.hash.reset().catch((error: unknown) => {
      throw hashError(error, this.path);
    });
    this.bytes = 0;
  }

  /**
   * Takes the body to the end of the file. Bytes are gathered into 4 MiB writes: on these machines a
   * 64 KiB write (what a socket read gives) costs four times the system time per byte of a 1 MiB one.
   * The socket reads straight into the batch being filled (BodySink.space) while the others are written
   * and hashed; when all are busy the body is paused until one is free.
   * Bytes received before a failure still land, so a resume continues after them. Disk failures reject
   * as 'disk'; the body's own errors as they are.
   */
  async writeFrom(body: { read(sink: BodySink): Promise<void> }, onBytes: () => void): Promise<void> {
    try {
      await body.read({
        take: (chunk) => {
          const busy = this.take(chunk);
          onBytes();
          return busy;
        },
        drained: () => this.drain(),
        space: () => this.space(),
      });
    } finally {
      // The body failed with bytes gathered or a write in flight: land them, so bytes and hash agree.
      await this.flush();
    }
  }

  /** Bytes received but not yet on disk (gathered, waiting, or being written). */
  get pending(): number {
    return this.filled + this.writing + this.waiting.reduce((n, b) => n + b.length, 0);
  }

  /**
   * The free end of the batch being filled, for the next socket read to land in (see BodySink.space): it
   * stays this batch's until that read's `take`, since batches only change hands in `take` and `drain`,
   * and the body is paused while `drain` runs.
   */
  private space(): Buffer | undefined {
    if (this.waiting.length > 0 || this.failed !== undefined || this.filled === BATCH_BYTES) return undefined;
    return this.batch.subarray(this.filled);
  }

  /**
   * Takes `chunk` in: already in place when the socket read into `space()`, else copied (it is a view the
   * caller reuses). True when the caller should wait for `drain` before more.
   */
  private take(chunk: Buffer): boolean {
    if (this.waiting.length > 0) {
      this.waiting.push(Buffer.from(chunk));
      return true;
    }
    const inPlace = chunk.buffer === this.batch.buffer && chunk.byteOffset === this.batch.byteOffset + this.filled && chunk.length <= BATCH_BYTES - this.filled;
    if (inPlace) this.filled += chunk.length;
    else if (!this.copyIn(chunk)) return true;
    this.writeIfFull();
    return this.failed !== undefined || !this.roomy();
  }

  /** A full batch goes to be written and hashed as soon as another is free to fill. */
  private writeIfFull(): void {
    if (this.filled === BATCH_BYTES && this.free.length > 0 && this.failed === undefined) this.startWrite();
  }

  /**
   * Whether the next read (at most READ_BYTES) fits without being put aside: `waiting` is then never needed
   * on the usual path, and its copies (fresh memory, which page-faults) are not made per read.
   */
  private roomy(): boolean {
    return this.free.length > 0 || BATCH_BYTES - this.filled >= READ_BYTES;
  }

  /** Copies `chunk` into the batches; false when all were busy and the rest of it was put aside. */
  private copyIn(chunk: Buffer): boolean {
    for (let from = 0; from < chunk.length; ) {
      if (this.filled === BATCH_BYTES) {
        if (this.free.length === 0 || this.failed) {
          // Every batch is busy: keep the rest aside (at most one socket read) and ask for a pause.
          this.waiting.push(Buffer.from(chunk.subarray(from)));
          return false;
        }
        this.startWrite();
      }
      const n = Math.min(chunk.length - from, BATCH_BYTES - this.filled);
      chunk.copy(this.batch, this.filled, from, from + n);
      this.filled += n;
      from += n;
    }
    return true;
  }

  /** Resolves when what waits is in a batch and the next read fits; rejects with a disk failure. */
  private async drain(): Promise<void> {
    for (;;) {
      if (this.failed !== undefined) throw this.failed;
      if (this.free.length === 0 && this.inFlight.size > 0) await Promise.race(this.inFlight);
      this.writeIfFull();
      while (this.waiting.length > 0 && this.filled < BATCH_BYTES) {
        const next = this.waiting[0]!;
        const n = Math.min(next.length, BATCH_BYTES - this.filled);
        next.copy(this.batch, this.filled, 0, n);
        this.filled += n;
        if (n === next.length) this.waiting.shift();
        else this.waiting[0] = next.subarray(n);
        this.writeIfFull();
      }
      if (this.waiting.length === 0 && this.roomy()) return;
    }
  }

  /**
   * Starts writing and hashing what is gathered, after the batches before it; a free batch fills meanwhile.
   * The caller knows one is free.
   */
  private startWrite(): void {
    if (this.filled === 0) return;
    const full = this.batch;
    const out = full.subarray(0, this.filled);
    this.batch = this.free.pop()!;
    this.writing += out.length;
    this.filled = 0;
    const written = this.write(out, this.lastWrite);
    this.lastWrite = written;
    const done: Promise<void> = this.append(out, written).then(
      () => {
        this.writing -= out.length;
        this.free.push(full);
        this.inFlight.delete(done);
      },
      (error: unknown) => {
        this.writing -= out.length;
        this.free.push(full);
        this.inFlight.delete(done);
        this.failed ??= error;
        throw error;
      },
    );
    this.inFlight.add(done);
    // A failed write is reported by whoever waits next; keep it from counting as unhandled meanwhile.
    done.catch(() => undefined);
    written.catch(() => undefined);
  }

  /** Everything gathered is on disk (or the disk failed, which rejects). */
  private async flush(): Promise<void> {
    await this.drain();
    await Promise.all(this.inFlight);
    this.startWrite();
    await Promise.all(this.inFlight);
  }

  /** Writes `buffer` whole at the end of the file once `after` (the batch before it) is written. */
  private async write(buffer: Buffer, after: Promise<void>): Promise<void> {
    await after;
    try {
      for (let offset = 0; offset < buffer.length; ) {
        const { bytesWritten } = await this.handle.write(buffer, offset, buffer.length - offset);
        offset += bytesWritten;
      }
    } catch (error) {
      throw diskError(error, this.path);
    }
  }

  /**
   * Hashes `buffer` on the worker while `written` (its write) lands, then counts it. A failed write ends the
   * download (disk errors are not retried), and the next run hashes the `.part` afresh.
   */
  private async append(buffer: Buffer, written: Promise<void>): Promise<void> {
    const hashing = this.hash.update(buffer).catch((error: unknown) => {
      throw hashError(error, this.path);
    });
    // Both must be done before the buffer is refilled, whichever fails.
    const [wrote, hashed] = await Promise.allSettled([written, hashing]);
    if (wrote.status === 'rejected') throw wrote.reason;
    if (hashed.status === 'rejected') throw hashed.reason;
    this.bytes += buffer.length;
  }

  /** The SHA-1 of everything written; known once `close` has resolved. */
  sha1(): string {
    if (this.digest === undefined) throw new Error('PartFile.sha1 before close');
    return this.digest;
  }

  /** Closes the file and ends the hash (its digest is then `sha1()`). */
  async close(): Promise<void> {
    let failure: DownloadError | undefined;
    try {
      this.digest = await this.hash.digest();
    } catch (error) {
      failure = hashError(error, this.path);
    }
    await this.hash.close();
    try {
      await this.handle.close();
    } catch (error) {
      throw diskError(error, this.path);
    }
    if (failure) throw failure;
  }

}
