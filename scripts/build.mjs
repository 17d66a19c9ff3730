// Bundles the extension, the webview page scripts and the in-VS-Code test suites with esbuild.
// Usage: node scripts/build.mjs [--production] [--watch]
import * as esbuild from 'esbuild';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  logLevel: 'warning',
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  absWorkingDir: root,
};

/** @type {esbuild.BuildOptions[]} */
const builds = [
  {
    ...common,
    entryPoints: { extension: 'src/extension.ts' },
    outdir: 'dist',
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: ['vscode'],
  },
  {
    ...common,
    entryPoints: { jobDetails: 'src/webview/jobDetails/main.ts' },
    outdir: 'dist/webview',
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
  },
];

const present = builds.filter((b) => Object.values(b.entryPoints).every((e) => existsSync(join(root, e))));

function copyAssets() {
  // The webview loads codicons from dist/, so the packaged VSIX needs no node_modules.
  const to = join(root, 'dist', 'codicons');
  mkdirSync(to, { recursive: true });
  for (const f of ['codicon.css', 'codicon.ttf']) {
    cpSync(join(root, 'node_modules', '@vscode', 'codicons', 'dist', f), join(to, f));
  }
}

rmSync(join(root, 'dist'), { recursive: true, force: true });
copyAssets();
if (watch) {
  for (const b of present) {
    const ctx = await esbuild.context({ ...b, logLevel: 'info' });
    await ctx.watch();
  }
} else {
  await Promise.all(present.map((b) => esbuild.build(b)));
}
