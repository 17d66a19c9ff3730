/**
 * Certificates made at test time: a certificate authority and leaves it signs, so that a test can serve
 * HTTPS that a client trusts only when told to (`ca`, NODE_EXTRA_CA_CERTS), the way a company CA works.
 * Nothing here is ever written into the repository. EC P-256 keys: made in milliseconds, unlike RSA.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { TEST_HOST_NAMES, type TlsFixtureFiles } from './tlsFixture';

export { PROXY_ONLY_HOST, TEST_HOST_NAMES, TLS_FIXTURE_ENV, type TlsFixtureFiles } from './tlsFixture';

export interface PemPair {
  /** PEM certificate. */
  cert: string;
  /** PEM private key. */
  key: string;
}

const DAY_MS = 86_400_000;

/** A CA certificate (basicConstraints cA, keyCertSign) named `name`. */
export async function makeTestCa(name = 'Atlas Restore Jobs Test CA'): Promise<PemPair> {
  const made = await generate([{ name: 'commonName', value: name }, { name: 'organizationName', value: 'Test' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate: new Date(Date.now() - DAY_MS),
    notAfterDate: new Date(Date.now() + 30 * DAY_MS),
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  return { cert: made.cert, key: made.private };
}

export interface LeafOptions {
  /** Host names and IP addresses the certificate is for; the first is its common name. */
  names: string[];
  /** Default: valid from yesterday for 30 days. An end in the past makes an expired certificate. */
  notBefore?: Date;
  notAfter?: Date;
}

/** A server certificate for `names`, signed by `ca`. */
export async function issueLeaf(ca: PemPair, options: LeafOptions): Promise<PemPair> {
  const [first] = options.names;
  if (!first) throw new Error('a leaf certificate needs at least one name');
  const made = await generate([{ name: 'commonName', value: first }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate: options.notBefore ?? new Date(Date.now() - DAY_MS),
    notAfterDate: options.notAfter ?? new Date(Date.now() + 30 * DAY_MS),
    ca: { cert: ca.cert, key: ca.key },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: options.names.map((n) => (isIP(n) ? { type: 7 as const, ip: n } : { type: 2 as const, value: n })) },
    ],
  });
  return { cert: made.cert, key: made.private };
}

/** Makes a trusted CA with its leaf and an untrusted one, and writes them to `dir`. */
export async function writeTlsFixture(dir: string): Promise<TlsFixtureFiles> {
  mkdirSync(dir, { recursive: true });
  const ca = await makeTestCa();
  const leaf = await issueLeaf(ca, { names: TEST_HOST_NAMES });
  const other = await makeTestCa('Untrusted Test CA');
  const untrusted = await issueLeaf(other, { names: TEST_HOST_NAMES });
  const files: TlsFixtureFiles = {
    dir,
    caCert: join(dir, 'ca.pem'),
    caKey: join(dir, 'ca-key.pem'),
    leafCert: join(dir, 'leaf.pem'),
    leafKey: join(dir, 'leaf-key.pem'),
    untrustedCert: join(dir, 'untrusted.pem'),
    untrustedKey: join(dir, 'untrusted-key.pem'),
  };
  const write = (path: string, text: string) => writeFileSync(path, text, { mode: 0o600 });
  write(files.caCert, ca.cert);
  write(files.caKey, ca.key);
  write(files.leafCert, leaf.cert);
  write(files.leafKey, leaf.key);
  write(files.untrustedCert, untrusted.cert);
  write(files.untrustedKey, untrusted.key);
  return files;
}
