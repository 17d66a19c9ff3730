/**
 * Raw HTTP for the download tests: node:http, so that redirects are not followed, headers go exactly
 * where the test sends them, and a large body is hashed as it arrives instead of being kept.
 */
import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { DEMO, type RunningEmulator } from '../../atlas-emulator';
import type { LegacyRestoreJob } from '../../../src/atlas/types';

export interface Fetched {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Bytes of body received. */
  bytes: number;
  sha1: string;
  /** The body, when asked to keep it. */
  body?: Buffer;
  /** Milliseconds from sending to the headers, and to the end of the body. */
  headersAt: number;
  endAt: number;
  /** Milliseconds until at least half of Content-Length had arrived. */
  halfAt?: number;
  /** The connection closed before Content-Length bytes arrived. */
  cut: boolean;
}

export function fetchRaw(url: string, opts: { headers?: Record<string, string>; method?: string; keep?: boolean } = {}): Promise<Fetched> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(url, { method: opts.method ?? 'GET', headers: opts.headers ?? {}, agent: false }, (res) => {
      const headersAt = performance.now() - started;
      const hash = createHash('sha1');
      const parts: Buffer[] = [];
      const length = Number(res.headers['content-length'] ?? NaN);
      let bytes = 0;
      let halfAt: number | undefined;
      let settled = false;
      const finish = (cut: boolean) => {
        if (settled) return;
        settled = true;
        const out: Fetched = { status: res.statusCode ?? 0, headers: res.headers, bytes, sha1: hash.digest('hex'), headersAt, endAt: performance.now() - started, cut };
        if (opts.keep) out.body = Buffer.concat(parts);
        if (halfAt !== undefined) out.halfAt = halfAt;
        resolve(out);
      };
      res.on('data', (c: Buffer) => {
        hash.update(c);
        bytes += c.length;
        if (opts.keep) parts.push(c);
        if (halfAt === undefined && bytes * 2 >= length) halfAt = performance.now() - started;
      });
      res.on('end', () => finish(!res.complete));
      res.on('error', () => finish(true));
      res.on('close', () => finish(!res.complete));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Production's restore jobs of prod-rs, where the demo's large and redirected files live. */
export function prodRs(emu: RunningEmulator): { legacy: LegacyRestoreJob[]; groupId: string } {
  const production = emu.store.projects().find((p) => p.name === DEMO.projects.production)!;
  return { legacy: emu.store.restoreJobs(production.id, 'prod-rs', 'legacy'), groupId: production.id };
}

/** The legacy daemon's header for a job, as `delivery` names it. */
export function daemonHeader(job: LegacyRestoreJob): Record<string, string> {
  return { [job.delivery.authHeader!]: job.delivery.authValue! };
}
