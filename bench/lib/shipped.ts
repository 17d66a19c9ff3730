/**
 * Code of the extension as it ships: an entry bundled by esbuild with the options of the extension's own
 * production bundle (scripts/bundles.mjs: minified, one scope), then loaded with `require`. For benchmarks
 * of CPU work, which tsx's per-file compilation makes slower than the shipped bundle (see lib/pageWork.ts).
 */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as esbuild from 'esbuild';

const ROOT = join(__dirname, '..', '..');

/** Bundles `entry` (relative to the repository) into out/bench/NAME.cjs and requires it. */
export async function loadShipped<T>(entry: string, name: string): Promise<T> {
  const { shippedBundles } = await import('../../scripts/bundles.mjs');
  const extension = shippedBundles({ root: ROOT, production: true }).find((b) => b.name === 'extension');
  if (!extension) throw new Error('scripts/bundles.mjs has no extension bundle');
  const outfile = join(ROOT, 'out', 'bench', `${name}.cjs`);
  mkdirSync(join(ROOT, 'out', 'bench'), { recursive: true });
  const { entryPoints: _entry, outdir: _outdir, ...options } = extension.options;
  await esbuild.build({ ...options, entryPoints: [entry], outfile, logLevel: 'silent' });
  return createRequire(__filename)(outfile) as T;
}
