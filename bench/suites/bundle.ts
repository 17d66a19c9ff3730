/**
 * Sizes of the production bundles and what fills them.
 *
 * `scripts/build.mjs --production` starts by deleting dist/ and out/test/integration, which other work in
 * this repository (a running integration suite, a watch build) reads; so the benchmark runs the real
 * script in a scratch copy (src/, scripts/, package.json, tsconfig.json, node_modules linked) and reads
 * the files it writes there. build.mjs writes no metafile, so the same two builds are run once more
 * through esbuild's API on the working tree itself (in memory, `metafile: true`) with the options
 * build.mjs uses. Their output must be exactly as long as the script's, or the benchmark stops: either
 * the options below drifted from build.mjs or the scratch copy misses a file esbuild reads (without
 * tsconfig.json, for one, the bundle loses its "use strict").
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { Script } from 'node:vm';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { median } from '../lib/stats';
import { bytes, ms, table } from '../lib/table';

const ROOT = join(__dirname, '..', '..');

type BuildName = 'extension' | 'webview' | 'historyWebview';
type Builds = Record<BuildName, esbuild.BuildOptions & { output: string }>;

/** Exactly what scripts/build.mjs builds for shipping, in production mode, but silent (one shared definition). */
async function shippedBuilds(): Promise<Builds> {
  const { shippedBundles } = await import('../../scripts/bundles.mjs');
  return Object.fromEntries(
    shippedBundles({ root: ROOT, production: true }).map((b) => [b.name, { ...b.options, logLevel: 'silent' as const, output: b.output }]),
  ) as Builds;
}

export interface BundleFile {
  name: BuildName;
  path: string;
  bytes: number;
  gzipBytes: number;
  /** Median time V8 takes to compile the file's top level (what loading it costs before any code runs). */
  compileMs: number;
  /** Bytes in the output by package (node_modules) or by folder of our own code (src/…). */
  contributors: { source: string; bytes: number; share: number }[];
  /** Bytes from node_modules, and the package.json dependencies they come in through. */
  dependencies: { bytes: number; share: number; runtimeDependencies: string[] };
}

/** A bundle loaded in a fresh Node process: what `require` of it costs before anything is called. */
export interface LoadCost {
  what: string;
  bytes: number;
  requireMs: number;
}

export interface BundleResult {
  builtWith: string;
  files: BundleFile[];
  /** The extension bundle needs `vscode` to load; these parts of it load in plain Node. */
  load: LoadCost[];
}

/** Parts of the extension bundle that plain Node can load, bundled as build.mjs bundles the extension. */
const LOADABLE = [
  { what: 'Atlas client (src/atlas, bundled)', entry: { entryPoints: ['src/atlas/index.ts'] } },
  { what: 'axios alone (bundled)', entry: { stdin: { contents: "module.exports = require('axios');", resolveDir: ROOT, loader: 'js' as const } } },
];

async function loadCosts(scratch: string, runs: number, builds: Builds): Promise<LoadCost[]> {
  const costs: LoadCost[] = [];
  for (const [i, item] of LOADABLE.entries()) {
    const file = join(scratch, `loadable-${i}.js`);
    const { entryPoints: _entry, outdir: _outdir, output: _output, ...extension } = builds.extension;
    await esbuild.build({
      ...extension,
      ...item.entry,
      absWorkingDir: ROOT,
      outfile: file,
    });
    const probe = `const t = process.hrtime.bigint(); require(${JSON.stringify(file)}); process.stdout.write(String(Number(process.hrtime.bigint() - t) / 1e6));`;
    const times: number[] = [];
    for (let r = 0; r < runs; r++) {
      const { stdout } = await promisify(execFile)(process.execPath, ['-e', probe]);
      times.push(Number(stdout));
    }
    costs.push({ what: item.what, bytes: readFileSync(file).length, requireMs: median(times) });
  }
  return costs;
}

/** `node_modules/@scope/name/…` → `@scope/name`; `src/atlas/client.ts` → `src/atlas`. */
export function sourceOf(inputPath: string): string {
  const at = inputPath.lastIndexOf('node_modules/');
  if (at >= 0) {
    const parts = inputPath.slice(at + 'node_modules/'.length).split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  const parts = inputPath.split('/');
  if (parts[0] === 'src') return parts.length > 2 ? `src/${parts[1]}` : 'src';
  return inputPath;
}

function runtimeDependencies(): string[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  return Object.keys(pkg.dependencies ?? {});
}

function compileMs(code: string, runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    // A distinct source each time: V8 would otherwise answer from its compilation cache.
    const source = `${code}\n//${i}-${Math.random()}`;
    const started = performance.now();
    new Script(source, { filename: `bundle-${i}.js` });
    times.push(performance.now() - started);
  }
  return median(times);
}

export async function runBundle(opts: { runs: number }): Promise<BundleResult> {
  const builds = await shippedBuilds();
  const scratch = mkdtempSync(join(tmpdir(), 'atlas-bench-build-'));
  try {
    cpSync(join(ROOT, 'src'), join(scratch, 'src'), { recursive: true });
    cpSync(join(ROOT, 'scripts'), join(scratch, 'scripts'), { recursive: true });
    for (const file of ['package.json', 'tsconfig.json']) cpSync(join(ROOT, file), join(scratch, file));
    symlinkSync(join(ROOT, 'node_modules'), join(scratch, 'node_modules'), 'dir');
    await promisify(execFile)(process.execPath, ['scripts/build.mjs', '--production'], { cwd: scratch });

    const files: BundleFile[] = [];
    for (const [name, build] of Object.entries(builds) as [BuildName, Builds[BuildName]][]) {
      const { output, ...options } = build;
      const written = readFileSync(join(scratch, output));
      const result = await esbuild.build({ ...options, absWorkingDir: ROOT, write: false, metafile: true });
      const meta = Object.entries(result.metafile?.outputs ?? {}).find(([path]) => path.endsWith('.js'));
      if (!meta) throw new Error(`esbuild reported no JavaScript output for ${name}`);
      if (meta[1].bytes !== written.length) {
        throw new Error(
          `The metafile build of ${output} is ${meta[1].bytes} bytes, scripts/build.mjs wrote ${written.length}: ` +
            'bench/suites/bundle.ts no longer builds what scripts/build.mjs builds (options or copied files).',
        );
      }
      const bySource = new Map<string, number>();
      for (const [path, input] of Object.entries(meta[1].inputs)) {
        const source = sourceOf(path);
        bySource.set(source, (bySource.get(source) ?? 0) + input.bytesInOutput);
      }
      const attributed = [...bySource.values()].reduce((a, b) => a + b, 0);
      const fromPackages = Object.entries(meta[1].inputs)
        .filter(([path]) => path.includes('node_modules/'))
        .reduce((a, [, input]) => a + input.bytesInOutput, 0);
      bySource.set('(esbuild glue, license comments)', written.length - attributed);
      files.push({
        name,
        path: output,
        bytes: written.length,
        gzipBytes: gzipSync(written).length,
        // Compiling takes milliseconds: more runs cost nothing and steady the median.
        compileMs: compileMs(written.toString('utf8'), Math.max(opts.runs, 15)),
        contributors: [...bySource]
          .map(([source, n]) => ({ source, bytes: n, share: n / written.length }))
          .sort((a, b) => b.bytes - a.bytes),
        dependencies: { bytes: fromPackages, share: fromPackages / written.length, runtimeDependencies: runtimeDependencies() },
      });
    }
    return {
      builtWith: 'node scripts/build.mjs --production (in a scratch copy) + esbuild metafile',
      files,
      load: await loadCosts(scratch, opts.runs, builds),
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

export function bundleTables(result: BundleResult, top = 12): string {
  const sizes = table(
    [{ title: 'file' }, { title: 'bytes', align: 'right' }, { title: 'size', align: 'right' }, { title: 'gzip', align: 'right' }, { title: 'V8 compile ms', align: 'right' }],
    result.files.map((f) => [f.path, String(f.bytes), bytes(f.bytes), bytes(f.gzipBytes), ms(f.compileMs)]),
  );
  const parts = result.files.map((f) => {
    const shown = f.contributors.slice(0, top);
    const rest = f.contributors.slice(top);
    const rows = shown.map((c) => [c.source, String(c.bytes), bytes(c.bytes), `${(c.share * 100).toFixed(1)}%`]);
    if (rest.length > 0) {
      const n = rest.reduce((a, c) => a + c.bytes, 0);
      rows.push([`${rest.length} more`, String(n), bytes(n), `${((n / f.bytes) * 100).toFixed(1)}%`]);
    }
    const d = f.dependencies;
    const summary =
      d.bytes > 0
        ? ` — from node_modules: ${bytes(d.bytes)} of ${bytes(f.bytes)} (${(d.share * 100).toFixed(1)}%); package.json dependencies: ${d.runtimeDependencies.join(', ') || 'none'}`
        : ' — no node_modules code';
    return `${f.path} by source${summary}\n${table(
      [{ title: 'package / folder' }, { title: 'bytes', align: 'right' }, { title: 'size', align: 'right' }, { title: 'share', align: 'right' }],
      rows,
    )}`;
  });
  const load = table(
    [{ title: 'loaded in a fresh node process' }, { title: 'size', align: 'right' }, { title: 'require ms (median)', align: 'right' }],
    result.load.map((l) => [l.what, bytes(l.bytes), ms(l.requireMs)]),
  );
  return [sizes, ...parts, load].join('\n\n');
}
