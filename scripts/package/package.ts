// `npm run package`: exports the l10n bundle, builds the production bundles and packs
// atlas-restore-jobs-<version>.vsix with @vscode/vsce (offline), then checks that the VSIX holds only what runs.
//
// The production build happens in a staging copy of the repository (sources, manifest, media, build script;
// node_modules linked), not in the working tree: dist/ there keeps its development build with source maps, which
// the integration runner, F5 debugging and other processes may be using at the same moment.
//
//   npm run package [-- --out <file.vsix>]
//   import { packageVsix } from './scripts/package/package';   // the VSIX test packages the same way
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from '../real-vscode/config';
import { extensionFiles, listVsix, unexpectedVsixFiles, type VsixEntry } from './vsixContents';

export interface PackageOptions {
  /** Where to write the VSIX; default `<repo>/<name>-<version>.vsix`, as vsce names it. */
  outFile?: string;
  /** Progress lines; default: printed with a `[package]` prefix. */
  log?: (line: string) => void;
  /** Repository to package; default this one. */
  root?: string;
}

export interface PackageResult {
  vsix: string;
  /** Size of the .vsix file in bytes. */
  bytes: number;
  entries: VsixEntry[];
  /** The extension's files as installed (paths relative to the extension folder). */
  files: string[];
  /** Uncompressed size of dist/extension.js (the minified bundle). */
  bundleBytes: number;
  /** Strings in l10n/bundle.l10n.json. */
  l10nStrings: number;
}

/** Files that vsce needs and that only the project's authors can write. */
const REQUIRED_DOCS = ['README.md', 'CHANGELOG.md', 'LICENSE'];
/** What the production build and vsce read; everything else stays out of the staging copy. */
const STAGED = [
  'package.json',
  'package.nls.json',
  'README.md',
  'CHANGELOG.md',
  'LICENSE',
  '.vscodeignore',
  'tsconfig.json',
  'src',
  'media',
  'l10n',
  'scripts/build.mjs',
  'scripts/bundles.mjs',
  'scripts/bundle-shims',
];

function run(command: string, args: string[], cwd: string, what: string): SpawnSyncReturns<string> {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0) {
    throw new Error(`${what} failed (exit ${r.status ?? r.signal}):\n${`${r.stdout}${r.stderr}`.trim()}`);
  }
  return r;
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
const since = (t: number): string => `${((Date.now() - t) / 1000).toFixed(1)} s`;

/** Exports the `vscode.l10n.t` strings of src/ to l10n/bundle.l10n.json (the source file for translators). */
export function exportL10n(root = REPO_ROOT): number {
  const cli = join(root, 'node_modules', '@vscode', 'l10n-dev', 'dist', 'cli.js');
  run(process.execPath, [cli, 'export', '--outDir', 'l10n', 'src'], root, 'l10n-dev export');
  return Object.keys(JSON.parse(readFileSync(join(root, 'l10n', 'bundle.l10n.json'), 'utf8')) as object).length;
}

export async function packageVsix(options: PackageOptions = {}): Promise<PackageResult> {
  const root = resolve(options.root ?? REPO_ROOT);
  const log = options.log ?? ((line: string) => process.stdout.write(`[package] ${line}\n`));
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string };
  const vsix = resolve(options.outFile ?? join(root, `${manifest.name}-${manifest.version}.vsix`));

  const missing = REQUIRED_DOCS.filter((f) => !existsSync(join(root, f)));
  if (missing.length) {
    throw new Error(
      `cannot package without ${missing.join(', ')}: vsce puts README.md and CHANGELOG.md on the extension's ` +
        `marketplace page and details view, and asks for a LICENSE.`,
    );
  }

  let t = Date.now();
  const l10nStrings = exportL10n(root);
  log(`l10n: ${l10nStrings} strings exported to l10n/bundle.l10n.json (${since(t)})`);

  const stage = mkdtempSync(join(tmpdir(), 'atlas-package-'));
  try {
    t = Date.now();
    for (const p of STAGED) {
      if (existsSync(join(root, p))) cpSync(join(root, p), join(stage, p), { recursive: true, dereference: true });
    }
    symlinkSync(join(root, 'node_modules'), join(stage, 'node_modules'), 'dir');
    run(process.execPath, [join(stage, 'scripts', 'build.mjs'), '--production'], stage, 'production build');
    unlinkSync(join(stage, 'node_modules'));
    log(`build: production bundles (minified, no source maps) in a staging copy (${since(t)})`);

    t = Date.now();
    rmSync(vsix, { force: true });
    const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
    // stdin is closed: a vsce question ("continue? [y/N]") fails the run instead of waiting for an answer.
    const r = run(process.execPath, [vsce, 'package', '--no-dependencies', '--out', vsix], stage, 'vsce package');
    const output = `${r.stdout}${r.stderr}`;
    const warnings = output.split('\n').filter((l) => /\bWARNING\b/.test(l));
    if (warnings.length) throw new Error(`vsce warned — fix these before shipping:\n${output.trim()}`);
    log(`vsce: ${relative(process.cwd(), vsix) || vsix} (${since(t)})`);
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }

  const entries = await listVsix(vsix);
  const unexpected = unexpectedVsixFiles(entries);
  if (unexpected.length) throw new Error(`the VSIX holds files that do not run:\n  ${unexpected.join('\n  ')}`);
  const bundle = entries.find((e) => e.path === 'extension/dist/extension.js');
  if (!bundle) throw new Error('the VSIX has no extension/dist/extension.js');
  return { vsix, bytes: statSync(vsix).size, entries, files: extensionFiles(entries), bundleBytes: bundle.size, l10nStrings };
}

/** The summary `npm run package` prints. */
export function describePackage(result: PackageResult): string {
  const rows = result.entries
    .filter((e) => e.path.startsWith('extension/'))
    .map((e) => `  ${e.path.slice('extension/'.length).padEnd(34)} ${kb(e.size).padStart(9)}`);
  return [
    `${relative(process.cwd(), result.vsix) || result.vsix}: ${kb(result.bytes)}, ${rows.length} files; ` +
      `dist/extension.js ${kb(result.bundleBytes)} minified`,
    ...rows,
  ].join('\n');
}

if (require.main === module) {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  packageVsix({ outFile: values.out }).then(
    (result) => console.log(describePackage(result)),
    (err: unknown) => {
      console.error(`[package] ${(err as Error).message ?? String(err)}`);
      process.exit(1);
    },
  );
}
