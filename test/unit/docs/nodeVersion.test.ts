import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as semver from 'semver';

/**
 * The README tells contributors which Node.js to install; `npm ci` warns (EBADENGINE) when a locked
 * package wants a newer one. Both must agree, or a newcomer's first command greets them with warnings.
 */
const ROOT = join(__dirname, '..', '..', '..');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { engines?: { node?: string } | string[]; dev?: boolean; optional?: boolean }>;
};

describe('the Node.js version the README states', () => {
  const stated = [...readme.matchAll(/Node\.js ≥ (\d+\.\d+)/g)].map((m) => m[1]);
  const minimum = semver.coerce(stated[0])!.version;

  it('is stated, the same everywhere in the README, and is the manifest’s engines.node', () => {
    assert.ok(stated.length >= 2, 'the Install and the contributor sections both say it');
    assert.deepEqual([...new Set(stated)], [stated[0]]);
    assert.equal(semver.minVersion(manifest.engines.node)!.version, minimum);
  });

  it('satisfies every locked package that declares the Node.js it needs', () => {
    const wanting = Object.entries(lock.packages)
      .filter(([path]) => path.startsWith('node_modules/'))
      .flatMap(([path, p]) => {
        const range = !Array.isArray(p.engines) ? p.engines?.node : undefined;
        return range && !semver.satisfies(minimum, range) ? [`${path.replace(/^.*node_modules\//, '')}: ${range}`] : [];
      });
    assert.deepEqual(wanting, [], `these want more than Node.js ${minimum}`);
  });
});
