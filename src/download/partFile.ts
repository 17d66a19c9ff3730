import * as l10n from '@vscode/l10n';
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { Readable } from 'node:stream';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DownloadError } from './types';

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
  private constructor(
    readonly path: string,
    private readonly handle: FileHandle,
    private hash: Hash,
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

  /** Streams `source` to the end of the file. Disk failures reject as 'disk'; the source's own errors as they are. */
  async writeFrom(source: Readable, onBytes: () => void): Promise<void> {
    let pending: Promise<void> = Promise.resolve();
    const append = (buffer: Buffer, done: (error?: Error | null) => void) => {
      pending = this.append(buffer).then(() => {
        onBytes();
        done();
      }, done);
    };
    const sink = new Writable({
      highWaterMark: 1 << 20,
      write: (chunk: Buffer, _encoding, done) => append(chunk, done),
      writev: (chunks, done) => append(Buffer.concat(chunks.map((c) => c.chunk as Buffer)), done),
    });
    try {
      await pipeline(source, sink);
    } finally {
      // A write still in flight when the source failed: let it land so bytes and hash agree.
      await pending.catch(() => undefined);
    }
  }

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
