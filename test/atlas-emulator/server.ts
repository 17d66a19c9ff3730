/**
 * startEmulator: the local Atlas Administration API on 127.0.0.1.
 *
 * Order of checks for /api/atlas/v2 requests: faults → authentication (401) → rate limit (429, when
 * enforced) → route (404/405) → Accept (406, or 410 past the media type's x-sunset) → parameters (400) →
 * roles and resources (403/404) → answer (200), all driven by the vendored spec subset.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiFailure, failures } from './api-errors';
import { authorize, handle, negotiate } from './api-handlers';
import { AuthService } from './auth';
import { EmulatorClock } from './clock';
import {
  DEMO_API_KEY,
  DEMO_SERVICE_ACCOUNT,
  type EmulatorOptions,
  type ProjectRole,
  type RecordedRequest,
  type RunningEmulator,
} from './contract';
import { handleControl } from './control';
import { buildDemo, buildLarge, DEFAULT_LARGE } from './datasets';
import { s3Error } from './download-body';
import { carriesAuthHeader, DOWNLOAD_PREFIX } from './download-files';
import { serveDownload } from './downloads';
import { Faults } from './faults';
import { checkMark } from './file-marks';
import { listen, recordRequest } from './http-listener';
import { parseParameters } from './parameters';
import { DEFAULT_RATE_LIMIT, RateLimits, REPORTED_RATE_LIMIT } from './rate-limit';
import { type BodyFaults, pageBody, sendFailure, sendJson } from './responses';
import { API_PREFIX, loadSpec } from './spec-document';
import { handleStorage, presign, storageSigner } from './storage-host';
import { EmulatorStore } from './store';
import { visibleCounts } from './visible';

export const TOKEN_PATH = '/api/oauth/token';
export const REVOKE_PATH = '/api/oauth/revoke';
function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function readBody(req: IncomingMessage, limit = 64 * 1024): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new Error('body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const spec = loadSpec();
  const host = options.host ?? '127.0.0.1';
  const seed = options.seed ?? 1;
  const quiet = options.quiet ?? true;
  const dataset = options.dataset ?? 'demo';
  if (options.largeFile) {
    if (dataset !== 'demo') throw new Error('largeFile applies to the demo dataset');
    checkMark({ bytes: options.largeFile.bytes });
  }
  const clock = new EmulatorClock(options.today);
  const serviceAccounts = options.serviceAccounts ?? [{ ...DEMO_SERVICE_ACCOUNT }];
  const apiKeys = options.apiKeys ?? [{ ...DEMO_API_KEY }];
  const auth = new AuthService({ serviceAccounts, apiKeys, tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 3600 });
  const faults = new Faults(() => auth.revokeAllTokens());
  const requests: RecordedRequest[] = [];
  // On by default where there is enough data to hit it (large); tests of the small datasets count their requests.
  const rateLimits = new RateLimits(
    () => clock.now(),
    options.rateLimit === false ? undefined : (options.rateLimit ?? (dataset === 'large' ? DEFAULT_RATE_LIMIT : undefined)),
  );
  let store: EmulatorStore | undefined;
  let control: ControlContext | undefined;
  let baseUrl = '';

  async function api(req: IncomingMessage, res: ServerResponse, url: URL, rec: RecordedRequest): Promise<void> {
    const pretty = /^true$/i.test(url.searchParams.get('pretty') ?? '');
    try {
      const who = await auth.authenticate(req);
      if (!who.ok) throw failures.unauthorized(who.detail, who.challenge);
      const counted = rateLimits.take(who.principal, url.pathname);
      if (counted instanceof ApiFailure) throw counted;
      const route = spec.route(req.method ?? 'GET', url.pathname);
      if (route.kind === 'notFound') throw failures.noSuchPath(url.pathname);
      if (route.kind === 'methodNotAllowed') throw failures.methodNotAllowed(req.method ?? '', route.allowed);
      const { operation } = route;
      rec.operationId = operation.operationId;
      const mediaType = negotiate(operation, req.headers.accept, clock.today());
      if (mediaType instanceof ApiFailure) throw mediaType;
      const parsed = parseParameters(operation, route.pathParams, url.searchParams);
      if (parsed.violations.length > 0) throw failures.badRequest(parsed.violations);
      const input = { operation, mediaType, params: parsed.values, principal: who.principal, store: store!, today: clock.today() };
      authorize(input);
      const result = handle(input);
      const envelope = parsed.values.envelope === true;
      let body: unknown;
      if (result.kind === 'list') {
        const includeCount = parsed.values.includeCount !== false;
        const page = pageBody(
          result.items,
          { itemsPerPage: Number(parsed.values.itemsPerPage ?? 100), pageNum: Number(parsed.values.pageNum ?? 1), includeCount },
          url,
          baseUrl,
        );
        const total = includeCount ? faults.take(url.pathname, ['totalCount']) : undefined;
        if (total) page.totalCount = total.value;
        body = envelope ? { ...page, status: 200 } : page;
      } else {
        body = envelope ? { status: 200, content: result.item } : result.item;
      }
      const bodyFaults: BodyFaults = { malformed: false };
      const fault = faults.take(url.pathname, ['malformedJson', 'slowBody']);
      if (fault?.kind === 'malformedJson') bodyFaults.malformed = true;
      if (fault?.kind === 'slowBody') bodyFaults.slowMs = fault.ms;
      await sendJson(res, 200, mediaType.mediaType, body, { pretty, headers: counted.headers, faults: bodyFaults });
    } catch (e) {
      if (!(e instanceof ApiFailure)) throw e;
      await sendFailure(res, e, pretty);
    }
  }

  async function tokenEndpoint(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const oauthError = (status: number, error: string, description: string, headers: Record<string, string> = {}) =>
      sendJson(res, status, 'application/json', { error, error_description: description }, { headers: { 'Cache-Control': 'no-store', ...headers } });
    if (req.method !== 'POST') return oauthError(405, 'invalid_request', 'Use POST.', { Allow: 'POST' });
    const body = await readBody(req);
    const clientId = auth.checkClient(req.headers.authorization);
    if (!clientId) return oauthError(401, 'invalid_client', 'Client authentication failed.', { 'WWW-Authenticate': 'Basic realm="oauth"' });
    if (!/^application\/x-www-form-urlencoded\b/i.test(req.headers['content-type'] ?? '')) {
      return oauthError(400, 'invalid_request', 'The body must be application/x-www-form-urlencoded.');
    }
    const form = new URLSearchParams(body);
    if (req.url?.startsWith(REVOKE_PATH)) {
      const token = form.get('token');
      if (!token) return oauthError(400, 'invalid_request', 'token is required.');
      auth.revokeToken(token);
      res.writeHead(200, { 'Cache-Control': 'no-store', 'Content-Length': '0' });
      res.end();
      return;
    }
    const grant = form.get('grant_type');
    if (grant === null) return oauthError(400, 'invalid_request', 'grant_type is required.');
    if (grant !== 'client_credentials') return oauthError(400, 'unsupported_grant_type', 'Only client_credentials is supported.');
    await sendJson(res, 200, 'application/json', auth.issueToken(clientId), { headers: { 'Cache-Control': 'no-store', Pragma: 'no-cache' } });
  }

  const log = quiet ? undefined : (line: string) => console.log(line);

  async function handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    const path = url.pathname;
    if (!store || !control) {
      res.writeHead(503, { 'Content-Type': 'application/json' }).end('{"error":503,"errorCode":"SERVICE_UNAVAILABLE"}');
      return;
    }
    if (path.startsWith('/__emulator/')) return handleControl(req, res, url, control);
    const download = path.startsWith(DOWNLOAD_PREFIX);
    const rec: RecordedRequest = recordRequest(requests, req, res, url, { server: 'main', download, ...(log ? { log } : {}) });
    if (download) rec.authHeaderPresent = carriesAuthHeader(req.headers);

    const delay = (path.startsWith('/api/') ? (options.latencyMs ?? 0) : 0) + faults.latencyFor(path);
    if (delay > 0) await sleep(delay);
    const fault = faults.take(path, ['reset', 'serverError', 'rateLimit', 'apiError']);
    if (fault?.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'serverError') return sendFailure(res, failures.server(fault.status ?? 500));
    if (fault?.kind === 'apiError') return sendFailure(res, failures.custom(fault.status, fault.errorCode, fault.detail));
    if (fault?.kind === 'rateLimit') return sendFailure(res, failures.rateLimited(path, fault.retryAfterSeconds, rateLimits.current()?.capacity ?? REPORTED_RATE_LIMIT));

    if (download) {
      const s = store;
      return serveDownload(req, res, url, {
        seed,
        signer: s.signer,
        now: () => clock.now(),
        find: (k) => s.download(k),
        takeFault: (p, kinds) => faults.take(p, kinds),
        presignOnStorage: (file) => presign(toStorage, file, clock.now()),
      });
    }
    if (path === TOKEN_PATH || path === REVOKE_PATH) return tokenEndpoint(req, res);
    if (path === API_PREFIX || path.startsWith(`${API_PREFIX}/`)) return api(req, res, url, rec);
    return sendFailure(res, failures.noSuchPath(path));
  }

  const internalError = (e: unknown, res: ServerResponse, answer: () => void) => {
    if (!quiet) console.error('emulator: internal error', e instanceof Error ? e.message : e);
    if (!res.headersSent) answer();
    else res.destroy();
  };
  const served = { ...(options.tls ? { tls: options.tls } : {}), ...(options.publicHost ? { publicHost: options.publicHost } : {}) };
  const main = await listen(host, options.port ?? 0, handleRequest, (e, res) => internalError(e, res, () => void sendFailure(res, failures.server(500))), served);
  baseUrl = main.url;
  const storage = await listen(
    host,
    0,
    (req, res) => handleStorage(req, res, { seed, signer: toStorage, now: () => clock.now(), find: (k) => store!.download(k), faults, requests, ...(log ? { log } : {}) }),
    (e, res) => internalError(e, res, () => s3Error(res, 500, 'InternalError', 'We encountered an internal error. Please try again.')),
    served,
  ).catch(async (e: unknown) => {
    await main.close();
    throw e;
  });
  const toStorage = storageSigner(seed, storage.url);
  const principals = [...serviceAccounts.map((s) => s.clientId), ...apiKeys.map((k) => k.publicKey)];
  try {
    store = buildStore();
  } catch (e) {
    await Promise.all([main.close(), storage.close()]);
    throw e;
  }
  const built = store;

  function buildStore(): EmulatorStore {
    const b = new EmulatorStore({
      seed,
      baseUrl,
      anchor: clock.anchor(),
      principals,
      fileSize: dataset === 'large' ? [256, 1024] : [1024, 4096],
      now: () => clock.now(),
    });
    if (dataset === 'demo') buildDemo(b, options.largeFile ? { largeFileBytes: options.largeFile.bytes } : {});
    else if (dataset === 'large') buildLarge(b, { ...DEFAULT_LARGE, ...options.large });
    // Generated now, so that a large file's SHA-1 is not computed inside some later request.
    if (options.largeFile) b.largeFileJobs();
    clock.beforeChange = () => b.settleDue();
    if (options.runningJobs) b.setRunningJobs(options.runningJobs);
    return b;
  }

  control = {
    baseUrl,
    storageUrl: storage.url,
    dataset,
    seed,
    clock,
    auth,
    faults,
    requests,
    store: built,
    principals,
    rateLimits,
  };

  const running: RunningEmulator = {
    baseUrl,
    storageUrl: storage.url,
    store: built,
    faults,
    requests,
    clearRequests: () => {
      requests.length = 0;
    },
    setToday: (d) => clock.set(d),
    setTokenLifetime: (seconds) => {
      if (!(seconds > 0)) throw new Error('token lifetime must be > 0 seconds');
      auth.tokenLifetimeSeconds = seconds;
    },
    expireDigestNonces: () => auth.expireDigestNonces(),
    digestNonceCounts: () => auth.digestNonceCounts(),
    setRateLimit: (o) => rateLimits.set(o === false ? undefined : o),
    rateLimit: () => rateLimits.current(),
    grant: (principal: string, groupId: string, roles: ProjectRole[]) => built.grant(principal, groupId, roles),
    today: () => clock.today(),
    countsFor: (principal: string) => visibleCounts(built, principal, clock.today()),
    patchDocument: (target, patch) => built.patchDocument(target, patch),
    now: () => new Date(clock.now()),
    advance: (ms) => clock.advance(ms),
    setRunningJobs: (o) => built.setRunningJobs(o),
    setJobState: (jobId, state, opts) => built.setJobState(jobId, state, opts),
    movingJobs: () => built.movingJobs(),
    close: async () => {
      await Promise.all([main.close(), storage.close()]);
    },
  };
  return running;
}

export type ControlContext = {
  baseUrl: string;
  storageUrl: string;
  dataset: string;
  seed: number;
  clock: EmulatorClock;
  auth: AuthService;
  faults: Faults;
  requests: RecordedRequest[];
  store: EmulatorStore;
  principals: string[];
  rateLimits: RateLimits;
};
