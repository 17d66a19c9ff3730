import type { AnyRestoreJob } from '../atlas/types';

/** Replaces `authValue`; the same length every time so the mask tells nothing about the value. */
export const AUTH_VALUE_MASK = '••••••••••••';

/** Every non-empty `authValue` in the document, wherever it sits. */
function authValues(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const v of value) authValues(v, found);
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'authValue' && typeof v === 'string' && v.length > 0) found.add(v);
      else authValues(v, found);
    }
  }
  return found;
}

function maskText(text: string, secrets: ReadonlySet<string>): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join(AUTH_VALUE_MASK);
  return out;
}

/**
 * A deep copy of the document with every `authValue` masked, for display, copy and the JSON editor.
 * The value is masked wherever it occurs, not only in its own field: the deprecated legacy `url`
 * can carry the same key in its query string.
 */
export function maskedDocument(job: AnyRestoreJob['job'], reveal = false): unknown {
  const secrets = reveal ? new Set<string>() : authValues(job);
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') return secrets.size ? maskText(value, secrets) : value;
    if (Array.isArray(value)) return value.map(walk);
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
    }
    return value;
  };
  return walk(job);
}

/** `text` with every `authValue` of the document masked: for a value shown outside the JSON. */
export function maskAuthValues(text: string, job: AnyRestoreJob['job']): string {
  return maskText(text, authValues(job));
}

/** The document pretty-printed, `authValue` masked unless revealed; `null` for no document at all. */
export function jobJson(job: AnyRestoreJob['job'], reveal = false): string {
  return JSON.stringify(maskedDocument(job, reveal), null, 2) ?? 'null';
}

/** Whether copying or showing the document unrevealed hides something. */
export function hasAuthValue(job: AnyRestoreJob): boolean {
  return authValues(job.job).size > 0;
}
