import { AtlasError, type TransportErrorContext } from './errors';
import type { FailureCause } from './http';
import { certificateMessage, proxyMessage } from './networkErrors';

/**
 * The AtlasError of a failure that the certificate or the proxy explains. Its kind stays 'network' (the
 * callers' reactions to a network failure still hold); `networkProblem` says which, `code` keeps the low-level code.
 */
export function networkCauseError(ctx: TransportErrorContext, cause: FailureCause): AtlasError {
  const proxy = cause.proxy;
  let message: string;
  if (cause.problem === 'untrustedCertificate' || cause.problem === 'invalidCertificate') {
    const host = cause.proxyCertificate && proxy ? proxy.described.replace(/^[a-z]+:\/\//, '') : ctx.host;
    message = certificateMessage(host, ctx.code ?? 'UNKNOWN');
  } else {
    message = proxyMessage({
      proxy: proxy?.described ?? '?',
      source: proxy?.source ?? '',
      credentials: proxy?.credentials ?? false,
      target: ctx.host,
      ...(cause.proxyStatus !== undefined ? { status: cause.proxyStatus } : {}),
      ...(ctx.kind === 'timeout' ? { code: 'ETIMEDOUT' } : ctx.code ? { code: ctx.code } : {}),
    });
  }
  return new AtlasError({
    kind: 'network',
    message,
    operation: ctx.operation?.id,
    attempts: ctx.attempts,
    code: ctx.kind === 'timeout' ? 'ETIMEDOUT' : ctx.code,
    networkProblem: cause.problem,
  });
}
