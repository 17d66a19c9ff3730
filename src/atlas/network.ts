import { invalidInputError } from './errors';

/**
 * How requests leave this computer: through a proxy or not, and which certificates they trust. The client
 * and the downloads both take it; the extension builds it from VS Code's `http.*` settings and the
 * environment (networkFromSettings.ts), as every other extension reads them.
 */
export interface NetworkOptions {
  /** The proxy's URL, http:// or https://, credentials (`user:password@`) allowed; they are secrets. */
  proxy?: string;
  /** A proxy for plain-http targets only, when it differs from `proxy` (HTTP_PROXY beside HTTPS_PROXY). */
  httpProxy?: string;
  /**
   * Hosts reached directly: an exact host, `.example.com` or `example.com` (the domain and every name in
   * it), `*.example.com`, `host:port`, or `*` for all. Case does not matter.
   */
  noProxy?: readonly string[];
  /** Default true. False accepts any certificate, of the server and of the proxy (VS Code's http.proxyStrictSSL). */
  strictSSL?: boolean;
  /** The certificates to trust, instead of Node's bundled ones (so include those when they should count too). */
  ca?: readonly (string | Buffer)[];
  /** Where the proxy came from, for messages: e.g. '`http.proxy`' or 'the HTTPS_PROXY variable'. */
  proxySource?: string;
  /**
   * Nothing here names a proxy, but the host may know one: requests that go direct are sent through the
   * `https`/`http` modules' `request`, which VS Code's extension host patches to apply the system's or a PAC
   * file's proxy. Otherwise the client calls Node's ClientRequest itself, so that no patch replaces its agents.
   */
  hostResolvesProxy?: boolean;
}

/** A proxy as the client uses it: its URL (credentials included) and how it may be named. */
export interface ProxyRoute {
  url: URL;
  /** `http://host:port`: never the credentials. */
  described: string;
  /** The URL carries a user name or password. */
  credentials: boolean;
  source: string;
}

const DEFAULT_SOURCE = 'the proxy settings';

/** Accepts `host:port` (as HTTPS_PROXY often is) as http://host:port; throws invalidInput for anything else unusable. */
export function parseProxyUrl(text: string): URL {
  const trimmed = text.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw invalidInputError(`The proxy "${describeUnparsed(trimmed)}" is not a valid URL; write it as http://host:port.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw invalidInputError(`Proxies of the kind ${url.protocol.replace(/:$/, '')}:// are not supported; use an http:// or https:// proxy.`);
  }
  if (!url.hostname) throw invalidInputError(`The proxy "${describeUnparsed(trimmed)}" names no host; write it as http://host:port.`);
  return url;
}

/** `http://host:port` of a proxy URL: no credentials, no path, the port always written. */
export function describeProxy(url: URL): string {
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return `${url.protocol}//${url.hostname}:${port}`;
}

/** describeProxy of a proxy as written, for a log line. */
export function describeProxyText(text: string): string {
  try {
    return describeProxy(parseProxyUrl(text));
  } catch {
    return `"${describeUnparsed(text.trim())}"`;
  }
}

function describeUnparsed(text: string): string {
  // Whatever sits before an @ may be credentials.
  return text.replace(/^([a-z][a-z0-9+.-]*:\/\/)?[^@/]*@/i, '$1').slice(0, 80);
}

/** Everything of a proxy URL's credentials that could end up in text: the password as written and decoded, and the Basic header value. */
export function proxySecrets(proxy: string | undefined): string[] {
  if (!proxy) return [];
  const text = proxy.trim();
  let url: URL;
  try {
    // Any scheme: the credentials of a proxy the client refuses are secrets all the same.
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`);
  } catch {
    // Unparsable: whatever sits before the last @ may still be credentials.
    const userinfo = text.slice(0, Math.max(0, text.lastIndexOf('@'))).replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
    return userinfo ? [userinfo, userinfo.slice(userinfo.indexOf(':') + 1)].filter((s) => s !== '') : [];
  }
  if (!url.username && !url.password) return [];
  const user = safeDecode(url.username);
  const password = safeDecode(url.password);
  const out = new Set<string>([Buffer.from(`${user}:${password}`).toString('base64')]);
  if (url.password) {
    out.add(url.password);
    out.add(password);
    out.add(`${url.username}:${url.password}`);
  }
  return [...out];
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Checks the options when a client is made, so a bad proxy is refused at once (invalidInput), and parses the proxies. */
export function resolveNetwork(network: NetworkOptions | undefined): ResolvedNetwork {
  const source = network?.proxySource ?? DEFAULT_SOURCE;
  const route = (text: string | undefined): ProxyRoute | undefined => {
    if (!text?.trim()) return undefined;
    const url = parseProxyUrl(text);
    return { url, described: describeProxy(url), credentials: !!(url.username || url.password), source };
  };
  const https = route(network?.proxy);
  const http = route(network?.httpProxy) ?? https;
  return {
    https,
    http,
    bypass: noProxyMatcher(network?.noProxy ?? []),
    strictSSL: network?.strictSSL !== false,
    ca: network?.ca && network.ca.length > 0 ? network.ca : undefined,
    hostResolvesProxy: network?.hostResolvesProxy === true && !https && !http,
  };
}

export interface ResolvedNetwork {
  https: ProxyRoute | undefined;
  http: ProxyRoute | undefined;
  bypass: (hostname: string, port: string) => boolean;
  strictSSL: boolean;
  ca: readonly (string | Buffer)[] | undefined;
  hostResolvesProxy: boolean;
}

/** The proxy for a request to `target`, or undefined to go direct. */
export function proxyFor(network: ResolvedNetwork, target: URL): ProxyRoute | undefined {
  const route = target.protocol === 'http:' ? network.http : network.https;
  if (!route) return undefined;
  const port = target.port || (target.protocol === 'http:' ? '80' : '443');
  return network.bypass(bareHost(target.hostname), port) ? undefined : route;
}

/** The host without IPv6 brackets, lower case. */
export function bareHost(hostname: string): string {
  return hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
}

/** VS Code's reading of http.noProxy / NO_PROXY, plus `*.domain` and `host:port`. */
export function noProxyMatcher(entries: readonly string[]): (hostname: string, port: string) => boolean {
  const filters = entries
    .map((e) => e.trim().toLowerCase())
    .filter((e) => e !== '')
    .map((e) => {
      if (e === '*') return { any: true, domain: '', port: undefined };
      const m = /^(\[[^\]]+\]|[^:]+|[0-9a-f:]+)(?::(\d+))?$/.exec(e);
      const name = bareHost(m?.[1] ?? e).replace(/^\*\./, '.');
      return { any: false, domain: name.startsWith('.') ? name : `.${name}`, port: name.includes(':') ? undefined : m?.[2] };
    });
  if (filters.some((f) => f.any)) return () => true;
  return (hostname, port) => {
    const host = `.${bareHost(hostname)}`;
    return filters.some((f) => host.endsWith(f.domain) && (f.port === undefined || f.port === port));
  };
}
