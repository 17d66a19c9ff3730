/**
 * Broken documents on demand: a patch changes one restore job or one cluster as the API serves it —
 * fields removed (`unset`) or replaced (`set`, any JSON value, of any type), by dotted path
 * (`delivery.urlV2`, `hashes.0.fileName`, `providerSettings`). It models Atlas sending something the
 * spec does not promise, so a patched document is exempt from the conformance checks on purpose.
 * The generated document stays as it was (`store.restoreJobs()`); only what is served changes.
 */
import type { ClusterKind } from './store';

/** A restore job by its id, or a cluster by project, kind and name. */
export type PatchTarget = { jobId: string } | { groupId: string; clusterName: string; kind: ClusterKind };

export interface DocumentPatch {
  /** Dotted paths to remove; a numeric segment is an array index (the element is taken out). */
  unset?: string[];
  /** Dotted path → the value to put there (intermediate objects are created as needed). */
  set?: Record<string, unknown>;
}

const FORBIDDEN_SEGMENTS = new Set(['__proto__', 'prototype', 'constructor']);

function segments(path: string): string[] {
  const parts = path.split('.');
  if (path === '' || parts.some((p) => p === '' || FORBIDDEN_SEGMENTS.has(p))) throw new Error(`Invalid document path '${path}'`);
  return parts;
}

/** Throws on a patch that could not be applied to any document (bad paths, values that are not JSON). */
export function checkPatch(patch: DocumentPatch): void {
  if (patch.unset !== undefined && !(Array.isArray(patch.unset) && patch.unset.every((p) => typeof p === 'string'))) {
    throw new Error('unset must be a list of dotted paths');
  }
  if (patch.set !== undefined && (typeof patch.set !== 'object' || patch.set === null || Array.isArray(patch.set))) {
    throw new Error('set must be an object of dotted path → value');
  }
  for (const p of [...(patch.unset ?? []), ...Object.keys(patch.set ?? {})]) segments(p);
  JSON.stringify(patch.set ?? {});
  if (!patch.unset?.length && Object.keys(patch.set ?? {}).length === 0) throw new Error('A patch needs unset or set');
}

type Container = Record<string, unknown> | unknown[];

const isContainer = (v: unknown): v is Container => typeof v === 'object' && v !== null;

function unsetPath(doc: Container, parts: string[]): void {
  let node: unknown = doc;
  for (const part of parts.slice(0, -1)) {
    if (!isContainer(node)) return;
    node = (node as Record<string, unknown>)[part];
  }
  const last = parts.at(-1)!;
  if (Array.isArray(node)) {
    const i = Number(last);
    if (Number.isInteger(i) && i >= 0 && i < node.length) node.splice(i, 1);
  } else if (isContainer(node)) {
    delete (node as Record<string, unknown>)[last];
  }
}

function setPath(doc: Container, parts: string[], value: unknown): void {
  let node: Container = doc;
  for (const part of parts.slice(0, -1)) {
    const next = (node as Record<string, unknown>)[part];
    if (isContainer(next)) {
      node = next;
    } else {
      const created: Record<string, unknown> = {};
      (node as Record<string, unknown>)[part] = created;
      node = created;
    }
  }
  (node as Record<string, unknown>)[parts.at(-1)!] = structuredClone(value);
}

/** A deep copy of `doc` with the patches applied in order (the original is left alone). */
export function applyPatches<T>(doc: T, patches: readonly DocumentPatch[]): T {
  const copy = structuredClone(doc) as unknown as Container;
  for (const patch of patches) {
    for (const path of patch.unset ?? []) unsetPath(copy, segments(path));
    for (const [path, value] of Object.entries(patch.set ?? {})) setPath(copy, segments(path), value);
  }
  return copy as unknown as T;
}

export function patchKey(target: PatchTarget): string {
  return 'jobId' in target ? `job:${target.jobId}` : `cluster:${target.groupId}:${target.kind}:${target.clusterName}`;
}

/** Reads a PatchTarget from untrusted JSON (the control route), or throws saying what is expected. */
export function parsePatchTarget(value: unknown): PatchTarget {
  const t = (value ?? {}) as Record<string, unknown>;
  if (typeof t.jobId === 'string') return { jobId: t.jobId };
  if (typeof t.groupId === 'string' && typeof t.clusterName === 'string' && (t.kind === 'dedicated' || t.kind === 'serverless' || t.kind === 'flex')) {
    return { groupId: t.groupId, clusterName: t.clusterName, kind: t.kind };
  }
  throw new Error('target must be {"jobId"} or {"groupId", "clusterName", "kind": "dedicated" | "serverless" | "flex"}');
}
