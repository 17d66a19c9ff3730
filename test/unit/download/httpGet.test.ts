// The download transport over real sockets: what node:http handled for us before (chunked bodies, bodies
// that end with the connection, interim answers, heads split across reads, TLS) and what is ours (pausing
// for a busy sink, abort, no header injection).
import * as assert from 'node:assert/strict';
import * as https from 'node:https';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';
import { httpGet, type BodySink, type GetResponse } from '../../../src/download/httpGet';
import { body, serve, sha1, type TestServer } from './server';

/** Asks for a pause after every `busyEvery` chunks (0: never), drained `drainMs` later, running `onDrain` then. */
function pauser(busyEvery: number, drainMs: number, onDrain = () => undefined as void) {
  let n = 0;
  const p = {
    paused: false,
    pauses: 0,
    /** Counts a chunk taken; true when the sink should ask for a pause. */
    after(): boolean {
      if (busyEvery === 0 || ++n % busyEvery !== 0) return false;
      p.pauses++;
      p.paused = true;
      return true;
    },
    drained: () =>
      new Promise<void>((r) =>
        setTimeout(() => {
          onDrain();
          p.paused = false;
          r();
        }, drainMs),
      ),
  };
  return p;
}

/** A sink that copies what it is given; `busyEvery` > 0 asks for a pause after that many chunks, drained after `drainMs`. */
function collector(busyEvery = 0, drainMs = 5): BodySink & { bytes(): Buffer; pauses: number; takenWhilePaused: number } {
  const parts: Buffer[] = [];
  const pace = pauser(busyEvery, drainMs);
  const sink = {
    get pauses() {
      return pace.pauses;
    },
    takenWhilePaused: 0,
    take(chunk: Buffer) {
      if (pace.paused) sink.takenWhilePaused++;
      parts.push(Buffer.from(chunk));
      return pace.after();
    },
    drained: pace.drained,
    bytes: () => Buffer.concat(parts),
  };
  return sink;
}

/**
 * A sink that offers the free end of its own buffer for the next read (BodySink.space), as PartFile does,
 * and counts the chunks that arrived there. Whenever it asks for a pause, the region it offered last is
 * withdrawn and a later one is offered after the drain, so a read into memory given out before a pause
 * would show up as a chunk in the wrong place.
 */
function spacer(size: number, busyEvery = 0): BodySink & { bytes(): Buffer; inPlace: number; copied: number; misplaced: number } {
  const arena = Buffer.alloc(size + (64 << 20));
  let at = 0;
  let offered: Buffer | undefined;
  let offeredWhilePaused = false;
  // What was offered before a pause is someone else's after it: skip past it.
  const pace = pauser(busyEvery, 3, () => void (at += 1 << 10));
  const sink = {
    inPlace: 0,
    copied: 0,
    misplaced: 0,
    take(chunk: Buffer) {
      if (chunk.buffer === arena.buffer) {
        if (offeredWhilePaused || !offered || chunk.byteOffset !== offered.byteOffset) sink.misplaced++;
        else sink.inPlace++;
      } else {
        chunk.copy(arena, at);
        sink.copied++;
      }
      at += chunk.length;
      offered = undefined;
      return pace.after();
    },
    drained: pace.drained,
    // Offered even while paused (the exchange must not ask then): a read landing there counts as misplaced.
    space: () => {
      offered = arena.subarray(at, at + (300 << 10));
      offeredWhilePaused = pace.paused;
      return offered;
    },
    bytes: () => arena.subarray(0, at),
  };
  return sink;
}

const get = (url: string, extra: Partial<Parameters<typeof httpGet>[1]> = {}) => httpGet(new URL(url), { headers: {}, idleTimeoutMs: 5_000, ...extra });

describe('httpGet, the download transport, over real sockets', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('reads a Content-Length body whole, with the status and headers in lower case', async () => {
    const data = body(3 << 20);
    server = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Length': data.length, 'X-Thing': 'a' });
      res.end(data);
    });
    const r = await get(`${server.origin}/f`);
    assert.equal(r.statusCode, 200);
    assert.equal(r.headers['content-length'], String(data.length));
    assert.equal(r.headers['x-thing'], 'a');
    const sink = collector();
    await r.read(sink);
    assert.equal(sha1(sink.bytes()), sha1(data));
  });

  it('reads a Content-Length body straight into the space its sink offers, and never into what it offered before a pause', async () => {
    const data = body(3 << 20);
    server = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Length': data.length });
      res.end(data);
    });
    for (const busyEvery of [0, 3]) {
      const sink = spacer(data.length, busyEvery);
      await (await get(`${server.origin}/f`)).read(sink);
      assert.equal(sink.misplaced, 0, `busyEvery ${busyEvery}`);
      assert.ok(sink.inPlace > sink.copied, `busyEvery ${busyEvery}: ${sink.inPlace} chunks in place, ${sink.copied} copied`);
      // What the sink holds, with the gaps it skipped after each pause taken out, is the body.
      if (busyEvery === 0) assert.equal(sha1(sink.bytes()), sha1(data));
    }
  });

  it('never reads a chunked body into the sink’s space: its reads hold framing between the bytes', async () => {
    const data = body(700_000);
    server = await serve((_req, res) => {
      res.writeHead(200, { 'Transfer-Encoding': 'chunked' });
      for (let i = 0; i < data.length; i += 50_000) res.write(data.subarray(i, i + 50_000));
      res.end();
    });
    const sink = spacer(data.length);
    await (await get(`${server.origin}/f`)).read(sink);
    assert.equal(sink.inPlace + sink.misplaced, 0);
    assert.equal(sha1(sink.bytes()), sha1(data));
  });

  it('sends the headers it is given, the Host and Connection: close', async () => {
    server = await serve((_req, res) => res.end('ok'));
    const r = await get(`${server.origin}/p?q=1`, { headers: { range: 'bytes=5-', authorization: 'Basic x' } });
    await r.read(collector());
    const seen = server.requests[0]!;
    assert.equal(seen.url, '/p?q=1');
    assert.equal(seen.headers.range, 'bytes=5-');
    assert.equal(seen.headers.authorization, 'Basic x');
    assert.equal(seen.headers.host, `127.0.0.1:${server.port}`);
    assert.equal(seen.headers.connection, 'close');
  });

  it('decodes a chunked body', async () => {
    const data = body(700_000);
    server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      for (let i = 0; i < data.length; i += 65_000) res.write(data.subarray(i, i + 65_000));
      res.end();
    });
    const r = await get(`${server.origin}/f`);
    assert.equal(r.headers['transfer-encoding'], 'chunked');
    const sink = collector();
    await r.read(sink);
    assert.equal(sha1(sink.bytes()), sha1(data));
  });

  it('takes a body without a length as ending with the connection', async () => {
    const data = body(200_000);
    const raw = await rawServer((socket) => {
      socket.write('HTTP/1.0 200 OK\r\nContent-Type: application/octet-stream\r\n\r\n');
      socket.end(data);
    });
    try {
      const r = await get(raw.origin);
      const sink = collector();
      await r.read(sink);
      assert.equal(sha1(sink.bytes()), sha1(data));
    } finally {
      raw.close();
    }
  });

  it('reads a head that arrives a few bytes at a time, and skips an interim 103', async () => {
    const text = 'HTTP/1.1 103 Early Hints\r\nLink: </x>\r\n\r\nHTTP/1.1 206 Partial Content\r\nContent-Range: bytes 0-4/5\r\nContent-Length: 5\r\n\r\nhello';
    const raw = await rawServer(async (socket) => {
      for (let i = 0; i < text.length; i += 7) {
        socket.write(text.slice(i, i + 7));
        await new Promise((r) => setTimeout(r, 2));
      }
      socket.end();
    });
    try {
      const r = await get(raw.origin);
      assert.equal(r.statusCode, 206);
      assert.equal(r.headers['content-range'], 'bytes 0-4/5');
      const sink = collector();
      await r.read(sink);
      assert.equal(sink.bytes().toString(), 'hello');
    } finally {
      raw.close();
    }
  });

  it('rejects a body cut short with ECONNRESET, after handing over what came', async () => {
    const data = body(100_000);
    const raw = await rawServer((socket) => {
      socket.write(`HTTP/1.1 200 OK\r\nContent-Length: ${data.length}\r\n\r\n`);
      socket.write(data.subarray(0, 40_000), () => socket.destroy());
    });
    try {
      const r = await get(raw.origin);
      const sink = collector();
      await assert.rejects(r.read(sink), { code: 'ECONNRESET' });
      assert.ok(sink.bytes().length > 0 && sink.bytes().length <= 40_000);
      assert.deepEqual(sink.bytes(), data.subarray(0, sink.bytes().length));
    } finally {
      raw.close();
    }
  });

  it('pauses while the sink is busy and loses nothing', async () => {
    const data = body(4 << 20);
    server = await serve((_req, res) => {
      res.writeHead(200, { 'content-length': data.length });
      res.end(data);
    });
    const r = await get(`${server.origin}/f`);
    const sink = collector(1, 10);
    await r.read(sink);
    assert.ok(sink.pauses >= 2, `paused ${sink.pauses} times`);
    // One Content-Length body event per socket read: nothing may come between "busy" and drained.
    assert.equal(sink.takenWhilePaused, 0);
    assert.equal(sha1(sink.bytes()), sha1(data));
  });

  it('stops at once when aborted mid-body, with an AbortError', async () => {
    server = await serve((_req, res) => {
      res.writeHead(200, { 'content-length': 10_000_000 });
      res.write(body(50_000));
    });
    const controller = new AbortController();
    const r = await get(`${server.origin}/f`, { signal: controller.signal });
    const reading = r.read(collector());
    setTimeout(() => controller.abort(), 20);
    const started = Date.now();
    await assert.rejects(reading, { name: 'AbortError' });
    assert.ok(Date.now() - started < 1_000);
  });

  it('refuses a header value with a line break before connecting', async () => {
    let connections = 0;
    const raw = await rawServer((socket) => {
      connections++;
      socket.end();
    });
    try {
      await assert.rejects(get(raw.origin, { headers: { authorization: 'x\r\nX-Evil: 1' } }), /line break/);
      assert.equal(connections, 0);
    } finally {
      raw.close();
    }
  });

  describe('over TLS', () => {
    let tlsServer: https.Server;
    let origin: string;
    let cert: string;
    const data = body(2 << 20);

    before(async function () {
      this.timeout(30_000);
      const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
        keyType: 'ec',
        algorithm: 'sha256',
        extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] }],
      });
      cert = pems.cert;
      tlsServer = https.createServer({ key: pems.private, cert: pems.cert }, (_req, res) => {
        res.writeHead(200, { 'content-length': data.length });
        res.end(data);
      });
      await new Promise<void>((r) => tlsServer.listen(0, '127.0.0.1', r));
      origin = `https://localhost:${(tlsServer.address() as AddressInfo).port}`;
    });
    after(() => {
      tlsServer.closeAllConnections();
      tlsServer.close();
    });

    it('downloads over https from a server whose certificate it trusts', async () => {
      const r: GetResponse = await get(`${origin}/f`, { ca: cert });
      const sink = collector();
      await r.read(sink);
      assert.equal(sha1(sink.bytes()), sha1(data));
    });

    it('over TLS too, reads into the sink’s space', async () => {
      const sink = spacer(data.length);
      await (await get(`${origin}/f`, { ca: cert })).read(sink);
      assert.equal(sink.misplaced, 0);
      assert.ok(sink.inPlace > 0, `${sink.inPlace} chunks in place, ${sink.copied} copied`);
      assert.equal(sha1(sink.bytes()), sha1(data));
    });

    it('refuses a certificate it does not trust, with the TLS error code', async () => {
      await assert.rejects(get(`${origin}/f`), (e: NodeJS.ErrnoException) => /SELF_SIGNED|UNABLE_TO/.test(e.code ?? ''));
    });
  });
});

/** A TCP server that answers with whatever bytes `answer` writes: for what node:http will not send. */
async function rawServer(answer: (socket: net.Socket) => void | Promise<void>): Promise<{ origin: string; close(): void }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.once('data', () => void answer(socket));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => {
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
}
