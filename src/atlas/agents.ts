import { HttpProxyAgent } from 'http-proxy-agent';
import { HttpsProxyAgent } from 'https-proxy-agent';
import * as http from 'node:http';
import * as https from 'node:https';
import { proxyFor, type ProxyRoute, type ResolvedNetwork } from './network';
import { tlsOptionsOf, type TlsRequestOptions } from './tlsOptions';

/** Where one request goes: the agent to use and the proxy it passes, if any. */
export interface Route {
  agent: http.Agent;
  proxy?: ProxyRoute;
  tls: TlsRequestOptions;
  /** Send it with the `http`/`https` module's `request` (which a host may patch), not Node's ClientRequest directly. */
  viaHost: boolean;
}

/**
 * The keep-alive agents of one client: one per scheme for direct requests, one per proxy for the rest
 * (a CONNECT tunnel is a socket like any other, so keep-alive reuses it). `destroy()` closes them all.
 */
export class NetworkAgents {
  private readonly httpAgent = new http.Agent({ keepAlive: true });
  private readonly httpsAgent: https.Agent;
  private readonly proxyAgents = new Map<string, http.Agent>();
  readonly tls: TlsRequestOptions;

  constructor(readonly network: ResolvedNetwork) {
    this.tls = tlsOptionsOf(network);
    this.httpsAgent = new https.Agent({ keepAlive: true, ...this.tls });
  }

  route(target: URL): Route {
    const secure = target.protocol === 'https:';
    const proxy = proxyFor(this.network, target);
    if (!proxy) return { agent: secure ? this.httpsAgent : this.httpAgent, tls: this.tls, viaHost: this.network.hostResolvesProxy };
    return { agent: this.proxyAgent(proxy, secure), proxy, tls: this.tls, viaHost: false };
  }

  destroy(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
    for (const agent of this.proxyAgents.values()) agent.destroy();
    this.proxyAgents.clear();
  }

  private proxyAgent(proxy: ProxyRoute, secure: boolean): http.Agent {
    const key = `${secure ? 'tunnel' : 'forward'} ${proxy.url.href}`;
    let agent = this.proxyAgents.get(key);
    if (!agent) {
      // The options reach the connection to the proxy itself (an https:// proxy is checked like any server).
      const options = { keepAlive: true, ...this.tls };
      const made = secure ? new HttpsProxyAgent(proxy.url, options) : new HttpProxyAgent(proxy.url, options);
      // agent-base guesses the scheme from the call stack, which ClientRequest called directly does not show.
      made.protocol = secure ? 'https:' : 'http:';
      agent = made;
      this.proxyAgents.set(key, agent);
    }
    return agent;
  }
}
