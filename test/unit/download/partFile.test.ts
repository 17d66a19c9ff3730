// PartFile against the real file system: whatever order and sizes the body comes in — even when the
// body goes on after PartFile asked for a pause — the file and its SHA-1 are exactly the bytes given.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BodySink } from '../../../src/download/httpGet';
import { PartFile } from '../../../src/download/partFile';
import { body, sha1 } from './server';

/** A body that hands `data` over in `size`-byte views of one reused buffer, honouring pauses or not. */
function bodyOf(data: Buffer, size: number, honourPauses: boolean): { read(sink: BodySink): Promise<void>; pausesAsked: number } {
  const out = {
    pausesAsked: 0,
    async read(sink: BodySink) {
      const reused = Buffer.alloc(size);
      for (let at = 0; at < data.length; at += size) {
        const n = data.copy(reused, 0, at, Math.min(at + size, data.length));
        const busy = sink.take(reused.subarray(0, n));
        reused.fill(0xee); // the view is reused: PartFile must have copied it
        if (busy) {
          out.pausesAsked++;
          if (honourPauses) await sink.drained();
        }
        if (at % (size * 7) === 0) await new Promise((r) => setImmediate(r));
      }
    },
  };
  return out;
}

describe('PartFile', () => {
  let folder: string;
  beforeEach(() => (folder = mkdtempSync(join(tmpdir(), 'partfile-'))));
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  for (const [size, honour] of [
    [256 << 10, true],
    [100_003, true],
    [3 << 20, true],
    [256 << 10, false],
    [777, false],
  ] as const) {
    it(`writes and hashes exactly what came, in ${size}-byte reads${honour ? '' : ', even when the body ignores its pauses'}`, async () => {
      const data = body(5 * (1 << 20) + 12_345);
      const path = join(folder, 'f.part');
      const part = await PartFile.open(path);
      const source = bodyOf(data, size, honour);
      await part.writeFrom(source, () => undefined);
      assert.equal(part.bytes, data.length);
      assert.equal(part.pending, 0);
      await part.close();
      assert.equal(part.sha1(), sha1(data));
      assert.equal(sha1(readFileSync(path)), sha1(data));
    });
  }

  it('continues a .part it finds, with the hash of what was there', async () => {
    const data = body(3 << 20);
    const path = join(folder, 'g.part');
    const first = await PartFile.open(path);
    await first.writeFrom(bodyOf(data.subarray(0, 1_234_567), 65_536, true), () => undefined);
    await first.close();
    const again = await PartFile.open(path);
    assert.equal(again.bytes, 1_234_567);
    await again.writeFrom(bodyOf(data.subarray(1_234_567), 65_536, true), () => undefined);
    await again.close();
    assert.equal(again.sha1(), sha1(data));
  });

  it('lands the bytes it was given when the body fails, so a resume continues after them', async () => {
    const data = body(2 << 20);
    const path = join(folder, 'h.part');
    const part = await PartFile.open(path);
    const failing = {
      async read(sink: BodySink) {
        sink.take(data.subarray(0, 1_500_000));
        throw Object.assign(new Error('cut'), { code: 'ECONNRESET' });
      },
    };
    await assert.rejects(part.writeFrom(failing, () => undefined), { code: 'ECONNRESET' });
    assert.equal(part.bytes, 1_500_000);
    assert.equal(part.pending, 0);
    await part.close();
    assert.deepEqual(readFileSync(path), data.subarray(0, 1_500_000));
  });
});
