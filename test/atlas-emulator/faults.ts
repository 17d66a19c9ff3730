/**
 * Fault switches. Counting faults (`times`) are used up by the requests they hit, in the order they
 * were added; `latency` stays until cleared; `revokeTokens` acts at once.
 */
import type { Fault, FaultControl, FaultWithMatch } from './contract';

export const API_PATH_PREFIX = '/api/atlas/v2/';
/** Faults that only make sense for a download: without `match` they aim at `/__downloads/...`. */
export const DOWNLOAD_FAULT_KINDS = ['cutBody', 'ignoreRange', 'corruptByte', 'redirectToStorage'] as const;
const DOWNLOADS_PREFIX = '/__downloads/';

type Counting = Extract<Fault, { times: number }>;
interface Active {
  fault: FaultWithMatch;
  remaining: number; // Infinity for latency
  matches: (path: string) => boolean;
}

function matcher(match: string | undefined, kind: Fault['kind']): (path: string) => boolean {
  if (match === undefined) {
    const prefix = (DOWNLOAD_FAULT_KINDS as readonly string[]).includes(kind) ? DOWNLOADS_PREFIX : API_PATH_PREFIX;
    return (p) => p.startsWith(prefix);
  }
  if (match.length > 2 && match.startsWith('/') && match.endsWith('/')) {
    const re = new RegExp(match.slice(1, -1));
    return (p) => re.test(p);
  }
  return (p) => p.includes(match);
}

export class Faults implements FaultControl {
  private active: Active[] = [];

  constructor(private readonly onRevokeTokens: () => void) {}

  add(f: FaultWithMatch): void {
    if (f.kind === 'revokeTokens') {
      this.onRevokeTokens();
      return;
    }
    if (f.kind === 'latency') {
      if (!(f.ms >= 0)) throw new Error('latency: ms must be >= 0');
      this.active.push({ fault: f, remaining: Infinity, matches: matcher(f.match, f.kind) });
      return;
    }
    if (!(Number.isInteger(f.times) && f.times > 0)) throw new Error(`${f.kind}: times must be a positive integer`);
    if (f.kind === 'slowBody' && !(f.ms >= 0)) throw new Error('slowBody: ms must be >= 0');
    if (f.kind === 'totalCount' && !(Number.isSafeInteger(f.value) && f.value >= 0)) throw new Error('totalCount: value must be an integer >= 0');
    if (f.kind === 'apiError' && !(Number.isInteger(f.status) && f.status >= 400 && f.status <= 599 && typeof f.errorCode === 'string')) {
      throw new Error('apiError: status must be 400-599 and errorCode a string');
    }
    if (f.kind === 'cutBody' && !(Number.isSafeInteger(f.afterBytes) && f.afterBytes >= 0)) throw new Error('cutBody: afterBytes must be an integer >= 0');
    if (f.kind === 'corruptByte' && !(Number.isSafeInteger(f.at) && f.at >= 0)) throw new Error('corruptByte: at must be an integer >= 0');
    this.active.push({ fault: f, remaining: f.times, matches: matcher(f.match, f.kind) });
  }

  clear(): void {
    this.active = [];
  }

  /** The faults still in force (for the control endpoint's state). */
  list(): (FaultWithMatch & { remaining?: number })[] {
    return this.active.map((a) => (Number.isFinite(a.remaining) ? { ...a.fault, remaining: a.remaining } : { ...a.fault }));
  }

  latencyFor(path: string): number {
    let ms = 0;
    for (const a of this.active) if (a.fault.kind === 'latency' && a.matches(path)) ms += a.fault.ms;
    return ms;
  }

  /** Uses up one count of the first matching fault among `kinds`, and returns it. */
  take<K extends Counting['kind']>(path: string, kinds: readonly K[]): Extract<Counting, { kind: K }> | undefined {
    for (const a of this.active) {
      if (!(kinds as readonly string[]).includes(a.fault.kind) || a.remaining <= 0 || !a.matches(path)) continue;
      a.remaining--;
      const f = a.fault as Extract<Counting, { kind: K }>;
      if (a.remaining <= 0) this.active = this.active.filter((x) => x !== a);
      return f;
    }
    return undefined;
  }
}
