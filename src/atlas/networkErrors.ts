import * as l10n from '@vscode/l10n';

/**
 * Why a connection failed when it was not the network's fault alone: the server's certificate (not trusted,
 * expired, for another name) or the proxy (it wants credentials, cannot be reached, refused the tunnel).
 * Client and downloads say these the same way, naming the setting that fixes them.
 */
export type NetworkProblem = 'untrustedCertificate' | 'invalidCertificate' | 'proxyCredentials' | 'proxyUnreachable' | 'proxyRefused';

type CertificateFault = 'untrusted' | 'expired' | 'notYetValid' | 'name' | 'revoked';

const CERTIFICATE_FAULTS: Readonly<Record<string, CertificateFault>> = {
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'untrusted',
  SELF_SIGNED_CERT_IN_CHAIN: 'untrusted',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'untrusted',
  UNABLE_TO_GET_ISSUER_CERT: 'untrusted',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'untrusted',
  CERT_UNTRUSTED: 'untrusted',
  CERT_REJECTED: 'untrusted',
  CERT_SIGNATURE_FAILURE: 'untrusted',
  UNABLE_TO_DECRYPT_CERT_SIGNATURE: 'untrusted',
  UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY: 'untrusted',
  INVALID_CA: 'untrusted',
  INVALID_PURPOSE: 'untrusted',
  PATH_LENGTH_EXCEEDED: 'untrusted',
  CERT_CHAIN_TOO_LONG: 'untrusted',
  CERT_HAS_EXPIRED: 'expired',
  CERT_NOT_YET_VALID: 'notYetValid',
  ERR_TLS_CERT_ALTNAME_INVALID: 'name',
  HOSTNAME_MISMATCH: 'name',
  CERT_REVOKED: 'revoked',
};

/** The problem behind a TLS verification code, or undefined when the code is not one. */
export function certificateProblem(code: string | undefined): NetworkProblem | undefined {
  const fault = code === undefined ? undefined : CERTIFICATE_FAULTS[code];
  if (!fault) return undefined;
  return fault === 'untrusted' ? 'untrustedCertificate' : 'invalidCertificate';
}

/** What to tell a person about a certificate `code` (a certificateProblem) of `host`; the code closes the text, for the log. */
export function certificateMessage(host: string, code: string): string {
  switch (CERTIFICATE_FAULTS[code]) {
    case 'expired':
      return l10n.t(
        'The certificate of {0} has expired, so the connection was refused ({1}). If the date of this computer is right, the server — or the proxy that inspects HTTPS on your network — must renew it.',
        host,
        code,
      );
    case 'notYetValid':
      return l10n.t("The certificate of {0} is not valid yet ({1}): check this computer's date and time.", host, code);
    case 'name':
      return l10n.t(
        'The certificate of {0} was made for another host name ({1}). Check the Atlas base URL; on a network that inspects HTTPS, its proxy must issue certificates for {0}.',
        host,
        code,
      );
    case 'revoked':
      return l10n.t('The certificate of {0} has been revoked ({1}), so the connection was refused.', host, code);
    default:
      return l10n.t(
        "The certificate of {0} is not trusted — see `http.systemCertificates`: with it on (the default) the extension trusts the operating system's certificates too. On a network that inspects HTTPS, add your company's CA certificate to the system's store, or name its PEM file in the NODE_EXTRA_CA_CERTS environment variable and restart VS Code ({1}).",
        host,
        code,
      );
  }
}

/** What went wrong with a proxy, for proxyMessage. */
export interface ProxyFailure {
  /** `http://host:port`, never the credentials. */
  proxy: string;
  /** Where it was configured, e.g. '`http.proxy`'. */
  source: string;
  /** The proxy URL carried credentials. */
  credentials: boolean;
  /** What was to be reached through it: host[:port]. */
  target: string;
  /** The proxy's answer, when it gave one. */
  status?: number;
  /** The connection error reaching the proxy, when it gave none. */
  code?: string;
}

/** The problem a proxy's answer or silence stands for. */
export function proxyProblem(f: Pick<ProxyFailure, 'status'>): NetworkProblem {
  return f.status === 407 ? 'proxyCredentials' : f.status === undefined ? 'proxyUnreachable' : 'proxyRefused';
}

export function proxyMessage(f: ProxyFailure): string {
  if (f.status === 407) {
    return f.credentials
      ? l10n.t(
          'The proxy at {0} asks for credentials, and those in {1} were refused (HTTP 407): check the user name and password, written as http://user:password@host:port.',
          f.proxy,
          f.source,
        )
      : l10n.t('The proxy at {0} asks for credentials: add them to `http.proxy` as http://user:password@host:port.', f.proxy);
  }
  if (f.status === undefined) {
    return l10n.t(
      'Could not reach the proxy at {0}{1}, set in {2}. Check that the proxy is running and its address is right, or clear the setting to connect directly.',
      f.proxy,
      f.code ? ` (${f.code})` : '',
      f.source,
    );
  }
  return l10n.t(
    'The proxy at {0} did not connect to {1} (HTTP {2}). The host may be unreachable from the proxy or not allowed by it; to go around the proxy for this host, add it to `http.noProxy`.',
    f.proxy,
    f.target,
    f.status,
  );
}

/** Connection errors that, on the way to a proxy, mean the proxy itself could not be reached. */
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'ECONNRESET', 'EPIPE']);

export function isUnreachableCode(code: string | undefined): boolean {
  return code !== undefined && UNREACHABLE_CODES.has(code);
}
