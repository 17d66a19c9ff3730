// A what-if behind finding 5 of bench/README.md, run by hand (not part of npm run bench):
//   node bench/experiments/bundle-without-axios.mjs
// Builds dist/extension.js as scripts/build.mjs --production does, in memory, three ways — as is, with
// mime-types aliased to a stub, with axios aliased to a stub (standing in for a transport on node:http) —
// and times `require` of the bundled Atlas client (src/atlas) in fresh Node processes. Writes only to a
// temporary folder.
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const scratch = mkdtempSync(join(tmpdir(), 'atlas-bench-what-if-'));
const RUNS = 9;
try {
  writeFileSync(join(scratch, 'mime-types-stub.js'), 'exports.lookup = () => false; exports.contentType = () => false; exports.extension = () => false; exports.charset = () => false; exports.types = {}; exports.extensions = {};');
  writeFileSync(join(scratch, 'axios-stub.js'), 'module.exports = { create: () => ({ request: async () => ({}) }) }; module.exports.default = module.exports;');
  const base = { bundle: true, minify: true, sourcemap: false, sourcesContent: false, format: 'cjs', platform: 'node', target: 'node20', absWorkingDir: root, logLevel: 'silent', write: false };
  const variants = {
    'as built': {},
    'mime-types stubbed': { alias: { 'mime-types': join(scratch, 'mime-types-stub.js') } },
    'axios stubbed': { alias: { axios: join(scratch, 'axios-stub.js') } },
  };
  for (const [name, extra] of Object.entries(variants)) {
    const extension = (await esbuild.build({ ...base, ...extra, entryPoints: ['src/extension.ts'], outfile: join(scratch, 'x.js'), external: ['vscode'] })).outputFiles[0].contents;
    const client = join(scratch, `client-${name.replace(/\W+/g, '-')}.js`);
    await esbuild.build({ ...base, ...extra, write: true, entryPoints: ['src/atlas/index.ts'], outfile: client });
    const probe = `const t = process.hrtime.bigint(); require(${JSON.stringify(client)}); process.stdout.write(String(Number(process.hrtime.bigint() - t) / 1e6));`;
    const times = Array.from({ length: RUNS }, () => Number(execFileSync(process.execPath, ['-e', probe]))).sort((a, b) => a - b);
    console.log(
      `${name.padEnd(20)} dist/extension.js ${String(extension.length).padStart(7)} B, gzip ${String(gzipSync(extension).length).padStart(6)} B;` +
        ` Atlas client require ${times[Math.floor(RUNS / 2)].toFixed(1)} ms (median of ${RUNS}) — ${readFileSync(client).length} B`,
    );
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
