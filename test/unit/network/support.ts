/**
 * The network tests' world: a test CA, an emulator served over HTTPS under a name only the test proxy
 * resolves (so a request that skipped the proxy cannot even find it), and that proxy, a real one from npm
 * in a process of its own — with and without Basic auth.
 */
import { issueLeaf, makeTestCa, PROXY_ONLY_HOST, TEST_HOST_NAMES, type PemPair } from '../../support/testCa';
import { startTestProxy, type TestProxy } from '../../support/testProxy';
import { startFixture, type Fixture } from '../client/support';

export { proxyUrlWithCredentials as withCredentials } from '../../support/testProxy';

export const PROXY_USER = 'svc-restore';
/** Characters that must be percent-encoded in a URL, so the encoded and the decoded form both count. */
export const PROXY_PASSWORD = 'pr0xy-p@ss:w0rd/!';

export interface NetworkWorld {
  ca: PemPair;
  /** The HTTPS emulator, its base URL on PROXY_ONLY_HOST. */
  fx: Fixture;
  /** A proxy that lets anyone through. */
  open: TestProxy;
  /** A proxy that wants PROXY_USER / PROXY_PASSWORD. */
  guarded: TestProxy;
}

/** Starts the world before the enclosing describe's first test and stops it after its last. */
export function networkWorld(): NetworkWorld {
  const world = {} as NetworkWorld;
  before(async function () {
    this.timeout(20_000);
    world.ca = await makeTestCa();
    const leaf = await issueLeaf(world.ca, { names: TEST_HOST_NAMES });
    const hosts = { [PROXY_ONLY_HOST]: '127.0.0.1' };
    [world.fx, world.open, world.guarded] = await Promise.all([
      startFixture({ tls: leaf, publicHost: PROXY_ONLY_HOST }),
      startTestProxy({ hosts }),
      startTestProxy({ hosts, auth: { user: PROXY_USER, password: PROXY_PASSWORD } }),
    ]);
  });
  after(async () => {
    await Promise.all([world.fx?.emulator.close(), world.open?.close(), world.guarded?.close()]);
  });
  beforeEach(() => {
    world.fx.emulator.clearRequests();
    world.fx.emulator.faults.clear();
    world.open.clear();
    world.guarded.clear();
  });
  return world;
}
