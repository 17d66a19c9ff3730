// The package that ships is the package that is tested: packs the VSIX exactly as `npm run package` does, installs
// it into code-server with `--install-extension` (as users install a VSIX), gives code-server the MONGODB_ATLAS_*
// variables of the emulator's demo service account, and walks the Atlas view as `npm run demo` tells a newcomer
// to: Environment → Production → prod-sharded → a restore job. Also checks that what got installed is exactly the
// VSIX's file list, with no source maps, sources or tests.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { formatDateTime } from '../../src/format/time';
import { objectIdTime } from '../../src/jobs/objectIdTime';
import { demoEnvironment } from '../../scripts/demo/demo';
import { packageVsix, type PackageResult } from '../../scripts/package/package';
import { DEMO, startEmulator, type RunningEmulator } from '../atlas-emulator';
import { launchVsCode, pngInfo, type VsCodeSession } from './harness';

function filesUnder(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => statSync(join(dir, f)).isFile())
    .map((f) => f.split('\\').join('/'))
    .sort();
}

describe('The packaged VSIX, installed as users install it', () => {
  let scratch: string;
  let pkg: PackageResult;
  let emulator: RunningEmulator;
  let vsc: VsCodeSession;

  before(async function () {
    this.timeout(240_000);
    scratch = mkdtempSync(join(tmpdir(), 'ui-vsix-'));
    pkg = await packageVsix({ outFile: join(scratch, 'atlas-restore-jobs.vsix'), log: (l) => console.log(`      [package] ${l}`) });
    emulator = await startEmulator({ dataset: 'demo' });
    vsc = await launchVsCode({ extension: { vsix: pkg.vsix }, env: demoEnvironment(emulator.baseUrl) });
  });

  after(async () => {
    await vsc?.close();
    await emulator?.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('holds only what runs: minified bundles without source maps, media, manifest, docs', () => {
    assert.ok(pkg.files.includes('dist/extension.js'));
    assert.ok(pkg.files.includes('dist/webview/jobDetails.js'));
    assert.ok(pkg.files.includes('package.nls.json'));
    assert.ok(pkg.files.includes('media/icon.png'));
    assert.deepEqual(pkg.files.filter((f) => /\.(map|ts)$|^(src|test|scripts|out|node_modules)\//.test(f)), []);
    assert.ok(pkg.bundleBytes > 10_000, `dist/extension.js is only ${pkg.bundleBytes} bytes`);
  });

  it('installs with --install-extension into the folder VS Code names after publisher, name and version, file for file', () => {
    const manifest = require('../../package.json') as { publisher: string; name: string; version: string };
    const folder = `${manifest.publisher}.${manifest.name}-${manifest.version}`;
    const installedDirs = readdirSync(vsc.server.extensionsDir).filter((d) => statSync(join(vsc.server.extensionsDir, d)).isDirectory());
    assert.deepEqual(installedDirs, [folder]);
    const installed = filesUnder(join(vsc.server.extensionsDir, folder))
      // VS Code keeps the package's manifest next to the files it extracted.
      .filter((f) => f !== '.vsixmanifest');
    assert.deepEqual(installed, pkg.files);
    const bundle = pkg.entries.find((e) => e.path === 'extension/dist/extension.js')!;
    assert.equal(statSync(join(vsc.server.extensionsDir, folder, 'dist', 'extension.js')).size, bundle.size);
  });

  it('offers the Environment connection from MONGODB_ATLAS_* and lists the demo restore jobs', async () => {
    const wb = vsc.workbench;
    const production = emulator.store.projects().find((p) => p.name === DEMO.projects.production)!;
    const newest = emulator.store.restoreJobs(production.id, 'prod-sharded', 'cloudBackup')
      // Cloud backup jobs carry no request time of their own: the tree reads it from the ObjectId, as Atlas's UI does.
      .map((j) => objectIdTime(j.id)!)
      .sort((a, b) => b.getTime() - a.getTime())[0]!;

    await wb.openViewContainer('Atlas');
    await wb.expandTreeRow(/^Environment/);
    await wb.expandTreeRow(DEMO.projects.production);
    await wb.expandTreeRow('prod-sharded');
    const row = wb.treeRow(new RegExp(`^${formatDateTime(newest, 'local')}`)).first();
    await row.waitFor();
    assert.match(await row.innerText(), /Ready|Completed|In progress|Expired|Failed|Cancelled/);
    assert.ok(
      emulator.requests.some((r) => r.path === '/api/oauth/token' && r.status === 200),
      'the extension signed in to the emulator with the environment credentials',
    );
    // Atlas lists no serverless instance since 2026-01-15 (they became flex clusters): the project shows its flex one.
    await wb.treeRow('prod-flex').first().waitFor();
    assert.equal(await wb.treeRow('prod-serverless').count(), 0);

    const file = await wb.screenshot('vsix-installed', { settleMs: 500 });
    const png = await pngInfo(file, vsc.browser.context);
    assert.ok(png.distinctColors >= 16, `screenshot ${relative(process.cwd(), file)} has only ${png.distinctColors} colours`);
  });
});
