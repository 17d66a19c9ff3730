/**
 * Names shared by the code that makes the test certificates (testCa.ts, which needs `selfsigned`) and the
 * tests that only read them (the integration suite, bundled without it).
 */

/** The host name tests give the emulator when only a proxy may reach it (see testProxy.ts). */
export const PROXY_ONLY_HOST = 'atlas-emulator.test';

/** The names every test leaf is for: loopback and the proxy-only host. */
export const TEST_HOST_NAMES = ['localhost', '127.0.0.1', PROXY_ONLY_HOST];

/** Where `writeTlsFixture` put its files (all PEM). */
export interface TlsFixtureFiles {
  dir: string;
  /** The CA the client is to trust (NODE_EXTRA_CA_CERTS), its key, and a leaf it signed for TEST_HOST_NAMES. */
  caCert: string;
  caKey: string;
  leafCert: string;
  leafKey: string;
  /** A leaf for the same names signed by another CA, which nobody trusts. */
  untrustedCert: string;
  untrustedKey: string;
}

/** The fixture's paths as one environment value (JSON), for a runner to hand to the tests it starts. */
export const TLS_FIXTURE_ENV = 'ATLAS_TEST_TLS_FIXTURE';
