import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'mocha';
import { CliConfigError, type CliProfile } from '../../../src/cliImport/cliProfile';
import { parseCliConfig } from '../../../src/cliImport/parseCliConfig';
import { readCliConfig } from '../../../src/cliImport/readCliConfig';
import { lineOf } from '../../../src/cliImport/tomlLines';
import { assertNoSecret, sample, SAMPLE_BASE_URL, samplePath } from './samples';

function profile(text: string, name: string): CliProfile {
  const found = parseCliConfig(text).profiles.find((p) => p.name === name);
  assert.ok(found, `no profile ${name}`);
  return found;
}

/** The CliConfigError `text` is refused with; it must not quote any secret of the samples. */
function refusal(text: string): CliConfigError {
  try {
    parseCliConfig(text);
  } catch (error) {
    assert.ok(error instanceof CliConfigError, String(error));
    assertNoSecret(error.message, 'the error message');
    return error;
  }
  assert.fail('the file was accepted');
}

describe('Atlas CLI config.toml', () => {
  describe('profiles of each kind', () => {
    const config = parseCliConfig(sample('config.toml.template'));

    it('lists the profiles in file order, the global settings left out', () => {
      assert.deepEqual(config.profiles.map((p) => p.name), ['default', 'keys', 'vault', 'me', 'gov']);
    });

    it('reads a service account with its secret in the file, ops_manager_url as base URL', () => {
      const p = config.profiles[0];
      assert.deepEqual(p, {
        name: 'default',
        authType: 'serviceAccount',
        service: 'cloud',
        baseUrl: SAMPLE_BASE_URL,
        site: 'custom',
        orgId: '64f0c0ffee0000000000a001',
        projectId: '64f0c0ffee0000000000b001',
        publicId: 'mdb_sa_id_64f0c0ffee00000000000001',
        secret: 'inFile',
      });
      assert.equal(config.secretOf(p), 'mdb_sa_sk_demo-only-not-a-real-secret-0001');
    });

    it('reads an API key with its private key in the file', () => {
      const p = config.profiles[1];
      assert.equal(p.authType, 'apiKeys');
      assert.equal(p.publicId, 'demokeyz');
      assert.equal(p.secret, 'inFile');
      assert.equal(p.unsupported, undefined);
      assert.equal(config.secretOf(p), '5d1e0f5e-0000-4000-8000-000000000001');
    });

    it('reads a profile whose credentials are in the OS keyring: no id, no secret, to be asked for', () => {
      const p = config.profiles[2];
      assert.equal(p.authType, 'serviceAccount');
      assert.equal(p.publicId, undefined);
      assert.equal(p.secret, 'keyring');
      assert.equal(p.unsupported, undefined);
      assert.equal(config.secretOf(p), undefined);
    });

    it('offers a user account login as not supported, its tokens kept only for redaction', () => {
      const p = config.profiles[3];
      assert.equal(p.authType, 'userAccount');
      assert.equal(p.secret, 'none');
      assert.equal(p.unsupported, 'user account login is not supported');
      assert.equal(config.secretOf(p), undefined);
      assert.ok(config.allSecrets().includes('fake-refresh-token-for-tests-0001'));
      assert.ok(config.allSecrets().includes('eyJhbGciOiJub25lIn0.fake-access-token-for-tests.x'));
    });

    it('sends service = "cloudgov" to Atlas for Government', () => {
      const p = config.profiles[4];
      assert.equal(p.baseUrl, 'https://cloud.mongodbgov.com');
      assert.equal(p.site, 'government');
    });

    it('keeps every secret out of what lists the profiles', () => {
      assertNoSecret(JSON.stringify(config), 'the parsed config');
      assertNoSecret(JSON.stringify(config.profiles), 'the profiles');
      assertNoSecret(JSON.stringify({ ...config }), 'a spread of the config');
      assert.equal(config.allSecrets().length, 5, 'two service-account and API-key secrets, two tokens, the gov key');
    });
  });

  it('reads a file whose secrets all moved to the OS keyring (config version 2)', () => {
    const config = parseCliConfig(sample('keyring.toml'));
    assert.deepEqual(
      config.profiles.map((p) => [p.name, p.authType, p.secret, p.publicId ?? null, p.unsupported ?? null]),
      [
        ['default', 'apiKeys', 'keyring', null, null],
        ['sa', 'serviceAccount', 'keyring', null, null],
        ['login', 'userAccount', 'none', null, 'user account login is not supported'],
      ],
    );
    assert.equal(config.profiles[0].projectId, '64f0c0ffee0000000000b001');
    assert.deepEqual(config.allSecrets(), []);
  });

  it('reads older files: the auth type from the keys, base_url as an alias, other services refused', () => {
    const config = parseCliConfig(sample('mongocli.toml'));
    const summary = Object.fromEntries(config.profiles.map((p) => [p.name, [p.authType, p.baseUrl ?? null, p.unsupported ?? null]]));
    assert.deepEqual(summary, {
      legacy: ['apiKeys', 'https://cloud.mongodb.com', null],
      staging: ['serviceAccount', 'https://cloud-qa.mongodb.com', null],
      onprem: ['apiKeys', 'https://opsmanager.example.com:8443', 'Ops Manager is not supported'],
      cm: ['apiKeys', 'https://cloud.mongodb.com', 'Cloud Manager is not supported'],
      plain: ['apiKeys', null, 'its ops_manager_url is not a usable base URL'],
    });
    assertNoSecret(JSON.stringify(config.profiles), 'the profiles');
  });

  it('ignores keys it does not know, in profiles and at the top, whatever their type', () => {
    const p = profile(
      [
        'future_setting = [1, 2]',
        'when = 2026-01-01',
        '[p]',
        'auth_type = "api_keys"',
        'public_api_key = "abcdefgh"',
        'private_api_key = "secret-value"',
        'output = 3',
        'mongosh = { path = "/bin/mongosh" }',
        'colors = ["red"]',
        '[p.extra]',
        'x = true',
      ].join('\n'),
      'p',
    );
    assert.equal(p.authType, 'apiKeys');
    assert.equal(p.secret, 'inFile');
  });

  it('reads keys in any case, as the CLI (viper) does, and trims values', () => {
    const p = profile('[p]\nAuth_Type = "SERVICE_ACCOUNT"\nCLIENT_ID = "  mdb_sa_id_x "\nclient_secret = "s3cret-value"\n', 'p');
    assert.equal(p.authType, 'serviceAccount');
    assert.equal(p.publicId, 'mdb_sa_id_x');
  });

  it('calls a profile without credentials, or with an auth type it does not know, not importable', () => {
    const config = parseCliConfig('[empty]\n[odd]\nauth_type = "no_auth"\n[elsewhere]\nservice = "mars"\nauth_type = "api_keys"\n');
    assert.deepEqual(
      config.profiles.map((p) => [p.authType, p.unsupported]),
      [
        ['unknown', 'it has no API key or service account'],
        ['unknown', 'it has no API key or service account'],
        ['apiKeys', 'its service "mars" is not known'],
      ],
    );
  });

  it('has no profile in an empty file, a file of comments, or one of global settings only', () => {
    for (const text of ['', '\n\n', '# nothing here\n', '\uFEFFversion = 2\ntelemetry_enabled = true\n']) {
      assert.deepEqual(parseCliConfig(text).profiles, [], JSON.stringify(text));
    }
  });

  describe('refuses the whole file, naming the line', () => {
    it('for a TOML syntax error, with the line and column from the parser and no quote of the file', () => {
      const error = refusal(sample('broken.toml'));
      assert.equal(error.line, 5);
      assert.equal(error.message, 'line 5 is not valid TOML: a quoted value is not closed on its line (column 50).');
      assert.doesNotMatch(error.message, /mdb_sa_id_64f0c0ffee00000000000001/, 'not even the line at fault is quoted');
    });

    it('for a secret written without quotes, without repeating it', () => {
      const error = refusal('[default]\nauth_type = "api_keys"\nprivate_api_key = 5d1e0f5e-0000-4000-8000-000000000001\n');
      assert.equal(error.line, 3);
      assert.match(error.message, /^line 3 is not valid TOML: [a-z ]+ \(column \d+\)\.$/);
    });

    it('for a known key of the wrong type: the profile, the key and the line, never the value', () => {
      const error = refusal(sample('wrong-type.toml'));
      assert.equal(error.message, 'in profile "prod", private_api_key on line 11 must be text in quotes, not a number.');
      assert.equal(error.line, 11);
      const kinds: [string, RegExp][] = [
        ['[p]\norg_id = true', /org_id on line 2 must be text in quotes, not true or false\.$/],
        ['[p]\nproject_id = ["a"]', /project_id on line 2 must be text in quotes, not a list\.$/],
        ['[p]\nservice = { name = "cloud" }', /service on line 2 must be text in quotes, not a table\.$/],
        ['[p]\n\n\n  client_id = 2026-01-01', /client_id on line 4 must be text in quotes, not a date\.$/],
        ['p.client_secret = 12', /client_secret on line 1 must be text in quotes, not a number\.$/],
        ['p = { auth_type = "api_keys", public_api_key = 1 }', /public_api_key on line 1 must be/],
        ['["p"]\n"ops_manager_url" = 1', /in profile "p", ops_manager_url on line 2/],
      ];
      for (const [text, expected] of kinds) assert.match(refusal(text).message, expected, text);
    });

    it('for a profile that is not a table', () => {
      const error = refusal('version = 2\n\n[[prod]]\nauth_type = "api_keys"\n');
      assert.equal(error.message, '"prod" on line 3 is a list of tables, but a profile must be one table such as [prod].');
      assert.equal(refusal('x = 1\nprod = [{ auth_type = "api_keys" }]').line, 2);
    });
  });

  describe('reading the file', () => {
    it('reads and parses a file', async () => {
      const config = await readCliConfig(samplePath('keyring.toml'));
      assert.equal(config.profiles.length, 3);
    });

    it('says when there is no file, or a folder instead', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'atlascli-'));
      try {
        await assert.rejects(readCliConfig(join(dir, 'config.toml')), (e: Error) => e instanceof CliConfigError && e.message === 'there is no such file.');
        await assert.rejects(readCliConfig(dir), (e: Error) => e instanceof CliConfigError && e.message === 'it is a folder, not a file.');
        writeFileSync(join(dir, 'big.toml'), 'x'.repeat(1024 * 1024 + 1));
        await assert.rejects(readCliConfig(join(dir, 'big.toml')), /too large to be an Atlas CLI configuration/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  it('finds the line of a profile or of one of its keys, or gives up', () => {
    const text = '# c\n[a]\nx = 1\n["b"]\n  y = 2\n[c.d]\nz = 3\ne = { f = 1 }\n';
    assert.equal(lineOf(text, ['a']), 2);
    assert.equal(lineOf(text, ['a', 'x']), 3);
    assert.equal(lineOf(text, ['b', 'Y']), 5);
    assert.equal(lineOf(text, ['c', 'd', 'z']), 7);
    assert.equal(lineOf(text, ['c', 'd', 'e', 'f']), 8);
    assert.equal(lineOf(text, ['nowhere', 'k']), undefined);
  });
});
