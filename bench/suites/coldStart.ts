/**
 * A new AtlasClient's first request (service account: the token request first; API key: the Digest
 * challenge first) against the same request on a client that has made one already.
 */
import { performance } from 'node:perf_hooks';
import { startEmulator } from '../../test/atlas-emulator';
import { AUTHS, PRINCIPALS, newClient, type AuthName } from '../lib/clients';
import { measure, repeat, type Sample } from '../lib/measure';
import { agreed, spread, type Spread } from '../lib/stats';
import { noisyNote, ratio, REQUEST_COLUMNS, requestCells, SIGN_IN_COLUMNS, signInCells, table, TIME_COLUMNS, timeCells } from '../lib/table';
import type { WireMeter } from '../lib/wire';

export interface ColdStartRow {
  auth: AuthName;
  latencyMs: number;
  client: 'new' | 'warm';
  samples: Sample[];
  ms: Spread;
  requests: { total: string; challenges: string; token: string };
  bytesReceived: number;
  /** Median time to construct the client (no I/O), new rows only. */
  constructMs?: number;
  coldOverWarm?: number;
}

export async function runColdStart(wire: WireMeter, opts: { runs: number; latencies: readonly number[] }): Promise<ColdStartRow[]> {
  const rows: ColdStartRow[] = [];
  for (const latencyMs of opts.latencies) {
    const emulator = await startEmulator({ dataset: 'empty', latencyMs, quiet: true });
    const org = emulator.store.addOrganization('Bench', { owners: PRINCIPALS });
    emulator.store.addProject(org.id, 'bench-cold-start');
    const probe = { emulator, wire };
    try {
      for (const auth of AUTHS) {
        const pairs = await repeat(opts.runs, 1, async () => {
          const t0 = performance.now();
          const client = newClient(emulator, auth.credentials);
          const constructMs = performance.now() - t0;
          try {
            const cold = await measure(probe, () => client.verifyCredentials());
            const warm = await measure(probe, () => client.verifyCredentials());
            return { constructMs, cold, warm };
          } finally {
            client.dispose();
          }
        });
        const row = (client: 'new' | 'warm', samples: Sample[]): ColdStartRow => ({
          auth: auth.name,
          latencyMs,
          client,
          samples,
          ms: spread(samples.map((s) => s.ms)),
          requests: {
            total: agreed(samples.map((s) => s.requests.total)),
            challenges: agreed(samples.map((s) => s.requests.challenges)),
            token: agreed(samples.map((s) => s.requests.token)),
          },
          bytesReceived: spread(samples.map((s) => s.bytesReceived)).median,
        });
        const cold = row('new', pairs.map((p) => p.cold));
        const warm = row('warm', pairs.map((p) => p.warm));
        cold.constructMs = spread(pairs.map((p) => p.constructMs)).median;
        cold.coldOverWarm = cold.ms.median / warm.ms.median;
        rows.push(cold, warm);
      }
    } finally {
      await emulator.close();
    }
  }
  return rows;
}

export function coldStartTable(rows: readonly ColdStartRow[]): string {
  return noisyNote(
    table(
      [...SIGN_IN_COLUMNS, { title: 'client' }, ...REQUEST_COLUMNS, ...TIME_COLUMNS, { title: 'new ÷ warm', align: 'right' }, { title: 'construct ms', align: 'right' }],
      rows.map((r) => [
        ...signInCells(r),
        r.client === 'new' ? 'new (first request)' : 'warm (second request)',
        ...requestCells(r),
        ...timeCells(r),
        r.coldOverWarm !== undefined ? ratio(r.coldOverWarm) : '',
        r.constructMs !== undefined ? r.constructMs.toFixed(2) : '',
      ]),
    ),
  );
}

export const COLD_START_CAPTION = 'Cold start: verifyCredentials (GET /orgs?itemsPerPage=1) on a new client, then again on the same client';
