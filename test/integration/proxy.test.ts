// The extension behind a company proxy, in a real extension host: Atlas (the emulator, over HTTPS with a
// certificate from the run's test CA, which code-server's NODE_EXTRA_CA_CERTS trusts) answers under a name only
// the proxy can resolve, so whatever loads came through the proxy, with the credentials `http.proxy` holds.
// Then a server whose certificate comes from a CA nobody trusts: the row says so and names the setting.
import * as assert from 'node:assert/strict';
import { promises as dns } from 'node:dns';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { ConnectionInfo } from '../../src/connections/model';
import type { TestApi } from '../../src/extension';
import type { MessageNode } from '../../src/tree/messageNode';
import { DEMO_SERVICE_ACCOUNT, startEmulator, type RunningEmulator } from '../atlas-emulator';
import { PROXY_ONLY_HOST, TLS_FIXTURE_ENV, type TlsFixtureFiles } from '../support/tlsFixture';
import { proxyUrlWithCredentials, startTestProxy, type TestProxy } from '../support/testProxy';
import { addConnection, extensionApi, path, rows, setSetting, until, withAnswers } from './support/extensionHarness';

const USER = 'restore-reader';
const PASSWORD = 'c0mpany-Pr0xy-p@ss';
const LABEL = 'Atlas behind the proxy';

async function setHttp(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('http').update(key, value, vscode.ConfigurationTarget.Global);
}

describe('Behind a company proxy', function () {
  this.timeout(60_000);
  let api: TestApi;
  let files: TlsFixtureFiles;
  let emulator: RunningEmulator | undefined;
  let untrusted: RunningEmulator | undefined;
  let proxy: TestProxy | undefined;
  const added: ConnectionInfo[] = [];

  before(async function () {
    const fixture = process.env[TLS_FIXTURE_ENV];
    // Only the code-server runner makes the run's CA (and has code-server trust it) before the host starts.
    if (!fixture) this.skip();
    files = JSON.parse(fixture) as TlsFixtureFiles;
    api = await extensionApi();
    const tls = (cert: string, key: string) => ({ cert: readFileSync(cert, 'utf8'), key: readFileSync(key, 'utf8') });
    emulator = await startEmulator({ dataset: 'demo', tls: tls(files.leafCert, files.leafKey), publicHost: PROXY_ONLY_HOST });
    untrusted = await startEmulator({ dataset: 'demo', tls: tls(files.untrustedCert, files.untrustedKey) });
    proxy = await startTestProxy({ hosts: { [PROXY_ONLY_HOST]: '127.0.0.1' }, auth: { user: USER, password: PASSWORD } });
    await setSetting('useEnvironmentCredentials', false);
    await setSetting('watch.enabled', false);
    await setHttp('proxy', proxyUrlWithCredentials(proxy, USER, PASSWORD));
  });

  after(async () => {
    for (const c of added) await api?.store.remove(c.id);
    if (api) {
      await setHttp('proxy', undefined);
      await setSetting('useEnvironmentCredentials', undefined);
      await setSetting('watch.enabled', undefined);
      api.setPrompter(undefined);
    }
    await Promise.all([emulator?.close(), untrusted?.close(), proxy?.close()]);
  });

  it('the extension host trusts the run’s CA and cannot reach the emulator’s host by itself', async () => {
    assert.equal(process.env.NODE_EXTRA_CA_CERTS, files.caCert);
    await assert.rejects(dns.lookup(PROXY_ONLY_HOST), (e: NodeJS.ErrnoException) => e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN');
  });

  it('loads projects, clusters and restore jobs through the proxy, with its credentials, and logs no password', async () => {
    const connection = await addConnection(api, {
      kind: 'serviceAccount',
      baseUrl: emulator!.baseUrl,
      id: DEMO_SERVICE_ACCOUNT.clientId,
      secret: DEMO_SERVICE_ACCOUNT.clientSecret,
      label: LABEL,
    });
    added.push(connection);
    const projects = await rows(api, (await path(api, LABEL)).node);
    assert.ok(projects.some((r) => r.label === 'Production'), projects.map((r) => r.label).join(' | '));
    const clusters = await rows(api, (await path(api, LABEL, 'Production')).node);
    assert.ok(clusters.some((r) => r.label === 'prod-rs'), clusters.map((r) => r.label).join(' | '));
    const jobs = await rows(api, (await path(api, LABEL, 'Production', 'prod-rs')).node);
    assert.ok(jobs.length > 0 && jobs.every((r) => !r.context.startsWith('error')), jobs.map((r) => `${r.label} ${r.description}`).join(' | '));

    const port = new URL(emulator!.baseUrl).port;
    await proxy!.seen(1);
    assert.deepEqual([...new Set(proxy!.connects())], [`${PROXY_ONLY_HOST}:${port}`]);
    assert.ok(proxy!.requests.every((r) => r.auth === 'accepted'), JSON.stringify(proxy!.requests));
    assert.ok(emulator!.requests.some((r) => r.path.endsWith('/restoreJobs') && r.status === 200));
    // The client's own keep-alive agent, not one VS Code would swap in: tunnels are reused.
    assert.ok(proxy!.connects().length < emulator!.requests.length, `${proxy!.connects().length} tunnels for ${emulator!.requests.length} requests`);

    const log = api.log.recent.join('\n');
    assert.match(log, new RegExp(`Network: proxy http://127\\.0\\.0\\.1:${proxy!.port} from \`http\\.proxy\``));
    for (const secret of [PASSWORD, encodeURIComponent(PASSWORD), Buffer.from(`${USER}:${PASSWORD}`).toString('base64')]) {
      assert.ok(!log.includes(secret), 'the proxy password is in the log');
    }
  });

  it('a certificate from a CA nobody trusts: the check and the tree say so and name http.systemCertificates', async () => {
    const baseUrl = untrusted!.baseUrl;
    assert.match(baseUrl, /^https:\/\/127\.0\.0\.1:/);
    // Adding it: the credential check fails, and its message says why.
    const { asked } = await withAnswers(api, ['serviceAccount', 'custom', baseUrl, DEMO_SERVICE_ACCOUNT.clientId, DEMO_SERVICE_ACCOUNT.clientSecret, 'Untrusted', undefined], () =>
      vscode.commands.executeCommand('atlasRestoreJobs.addConnection'),
    );
    const warning = asked.find((a) => a.kind === 'warn')?.message ?? '';
    assert.match(warning, /The certificate of 127\.0\.0\.1:\d+ is not trusted — see `http\.systemCertificates`/);
    // A connection saved before (another network, another day) shows the failure in the tree.
    const saved = await api.store.add({ label: 'Untrusted', kind: 'serviceAccount', site: 'custom', baseUrl, publicId: DEMO_SERVICE_ACCOUNT.clientId }, DEMO_SERVICE_ACCOUNT.clientSecret);
    added.push(saved);
    let shown: Awaited<ReturnType<typeof rows>> = [];
    await until('the failure row shows', async () => {
      shown = await rows(api, (await path(api, 'Untrusted')).node);
      return shown.some((r) => r.context.startsWith('error'));
    });
    const row = shown.find((r) => r.context.startsWith('error'))!;
    assert.equal(row.label, 'Certificate not trusted');
    assert.equal(row.description, 'see http.systemCertificates');
    assert.match(row.context, /\bretry\b/);
    const detail = (row.node as MessageNode).options.detail ?? '';
    assert.match(detail, /^The certificate of 127\.0\.0\.1:\d+ is not trusted — see `http\.systemCertificates`.*NODE_EXTRA_CA_CERTS/s);
    assert.doesNotMatch(`${row.label} ${row.description}`, /UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED/);
    assert.ok(untrusted!.requests.length === 0, 'no request got through the TLS handshake');
  });
});
