import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { parseCliConfig } from '../../../src/cliImport/parseCliConfig';
import { connectionLabel, consentQuestion, importSummary, profileChoices } from '../../../src/cliImport/profileChoices';
import { assertNoSecret, sample, SAMPLE_BASE_URL } from './samples';

describe('Atlas CLI import: what is shown and said', () => {
  const config = parseCliConfig(sample('config.toml.template'));
  const byName = (choices: ReturnType<typeof profileChoices>) => Object.fromEntries(choices.map((c) => [c.label, c]));

  it('shows each profile by name, with its auth type and base URL, its defaults and where its secret is', () => {
    const c = byName(profileChoices(config.profiles, []));
    assert.equal(c.default.description, `Service account · ${SAMPLE_BASE_URL}`);
    assert.equal(c.default.detail, 'Organization 64f0c0ffee0000000000a001 · Project 64f0c0ffee0000000000b001 · Secret in the file');
    assert.equal(c.keys.description, `API key · ${SAMPLE_BASE_URL}`);
    assert.equal(c.vault.detail, 'Organization 64f0c0ffee0000000000a001 · Credentials in the OS keyring: you will be asked for them');
    assert.equal(c.gov.description, 'API key · https://cloud.mongodbgov.com');
    assert.deepEqual(
      Object.values(c).map((choice) => [choice.label, choice.picked]),
      [['default', true], ['keys', true], ['vault', true], ['me', false], ['gov', true]],
    );
  });

  it('shows a profile it cannot import with the reason, unticked and not selectable', () => {
    const me = byName(profileChoices(config.profiles, [])).me;
    assert.equal(me.description, `User account · https://cloud.mongodb.com`);
    assert.equal(me.unavailable, 'user account login is not supported');
    assert.equal(me.picked, false);
    assert.equal(me.detail, 'Cannot be imported: user account login is not supported · Organization 64f0c0ffee0000000000a001');
  });

  it('marks a profile already imported (same base URL and id), unticked', () => {
    const known = [
      { label: 'Demo', baseUrl: SAMPLE_BASE_URL, publicId: 'demokeyz' },
      { label: 'Elsewhere', baseUrl: 'https://cloud.mongodb.com', publicId: 'mdb_sa_id_64f0c0ffee00000000000001' },
    ];
    const c = byName(profileChoices(config.profiles, known));
    assert.equal(c.keys.existing, 'Demo');
    assert.equal(c.keys.picked, false);
    assert.match(c.keys.detail, /^Already imported as "Demo" · /);
    assert.equal(c.default.existing, undefined, 'the same client id on another Atlas is another connection');
    assert.equal(c.default.picked, true);
  });

  it('never shows a secret in a label, description or detail', () => {
    for (const text of ['config.toml.template', 'keyring.toml', 'mongocli.toml'] as const) {
      for (const c of profileChoices(parseCliConfig(sample(text)).profiles, [])) {
        assertNoSecret(`${c.label} ${c.description} ${c.detail} ${c.unavailable ?? ''}`, `the row of ${c.label}`);
      }
    }
  });

  it('names a connection after its profile, numbered when the name is taken', () => {
    assert.equal(connectionLabel('prod', []), 'prod (Atlas CLI)');
    assert.equal(connectionLabel('prod', ['prod (Atlas CLI)', 'prod (Atlas CLI 2)']), 'prod (Atlas CLI 3)');
  });

  it('asks once before copying secrets, and says the file stays as it is', () => {
    assert.deepEqual(consentQuestion(['default'], 'config.toml'), {
      message: 'Copy the secret of profile "default" from config.toml into VS Code\'s secret storage?',
      detail: 'Profiles: default. config.toml is left unchanged, since the Atlas CLI still needs it. Without the secrets these profiles are not imported.',
    });
    assert.equal(consentQuestion(['default', 'keys'], 'config.toml').message, "Copy the secrets of 2 profiles from config.toml into VS Code's secret storage?");
  });

  it('sums up what was imported and what was skipped, and why', () => {
    assert.equal(
      importSummary(['default', 'prod'], [{ name: 'staging', reason: 'user account login is not supported' }]),
      'Imported 2 connections from the Atlas CLI: default, prod. Skipped: staging (user account login is not supported).',
    );
    assert.equal(importSummary(['default'], []), 'Imported 1 connection from the Atlas CLI: default.');
    assert.equal(
      importSummary([], [{ name: 'a', reason: 'its secret was not copied' }, { name: 'b', reason: 'its secret was not copied' }]),
      'No connection was imported from the Atlas CLI. Skipped: a (its secret was not copied), b (its secret was not copied).',
    );
  });
});
