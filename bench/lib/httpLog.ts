import * as diagnostics from 'node:diagnostics_channel';
import * as http from 'node:http';
import { performance } from 'node:perf_hooks';

/** One request as it left this process: what was sent (headers included) and when it went and came back. */
export interface SentRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  start: number;
  /** When the last byte of the answer arrived (performance.now); absent while it has not. */
  end?: number;
  status?: number;
  bytes: number;
}

/**
 * Every HTTP request this process sends while recording, read from Node's `http.client.*` diagnostics
 * channels: the AtlasClient's requests are seen exactly as sent (the token it holds, its Accept and
 * User-Agent) without touching src/ or putting a proxy in between — so a plain replay of them can send
 * the very same requests.
 */
export class HttpLog {
  readonly sent: SentRequest[] = [];
  private recording = false;
  private readonly byRequest = new WeakMap<object, SentRequest>();
  private readonly onStart = (message: unknown) => {
    if (!this.recording) return;
    const req = (message as { request: http.ClientRequest }).request;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.getHeaders())) {
      if (value !== undefined && name !== 'host' && name !== 'connection') headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
    }
    const rec: SentRequest = { method: req.method, path: req.path, headers, start: performance.now(), bytes: 0 };
    this.sent.push(rec);
    this.byRequest.set(req, rec);
  };
  // Published when the answer's headers are parsed; its body is still to come.
  private readonly onResponse = (message: unknown) => {
    const { request, response } = message as { request: http.ClientRequest; response: http.IncomingMessage };
    const rec = this.byRequest.get(request);
    if (!rec) return;
    rec.status = response.statusCode ?? 0;
    response.on('data', (chunk: Buffer | string) => (rec.bytes += chunk.length));
    response.once('end', () => (rec.end = performance.now()));
  };

  constructor() {
    diagnostics.subscribe('http.client.request.start', this.onStart);
    diagnostics.subscribe('http.client.response.finish', this.onResponse);
  }

  async record<T>(step: () => Promise<T>): Promise<T> {
    this.recording = true;
    try {
      return await step();
    } finally {
      this.recording = false;
    }
  }

  dispose(): void {
    diagnostics.unsubscribe('http.client.request.start', this.onStart);
    diagnostics.unsubscribe('http.client.response.finish', this.onResponse);
  }
}

/**
 * The longest chain of requests, each sent after the one before it had been answered, among those answered
 * by `until`: how many round trips lay, one after another, before that moment — waits in a queue included,
 * since a request held back for a slot starts after some other answer.
 */
export function roundTripsBefore(sent: readonly SentRequest[], until: number): number {
  const done = sent.filter((r) => r.end !== undefined && r.end <= until).sort((a, b) => a.end! - b.end!);
  const ends: number[] = [];
  const bestUpTo: number[] = [];
  let best = 0;
  for (const r of done) {
    // Requests answered before this one started: binary search in `ends`, which grows in order.
    let lo = 0;
    let hi = ends.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ends[mid]! <= r.start) lo = mid + 1;
      else hi = mid;
    }
    const depth = 1 + (lo > 0 ? bestUpTo[lo - 1]! : 0);
    best = Math.max(best, depth);
    ends.push(r.end!);
    bestUpTo.push(Math.max(bestUpTo.at(-1) ?? 0, depth));
  }
  return best;
}

export interface ReplayResult {
  ms: number;
  requests: number;
  bytes: number;
}

/**
 * The same requests as plain GETs with node:http — same path, same headers (the token included), same
 * number in flight, in the order first sent, over one keep-alive agent — reading each body to its end and
 * dropping it: what the network and the emulator cost alone, with nothing parsed.
 */
export async function replay(baseUrl: string, requests: readonly SentRequest[], concurrency: number): Promise<ReplayResult> {
  const url = new URL(baseUrl);
  const agent = new http.Agent({ keepAlive: true });
  let next = 0;
  let bytes = 0;
  const one = (r: SentRequest) =>
    new Promise<void>((resolve, reject) => {
      const req = http.request({ host: url.hostname, port: url.port, method: r.method, path: r.path, headers: r.headers, agent }, (res) => {
        if (res.statusCode !== 200) reject(new Error(`replay: ${res.statusCode} for ${r.path}`));
        res.on('data', (chunk: Buffer) => (bytes += chunk.length));
        res.once('end', resolve);
        res.once('error', reject);
      });
      req.once('error', reject);
      req.end();
    });
  const started = performance.now();
  const worker = async () => {
    while (next < requests.length) await one(requests[next++]!);
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, requests.length) }, worker));
  } finally {
    agent.destroy();
  }
  return { ms: performance.now() - started, requests: requests.length, bytes };
}

/** One recorded request sent again with node:http: its body as text, as the client's transport takes it. */
export function fetchText(baseUrl: string, r: SentRequest): Promise<string> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, method: r.method, path: r.path, headers: r.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.once('end', () => (res.statusCode === 200 ? resolve(Buffer.concat(chunks).toString('utf8')) : reject(new Error(`${res.statusCode} for ${r.path}`))));
      res.once('error', reject);
    });
    req.once('error', reject);
    req.end();
  });
}
