import { isAtlasError } from './errors';
import { describeProxy, parseProxyUrl, proxySecrets, type NetworkOptions } from './network';

/**
 * VS Code's network settings and the process environment → the client's NetworkOptions, as VS Code itself
 * reads them for extensions: `http.proxy` first, else HTTPS_PROXY / HTTP_PROXY (lower case first, as curl);
 * `http.noProxy` when it lists anything, else NO_PROXY; loopback never through a proxy; `http.proxySupport`
 * "off" turns all of it off; `http.proxyStrictSSL` false accepts any certificate. Pure: the caller reads
 * the settings, the environment and the certificate files.
 */
export interface HttpSettingValues {
  proxy?: unknown;
  proxyStrictSSL?: unknown;
  noProxy?: unknown;
  proxySupport?: unknown;
  systemCertificates?: unknown;
}

/** The certificates there are to trust, as read by the caller (PEM). */
export interface CertificateSources {
  /** Node's bundled roots (tls.rootCertificates). */
  roots: readonly string[];
  /** The certificates of the file NODE_EXTRA_CA_CERTS names. */
  extra?: readonly string[];
  /** The operating system's store. */
  system?: readonly string[];
}

export interface NetworkSetup {
  network: NetworkOptions;
  /** The proxy credentials, to keep out of every log. */
  secrets: string[];
  /** What was ignored and why, for the log (never a credential). */
  notes: string[];
}

/** Hosts VS Code never sends through a proxy. */
const LOOPBACK = ['localhost', '127.0.0.1', '::1'];

type Env = Readonly<Record<string, string | undefined>>;

export function networkFromSettings(settings: HttpSettingValues, env: Env, certificates?: CertificateSources): NetworkSetup {
  const notes: string[] = [];
  const network: NetworkOptions = {};
  if (settings.proxyStrictSSL === false) network.strictSSL = false;
  const ca = certificates && trustedCa(certificates, settings.systemCertificates !== false);
  if (ca) network.ca = ca;
  if (settings.proxySupport === 'off') return { network, secrets: [], notes: ['http.proxySupport is "off": no proxy is used'] };

  const configured = listOf(settings.noProxy);
  const fromSetting = typeof settings.proxy === 'string' ? settings.proxy.trim() : '';
  if (fromSetting) {
    const proxy = usable(fromSetting, '`http.proxy`', notes);
    if (proxy) Object.assign(network, { proxy, proxySource: '`http.proxy`' });
    network.noProxy = [...configured, ...LOOPBACK];
  } else {
    const https = firstVariable(env, ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY']);
    const http = firstVariable(env, ['http_proxy', 'HTTP_PROXY']);
    const proxy = https && usable(https.value, `the ${https.name} variable`, notes);
    if (proxy) Object.assign(network, { proxy, proxySource: `the ${https!.name} variable` });
    const httpProxy = http && http.value !== https?.value ? usable(http.value, `the ${http.name} variable`, notes) : undefined;
    if (httpProxy) network.httpProxy = httpProxy;
    const fromEnv = firstVariable(env, ['no_proxy', 'NO_PROXY'])?.value.split(',') ?? [];
    network.noProxy = [...(configured.length > 0 ? configured : fromEnv.map((e) => e.trim()).filter(Boolean)), ...LOOPBACK];
  }
  if (!network.proxy && !network.httpProxy) {
    delete network.noProxy;
    // Nothing named a proxy here: VS Code may still find one (the system's, a PAC file) for requests it sees.
    network.hostResolvesProxy = true;
  }
  return { network, secrets: [...proxySecrets(network.proxy), ...proxySecrets(network.httpProxy)], notes };
}

/** `text` when it is a proxy the client can use; otherwise a note (without credentials) and undefined. */
function usable(text: string, source: string, notes: string[]): string | undefined {
  try {
    const url = parseProxyUrl(text);
    if (url.pathname !== '/' && url.pathname !== '') notes.push(`${source}: the path of ${describeProxy(url)} is ignored`);
    return text;
  } catch (e) {
    notes.push(`${source} is not used: ${isAtlasError(e) ? e.message : String(e)}`);
    return undefined;
  }
}

function firstVariable(env: Env, names: string[]): { name: string; value: string } | undefined {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) return { name, value };
  }
  return undefined;
}

function listOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string').map((v) => v.trim()).filter(Boolean) : [];
}

// The same array for the same certificates, so that the client's TLS context (built per array) is built once.
let lastCa: string[] | undefined;

/**
 * What to trust: Node's roots, the NODE_EXTRA_CA_CERTS file (an explicit `ca` replaces Node's default store,
 * which is where Node had put it) and, when `useSystem`, the operating system's. Undefined when that is
 * exactly Node's own default, which needs no `ca` at all.
 */
export function trustedCa(c: CertificateSources, useSystem: boolean): string[] | undefined {
  const extra = c.extra ?? [];
  const system = useSystem ? (c.system ?? []) : [];
  if (extra.length === 0 && system.length === 0) return undefined;
  const value = [...new Set([...c.roots, ...extra, ...system].map((p) => p.trim()))];
  if (lastCa && lastCa.length === value.length && lastCa.every((x, i) => x === value[i])) return lastCa;
  lastCa = value;
  return value;
}

/** The certificates of a PEM bundle, each with its BEGIN and END lines. */
export function splitPem(text: string): string[] {
  return text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
}
