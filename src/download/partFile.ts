import * as l10n from '@vscode/l10n';
import { open, type FileHandle } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { READ_BYTES, type BodySink } from './httpGet';
import { Sha1Worker, sharedBuffer } from './sha1Worker';
import { DownloadError } from './types';

const BATCH_BYTES = 1 << 20;

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
  private batch = sharedBuffer(BATCH_BYTES);
  private spare = sharedBuffer(BATCH_BYTES);
  private digest: string | undefined;
  private filled = 0;
  private writing = 0;
  /** Bytes that came while both buffers were busy, in order. */
  private waiting: Buffer[] = [];
  private failed: unknown;
  private inFlight: Promise<void> = Promise.resolve();

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
   * Takes the body to the end of the file. Bytes are gathered into 1 MiB writes: on these machines a
   * 64 KiB write (what a socket read gives) costs four times the system time per byte of a 1 MiB one.
   * One batch is written while the next fills; when both are busy the body is paused until one is free.
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

  /** Copies `chunk` (a view the caller reuses) in; true when the caller should wait for `drain` before more. */
  private take(chunk: Buffer): boolean {
    if (this.waiting.length > 0) {
      this.waiting.push(Buffer.from(chunk));
      return true;
    }
    for (let from = 0; from < chunk.length; ) {
      if (this.filled === BATCH_BYTES) {
        if (this.writing > 0 || this.failed) {
          // Both buffers are busy: keep the rest aside (at most one socket read) and ask for a pause.
          this.waiting.push(Buffer.from(chunk.subarray(from)));
          return true;
        }
        this.startWrite();
      }
      const n = Math.min(chunk.length - from, BATCH_BYTES - this.filled);
      chunk.copy(this.batch, this.filled, from, from + n);
      this.filled += n;
      from += n;
    }
    if (this.filled === BATCH_BYTES && this.writing === 0 && !this.failed) this.startWrite();
    // Busy while the next read might not fit beside a write in flight: `waiting` is then never needed on the
    // usual path, and its copies (fresh memory, which page-faults) are not made per read.
    return this.failed !== undefined || (this.writing > 0 && BATCH_BYTES - this.filled < READ_BYTES);
  }

  /** Resolves when a full batch and what waits behind it have moved on; rejects with a disk failure. */
  private async drain(): Promise<void> {
    for (;;) {
      await this.inFlight;
      if (BATCH_BYTES - this.filled < READ_BYTES) this.startWrite();
      while (this.waiting.length > 0 && this.filled < BATCH_BYTES) {
        const next = this.waiting[0]!;
        const n = Math.min(next.length, BATCH_BYTES - this.filled);
        next.copy(this.batch, this.filled, 0, n);
        this.filled += n;
        if (n === next.length) this.waiting.shift();
        else this.waiting[0] = next.subarray(n);
      }
      if (this.waiting.length === 0 && (this.writing === 0 || BATCH_BYTES - this.filled >= READ_BYTES)) return;
    }
  }

  /** Starts writing what is gathered (the other buffer fills meanwhile); the caller knows no write is in flight. */
  private startWrite(): void {
    if (this.filled === 0) return;
    const out = this.batch.subarray(0, this.filled);
    [this.batch, this.spare] = [this.spare, this.batch];
    this.writing = this.filled;
    this.filled = 0;
    this.inFlight = this.append(out).then(
      () => {
        this.writing = 0;
      },
      (error: unknown) => {
        this.writing = 0;
        this.failed = error;
        throw error;
      },
    );
    // A failed write is reported by whoever waits next; keep it from counting as unhandled meanwhile.
    this.inFlight.catch(() => undefined);
  }

  /** Everything gathered is on disk (or the disk failed, which rejects). */
  private async flush(): Promise<void> {
    await this.drain();
    await this.inFlight;
    this.startWrite();
    await this.inFlight;
  }

  /**
   * Writes `buffer` whole at the end of the file while the worker hashes it, then counts it. A failed
   * write ends the download (disk errors are not retried), and the next run hashes the `.part` afresh.
   */
  private async append(buffer: Buffer): Promise<void> {
    const writing = (async () => {
      try {
        for (let offset = 0; offset < buffer.length; ) {
          const { bytesWritten } = await this.handle.write(buffer, offset, buffer.length - offset);
          offset += bytesWritten;
        }
      } catch (error) {
        throw diskError(error, this.path);
      }
    })();
    const hashing = this.hash.update(buffer).catch((error: unknown) => {
      throw hashError(error, this.path);
    });
    // Both must be done before the buffer is refilled, whichever fails.
    const [wrote, hashed] = await Promise.allSettled([writing, hashing]);
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
