import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The extension is not on the Marketplace: the Install section must say how to get the VSIX it installs. */
const ROOT = join(__dirname, '..', '..', '..');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  scripts: Record<string, string>;
};

describe('the README’s Install section', () => {
  const install = readme.slice(readme.indexOf('## Install'), readme.indexOf('\n## ', readme.indexOf('## Install') + 1));

  it('builds the VSIX before installing it, with a script the manifest has', () => {
    const build = install.indexOf('npm run package');
    const add = install.indexOf('--install-extension');
    assert.ok(build >= 0 && 'package' in manifest.scripts, 'says to run npm run package');
    assert.ok(add > build, 'and only then to install');
  });

  it('installs the file npm run package writes', () => {
    assert.match(install, new RegExp(`--install-extension ${manifest.name}-${manifest.version.replace(/\./g, '\\.')}\\.vsix`));
  });
});
