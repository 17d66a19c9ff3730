import * as tls from 'node:tls';
import type { ResolvedNetwork } from './network';

/** TLS options every secure request carries, direct or tunnelled through a proxy, API call or download. */
export interface TlsRequestOptions {
  rejectUnauthorized: boolean;
  secureContext?: tls.SecureContext;
}

// Hundreds of CA certificates take milliseconds to parse: once per list, not once per connection.
const contexts = new WeakMap<readonly (string | Buffer)[], tls.SecureContext>();

export function tlsOptionsOf(network: ResolvedNetwork): TlsRequestOptions {
  const options: TlsRequestOptions = { rejectUnauthorized: network.strictSSL };
  if (network.ca) {
    let context = contexts.get(network.ca);
    if (!context) {
      context = tls.createSecureContext({ ca: [...network.ca] });
      contexts.set(network.ca, context);
    }
    options.secureContext = context;
  }
  return options;
}
