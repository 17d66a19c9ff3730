/**
 * Test-side HTTP helpers for the emulator's own tests. The Digest answer is computed here from
 * RFC 2617 with node:crypto — independently of both the emulator (http-auth) and the client.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  DEMO_API_KEY,
  DEMO_SERVICE_ACCOUNT,
  DEMO,
  startEmulator,
  type EmulatorOptions,
  type RestoreFamily,
  type RunningEmulator,
} from '../../atlas-emulator';

export const ACCEPT = {
  v20230101: 'application/vnd.atlas.2023-01-01+json',
  v20230201: 'application/vnd.atlas.2023-02-01+json',
  v20240805: 'application/vnd.atlas.2024-08-05+json',
  v20241113: 'application/vnd.atlas.2024-11-13+json',
} as const;

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: any;
  contentType: string | undefined;
}

async function answer(r: Response): Promise<Answer> {
  const text = await r.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: r.status, headers: r.headers, text, json, contentType: r.headers.get('content-type') ?? undefined };
}

export async function requestToken(
  baseUrl: string,
  account: { clientId: string; clientSecret: string } = DEMO_SERVICE_ACCOUNT,
  body = 'grant_type=client_credentials',
): Promise<Answer> {
  const basic = Buffer.from(`${account.clientId}:${account.clientSecret}`).toString('base64');
  return answer(
    await fetch(`${baseUrl}/api/oauth/token`, {
      method: 'POST',
      headers: { Authorization: `Basic ${basic}`, 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body,
    }),
  );
}

export async function token(baseUrl: string, account?: { clientId: string; clientSecret: string }): Promise<string> {
  const r = await requestToken(baseUrl, account);
  if (r.status !== 200) throw new Error(`token request answered ${r.status}`);
  return r.json.access_token as string;
}

/** GET with a Bearer token (or none), returning status, headers and parsed body. */
export async function get(baseUrl: string, path: string, opts: { bearer?: string; accept?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.accept !== undefined) headers.Accept = opts.accept;
  if (opts.bearer) headers.Authorization = `Bearer ${opts.bearer}`;
  return answer(await fetch(`${baseUrl}${path}`, { headers }));
}

export function md5(s: string): string {
  return createHash('md5').update(s).digest('hex');
}

export function parseChallenge(header: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /(\w+)=(?:"([^"]*)"|([^,\s]*))/g;
  for (let m = re.exec(header ?? ''); m; m = re.exec(header ?? '')) out[m[1] as string] = (m[2] ?? m[3]) as string;
  return out;
}

/** RFC 2617 Digest (MD5, qop=auth) answer. */
export function digestHeader(p: { username: string; password: string; realm: string; nonce: string; method: string; uri: string; nc: number; cnonce?: string }): string {
  const nc = p.nc.toString(16).padStart(8, '0');
  const cnonce = p.cnonce ?? randomBytes(8).toString('hex');
  const ha1 = md5(`${p.username}:${p.realm}:${p.password}`);
  const ha2 = md5(`${p.method}:${p.uri}`);
  const response = md5(`${ha1}:${p.nonce}:${nc}:${cnonce}:auth:${ha2}`);
  return `Digest username="${p.username}", realm="${p.realm}", nonce="${p.nonce}", uri="${p.uri}", algorithm=MD5, qop=auth, nc=${nc}, cnonce="${cnonce}", response="${response}"`;
}

/** A minimal Digest session: answers the challenge, reuses the nonce with a growing nc. */
export class DigestSession {
  nonce?: string;
  realm?: string;
  nc = 0;
  challenges = 0;

  constructor(
    private readonly baseUrl: string,
    private readonly username: string = DEMO_API_KEY.publicKey,
    private readonly password: string = DEMO_API_KEY.privateKey,
  ) {}

  private async send(path: string, accept: string): Promise<Answer> {
    const headers: Record<string, string> = { Accept: accept };
    if (this.nonce && this.realm) {
      this.nc++;
      headers.Authorization = digestHeader({
        username: this.username,
        password: this.password,
        realm: this.realm,
        nonce: this.nonce,
        method: 'GET',
        uri: path,
        nc: this.nc,
      });
    }
    return answer(await fetch(`${this.baseUrl}${path}`, { headers }));
  }

  async get(path: string, accept: string = ACCEPT.v20230101): Promise<Answer> {
    let r = await this.send(path, accept);
    if (r.status === 401) {
      const c = parseChallenge(r.headers.get('www-authenticate'));
      if (c.nonce) {
        this.challenges++;
        this.nonce = c.nonce;
        this.realm = c.realm;
        this.nc = 0;
        r = await this.send(path, accept);
      }
    }
    return r;
  }
}

/** The demo's projects by their role in the layout. */
export function demoProjects(emu: RunningEmulator) {
  const byName = (name: string) => {
    const p = emu.store.projects().find((x) => x.name === name);
    if (!p) throw new Error(`demo project ${name} missing`);
    return p;
  };
  return {
    production: byName(DEMO.projects.production),
    staging: byName(DEMO.projects.staging),
    lab: byName(DEMO.projects.lab),
    analytics: byName(DEMO.projects.analytics),
    internal: byName(DEMO.projects.internal),
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface EmulatorSuite {
  emu: RunningEmulator;
  bearer: string;
  /** GET an API path with the suite's token (Accept 2023-01-01 unless told). */
  call(path: string, accept?: string): Promise<Answer>;
}

/** The emulator of the enclosing describe, with a token: started before its first test, closed after its last. */
export function emulatorSuite(options: EmulatorOptions): EmulatorSuite {
  const suite = {
    call: (path: string, accept: string = ACCEPT.v20230101) => get(suite.emu.baseUrl, path, { bearer: suite.bearer, accept }),
  } as EmulatorSuite;
  before(async () => {
    suite.emu = await startEmulator(options);
    suite.bearer = await token(suite.emu.baseUrl);
  });
  after(() => suite.emu.close());
  return suite;
}

/** A call to the control endpoint (/__emulator/<path>), with a JSON body (or raw text) when given. */
export async function controlCall(baseUrl: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const r = await fetch(`${baseUrl}/__emulator/${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: r.status, json: await r.json() };
}

/** The API path of a cluster's restore jobs of one family (and of one job), and the Accept to read it with. */
export function restoreJobsPath(family: RestoreFamily, groupId: string, clusterName: string, jobId?: string): { path: string; accept: string } {
  const rel = { legacy: 'clusters/%/restoreJobs', cloudBackup: 'clusters/%/backup/restoreJobs', serverless: 'serverless/%/backup/restoreJobs', flex: 'flexClusters/%/backup/restoreJobs' }[family];
  const path = `/api/atlas/v2/groups/${groupId}/${rel.replace('%', encodeURIComponent(clusterName))}${jobId ? `/${jobId}` : ''}`;
  return { path, accept: family === 'flex' ? ACCEPT.v20241113 : ACCEPT.v20230101 };
}

/**
 * One project with a deployment of each kind, for jobs of every family: a sharded cluster with a private
 * endpoint (`Sharded`), a replica set (`Rs`), a serverless instance (`Sl`) and a flex cluster (`Fx`).
 */
export function addDeploymentsOfEveryKind(emu: RunningEmulator): string {
  const org = emu.store.addOrganization('Org');
  const project = emu.store.addProject(org.id, 'proj');
  emu.store.addCluster(project.id, 'dedicated', 'Sharded', { clusterType: 'SHARDED', privateEndpoint: true });
  emu.store.addCluster(project.id, 'dedicated', 'Rs');
  emu.store.addCluster(project.id, 'serverless', 'Sl');
  emu.store.addCluster(project.id, 'flex', 'Fx');
  return project.id;
}
