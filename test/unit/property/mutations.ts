/**
 * Ways a document can break what the spec promises: each field dropped, `null`, of the wrong type,
 * an enum value nobody knows (some of them names of Object's own properties), or 20,000 characters long.
 * And link fields filled with what may stand there: working links, loopback ones, and `javascript:`,
 * relative, plain-http or malformed values. All seeded, so a failure names its case and reproduces.
 */
import { randInt, type Rng } from '../../atlas-emulator/prng';

export type Path = readonly (string | number)[];
export type Mutation = 'drop' | 'null' | 'wrongType' | 'unknownEnum' | 'huge';
export const MUTATIONS: readonly Mutation[] = ['drop', 'null', 'wrongType', 'unknownEnum', 'huge'];

type Json = unknown;

function pick<T>(rng: Rng, list: readonly T[]): T {
  return list[randInt(rng, 0, list.length - 1)]!;
}

/** Every path of a document down to `maxDepth`: each key of an object, the first and last element of an array. */
export function pathsOf(doc: Json, maxDepth: number, prefix: Path = []): Path[] {
  if (prefix.length >= maxDepth) return [];
  const children: (string | number)[] = Array.isArray(doc)
    ? [...new Set([0, doc.length - 1])].filter((i) => i >= 0)
    : typeof doc === 'object' && doc !== null
      ? Object.keys(doc)
      : [];
  return children.flatMap((key) => {
    const path = [...prefix, key];
    return [path, ...pathsOf((doc as Record<string | number, Json>)[key], maxDepth, path)];
  });
}

export function describePath(path: Path): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('') || '(document)';
}

const UNKNOWN_VALUES = ['NOT_IN_THE_SPEC', 'restoring', '__proto__', 'constructor', 'toString', 'hasOwnProperty', ' ', 'Ω̈💥', '‮gnp.exe'];

function hugeString(rng: Rng): string {
  const n = 20_000;
  return pick(rng, [
    () => 'x'.repeat(n),
    () => `https://restore.example/${'a'.repeat(n)}.tar.gz`,
    () => '-1234567'.repeat(n / 8),
    () => '9'.repeat(n),
    () => `line\n‮${'é💥'.repeat(n / 3)}`,
    () => `${'%E0%A4%A'.repeat(n / 8)}`,
  ])();
}

function wrongType(value: Json, rng: Rng): Json {
  if (typeof value === 'string') return pick<Json>(rng, [42, true, {}, ['x'], -1.5e308]);
  if (typeof value === 'number') return pick<Json>(rng, ['12', false, {}, []]);
  if (typeof value === 'boolean') return pick<Json>(rng, ['true', 1, [], {}]);
  if (Array.isArray(value)) return pick<Json>(rng, [{}, 'text', 3, { 0: 'x', length: 1 }]);
  if (typeof value === 'object' && value !== null) return pick<Json>(rng, ['text', 7, [], [{}], true]);
  return pick<Json>(rng, ['x', 0, {}]);
}

function replacement(mutation: Exclude<Mutation, 'drop'>, value: Json, rng: Rng): Json {
  switch (mutation) {
    case 'null':
      return null;
    case 'wrongType':
      return wrongType(value, rng);
    case 'unknownEnum':
      return pick(rng, UNKNOWN_VALUES);
    case 'huge':
      return hugeString(rng);
  }
}

/** A copy of `doc` with `mutation` applied at `path` (the document itself for an empty path). */
export function mutate(doc: Json, path: Path, mutation: Mutation, rng: Rng): Json {
  if (path.length === 0) return mutation === 'drop' ? undefined : replacement(mutation, doc, rng);
  const copy = structuredClone(doc) as Record<string | number, Json>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, Json>;
  const key = path.at(-1)!;
  if (mutation === 'drop') {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key];
  } else {
    parent[key] = replacement(mutation, parent[key], rng);
  }
  return copy;
}

/** Several random mutations at once, so fields break together as well as one by one. */
export function mutateMany(doc: Json, rng: Rng, count: number): { doc: Json; applied: string[] } {
  let current = doc;
  const applied: string[] = [];
  for (let i = 0; i < count; i++) {
    const paths = pathsOf(current, 4);
    if (paths.length === 0) break;
    const path = pick(rng, paths);
    const mutation = pick(rng, MUTATIONS);
    current = mutate(current, path, mutation, rng);
    applied.push(`${mutation} ${describePath(path)}`);
  }
  return { doc: current, applied };
}

const LINK_KEYS = new Set(['url', 'urlV2', 'deliveryUrl', 'downloadUrl', 'snapshotUrl']);

const NOT_LINKS = ['javascript:alert(1)', '/relative/restore.tar.gz', 'http://evil.example/x.tar.gz', 'https://h/a b.tar.gz', 'not a url', 'https://', 'ftp://h/x.tgz'];

/**
 * The document with its link fields set from a small pool (so the same URL recurs, as Atlas repeats
 * a sharded restore's URLs under `components`): mostly working links named like Atlas names restore
 * files, one on loopback, and sometimes one that is no link. Legacy jobs also get a usable auth header
 * and the cluster name the files carry; and half the cloud jobs are downloads that neither failed nor
 * were cancelled, so that links of running, ready and finished jobs all occur.
 */
export function withLinks(doc: Json, rng: Rng): Json {
  const stamp = 1_700_000_000 + randInt(rng, 0, 10_000_000);
  const pool = [
    `https://restore.s3.amazonaws.com/job/Cluster0-shard-0-${stamp}.tar.gz?X-Amz-Signature=a&X-Amz-Expires=3600`,
    `https://restore.s3.amazonaws.com/job/Cluster0-shard-1-${stamp}.tar.gz?X-Amz-Signature=b`,
    `https://restore.s3.amazonaws.com/job/Cluster0-config-${stamp}.tar.gz?X-Amz-Signature=c`,
    `http://127.0.0.1:8080/__emulator/download/Cluster0-shard-2-${stamp}.tgz`,
    rng() < 0.5 ? pick(rng, NOT_LINKS) : `https://[::1]/x.zip`,
  ];
  const walk = (value: Json): Json => {
    if (Array.isArray(value)) return value.map(walk);
    if (typeof value !== 'object' || value === null) return value;
    const out: Record<string, Json> = {};
    for (const [k, v] of Object.entries(value)) {
      if (LINK_KEYS.has(k) && typeof v === 'string') out[k] = pick(rng, pool);
      else if (LINK_KEYS.has(k) && Array.isArray(v)) out[k] = v.map(() => pick(rng, pool));
      else if (k === 'authHeader' && typeof v === 'string') out[k] = 'X-Restore-Auth';
      else if (k === 'clusterName' && typeof v === 'string') out[k] = 'Cluster0';
      else out[k] = walk(v);
    }
    return out;
  };
  const out = walk(doc) as Record<string, Json>;
  if (typeof out.deliveryType === 'string' && rng() < 0.5) {
    Object.assign(out, { deliveryType: 'download', cancelled: false, failed: false, expired: false });
    if (rng() < 0.5) delete out.finishedAt;
  }
  return out;
}
