import { invalidInputError } from './errors';

/** The two public Atlas sites: commercial and Atlas for Government. */
export const ATLAS_SITES = Object.freeze({
  commercial: 'https://cloud.mongodb.com',
  government: 'https://cloud.mongodbgov.com',
} as const);

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname.toLowerCase());
}

/**
 * Trims, drops a trailing slash; accepts https://any-host[:port] and http:// only for 127.0.0.1/localhost/[::1]
 * (a local emulator), because credentials must never travel in clear text over a network.
 * Throws AtlasError(kind 'invalidInput') otherwise.
 */
export function normalizeBaseUrl(input: string): string {
  const text = (input ?? '').trim();
  const example = 'Enter only the scheme and host, for example https://cloud.mongodb.com.';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalidInputError(`"${shorten(text)}" is not a valid Atlas base URL. ${example}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw invalidInputError(`The Atlas base URL must start with https://. ${example}`);
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw invalidInputError(
      'The Atlas base URL must use https:// (plain http:// is allowed only for 127.0.0.1, localhost and [::1]).',
    );
  }
  if (url.username || url.password) {
    throw invalidInputError(`The Atlas base URL must not contain a user name or password. ${example}`);
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    throw invalidInputError(`The Atlas base URL must not contain a path, query or fragment. ${example}`);
  }
  // URL.host is lower-cased and omits the scheme's default port.
  return `${url.protocol}//${url.host}`;
}

function shorten(s: string): string {
  const noQuery = s.replace(/[?#].*$/s, '');
  return noQuery.length > 80 ? `${noQuery.slice(0, 77)}...` : noQuery;
}
