/**
 * The control endpoint, so another process (UI tests, a demo) can drive a running emulator.
 * Not part of the Atlas API: no auth, plain JSON, loopback callers only, never recorded.
 *
 *   GET    /__emulator/state                  today, counts, active faults, token lifetime, principals, storageUrl,
 *                                             largeFiles and storageRedirects (the marked jobs, with their files)
 *   POST   /__emulator/faults                 body: a Fault or an array of them (with optional match)
 *   DELETE /__emulator/faults                 clear all faults (also POST /__emulator/faults/clear)
 *   POST   /__emulator/today                  body: {"today": "YYYY-MM-DD" | ISO date-time}
 *   POST   /__emulator/grants                 body: {"principal", "groupId", "roles": [...]}
 *   POST   /__emulator/token-lifetime         body: {"seconds": n}
 *   POST   /__emulator/digest-nonces/expire   the next Digest request gets a stale challenge
 *   POST   /__emulator/rate-limit             body: {"capacity"?, "refillRate"?, "refillDurationSeconds"?}: Atlas's rate
 *                                             limit enforced with these numbers (defaults 100 / 100 / 60), buckets full
 *                                             again; DELETE turns it off
 *   POST   /__emulator/tokens/revoke          every issued token becomes invalid
 *   GET    /__emulator/requests               the recorded requests; DELETE clears them
 *   POST   /__emulator/patches                body: {"target": {"jobId"} | {"groupId", "clusterName", "kind"},
 *                                             "unset"?: ["dotted.path"], "set"?: {"dotted.path": value}}
 *   DELETE /__emulator/patches                every document served as generated again (also POST …/patches/clear)
 *   POST   /__emulator/clock/advance          body: {"ms": n} or {"seconds": n}: the emulator clock moves forward
 *   GET    /__emulator/running-jobs           the running-jobs option and every moving job
 *   POST   /__emulator/running-jobs           body: {"runSeconds", "failShare"?, "demoJobs"?}: on (restarts the demo's
 *                                             moving jobs from now); DELETE turns it off
 *   POST   /__emulator/restore-jobs           body: {"groupId", "clusterName", "family", "count"?}: adds restore jobs
 *                                             (running ones while the option is on)
 *   POST   /__emulator/jobs/{jobId}/state     body: {"state": "running" | "finished" | "failed" | "cancelled",
 *                                             "runSeconds"?, "outcome"?}
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultWithMatch, ProjectRole } from './contract';
import type { RestoreFamily } from './job-factory';
import { checkJobState, type Outcome, type RunningJobsOptions } from './lifecycle';
import { parsePatchTarget, type DocumentPatch } from './patches';
import type { ControlContext } from './server';
import { KIND_OF_FAMILY, PROJECT_ROLE_RANK } from './store';

const FAULT_KINDS = ['latency', 'rateLimit', 'serverError', 'reset', 'slowBody', 'malformedJson', 'totalCount', 'apiError', 'revokeTokens', 'cutBody', 'ignoreRange', 'corruptByte', 'redirectToStorage'];

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = body === undefined ? '' : JSON.stringify(body, null, 2);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store' });
  res.end(text);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text.trim() === '' ? {} : JSON.parse(text);
}

function isLoopback(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1' || (address?.startsWith('127.') ?? false);
}

export function controlState(ctx: ControlContext) {
  return {
    baseUrl: ctx.baseUrl,
    storageUrl: ctx.storageUrl,
    dataset: ctx.dataset,
    seed: ctx.seed,
    today: ctx.clock.today(),
    now: new Date(ctx.clock.now()).toISOString(),
    tokenLifetimeSeconds: ctx.auth.tokenLifetimeSeconds,
    activeTokens: ctx.auth.activeTokenCount(),
    faults: ctx.faults.list(),
    requestCount: ctx.requests.length,
    principals: ctx.principals,
    counts: ctx.store.counts(),
    patches: ctx.store.patchedDocuments(),
    runningJobs: ctx.store.runningJobs() ?? null,
    movingJobs: ctx.store.movingJobs(),
    largeFiles: ctx.store.largeFileJobs(),
    storageRedirects: ctx.store.storageRedirectJobs(),
    rateLimit: ctx.rateLimits.current() ?? null,
  };
}

/** The served document of a job the lifecycle knows, by id. */
function servedDocument(ctx: ControlContext, jobId: string): unknown {
  const m = ctx.store.movingJobs().find((j) => j.jobId === jobId);
  const job = m && ctx.store.restoreJob(m.groupId, m.clusterName, m.family, jobId);
  return job ? ctx.store.servedJob(job) : undefined;
}

const JOB_STATE_ROUTE = /^POST \/__emulator\/jobs\/([^/]+)\/state$/;

async function setJobState(req: IncomingMessage, res: ServerResponse, ctx: ControlContext, jobId: string): Promise<void> {
  const body = (await readJson(req)) as { state?: unknown; runSeconds?: unknown; outcome?: unknown };
  const state = checkJobState(body.state);
  if (body.runSeconds !== undefined && typeof body.runSeconds !== 'number') return send(res, 400, { error: 'runSeconds must be a number' });
  const opts: { runSeconds?: number; outcome?: Outcome } = {};
  if (body.runSeconds !== undefined) opts.runSeconds = body.runSeconds as number;
  if (body.outcome !== undefined) opts.outcome = body.outcome as Outcome;
  if (!ctx.store.hasJob(jobId)) return send(res, 404, { error: `No restore job ${jobId} (read its cluster's restore jobs first).` });
  const moved = ctx.store.setJobState(jobId, state, opts);
  return send(res, 200, { ...moved, document: servedDocument(ctx, jobId) });
}

async function addRestoreJobs(req: IncomingMessage, res: ServerResponse, ctx: ControlContext): Promise<void> {
  const body = (await readJson(req)) as { groupId?: unknown; clusterName?: unknown; family?: unknown; count?: unknown };
  const family = body.family as RestoreFamily;
  const count = body.count ?? 1;
  if (typeof body.groupId !== 'string' || typeof body.clusterName !== 'string' || !(family in KIND_OF_FAMILY) || !(Number.isInteger(count) && (count as number) > 0)) {
    return send(res, 400, { error: 'Expected {"groupId", "clusterName", "family": "legacy" | "cloudBackup" | "serverless" | "flex", "count"?: n > 0}.' });
  }
  const added = ctx.store.addRestoreJobs(body.groupId, body.clusterName, family, count as number);
  const ids = new Set(added.map((j) => j.id));
  return send(res, 200, { jobs: added.map((j) => j.id), moving: ctx.store.movingJobs().filter((m) => ids.has(m.jobId)) });
}

function runningJobsState(ctx: ControlContext) {
  return { runningJobs: ctx.store.runningJobs() ?? null, movingJobs: ctx.store.movingJobs() };
}

function validFault(f: unknown): f is FaultWithMatch {
  return typeof f === 'object' && f !== null && FAULT_KINDS.includes((f as { kind?: unknown }).kind as string);
}

export async function handleControl(req: IncomingMessage, res: ServerResponse, url: URL, ctx: ControlContext): Promise<void> {
  if (!isLoopback(req.socket.remoteAddress)) return send(res, 403, { error: 'The control endpoint only answers loopback callers.' });
  const route = `${req.method} ${url.pathname.replace(/\/+$/, '')}`;
  try {
    const jobState = JOB_STATE_ROUTE.exec(route);
    if (jobState) return await setJobState(req, res, ctx, decodeURIComponent(jobState[1]!));
    switch (route) {
      case 'GET /__emulator/state':
        return send(res, 200, controlState(ctx));
      case 'POST /__emulator/faults': {
        const body = await readJson(req);
        const list = Array.isArray(body) ? body : [body];
        if (!list.every(validFault)) return send(res, 400, { error: `Each fault needs a kind among ${FAULT_KINDS.join(', ')}.` });
        for (const f of list) ctx.faults.add(f);
        return send(res, 200, { faults: ctx.faults.list() });
      }
      case 'DELETE /__emulator/faults':
      case 'POST /__emulator/faults/clear':
        ctx.faults.clear();
        return send(res, 200, { faults: [] });
      case 'POST /__emulator/today': {
        const body = (await readJson(req)) as { today?: unknown };
        if (typeof body.today !== 'string') return send(res, 400, { error: 'Expected {"today": "YYYY-MM-DD"}.' });
        ctx.clock.set(body.today);
        return send(res, 200, { today: ctx.clock.today() });
      }
      case 'POST /__emulator/grants': {
        const body = (await readJson(req)) as { principal?: unknown; groupId?: unknown; roles?: unknown };
        const roles = body.roles;
        if (
          typeof body.principal !== 'string' ||
          typeof body.groupId !== 'string' ||
          !Array.isArray(roles) ||
          !roles.every((r) => typeof r === 'string' && r in PROJECT_ROLE_RANK)
        ) {
          return send(res, 400, { error: `Expected {"principal", "groupId", "roles": [${Object.keys(PROJECT_ROLE_RANK).join(', ')}]}.` });
        }
        ctx.store.grant(body.principal, body.groupId, roles as ProjectRole[]);
        return send(res, 200, { principal: body.principal, groupId: body.groupId, roles: ctx.store.projectRoles(body.principal, body.groupId) });
      }
      case 'POST /__emulator/token-lifetime': {
        const body = (await readJson(req)) as { seconds?: unknown };
        if (typeof body.seconds !== 'number' || !(body.seconds > 0)) return send(res, 400, { error: 'Expected {"seconds": n > 0}.' });
        ctx.auth.tokenLifetimeSeconds = body.seconds;
        return send(res, 200, { tokenLifetimeSeconds: body.seconds });
      }
      case 'POST /__emulator/digest-nonces/expire':
        ctx.auth.expireDigestNonces();
        return send(res, 200, {});
      case 'POST /__emulator/rate-limit': {
        const body = (await readJson(req)) as Record<string, unknown>;
        const known = ['capacity', 'refillRate', 'refillDurationSeconds'];
        if (typeof body !== 'object' || body === null || Object.keys(body).some((k) => !known.includes(k))) {
          return send(res, 400, { error: `Expected {${known.map((k) => `"${k}"?`).join(', ')}}.` });
        }
        ctx.rateLimits.set(body);
        return send(res, 200, { rateLimit: ctx.rateLimits.current() });
      }
      case 'DELETE /__emulator/rate-limit':
        ctx.rateLimits.set(undefined);
        return send(res, 200, { rateLimit: null });
      case 'POST /__emulator/tokens/revoke':
        ctx.auth.revokeAllTokens();
        return send(res, 200, {});
      case 'POST /__emulator/patches': {
        const body = (await readJson(req)) as { target?: unknown; unset?: unknown; set?: unknown };
        const patch = { unset: body.unset, set: body.set } as DocumentPatch;
        ctx.store.patchDocument(parsePatchTarget(body.target), patch);
        return send(res, 200, { patches: ctx.store.patchedDocuments() });
      }
      case 'DELETE /__emulator/patches':
      case 'POST /__emulator/patches/clear':
        ctx.store.clearPatches();
        return send(res, 200, { patches: [] });
      case 'POST /__emulator/clock/advance': {
        const body = (await readJson(req)) as { ms?: unknown; seconds?: unknown };
        const ms = typeof body.ms === 'number' ? body.ms : typeof body.seconds === 'number' ? body.seconds * 1000 : Number.NaN;
        if (!(ms >= 0)) return send(res, 400, { error: 'Expected {"ms": n} or {"seconds": n}, n >= 0.' });
        ctx.clock.advance(ms);
        return send(res, 200, { now: new Date(ctx.clock.now()).toISOString(), today: ctx.clock.today(), movingJobs: ctx.store.movingJobs() });
      }
      case 'GET /__emulator/running-jobs':
        return send(res, 200, runningJobsState(ctx));
      case 'POST /__emulator/running-jobs': {
        const body = (await readJson(req)) as RunningJobsOptions;
        ctx.store.setRunningJobs({ ...body });
        return send(res, 200, runningJobsState(ctx));
      }
      case 'DELETE /__emulator/running-jobs':
        ctx.store.setRunningJobs(undefined);
        return send(res, 200, runningJobsState(ctx));
      case 'POST /__emulator/restore-jobs':
        return await addRestoreJobs(req, res, ctx);
      case 'GET /__emulator/requests':
        return send(res, 200, ctx.requests);
      case 'DELETE /__emulator/requests':
        ctx.requests.length = 0;
        return send(res, 200, []);
      default:
        return send(res, 404, { error: `No control route ${route}.` });
    }
  } catch (e) {
    return send(res, 400, { error: e instanceof Error ? e.message : String(e) });
  }
}
