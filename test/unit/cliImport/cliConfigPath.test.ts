import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { cliConfigPath } from '../../../src/cliImport/cliConfigPath';

describe('where the Atlas CLI keeps config.toml', () => {
  it('is under XDG_CONFIG_HOME on Linux when it is set', () => {
    assert.equal(cliConfigPath('linux', { XDG_CONFIG_HOME: '/home/ana/.cfg' }, '/home/ana'), '/home/ana/.cfg/atlascli/config.toml');
  });

  it('is under ~/.config on Linux otherwise, or when XDG_CONFIG_HOME is blank or relative', () => {
    for (const env of [{}, { XDG_CONFIG_HOME: '' }, { XDG_CONFIG_HOME: '  ' }, { XDG_CONFIG_HOME: 'relative/dir' }]) {
      assert.equal(cliConfigPath('linux', env, '/home/ana'), '/home/ana/.config/atlascli/config.toml', JSON.stringify(env));
    }
  });

  it('follows the Linux rule on the other Unix systems', () => {
    assert.equal(cliConfigPath('freebsd', {}, '/usr/home/ana'), '/usr/home/ana/.config/atlascli/config.toml');
  });

  it('is under ~/Library/Application Support on macOS, whatever XDG_CONFIG_HOME says', () => {
    assert.equal(
      cliConfigPath('darwin', { XDG_CONFIG_HOME: '/Users/ana/.cfg' }, '/Users/ana'),
      '/Users/ana/Library/Application Support/atlascli/config.toml',
    );
  });

  it('is under %AppData% on Windows', () => {
    assert.equal(
      cliConfigPath('win32', { APPDATA: 'C:\\Users\\Ana\\AppData\\Roaming' }, 'C:\\Users\\Ana'),
      'C:\\Users\\Ana\\AppData\\Roaming\\atlascli\\config.toml',
    );
  });

  it("falls back to Windows' default AppData\\Roaming when %AppData% is not set", () => {
    assert.equal(cliConfigPath('win32', {}, 'C:\\Users\\Ana'), 'C:\\Users\\Ana\\AppData\\Roaming\\atlascli\\config.toml');
  });
});
