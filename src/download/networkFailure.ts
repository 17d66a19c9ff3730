import * as l10n from '@vscode/l10n';
import { certificateMessage, certificateProblem, proxyMessage, proxyProblem } from '../atlas/networkErrors';
import type { ProxyRoute } from '../atlas/network';
import { described } from './target';
import type { RouteFailure } from './tunnel';
import { DownloadError } from './types';

/**
 * A download failure that the certificate or the proxy explains, said as the API client says it (with the
 * setting that mends it); undefined for any other failure. `url` is where the download started.
 */
export function networkFailure(error: RouteFailure & { host?: string }, fileName: string, url: URL): DownloadError | undefined {
  const code = error.code;
  const where = described(fileName, url);
  const proxy = error.proxy;
  if (certificateProblem(code)) {
    const host = error.atProxy && proxy?.url.protocol === 'https:' ? proxy.described.replace(/^[a-z]+:\/\//, '') : (error.host ?? url.host);
    return new DownloadError('network', l10n.t('Cannot download {0}: {1}', where, certificateMessage(host, code!)), { code: code! });
  }
  if (!proxy || !error.atProxy) return undefined;
  const status = error.proxyStatus;
  const text = proxyMessage({ ...facts(proxy), target: error.host ?? url.host, ...(status !== undefined ? { status } : {}), ...(code ? { code } : {}) });
  const problem = proxyProblem({ status });
  const retryable = problem === 'proxyUnreachable' || (status !== undefined && status >= 500);
  return new DownloadError(status === undefined ? 'network' : 'http', l10n.t('Cannot download {0}: {1}', where, text), {
    ...(status !== undefined ? { status } : {}),
    code: code ?? 'PROXY',
    retryable,
  });
}

/** A 407 that came from the proxy, for a plain-http download it forwarded. */
export function proxyAnswerFailure(proxy: ProxyRoute, status: number, fileName: string, url: URL): DownloadError {
  const text = proxyMessage({ ...facts(proxy), target: url.host, status });
  return new DownloadError('http', l10n.t('Cannot download {0}: {1}', described(fileName, url), text), { status, code: `PROXY_${status}` });
}

function facts(proxy: ProxyRoute) {
  return { proxy: proxy.described, source: proxy.source, credentials: proxy.credentials };
}
