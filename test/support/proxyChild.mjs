// The npm `proxy` (an HTTP proxy with CONNECT, TooTallNate's) in a process of its own, started by testProxy.ts.
// It runs apart from the tests so that it alone resolves the test host names (`hosts`): a client that tries to
// connect directly cannot, which is what proves it went through the proxy.
//
// Input: one JSON argument { proxyModule, hosts: { name: address }, auth?: { user, password } }.
// Output (stdout, JSON lines): { listening: port } once, then one { method, target, auth, status } per request
// asked of it. Exits when its stdin closes (its parent went away).
import dns from 'node:dns';
import http from 'node:http';
import { pathToFileURL } from 'node:url';

const config = JSON.parse(process.argv[2] ?? '{}');
const hosts = new Map(Object.entries(config.hosts ?? {}).map(([name, address]) => [name.toLowerCase(), address]));

// net.connect and http.request look `dns.lookup` up at each call, so this reaches the proxy's own connections.
const realLookup = dns.lookup;
dns.lookup = function lookup(hostname, options, callback) {
  const address = hosts.get(String(hostname).toLowerCase());
  if (address === undefined) return realLookup.apply(dns, arguments);
  const cb = typeof options === 'function' ? options : callback;
  const family = address.includes(':') ? 6 : 4;
  if (typeof options === 'object' && options?.all) return process.nextTick(cb, null, [{ address, family }]);
  process.nextTick(cb, null, address, family);
};

const { createProxy } = await import(pathToFileURL(config.proxyModule).href);
const server = createProxy(http.createServer());
const say = (event) => process.stdout.write(`${JSON.stringify(event)}\n`);

const expected = config.auth ? `Basic ${Buffer.from(`${config.auth.user}:${config.auth.password}`).toString('base64')}` : undefined;
server.authenticate = (req) => {
  const given = req.headers['proxy-authorization'];
  const auth = expected === undefined ? 'not asked' : given === undefined ? 'none' : given === expected ? 'accepted' : 'refused';
  const ok = expected === undefined || given === expected;
  // A query may hold a signature: the log keeps the target without it.
  say({ method: req.method, target: String(req.url ?? '').replace(/\?.*$/s, ''), auth, status: ok ? 'forwarded' : 407 });
  return ok;
};

server.keepAliveTimeout = 5_000;
server.listen(0, '127.0.0.1', () => say({ listening: server.address().port }));
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
