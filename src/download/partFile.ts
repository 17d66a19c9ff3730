import * as l10n from '@vscode/l10n';
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { Readable } from 'node:stream';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
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

/** A file-system failure as a 'disk' DownloadError naming the file and its folder. */
export function diskError(error: unknown, path: string): DownloadError {
  if (error instanceof DownloadError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? 'EIO';
  const why = DISK_WORDS[code] ?? l10n.t('error {0}', code);
  return new DownloadError('disk', l10n.t('Cannot write {0} in {1}: {2} ({3}).', basename(path), dirname(path), why, code), { code });
}

/**
 * The `.part` file: bytes are appended and hashed in the same step, so the SHA-1 always covers exactly
 * the bytes on disk — after a dropped connection the hash is still right, without reading the file again.
 */
export class PartFile {
  private batch = Buffer.allocUnsafe(BATCH_BYTES);
  private spare = Buffer.allocUnsafe(BATCH_BYTES);
  private filled = 0;
  private writing = 0;
  private inFlight: Promise<void> = Promise.resolve();

  private constructor(
    readonly path: string,
    private readonly handle: FileHandle,
    private hash: Hash,
    /** Bytes on disk (and in the hash); what is gathered but not yet written is `pending`. */
    public bytes: number,
  ) {}

  /** Opens (or creates) the `.part`; bytes already there (a cancelled run) are hashed once. */
  static async open(path: string): Promise<PartFile> {
    let handle: FileHandle | undefined;
    try {
      handle = await open(path, 'a');
      const { size } = await handle.stat();
      const hash = createHash('sha1');
      if (size > 0) for await (const chunk of createReadStream(path, { end: size - 1 })) hash.update(chunk as Buffer);
      return new PartFile(path, handle, hash, size);
    } catch (error) {
      await handle?.close().catch(() => undefined);
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
    this.hash = createHash('sha1');
    this.bytes = 0;
  }

  /**
   * Streams `source` to the end of the file. Bytes are gathered into 1 MiB writes: on these machines
   * a 64 KiB write (what a socket read gives) costs four times the system time per byte of a 1 MiB one,
   * which made a download CPU-bound at half curl's rate. One batch is written while the next fills.
   * Bytes received before a failure still land, so a resume continues after them. Disk failures reject
   * as 'disk'; the source's own errors as they are.
   */
  async writeFrom(source: Readable, onBytes: () => void): Promise<void> {
    const sink = new Writable({
      highWaterMark: BATCH_BYTES,
      write: (chunk: Buffer, _encoding, done) => {
        this.take(chunk).then(() => {
          onBytes();
          done();
        }, done);
      },
      final: (done) => {
        this.flush().then(() => done(), done);
      },
    });
    try {
      await pipeline(source, sink);
    } finally {
      // The source failed with bytes gathered or a write in flight: land them, so bytes and hash agree.
      await this.flush();
    }
  }

  /** Bytes received but not yet on disk (gathered, or being written). */
  get pending(): number {
    return this.filled + this.writing;
  }

  private async take(chunk: Buffer): Promise<void> {
    for (let from = 0; from < chunk.length; ) {
      const n = Math.min(chunk.length - from, BATCH_BYTES - this.filled);
      chunk.copy(this.batch, this.filled, from, from + n);
      this.filled += n;
      from += n;
      if (this.filled === BATCH_BYTES) await this.startWrite();
    }
  }

  /** Waits for the write in flight, then starts writing what is gathered (the other buffer fills meanwhile). */
  private async startWrite(): Promise<void> {
    await this.inFlight;
    if (this.filled === 0) return;
    const out = this.batch.subarray(0, this.filled);
    [this.batch, this.spare] = [this.spare, this.batch];
    this.writing = this.filled;
    this.filled = 0;
    this.inFlight = this.append(out).finally(() => {
      this.writing = 0;
    });
    // A failed write is reported by whoever waits next; keep it from counting as unhandled meanwhile.
    this.inFlight.catch(() => undefined);
  }

  /** Everything gathered is on disk (or the disk failed, which rejects). */
  private async flush(): Promise<void> {
    await this.startWrite();
    await this.inFlight;
  }

  /** Writes `buffer` whole at the end of the file, then counts and hashes it: the hash covers what is on disk. */
  private async append(buffer: Buffer): Promise<void> {
    try {
      for (let offset = 0; offset < buffer.length; ) {
        const { bytesWritten } = await this.handle.write(buffer, offset, buffer.length - offset);
        offset += bytesWritten;
      }
    } catch (error) {
      throw diskError(error, this.path);
    }
    this.hash.update(buffer);
    this.bytes += buffer.length;
  }

  /** The SHA-1 of everything written; call once, at the end. */
  sha1(): string {
    return this.hash.digest('hex');
  }

  async close(): Promise<void> {
    try {
      await this.handle.close();
    } catch (error) {
      throw diskError(error, this.path);
    }
  }
}
