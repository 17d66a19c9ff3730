// VS Code's http.* settings and the environment → the client's network options, as a pure function; and the
// pieces the client decides with: which hosts go direct, how a proxy is named, which texts are secrets.
import { strict as assert } from 'node:assert';
import { networkFromSettings, splitPem } from '../../../src/atlas';
import { describeProxy, noProxyMatcher, parseProxyUrl, proxyFor, proxySecrets, resolveNetwork } from '../../../src/atlas/network';
import { certificateMessage, certificateProblem } from '../../../src/atlas/networkErrors';
import { redactText } from '../../../src/atlas/redaction';

const ROOTS = ['-----BEGIN CERTIFICATE-----\nroot\n-----END CERTIFICATE-----'];
const COMPANY = '-----BEGIN CERTIFICATE-----\ncompany\n-----END CERTIFICATE-----';
const SYSTEM = '-----BEGIN CERTIFICATE-----\nsystem\n-----END CERTIFICATE-----';

describe('network settings → client options', () => {
  it('takes http.proxy first, with http.noProxy and loopback direct', () => {
    const { network, secrets, notes } = networkFromSettings(
      { proxy: ' http://proxy.corp:3128 ', noProxy: ['intranet.corp', ' '] },
      { HTTPS_PROXY: 'http://env-proxy:8080', NO_PROXY: 'ignored.example' },
    );
    assert.deepEqual(network, { proxy: 'http://proxy.corp:3128', proxySource: '`http.proxy`', noProxy: ['intranet.corp', 'localhost', '127.0.0.1', '::1'] });
    assert.deepEqual(secrets, []);
    assert.deepEqual(notes, []);
  });

  it('without http.proxy reads the environment, lower case first, and NO_PROXY when http.noProxy is empty', () => {
    const { network } = networkFromSettings({ noProxy: [] }, { https_proxy: 'proxy.corp:8443', HTTPS_PROXY: 'http://upper:1', HTTP_PROXY: 'http://plain:80', NO_PROXY: '.corp, example.com:8080' });
    assert.deepEqual(network, {
      proxy: 'proxy.corp:8443',
      proxySource: 'the https_proxy variable',
      httpProxy: 'http://plain:80',
      noProxy: ['.corp', 'example.com:8080', 'localhost', '127.0.0.1', '::1'],
    });
    const fallback = networkFromSettings({ noProxy: ['only.this'] }, { HTTP_PROXY: 'http://plain:80', NO_PROXY: 'not.used' }).network;
    assert.deepEqual(fallback, { proxy: 'http://plain:80', proxySource: 'the HTTP_PROXY variable', noProxy: ['only.this', 'localhost', '127.0.0.1', '::1'] });
  });

  it('http.proxySupport "off" ignores the setting and the environment alike', () => {
    const { network, notes } = networkFromSettings({ proxy: 'http://proxy:1', proxySupport: 'off' }, { HTTPS_PROXY: 'http://env:2' });
    assert.deepEqual(network, {});
    assert.match(notes[0]!, /off/);
  });

  it('with no proxy anywhere, leaves the system proxy to VS Code', () => {
    assert.deepEqual(networkFromSettings({ proxy: '', proxySupport: 'override' }, {}).network, { hostResolvesProxy: true });
  });

  it('http.proxyStrictSSL false accepts any certificate; true or unset checks them', () => {
    assert.equal(networkFromSettings({ proxyStrictSSL: false }, {}).network.strictSSL, false);
    assert.equal(networkFromSettings({ proxyStrictSSL: true }, {}).network.strictSSL, undefined);
    assert.equal(resolveNetwork({}).strictSSL, true);
  });

  it('trusts Node’s roots, NODE_EXTRA_CA_CERTS and, with http.systemCertificates, the system store', () => {
    const certificates = { roots: ROOTS, extra: [COMPANY], system: [SYSTEM, ROOTS[0]!] };
    const on = networkFromSettings({}, {}, certificates).network.ca;
    assert.deepEqual(on, [ROOTS[0], COMPANY, SYSTEM]);
    assert.equal(networkFromSettings({}, {}, certificates).network.ca, on, 'the same list for the same certificates (one TLS context)');
    assert.deepEqual(networkFromSettings({ systemCertificates: false }, {}, certificates).network.ca, [ROOTS[0], COMPANY]);
    assert.equal(networkFromSettings({ systemCertificates: false }, {}, { roots: ROOTS }).network.ca, undefined, "Node's default needs no ca");
  });

  it('keeps the proxy credentials as secrets and out of every note', () => {
    const { network, secrets } = networkFromSettings({ proxy: 'http://me:p%40ss%3Aword@proxy:3128' }, {});
    assert.equal(network.proxy, 'http://me:p%40ss%3Aword@proxy:3128');
    assert.ok(secrets.includes('p@ss:word') && secrets.includes('p%40ss%3Aword'));
    assert.ok(secrets.includes(Buffer.from('me:p@ss:word').toString('base64')));
    const bad = networkFromSettings({ proxy: 'socks5://me:hunter22@proxy:1080' }, {});
    assert.equal(bad.network.proxy, undefined);
    assert.match(bad.notes[0]!, /`http.proxy` is not used: Proxies of the kind socks5/);
    assert.ok(!bad.notes.join(' ').includes('hunter22'));
    assert.ok(bad.secrets.length === 0 && proxySecrets('socks5://me:hunter22@proxy:1080').includes('hunter22'));
  });

  it('splits a PEM bundle into certificates', () => {
    assert.deepEqual(splitPem(`junk\n${COMPANY}\n# comment\n${SYSTEM}\n`), [COMPANY, SYSTEM]);
  });
});

describe('which requests go through the proxy', () => {
  const matches = (entries: string[], host: string, port = '443') => noProxyMatcher(entries)(host, port);

  it('matches exact hosts, domains with or without a leading dot or *., host:port and *, ignoring case', () => {
    assert.ok(matches(['Cloud.MongoDB.com'], 'cloud.mongodb.com'));
    assert.ok(matches(['mongodb.com'], 'cloud.mongodb.com'));
    assert.ok(matches(['.mongodb.com'], 'cloud.mongodb.com'));
    assert.ok(matches(['*.mongodb.com'], 'cloud.mongodb.com'));
    assert.ok(!matches(['mongodb.com'], 'notmongodb.com'));
    assert.ok(matches(['cloud.mongodb.com:443'], 'cloud.mongodb.com', '443'));
    assert.ok(!matches(['cloud.mongodb.com:8443'], 'cloud.mongodb.com', '443'));
    assert.ok(matches(['*'], 'anything'));
    assert.ok(matches(['::1'], '[::1]', '80'));
    assert.ok(!matches([], 'cloud.mongodb.com'));
  });

  it('routes https to `proxy`, plain http to `httpProxy` (else `proxy`), and bypasses noProxy', () => {
    const network = resolveNetwork({ proxy: 'http://tunnel:1', httpProxy: 'http://forward:2', noProxy: ['direct.example'] });
    assert.equal(proxyFor(network, new URL('https://cloud.mongodb.com'))?.described, 'http://tunnel:1');
    assert.equal(proxyFor(network, new URL('http://storage.example'))?.described, 'http://forward:2');
    assert.equal(proxyFor(network, new URL('https://a.direct.example')), undefined);
    assert.equal(proxyFor(resolveNetwork({ proxy: 'http://tunnel:1' }), new URL('http://x.example'))?.described, 'http://tunnel:1');
  });

  it('names a proxy as scheme://host:port, never with its credentials', () => {
    assert.equal(describeProxy(parseProxyUrl('http://u:secret@proxy.corp')), 'http://proxy.corp:80');
    assert.equal(describeProxy(parseProxyUrl('proxy.corp:3128')), 'http://proxy.corp:3128');
    assert.equal(describeProxy(parseProxyUrl('https://proxy.corp/')), 'https://proxy.corp:443');
    assert.throws(() => parseProxyUrl('http://u:secret@'), (e: Error) => !e.message.includes('secret'));
  });

  it('a redacted log line holds no proxy password', () => {
    const secrets = proxySecrets('http://me:s3cret-pw@proxy:8080');
    assert.equal(redactText('CONNECT with me:s3cret-pw and Proxy-Authorization: Basic bWU6czNjcmV0LXB3', secrets).includes('s3cret'), false);
  });
});

describe('certificate messages', () => {
  it('tells untrusted, expired and wrong-name certificates apart, the code kept at the end', () => {
    for (const code of ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_UNTRUSTED']) {
      assert.equal(certificateProblem(code), 'untrustedCertificate');
      assert.match(certificateMessage('cloud.mongodb.com', code), new RegExp(`^The certificate of cloud\\.mongodb\\.com is not trusted — see \`http\\.systemCertificates\`.*NODE_EXTRA_CA_CERTS.*\\(${code}\\)\\.$`));
    }
    assert.equal(certificateProblem('CERT_HAS_EXPIRED'), 'invalidCertificate');
    assert.match(certificateMessage('h', 'CERT_HAS_EXPIRED'), /^The certificate of h has expired/);
    assert.match(certificateMessage('h', 'ERR_TLS_CERT_ALTNAME_INVALID'), /^The certificate of h was made for another host name/);
    assert.equal(certificateProblem('ECONNRESET'), undefined);
  });
});
