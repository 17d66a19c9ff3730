// The certificates the integration suite serves HTTPS with, made fresh for each run before code-server starts:
// a test CA that the extension host trusts as a company CA is trusted (NODE_EXTRA_CA_CERTS, read by Node at its
// start, so it must be in code-server's environment), a leaf it signed, and a leaf from a CA nobody trusts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TLS_FIXTURE_ENV, writeTlsFixture, type TlsFixtureFiles } from '../support/testCa';

export interface TlsFixture {
  files: TlsFixtureFiles;
  /** For code-server (and so the extension host): NODE_EXTRA_CA_CERTS. */
  serverEnv: Record<string, string>;
  /** For the suite: where the files are (ATLAS_TEST_TLS_FIXTURE, JSON). */
  testEnv: Record<string, string>;
  close(): void;
}

export async function makeTlsFixture(): Promise<TlsFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-test-tls-'));
  try {
    const files = await writeTlsFixture(dir);
    return {
      files,
      serverEnv: { NODE_EXTRA_CA_CERTS: files.caCert },
      testEnv: { [TLS_FIXTURE_ENV]: JSON.stringify(files) },
      close: () => rmSync(dir, { recursive: true, force: true }),
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
