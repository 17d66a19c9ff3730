import type { RecordedRequest } from '../../test/atlas-emulator';
import { agreed } from './stats';

/** What the emulator's request log says one measured step cost. */
export interface RequestCounts {
  /** Every request that reached the emulator (API, token endpoint, challenges). */
  total: number;
  /** API requests answered 200: the pages themselves. */
  ok: number;
  /** 401 answers: Digest challenges, or a refused token. */
  challenges: number;
  /** POST /api/oauth/token. */
  token: number;
  /** Anything else (429, 5xx, 4xx): a benchmark run with any of these is not a clean measurement. */
  other: number;
}

export function countRequests(log: readonly RecordedRequest[]): RequestCounts {
  const c: RequestCounts = { total: log.length, ok: 0, challenges: 0, token: 0, other: 0 };
  for (const r of log) {
    if (r.path === '/api/oauth/token') c.token++;
    else if (r.status === 200) c.ok++;
    else if (r.status === 401) c.challenges++;
    else c.other++;
  }
  return c;
}

/** Each count as every run saw it, or "a–b" where runs differed (see agreed). */
export function agreedCounts(runs: readonly RequestCounts[]): { total: string; ok: string; challenges: string; token: string } {
  const of = (key: keyof RequestCounts) => agreed(runs.map((r) => r[key]));
  return { total: of('total'), ok: of('ok'), challenges: of('challenges'), token: of('token') };
}
