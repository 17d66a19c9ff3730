/**
 * Shared set-up of the client's HTTP tests: an in-process emulator per suite, clients whose log events
 * and errors are all collected, and a root hook that checks — after the whole run — that no log event
 * and no error message ever held a secret, a token, a digest response or a signed URL.
 */
import { strict as assert } from 'node:assert';
import {
  DEMO_API_KEY,
  DEMO_SERVICE_ACCOUNT,
  startEmulator,
  type EmulatorOptions,
  type RunningEmulator,
} from '../../atlas-emulator';
import { AtlasClient, isAtlasError, type AtlasClientOptions, type AtlasCredentials, type AtlasError, type AtlasLogEvent } from '../../../src/atlas';

export { DEMO_API_KEY, DEMO_SERVICE_ACCOUNT };

export const SERVICE_ACCOUNT: AtlasCredentials = { kind: 'serviceAccount', ...DEMO_SERVICE_ACCOUNT };
export const API_KEY: AtlasCredentials = { kind: 'apiKey', ...DEMO_API_KEY };
export const BOTH: { name: string; credentials: AtlasCredentials; principal: string }[] = [
  { name: 'service account', credentials: SERVICE_ACCOUNT, principal: DEMO_SERVICE_ACCOUNT.clientId },
  { name: 'API key', credentials: API_KEY, principal: DEMO_API_KEY.publicKey },
];

/** Every log event of every client made by `makeClient`, across the whole run. */
export const allLogEvents: AtlasLogEvent[] = [];
/** Every AtlasError a test saw (through `expectAtlasError`). */
export const allErrors: AtlasError[] = [];
/** Secrets the tests used besides the demo ones (wrong secrets, extra accounts). */
export const extraSecrets = new Set<string>();

/** Small delays so retries do not slow the suite; tests that need more pass their own. */
export const FAST_RETRY = { maxRetries: 3, baseDelayMs: 5, maxDelayMs: 2_000 };

let clientsMade = 0;

/** What the current test opened; the root afterEach below disposes it, whether the test passed or not. */
const openedByTest: { dispose(): void }[] = [];

/** Registers something to dispose after the current test, so a failing test leaks no socket either. */
export function disposeAfterTest<T extends { dispose(): void }>(d: T): T {
  openedByTest.push(d);
  return d;
}

export function makeClient(emulator: RunningEmulator, overrides: Partial<AtlasClientOptions> = {}): AtlasClient {
  const own = overrides.logger;
  clientsMade++;
  return disposeAfterTest(
    new AtlasClient({
      baseUrl: emulator.baseUrl,
      credentials: SERVICE_ACCOUNT,
      timeoutMs: 5_000,
      retry: FAST_RETRY,
      ...overrides,
      logger: (e) => {
        allLogEvents.push(e);
        own?.(e);
      },
    }),
  );
}

/**
 * A client that has already made one request — it holds a token, or a Digest nonce — with the
 * emulator's request log cleared afterwards, so a test sees and counts only its own requests.
 */
export async function warmClient(emulator: RunningEmulator, overrides: Partial<AtlasClientOptions> = {}): Promise<AtlasClient> {
  const client = makeClient(emulator, overrides);
  await client.listProjects();
  emulator.clearRequests();
  return client;
}

// A root-level hook: runs after every test of the run.
afterEach(function () {
  for (const d of openedByTest.splice(0)) d.dispose();
});

export interface Fixture {
  emulator: RunningEmulator;
  orgId: string;
  groupId: string;
}

/**
 * An emulator with the `empty` dataset plus one organization and one project that both demo principals
 * own, so each test adds exactly the clusters and jobs it counts.
 */
export async function startFixture(options: EmulatorOptions = {}): Promise<Fixture> {
  const emulator = await startEmulator({ dataset: 'empty', quiet: true, ...options });
  const principals = [DEMO_SERVICE_ACCOUNT.clientId, DEMO_API_KEY.publicKey];
  const org = emulator.store.addOrganization('Client Tests', { owners: principals });
  const project = emulator.store.addProject(org.id, 'client-tests');
  for (const p of principals) emulator.grant(p, project.id, ['GROUP_OWNER']);
  return { emulator, orgId: org.id, groupId: project.id };
}

/**
 * The fixture of the enclosing describe: started before its first test, closed after its last, with
 * the request log cleared and no fault left over before each test. The object is filled in by the
 * `before` hook, so read its fields inside hooks and tests only.
 */
export function suiteFixture(options: EmulatorOptions = {}): Fixture {
  const fx = {} as Fixture;
  before(async () => {
    Object.assign(fx, await startFixture(options));
  });
  after(() => fx.emulator.close());
  beforeEach(() => {
    fx.emulator.clearRequests();
    fx.emulator.faults.clear();
  });
  return fx;
}

/** A dedicated cluster (with legacy and cloud backup jobs), a serverless instance and a flex cluster, each with `jobs[family]` restore jobs. */
export function addOneOfEachKind(fx: Fixture, jobs: { legacy: number; cloudBackup: number; serverless: number; flex: number }): void {
  const { store } = fx.emulator;
  store.addCluster(fx.groupId, 'dedicated', 'Cluster0');
  store.addRestoreJobs(fx.groupId, 'Cluster0', 'legacy', jobs.legacy);
  store.addRestoreJobs(fx.groupId, 'Cluster0', 'cloudBackup', jobs.cloudBackup);
  store.addCluster(fx.groupId, 'serverless', 'Serverless0');
  store.addRestoreJobs(fx.groupId, 'Serverless0', 'serverless', jobs.serverless);
  store.addCluster(fx.groupId, 'flex', 'Flex0');
  store.addRestoreJobs(fx.groupId, 'Flex0', 'flex', jobs.flex);
}

/** Awaits a promise that must reject with an AtlasError, records the error and returns it. */
export async function expectAtlasError(p: Promise<unknown>, kind: AtlasError['kind']): Promise<AtlasError> {
  try {
    await p;
  } catch (e) {
    if (!isAtlasError(e)) throw e;
    allErrors.push(e);
    assert.equal(e.kind, kind, `expected kind ${kind}, got ${e.kind}: ${e.message}`);
    return e;
  }
  assert.fail(`expected an AtlasError of kind ${kind}, but the call succeeded`);
}

/** API requests (not the token endpoint, not downloads) recorded by the emulator. */
export function apiRequests(emulator: RunningEmulator) {
  return emulator.requests.filter((r) => r.path.startsWith('/api/atlas/v2/'));
}

export function tokenRequests(emulator: RunningEmulator) {
  return emulator.requests.filter((r) => r.path === '/api/oauth/token');
}

export const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until `predicate` holds (polling), failing after `ms`. */
export async function waitFor(predicate: () => boolean, ms = 5_000): Promise<void> {
  const until = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > until) assert.fail('condition not reached in time');
    await delay(2);
  }
}

// A root-level hook: runs once after every test of the run.
after('no log event and no error message holds a secret, token, digest response or signed URL', function () {
  const secrets = [DEMO_SERVICE_ACCOUNT.clientSecret, DEMO_API_KEY.privateKey, ...extraSecrets];
  const basic = Buffer.from(`${DEMO_SERVICE_ACCOUNT.clientId}:${DEMO_SERVICE_ACCOUNT.clientSecret}`).toString('base64');
  const texts = [
    ...allLogEvents.map((e) => JSON.stringify(e)),
    ...allErrors.map((e) => JSON.stringify({ message: e.message, detail: e.detail, reason: e.reason })),
  ];
  // Every client logs each exchange, so a run that made clients has events to check.
  if (clientsMade > 0) assert.ok(allLogEvents.length >= clientsMade, `log events were collected (${allLogEvents.length})`);
  for (const text of texts) {
    for (const s of [...secrets, basic]) assert.equal(text.includes(s), false, `secret leaked into: ${text}`);
    // Emulator tokens are JWTs (base64url JSON header): "eyJ…".
    assert.equal(/eyJ[A-Za-z0-9_-]{10,}/.test(text), false, `token leaked into: ${text}`);
    // Digest responses and cnonces are 32 hex digits; ids are 24.
    assert.equal(/\b[a-f0-9]{32}\b/.test(text), false, `digest response leaked into: ${text}`);
    assert.equal(/Authorization|Bearer [^[]|Digest username/i.test(text), false, `credentials leaked into: ${text}`);
    // No URL with a query string, no download link.
    assert.equal(/\?[^\s"]*=/.test(text), false, `query string leaked into: ${text}`);
    assert.equal(text.includes('__downloads'), false, `download URL leaked into: ${text}`);
  }
});
