/**
 * The emulator's public types (see /work/notes/contract-emulator.md). Other test suites code against
 * these names; add to them, never rename.
 */
import type { JobState } from './job-states';
import type { MovingJob, Outcome, RunningJobsOptions } from './lifecycle';
import type { DocumentPatch, PatchTarget } from './patches';
import type { RateLimitOptions, RateLimitSettings } from './rate-limit';
import type { EmulatorStore } from './store';
import type { StoreCounts } from './visible';

/** Project roles the emulator knows, highest first: an owner can do what a backup manager can, and so on. */
export type ProjectRole = 'GROUP_OWNER' | 'GROUP_BACKUP_MANAGER' | 'GROUP_READ_ONLY';

export interface EmulatorOptions {
  host?: string; // default '127.0.0.1'
  port?: number; // default 0 = ephemeral
  dataset?: 'demo' | 'large' | 'empty'; // default 'demo'
  seed?: number; // default 1; same seed + same today => same data
  large?: { projects?: number; clusters?: number; restoreJobs?: number }; // defaults 200 / 2000 / 100000
  latencyMs?: number; // added to every API answer (/api/...)
  serviceAccounts?: { clientId: string; clientSecret: string }[]; // default [DEMO_SERVICE_ACCOUNT]
  apiKeys?: { publicKey: string; privateKey: string }[]; // default [DEMO_API_KEY]
  tokenLifetimeSeconds?: number; // default 3600
  /** The emulator's notion of "now" (sunsets, generated dates, link expiry); default: the real now. */
  today?: string | Date;
  /** Default true for in-process use: nothing is printed. The CLI sets it to false to log one line per request. */
  quiet?: boolean;
  /**
   * Jobs that run and settle over time: restore jobs added with `store.addRestoreJobs` run `runSeconds`
   * on the emulator clock, then finish — or fail, for `failShare` of them — and the demo dataset's
   * chosen jobs (one per family) start too. Off by default: nothing moves. See README.md.
   */
  runningJobs?: RunningJobsOptions;
  /**
   * Demo dataset only: the download files of DEMO.largeFiles (a legacy job and a cloud backup job in
   * Production → prod-rs) are `bytes` long (up to 16 GiB). Bytes are generated as they are sent and the
   * SHA-1 in `hashes` is computed at start-up by streaming (~1.2 s per GiB): no file is ever held in memory.
   * `store.largeFileJobs()` and the control endpoint's state name the jobs.
   */
  largeFile?: { bytes: number };
  /**
   * Atlas's rate limit, enforced (rate-limit.ts): a token bucket per principal and project — per principal
   * and organization for `/orgs/{orgId}/…`, per principal for `/groups` and `/orgs` — holding `capacity`
   * requests and given `refillRate` back every `refillDurationSeconds` (defaults 100 / 100 / 60 s, on the
   * emulator clock). Once empty: 429 `RATE_LIMITED` ApiError with `Retry-After` (seconds to the next refill)
   * and RateLimit-Limit/-Remaining. Default: on with those numbers for the `large` dataset, off for `demo`
   * and `empty` (RateLimit-* headers are still sent, not enforced). `false` turns it off.
   */
  rateLimit?: RateLimitOptions | false;
  /**
   * Serve both hosts (API and storage) over HTTPS with this PEM key and certificate (test/support/testCa.ts
   * makes them): `baseUrl` and `storageUrl` then start with https://. Default: plain HTTP.
   */
  tls?: { key: string; cert: string };
  /**
   * The host name in `baseUrl`, `storageUrl` and every link the emulator writes, instead of the address it
   * listens on — e.g. a name only a test proxy resolves, so that only a client going through it gets in.
   */
  publicHost?: string;
}

/** One request as the emulator saw it. Never holds credentials, tokens or signed-URL query values. */
export interface RecordedRequest {
  method: string;
  path: string; // path without query
  query: Record<string, string | string[]>;
  accept?: string;
  authScheme?: 'Bearer' | 'Digest' | 'Basic';
  /** HTTP status sent; 0 when the connection was destroyed without an answer (fault `reset`). */
  status: number;
  contentType?: string;
  operationId?: string;
  /**
   * Which listener answered: the API host (`baseUrl`: API, token endpoint, downloads) or the storage host
   * (`storageUrl`). Always set by the emulator; optional so that hand-made records (spec checks) need not.
   */
  server?: 'main' | 'storage';
  /** Downloads only: whether a credential header (`Authorization` or the legacy `X-Restore-Auth`) arrived. Never its value. */
  authHeaderPresent?: boolean;
  /**
   * Real time (epoch ms, not the emulator clock) the request arrived and its answer was sent (absent until
   * then, and for a dropped connection): how many were in flight at once, and when, is read from these.
   * Optional so that hand-made records need not have them.
   */
  receivedAt?: number;
  answeredAt?: number;
}

export type Fault =
  | { kind: 'latency'; ms: number }
  | { kind: 'rateLimit'; times: number; retryAfterSeconds?: number } // 429, with Retry-After only when given
  | { kind: 'serverError'; times: number; status?: 500 | 502 | 503 | 504 }
  | { kind: 'reset'; times: number } // destroy the socket without an answer
  /** Headers at once, body dripped over ms; on a download (`match: '/__downloads/'`) too, with back-pressure, unbuffered. */
  | { kind: 'slowBody'; times: number; ms: number }
  | { kind: 'malformedJson'; times: number }
  /** The next `times` list answers that report a total (includeCount not false) report `value` instead. */
  | { kind: 'totalCount'; times: number; value: number }
  /** An ApiError answer of any status (409 CONFLICT, 401 IP_ADDRESS_NOT_ON_ACCESS_LIST, …) before authentication. */
  | { kind: 'apiError'; times: number; status: number; errorCode: string; detail?: string }
  | { kind: 'revokeTokens' } // every issued token becomes invalid
  /** Downloads: headers and the first `afterBytes` bytes of the body, then the socket is destroyed. */
  | { kind: 'cutBody'; times: number; afterBytes: number }
  /** Downloads: 200 with the whole body even when a Range was asked (a server without range support). */
  | { kind: 'ignoreRange'; times: number }
  /** Downloads: the byte at offset `at` of the body sent is flipped (bitwise not), so the SHA-1 no longer matches. */
  | { kind: 'corruptByte'; times: number; at: number }
  /**
   * Downloads: the next `times` GETs on the API host that pass its checks (signature, expiry, the legacy
   * auth header) answer 302 to a presigned URL on the storage host instead of the bytes, whatever the family.
   */
  | { kind: 'redirectToStorage'; times: number };

/**
 * `match`: a substring of the request path, or a regular expression source written between slashes
 * (`'/restoreJobs$/'`). Without `match` a fault applies to Atlas API paths (`/api/atlas/v2/...`) only,
 * so that a client's token request or download is not hit by accident; give a `match` to aim a fault at
 * `/api/oauth/token` or `/__downloads/`. The download-only kinds (`cutBody`, `ignoreRange`, `corruptByte`,
 * `redirectToStorage`) apply to every download (`/__downloads/...`, on either host) without `match`.
 */
export type FaultWithMatch = Fault & { match?: string };

export interface FaultControl {
  add(f: FaultWithMatch): void;
  clear(): void;
}

export interface RunningEmulator {
  readonly baseUrl: string; // 'http://127.0.0.1:<port>' ('https://<publicHost>:<port>' with tls and publicHost)
  /** The storage host ('http://127.0.0.1:<another port>'): where redirected downloads are served from (storage-host.ts). */
  readonly storageUrl: string;
  readonly store: EmulatorStore;
  readonly faults: FaultControl;
  readonly requests: RecordedRequest[]; // every request, API, token endpoint and downloads (both hosts), in arrival order
  clearRequests(): void;
  setToday(d: string | Date): void;
  setTokenLifetime(seconds: number): void;
  expireDigestNonces(): void; // the next Digest request gets 401 with stale=true
  /**
   * For each Digest nonce handed out and not expired, oldest first: the highest nonce count (nc) http-auth
   * accepted with it, 0 for one never used. Shows how many nonces a client took and how far it counted.
   */
  digestNonceCounts(): number[];
  /** Turns the enforced rate limit on with these numbers (every bucket full again) or off (false); see EmulatorOptions.rateLimit. */
  setRateLimit(options: RateLimitOptions | false): void;
  /** The enforced rate limit's numbers, undefined when it is off. */
  rateLimit(): RateLimitSettings | undefined;
  grant(principal: string, groupId: string, roles: ProjectRole[]): void; // principal = clientId or publicKey
  /** Today's 'YYYY-MM-DD' on the emulator's clock. */
  today(): string;
  /** What `principal` sees through the API today: the tree's numbers (store.counts() counts everything). */
  countsFor(principal: string): StoreCounts;
  /** Serves one restore job or cluster changed (broken on purpose); same as store.patchDocument. */
  patchDocument(target: PatchTarget, patch: DocumentPatch): void;
  /** The emulator clock's now: what running jobs, link expiry and "today" read. */
  now(): Date;
  /** Moves the emulator clock forward by `ms`: running jobs due by then settle, at their own settle time. */
  advance(ms: number): void;
  /** Turns running jobs on (and restarts the demo's moving jobs from now) or off (undefined); see EmulatorOptions.runningJobs. */
  setRunningJobs(options: RunningJobsOptions | undefined): MovingJob[];
  /** Moves one restore job to a state now (same as store.setJobState); 'running' with `runSeconds` runs it that long. */
  setJobState(jobId: string, state: JobState, opts?: { runSeconds?: number; outcome?: Outcome }): MovingJob;
  /** Every job moved or put on a schedule so far: state, start, settle time and outcome. */
  movingJobs(): MovingJob[];
  close(): Promise<void>;
}

export const DEMO_SERVICE_ACCOUNT = {
  clientId: 'mdb_sa_id_64f0c0ffee00000000000001',
  clientSecret: 'mdb_sa_sk_demo-only-not-a-real-secret-0001',
} as const;

export const DEMO_API_KEY = {
  publicKey: 'demokeyz',
  privateKey: '5d1e0f5e-0000-4000-8000-000000000001',
} as const;
