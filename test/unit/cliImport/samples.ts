// The sample config.toml files the integration suite imports, read here as they are.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const FIXTURES = join(__dirname, '..', '..', 'integration', 'fixtures', 'atlascli');

export const SAMPLE_BASE_URL = 'http://127.0.0.1:8080';

/** A sample file; `config.toml.template` comes with {{BASE_URL}} filled in as a test would. */
export function sample(name: 'config.toml.template' | 'keyring.toml' | 'mongocli.toml' | 'broken.toml' | 'wrong-type.toml'): string {
  return readFileSync(join(FIXTURES, name), 'utf8').replaceAll('{{BASE_URL}}', SAMPLE_BASE_URL);
}

export function samplePath(name: string): string {
  return join(FIXTURES, name);
}

/** Every secret written in the samples: none may show up in anything meant for display. */
export const SAMPLE_SECRETS = [
  'mdb_sa_sk_demo-only-not-a-real-secret-0001',
  '5d1e0f5e-0000-4000-8000-000000000001',
  'eyJhbGciOiJub25lIn0.fake-access-token-for-tests.x',
  'fake-refresh-token-for-tests-0001',
  '00000000-fake-4000-8000-000000000002',
  '00000000-fake-4000-8000-000000000003',
  'mdb_sa_sk_fake-secret-for-tests-0003',
  '00000000-fake-4000-8000-000000000004',
  '00000000-fake-4000-8000-000000000005',
  '00000000-fake-4000-8000-000000000006',
  '500000000000000001',
];

export function assertNoSecret(text: string, where: string): void {
  for (const secret of SAMPLE_SECRETS) {
    if (text.includes(secret)) throw new Error(`a secret (${secret.slice(0, 6)}…) in ${where}: ${text}`);
  }
}
