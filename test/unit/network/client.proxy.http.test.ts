// The client behind a real proxy (npm `proxy`, its own process) and in front of an emulator served over HTTPS
// by a test CA, under a host name only the proxy resolves: what reaches Atlas went through the proxy.
import { strict as assert } from 'node:assert';
import { createServer } from 'node:net';
import { PROXY_ONLY_HOST } from '../../support/testCa';
import { allLogEvents, API_KEY, apiRequests, expectAtlasError, extraSecrets, makeClient, startFixture } from '../client/support';
import { networkWorld, PROXY_PASSWORD, PROXY_USER, withCredentials } from './support';

describe('client behind a proxy, Atlas over HTTPS with a company CA', function () {
  this.timeout(20_000);
  const world = networkWorld();
  before(() => {
    extraSecrets.add(PROXY_PASSWORD);
    extraSecrets.add(encodeURIComponent(PROXY_PASSWORD));
    extraSecrets.add('wrong-pass-9');
  });
  const trusted = () => ({ ca: [world.ca.cert] });
  const target = () => `${PROXY_ONLY_HOST}:${new URL(world.fx.emulator.baseUrl).port}`;

  it('lists projects through the proxy: a CONNECT to Atlas, and keep-alive reuses the one tunnel', async () => {
    const client = makeClient(world.fx.emulator, { network: { proxy: world.open.url, ...trusted() } });
    const page = await client.listProjects();
    assert.deepEqual(page.results.map((p) => p.name), ['client-tests']);
    await client.listOrganizations();
    await client.listProjects({ itemsPerPage: 1 });
    await world.open.seen(1);
    assert.deepEqual(world.open.connects(), [target()], 'the token request and three API calls shared one tunnel');
    assert.equal(apiRequests(world.fx.emulator).length, 3);
  });

  it('signs Digest requests on a fresh tunnel only once it is secure (API key)', async () => {
    const client = makeClient(world.fx.emulator, { credentials: API_KEY, network: { proxy: world.open.url, ...trusted() } });
    await Promise.all([client.listProjects(), client.listOrganizations(), client.listProjects({ itemsPerPage: 2 })]);
    await world.open.seen(1);
    assert.ok(apiRequests(world.fx.emulator).every((r) => r.status === 200 || r.status === 401));
  });

  it('goes direct to a host in noProxy (and so cannot find the proxy-only host)', async () => {
    const client = makeClient(world.fx.emulator, { network: { proxy: world.open.url, noProxy: ['.test'], ...trusted() }, retry: { maxRetries: 0 } });
    const e = await expectAtlasError(client.listProjects(), 'network');
    assert.equal(e.code, 'ENOTFOUND');
    assert.equal(e.networkProblem, undefined);
    assert.deepEqual(world.open.requests, []);
  });

  it('407 without credentials says to add them to http.proxy', async () => {
    const client = makeClient(world.fx.emulator, { network: { proxy: world.guarded.url, proxySource: '`http.proxy`', ...trusted() } });
    const e = await expectAtlasError(client.listProjects(), 'network');
    assert.equal(e.networkProblem, 'proxyCredentials');
    assert.equal(
      e.message,
      `The proxy at ${world.guarded.url} asks for credentials: add them to \`http.proxy\` as http://user:password@host:port.`,
    );
    await world.guarded.seen(1);
    assert.deepEqual(world.guarded.requests.map((r) => [r.method, r.auth, r.status]), [['CONNECT', 'none', 407]], 'a 407 is not retried');
  });

  it('407 with wrong credentials says they were refused, and never shows the password', async () => {
    const seen: string[] = [];
    const client = makeClient(world.fx.emulator, {
      network: { proxy: withCredentials(world.guarded, PROXY_USER, 'wrong-pass-9'), proxySource: '`http.proxy`', ...trusted() },
      logger: (ev) => seen.push(JSON.stringify(ev)),
    });
    const e = await expectAtlasError(client.listProjects(), 'network');
    assert.equal(e.networkProblem, 'proxyCredentials');
    assert.match(e.message, new RegExp(`^The proxy at ${world.guarded.url.replace(/\./g, '\\.')} asks for credentials, and those in \`http\\.proxy\` were refused`));
    for (const text of [e.message, JSON.stringify(e), ...seen]) assert.ok(!text.includes('wrong-pass-9') && !text.includes(PROXY_USER + ':'), text);
    assert.equal((await world.guarded.seen(1))[0]!.auth, 'refused');
  });

  it('with the right credentials goes through, and no log line holds them', async () => {
    const before = allLogEvents.length;
    const client = makeClient(world.fx.emulator, { network: { proxy: withCredentials(world.guarded, PROXY_USER, PROXY_PASSWORD), ...trusted() } });
    await client.listProjects();
    assert.deepEqual((await world.guarded.seen(1)).map((r) => [r.method, r.auth]), [['CONNECT', 'accepted']]);
    const lines = allLogEvents.slice(before).map((ev) => JSON.stringify(ev));
    assert.ok(lines.length > 0);
    for (const line of lines) assert.ok(!line.includes(PROXY_PASSWORD) && !line.includes(encodeURIComponent(PROXY_PASSWORD)), line);
  });

  it('a certificate from a CA it does not trust: a message that names http.systemCertificates, never the bare code', async () => {
    // Node's own roots only: the test CA is not among them.
    const client = makeClient(world.fx.emulator, { network: { proxy: world.open.url } });
    const e = await expectAtlasError(client.listProjects(), 'network');
    assert.equal(e.networkProblem, 'untrustedCertificate');
    assert.ok(['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY'].includes(e.code ?? ''), e.code);
    assert.match(e.message, new RegExp(`^The certificate of ${PROXY_ONLY_HOST}:\\d+ is not trusted — see \`http\\.systemCertificates\``));
    assert.match(e.message, /NODE_EXTRA_CA_CERTS/);
    assert.notEqual(e.message, e.code);
  });

  it('accepts that certificate with the CA given, and with strictSSL off', async () => {
    await makeClient(world.fx.emulator, { network: { proxy: world.open.url, ...trusted() } }).listProjects();
    await makeClient(world.fx.emulator, { network: { proxy: world.open.url, strictSSL: false } }).listProjects();
  });

  it('an unreachable proxy is named (without its credentials)', async () => {
    const port = await closedPort();
    const client = makeClient(world.fx.emulator, { network: { proxy: `http://${PROXY_USER}:wrong-pass-9@127.0.0.1:${port}`, proxySource: '`http.proxy`' }, retry: { maxRetries: 0 } });
    const e = await expectAtlasError(client.listProjects(), 'network');
    assert.equal(e.networkProblem, 'proxyUnreachable');
    assert.equal(e.code, 'ECONNREFUSED');
    assert.match(e.message, new RegExp(`^Could not reach the proxy at http://127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\), set in \`http\\.proxy\``));
    assert.ok(!e.message.includes(PROXY_USER));
  });

  it('a tunnel the proxy cannot open is the proxy refusing, not Atlas failing', async () => {
    const client = makeClient(world.fx.emulator, { network: { proxy: world.open.url, ...trusted() }, retry: { maxRetries: 0 } });
    const other = makeClient({ ...world.fx.emulator, baseUrl: 'https://no-such-host.test' }, { network: { proxy: world.open.url, ...trusted() }, retry: { maxRetries: 0 } });
    const e = await expectAtlasError(other.listProjects(), 'network');
    assert.equal(e.networkProblem, 'proxyRefused');
    assert.match(e.message, /^The proxy at http:\/\/127\.0\.0\.1:\d+ did not connect to no-such-host\.test \(HTTP 404\)\. .*`http\.noProxy`/);
    await client.listProjects();
  });

  it('leaves the request function to the host (VS Code patches it for system proxies) only when no proxy is configured', async () => {
    // The module object itself, as VS Code patches it: an `import * as` namespace is read-only.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const http = require('node:http') as typeof import('node:http');
    const local = await startFixture();
    const original = http.request;
    let patchedCalls = 0;
    const patched = ((...args: Parameters<typeof http.request>) => {
      patchedCalls++;
      return original(...args);
    }) as typeof http.request;
    http.request = patched;
    try {
      await makeClient(local.emulator, { network: { hostResolvesProxy: true } }).listProjects();
      const viaHost = patchedCalls;
      await makeClient(local.emulator, {}).listProjects();
      await makeClient(local.emulator, { network: { proxy: world.open.url, noProxy: ['127.0.0.1'], hostResolvesProxy: true } }).listProjects();
      assert.equal(viaHost, 2, 'the token and the list request');
      assert.equal(patchedCalls, viaHost, 'without that, and with a proxy configured, Node’s ClientRequest is called directly');
    } finally {
      http.request = original;
      await local.emulator.close();
    }
  });

  it('sends plain http through the proxy in absolute form, Digest included', async () => {
    const local = await startFixture();
    try {
      for (const credentials of [undefined, API_KEY]) {
        world.open.clear();
        const client = makeClient(local.emulator, { network: { proxy: world.open.url }, ...(credentials ? { credentials } : {}) });
        await client.listProjects();
        // At once: requests that need new connections through the forwarding proxy.
        await Promise.all([client.listOrganizations(), client.listProjects({ itemsPerPage: 1 }), client.listProjects({ itemsPerPage: 2 })]);
        const seen = await world.open.seen(4);
        assert.ok(seen.every((r) => r.method !== 'CONNECT' && r.target.startsWith(`${local.emulator.baseUrl}/api/`)), JSON.stringify(seen));
      }
    } finally {
      await local.emulator.close();
    }
  });

  it('refuses a proxy it cannot use when the client is made', () => {
    assert.throws(() => makeClient(world.fx.emulator, { network: { proxy: 'socks5://127.0.0.1:1080' } }), /socks5:\/\/ are not supported/);
  });
});

function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}
