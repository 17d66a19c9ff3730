// The hash worker gives node:crypto's SHA-1 of the bytes it was shown, in order, across reset and a file.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Sha1Worker, sharedBuffer } from '../../../src/download/sha1Worker';
import { body, sha1 } from './server';

describe('Sha1Worker', () => {
  it('hashes shared batches in order, a file first, and starts afresh on reset', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'sha1worker-'));
    const worker = new Sha1Worker();
    try {
      const data = body(3_000_000);
      writeFileSync(join(folder, 'f'), data.subarray(0, 1_000_000));
      await worker.updateFromFile(join(folder, 'f'), 700_000);
      const batch = sharedBuffer(2 << 20);
      data.copy(batch, 0, 700_000, 1_700_000);
      await worker.update(batch.subarray(0, 1_000_000));
      data.copy(batch, 0, 1_700_000);
      await worker.update(batch.subarray(0, 1_300_000));
      assert.equal(await worker.digest(), sha1(data));

      await worker.reset();
      batch.write('abc');
      await worker.update(batch.subarray(0, 3));
      assert.equal(await worker.digest(), sha1(Buffer.from('abc')));
    } finally {
      await worker.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('refuses memory it would have to copy, and fails what is asked after it stopped', async () => {
    const worker = new Sha1Worker();
    await assert.rejects(worker.update(Buffer.alloc(4)), /SharedArrayBuffer/);
    await assert.rejects(worker.updateFromFile(join(tmpdir(), 'no-such-file-here'), 10), { code: 'ENOENT' });
    await worker.close();
    await assert.rejects(worker.digest(), /stopped/);
  });
});
