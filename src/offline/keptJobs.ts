import { isAtlasError } from '../atlas';
import type { AnyRestoreJob } from '../atlas/types';
import { formatDateTime, type TimeZoneMode } from '../format/time';
import type { JobFacts } from '../jobs/facts';
import type { JobStatus } from '../jobs/status';

/** What the rows and panels need to know of a job document that came from the copy, not from Atlas. */
export interface KeptJobInfo {
  /** When the list it was in was recorded. */
  asOf: Date;
  /** Its status then (see KeptJob): the stripped document may no longer tell it. */
  status: JobStatus;
}

/**
 * The documents the copy has handed out, by identity: a row or a panel given one asks here, instead of every
 * caller passing a flag along. Weak, so a document nobody shows any more is not held.
 */
const kept = new WeakMap<object, KeptJobInfo>();

export function markKept(job: AnyRestoreJob['job'], info: KeptJobInfo): void {
  if (typeof job === 'object' && job !== null) kept.set(job, info);
}

/** Set when `job` (the document, `AnyRestoreJob.job`) is from the offline copy. */
export function keptJob(job: AnyRestoreJob['job'] | undefined): KeptJobInfo | undefined {
  return typeof job === 'object' && job !== null ? kept.get(job) : undefined;
}

/**
 * The status to show for a kept job: the one it had, except that a link that was ready has expired since
 * if its expiry (kept: a date is no secret) has passed.
 */
export function keptStatus(info: KeptJobInfo, expired: boolean): JobStatus {
  return info.status === 'ready' && expired ? 'expired' : info.status;
}

/**
 * A job's facts as a row shows them: for a kept job, the status it had (keptStatus), since stripped of its links
 * a ready cloud backup job would read as merely finished. Others as they are.
 */
export function keptFacts(job: AnyRestoreJob, facts: JobFacts): JobFacts {
  const info = keptJob(job.job);
  return info ? { ...facts, status: keptStatus(info, facts.delivery.expired) } : facts;
}

// Certificate failures are network errors too, but they say something answered that should not be trusted,
// not that nothing answered: the copy is no stand-in for that.
const CERTIFICATE = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_OSSL/i;

/**
 * Whether a failure means Atlas could not be reached at all (network down, DNS, refused, reset, timeout, a
 * proxy that cannot be reached). A certificate refused, or a proxy that answered with a refusal, is a setting
 * to fix, not an absence to bridge: those fail as they would without a copy.
 */
export function isUnreachable(error: unknown): boolean {
  if (!isAtlasError(error)) return false;
  if (error.kind === 'timeout') return true;
  if (error.kind !== 'network' || (error.code !== undefined && CERTIFICATE.test(error.code))) return false;
  // Read by name: the client may or may not tell a certificate's or a proxy's part in a network error.
  const problem = (error as { networkProblem?: unknown }).networkProblem;
  return problem === undefined || problem === 'proxyUnreachable';
}

/** "10:42" on the day itself, the date too on another day, in the `timeZone` setting's zone. */
export function asOfText(asOf: Date, now: Date, zone: TimeZoneMode): string {
  const at = formatDateTime(asOf, zone);
  const today = formatDateTime(now, zone);
  if (at.slice(0, 10) !== today.slice(0, 10)) return at;
  return zone === 'utc' ? `${at.slice(11, 16)} UTC` : at.slice(11, 16);
}
