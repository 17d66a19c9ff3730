/**
 * A real HTTP proxy for tests: the npm `proxy` package (CONNECT tunnels and absolute-form requests, Basic
 * auth on demand) on 127.0.0.1, in a child process (proxyChild.mjs) that alone resolves `hosts` — so a
 * client that skipped the proxy could not even find the server. Records every request it was asked.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { join, resolve } from 'node:path';

export interface ProxyRequest {
  /** CONNECT for a tunnel, else the method of an absolute-form request. */
  method: string;
  /** `host:port` for CONNECT, the absolute URL (query cut) otherwise. */
  target: string;
  /** What the proxy made of Proxy-Authorization. */
  auth: 'not asked' | 'none' | 'accepted' | 'refused';
  status: 'forwarded' | 407;
}

export interface TestProxy {
  /** `http://127.0.0.1:<port>`, without credentials. */
  url: string;
  port: number;
  /** Every request asked of the proxy so far, in order. */
  readonly requests: ProxyRequest[];
  /** The CONNECT targets (`host:port`) so far. */
  connects(): string[];
  /**
   * Waits until at least `count` requests are recorded (the proxy reports them through a pipe, which may be
   * read after its answer reached the client), failing after `ms`.
   */
  seen(count: number, ms?: number): Promise<ProxyRequest[]>;
  clear(): void;
  close(): Promise<void>;
}

export interface TestProxyOptions {
  /** Basic credentials the proxy insists on (407 otherwise). */
  auth?: { user: string; password: string };
  /** Names only the proxy resolves, e.g. `{ 'atlas-emulator.test': '127.0.0.1' }`. */
  hosts?: Record<string, string>;
  /** The repository (for node_modules/proxy and proxyChild.mjs); default ATLAS_TEST_REPO_ROOT, else from this file. */
  repoRoot?: string;
  /** The Node binary; default the running one (in the extension host, code-server's). */
  nodePath?: string;
}

function repositoryRoot(given: string | undefined): string {
  const candidates = [given, process.env.ATLAS_TEST_REPO_ROOT, resolve(__dirname, '../..')].filter((c): c is string => !!c);
  const found = candidates.find((c) => existsSync(join(c, 'test', 'support', 'proxyChild.mjs')));
  if (!found) throw new Error(`proxyChild.mjs not found under ${candidates.join(', ')}`);
  return found;
}

export async function startTestProxy(options: TestProxyOptions = {}): Promise<TestProxy> {
  const root = repositoryRoot(options.repoRoot);
  const config = {
    proxyModule: join(root, 'node_modules', 'proxy', 'dist', 'proxy.js'),
    hosts: options.hosts ?? {},
    ...(options.auth ? { auth: options.auth } : {}),
  };
  const child: ChildProcess = spawn(options.nodePath ?? process.execPath, [join(root, 'test', 'support', 'proxyChild.mjs'), JSON.stringify(config)], {
    stdio: ['pipe', 'pipe', 'pipe'],
    // The extension host's own variables (ELECTRON_RUN_AS_NODE aside) mean nothing to a plain Node script.
    env: { PATH: process.env.PATH ?? '', ELECTRON_RUN_AS_NODE: '1' },
  });
  const requests: ProxyRequest[] = [];
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const port = await new Promise<number>((resolvePort, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      let event: { listening?: number } & Partial<ProxyRequest>;
      try {
        event = JSON.parse(line) as typeof event;
      } catch {
        return;
      }
      if (typeof event.listening === 'number') resolvePort(event.listening);
      else if (event.method && event.target) requests.push(event as ProxyRequest);
    });
    child.once('exit', (code) => reject(new Error(`the test proxy exited (${code}) before listening: ${stderr}`)));
    child.once('error', reject);
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    connects: () => requests.filter((r) => r.method === 'CONNECT').map((r) => r.target),
    seen: async (count, ms = 5_000) => {
      const until = Date.now() + ms;
      while (requests.length < count) {
        if (Date.now() > until) throw new Error(`the proxy reported ${requests.length} request(s), not ${count}: ${JSON.stringify(requests)}`);
        await new Promise((r) => setTimeout(r, 5));
      }
      return requests;
    },
    clear: () => {
      requests.length = 0;
    },
    close: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.stdin!.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), 2_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** `http://user:password@127.0.0.1:<port>` with the credentials percent-encoded: the URL as a person writes it into `http.proxy`. */
export function proxyUrlWithCredentials(proxy: TestProxy, user: string, password: string): string {
  return `http://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${proxy.port}`;
}
