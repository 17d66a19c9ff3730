import { strict as assert } from 'node:assert';
import { formatByteSize, parseByteSize } from '../../atlas-emulator/byte-size';

describe('emulator: sizes on the command line (--large-file)', () => {
  it('reads B, KiB, MiB and GiB in any case, with or without a space, and plain numbers', () => {
    const cases: [string, number][] = [
      ['1GiB', 1024 ** 3],
      ['512MiB', 512 * 1024 ** 2],
      ['8 mib', 8 * 1024 ** 2],
      ['64KiB', 65_536],
      ['1048576B', 1_048_576],
      ['1048581', 1_048_581],
      ['1.5KiB', 1536],
      ['16GiB', 16 * 1024 ** 3],
    ];
    for (const [text, bytes] of cases) assert.equal(parseByteSize(text), bytes, text);
  });

  it('refuses decimal units, fractions of a byte, zero and words', () => {
    for (const text of ['1GB', '1MB', '1.5B', '0', '0GiB', '-1', 'big', '', '1 TiB', '1e9']) {
      assert.throws(() => parseByteSize(text), /size|whole number/, text);
    }
  });

  it('prints sizes the way the CLI and the benchmark show them', () => {
    assert.equal(formatByteSize(1024 ** 3), '1.00 GiB');
    assert.equal(formatByteSize(8 * 1024 ** 2 + 5), '8.00 MiB');
    assert.equal(formatByteSize(1536), '1.5 KiB');
    assert.equal(formatByteSize(12), '12 B');
  });
});
