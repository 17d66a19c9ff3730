// Reads the file list of a .vsix (a zip) and checks it holds only what the extension runs with.
import * as yauzl from 'yauzl';

export interface VsixEntry {
  /** Path inside the zip, e.g. `extension/dist/extension.js`. */
  path: string;
  /** Uncompressed size in bytes. */
  size: number;
  compressedSize: number;
}

/** Every file entry of the zip, in the order stored. */
export function listVsix(file: string): Promise<VsixEntry[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, autoClose: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error(`cannot open ${file}`));
      const entries: VsixEntry[] = [];
      zip.on('entry', (e: yauzl.Entry) => {
        if (!e.fileName.endsWith('/')) entries.push({ path: e.fileName, size: e.uncompressedSize, compressedSize: e.compressedSize });
        zip.readEntry();
      });
      zip.on('end', () => resolve(entries));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/** The zip's own bookkeeping, which VS Code does not extract. */
export const VSIX_METADATA = ['extension.vsixmanifest', '[Content_Types].xml'];

/**
 * What may ship: the manifest and its nls strings, README/CHANGELOG/LICENSE, the bundles and assets in dist/,
 * media/ and the l10n bundles. Source maps, TypeScript, tests, scripts and node_modules may not.
 */
const ALLOWED: RegExp[] = [
  /^extension\/package\.json$/,
  /^extension\/package\.nls(\.[\w-]+)?\.json$/,
  /^extension\/(readme|changelog)\.md$/i,
  /^extension\/LICENSE(\.txt)?$/i,
  /^extension\/dist\/.+\.(js|css|ttf)$/,
  /^extension\/media\/[^/]+\.(png|svg|css)$/,
  /^extension\/l10n\/bundle\.l10n(\.[\w-]+)?\.json$/,
];
const FORBIDDEN: RegExp[] = [/\.map$/, /\.tsx?$/, /(^|\/)(src|test|tests|scripts|out|node_modules)\//, /\.vsix$/];

/** Paths that break the rules above (empty when the package is clean). */
export function unexpectedVsixFiles(entries: VsixEntry[]): string[] {
  return entries
    .map((e) => e.path)
    .filter((p) => !VSIX_METADATA.includes(p))
    .filter((p) => FORBIDDEN.some((r) => r.test(p)) || !ALLOWED.some((r) => r.test(p)));
}

/** The extension's own files (VSIX paths without the `extension/` prefix and without the zip's metadata). */
export function extensionFiles(entries: VsixEntry[]): string[] {
  return entries
    .map((e) => e.path)
    .filter((p) => p.startsWith('extension/'))
    .map((p) => p.slice('extension/'.length))
    .sort();
}
