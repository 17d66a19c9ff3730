import type { BuildOptions } from 'esbuild';

export function shippedBundles(o: { root: string; production: boolean }): {
  name: 'extension' | 'webview' | 'historyWebview';
  output: string;
  options: BuildOptions;
}[];

export function commonOptions(o: { root: string; production: boolean }): BuildOptions;
