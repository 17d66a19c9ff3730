// Bundles the extension, the webview page scripts and the in-VS-Code test suites with esbuild.
// Usage: node scripts/build.mjs [--production] [--watch]
import * as esbuild from 'esbuild';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { commonOptions, shippedBundles } from './bundles.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = commonOptions({ root, production });

/** @type {esbuild.BuildOptions[]} */
const builds = shippedBundles({ root, production }).map((b) => b.options);

// Integration suite for the extension host: index.ts plus every *.test.ts, one bundle each, so a new test file
// needs no change here. `mocha` stays external — it resolves from node_modules when the host loads the suite.
const integrationDir = join(root, 'test', 'integration');
const integrationEntries = existsSync(integrationDir)
  ? readdirSync(integrationDir)
      .filter((f) => f === 'index.ts' || f.endsWith('.test.ts'))
      .map((f) => `test/integration/${f}`)
  : [];
if (integrationEntries.includes('test/integration/index.ts')) {
  builds.push({
    ...common,
    entryPoints: integrationEntries,
    outdir: 'out/test/integration',
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
  });
}

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
// A deleted test file must not keep running from a stale bundle.
rmSync(join(root, 'out', 'test', 'integration'), { recursive: true, force: true });
copyAssets();
if (watch) {
  for (const b of present) {
    const ctx = await esbuild.context({ ...b, logLevel: 'info' });
    await ctx.watch();
  }
} else {
  await Promise.all(present.map((b) => esbuild.build(b)));
}
