// The esbuild options of what the extension ships: its host bundle and the webview page script. One place, so
// that the build (scripts/build.mjs) and the bundle benchmark (bench/suites/bundle.ts) cannot drift apart.
import { join } from 'node:path';

/**
 * Options every bundle of the repository shares (the integration-test bundles too).
 * @param {{ root: string, production: boolean }} o
 * @returns {import('esbuild').BuildOptions}
 */
export function commonOptions({ root, production }) {
  return {
    bundle: true,
    logLevel: 'warning',
    minify: production,
    sourcemap: production ? false : 'linked',
    sourcesContent: false,
    absWorkingDir: root,
  };
}

/**
 * @param {{ root: string, production: boolean }} o
 * @returns {{ name: 'extension' | 'webview' | 'historyWebview', output: string, options: import('esbuild').BuildOptions }[]}
 */
export function shippedBundles({ root, production }) {
  const common = commonOptions({ root, production });
  return [
    {
      name: 'extension',
      output: 'dist/extension.js',
      options: {
        ...common,
        entryPoints: { extension: 'src/extension.ts' },
        outdir: 'dist',
        format: 'cjs',
        platform: 'node',
        target: 'node20',
        external: ['vscode'],
        // See the shim for why: the client sends no multipart forms, so mime-db need not ship.
        alias: { 'mime-types': join(root, 'scripts', 'bundle-shims', 'mime-types.cjs') },
      },
    },
    {
      name: 'webview',
      output: 'dist/webview/jobDetails.js',
      options: {
        ...common,
        entryPoints: { jobDetails: 'src/webview/jobDetails/main.ts' },
        outdir: 'dist/webview',
        format: 'iife',
        platform: 'browser',
        target: 'es2022',
      },
    },
    {
      name: 'historyWebview',
      output: 'dist/webview/restoreHistory.js',
      options: {
        ...common,
        entryPoints: { restoreHistory: 'src/webview/history/main.ts' },
        outdir: 'dist/webview',
        format: 'iife',
        platform: 'browser',
        target: 'es2022',
      },
    },
  ];
}
