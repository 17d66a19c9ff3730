import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import * as tls from 'node:tls';
import * as vscode from 'vscode';
import { describeProxyText, networkFromSettings, splitPem, type CertificateSources, type HttpSettingValues, type NetworkSetup } from '../atlas';
import type { Log } from '../logging/log';

/*
 * VS Code's `http.*` settings and the certificates VS Code trusts, read for the client and the downloads.
 * The certificate files are read once (the operating system's store only when http.systemCertificates asks
 * for it) and kept; a file that cannot be read is logged and left out, never an error.
 */

const LINUX_BUNDLES = [
  '/etc/ssl/certs/ca-certificates.crt',
  '/etc/pki/tls/certs/ca-bundle.crt',
  '/etc/ssl/ca-bundle.pem',
  '/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem',
];
const MAC_KEYCHAINS = ['/System/Library/Keychains/SystemRootCertificates.keychain', '/Library/Keychains/System.keychain'];

let own: Promise<string[] | undefined> | undefined;
let system: Promise<string[] | undefined> | undefined;
let loaded: CertificateSources | undefined;
let lastReport = '';

function httpSettings(): HttpSettingValues {
  const c = vscode.workspace.getConfiguration('http');
  return {
    proxy: c.get('proxy'),
    proxyStrictSSL: c.get('proxyStrictSSL'),
    noProxy: c.get('noProxy'),
    proxySupport: c.get('proxySupport'),
    systemCertificates: c.get('systemCertificates'),
  };
}

/** The network options as the settings are now, with the certificates read so far. */
export function networkSetupNow(log: Log): NetworkSetup {
  const setup = networkFromSettings(httpSettings(), process.env, loaded);
  for (const s of setup.secrets) log.addSecret(s);
  report(setup, log);
  return setup;
}

/** The network options once the certificates they need are read. */
export async function networkSetup(log: Log): Promise<NetworkSetup> {
  await loadCertificates(log, httpSettings().systemCertificates !== false);
  return networkSetupNow(log);
}

/** Starts reading the certificates (activation calls it, so that the first request need not wait). */
export function loadCertificates(log: Log, withSystem: boolean): Promise<void> {
  const say = (message: string) => log.warn(`Certificates: ${message}`);
  own ??= readExtraCertificates(say);
  if (withSystem) system ??= readSystemCertificates(say);
  return Promise.all([own, withSystem ? system : undefined]).then(async () => {
    loaded = { roots: tls.rootCertificates, ...optional('extra', await own), ...optional('system', system ? await system : undefined) };
  });
}

function optional<K extends string>(key: K, value: string[] | undefined): { [P in K]?: string[] } {
  return (value && value.length > 0 ? { [key]: value } : {}) as { [P in K]?: string[] };
}

/** The file NODE_EXTRA_CA_CERTS names: Node put it in its default store, which an explicit `ca` replaces. */
async function readExtraCertificates(say: (m: string) => void): Promise<string[] | undefined> {
  const path = process.env.NODE_EXTRA_CA_CERTS?.trim();
  if (!path) return undefined;
  try {
    const found = splitPem(await readFile(path, 'utf8'));
    if (found.length === 0) say(`NODE_EXTRA_CA_CERTS (${path}) holds no PEM certificate`);
    return found;
  } catch (e) {
    say(`NODE_EXTRA_CA_CERTS (${path}) could not be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
    return undefined;
  }
}

async function readSystemCertificates(say: (m: string) => void): Promise<string[] | undefined> {
  try {
    if (process.platform === 'darwin') {
      const all = await Promise.all(MAC_KEYCHAINS.filter((k) => existsSync(k)).map((k) => securityExport(k)));
      return all.flat();
    }
    const fromNode = (tls as { getCACertificates?: (type: 'system') => string[] }).getCACertificates;
    if (process.platform === 'win32') {
      if (fromNode) return fromNode('system');
      say(`the Windows certificate store cannot be read by Node ${process.version}; set NODE_EXTRA_CA_CERTS to a PEM file of your company's CA instead`);
      return undefined;
    }
    const bundle = LINUX_BUNDLES.find((p) => existsSync(p));
    if (bundle) return splitPem(await readFile(bundle, 'utf8'));
    if (fromNode) return fromNode('system');
    say(`no system certificate bundle found (looked for ${LINUX_BUNDLES.join(', ')})`);
    return undefined;
  } catch (e) {
    say(`the system certificates could not be read (${e instanceof Error ? e.message : String(e)})`);
    return undefined;
  }
}

function securityExport(keychain: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    execFile('/usr/bin/security', ['find-certificate', '-a', '-p', keychain], { timeout: 15_000, maxBuffer: 32 << 20 }, (error, stdout) =>
      error ? reject(error) : resolve(splitPem(stdout)),
    );
  });
}

/** One log line per change of what the requests will do: the proxy without its credentials, and what was ignored. */
function report(setup: NetworkSetup, log: Log): void {
  const n = setup.network;
  const proxy = n.proxy ? `proxy ${describeProxyText(n.proxy)} from ${n.proxySource ?? 'the settings'}` : n.hostResolvesProxy ? 'no proxy configured (VS Code may apply the system proxy)' : 'no proxy';
  const direct = n.noProxy && n.proxy ? `, direct to ${n.noProxy.join(', ')}` : '';
  const trust = `${n.strictSSL === false ? 'certificates not checked (http.proxyStrictSSL off)' : 'certificates checked'}, ${n.ca ? `${n.ca.length} trusted` : "Node's trusted certificates"}`;
  const line = `Network: ${proxy}${direct}; ${trust}${setup.notes.length ? `; ${setup.notes.join('; ')}` : ''}`;
  if (line === lastReport) return;
  lastReport = line;
  log.info(line);
}
