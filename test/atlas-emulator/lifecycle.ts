/**
 * Restore jobs that run and settle over time, on the emulator's clock (clock.ts: it ticks with real
 * time from the moment it was set, and tests move it with `emulator.advance(ms)`).
 *
 * A job on a schedule runs from `startedAt` until `settlesAt`, then becomes its `outcome` (finished or
 * failed) with the times of `settlesAt` — the clock's time when it settles — whenever it is next read.
 * Nothing runs in the background: every read of restore jobs (the API, downloads, the store's
 * methods) first settles what is due, so moving the clock is all a test needs. job-states.ts says
 * what each family's document looks like in each state.
 *
 * Which jobs fail is deterministic: `outcomeFor(seed, jobId, failShare)`.
 */
import { isoSeconds, type JobContext, type JobOf, type RestoreFamily } from './job-factory';
import { type FlexRunPhase, JOB_STATES, jobInState, type JobState } from './job-states';
import { hashString } from './prng';

export type Outcome = 'finished' | 'failed';

export interface RunningJobsOptions {
  /** Restore jobs added while this is on run this many seconds, then settle. */
  runSeconds: number;
  /** The share (0–1) of them that fail instead of finishing; which ones: `outcomeFor`. Default 0. */
  failShare?: number;
  /** Also (re)start the dataset's chosen moving jobs (the demo's, one per family) from now. Default true. */
  demoJobs?: boolean;
}

/** One of a dataset's moving jobs, by its place in its cluster's list (newest first). */
export interface ChosenJob {
  groupId: string;
  clusterName: string;
  family: RestoreFamily;
  index: number;
  /** When it settles, as a share of `runSeconds` (rounded to whole seconds). */
  at: number;
  outcome: Outcome;
  /** Chosen only while the emulator's today is before this day ('YYYY-MM-DD'). */
  until?: string;
}

/** A job the lifecycle has moved or put on a schedule (times are the emulator clock's, ISO 8601). */
export interface MovingJob {
  jobId: string;
  family: RestoreFamily;
  groupId: string;
  clusterName: string;
  /** Its state now. */
  state: JobState;
  /** On a schedule: when its run started, when it settles (or settled) and as what. */
  startedAt?: string;
  settlesAt?: string;
  outcome?: Outcome;
  /** One of the dataset's chosen moving jobs (the demo's). */
  chosen?: boolean;
}

/** Fails when a hash of (seed, job id) falls in the first `failShare` of its range: the same for the same seed. */
export function outcomeFor(seed: number, jobId: string, failShare: number): Outcome {
  return hashString(`${seed >>> 0}:outcome:${jobId}`) / 2 ** 32 < failShare ? 'failed' : 'finished';
}

/** Throws unless `o` is a valid RunningJobsOptions. */
export function checkRunningJobsOptions(o: RunningJobsOptions): void {
  if (!(typeof o.runSeconds === 'number' && Number.isFinite(o.runSeconds) && o.runSeconds > 0)) throw new Error('runSeconds must be a number > 0');
  if (o.failShare !== undefined && !(typeof o.failShare === 'number' && o.failShare >= 0 && o.failShare <= 1)) throw new Error('failShare must be between 0 and 1');
  if (o.demoJobs !== undefined && typeof o.demoJobs !== 'boolean') throw new Error('demoJobs must be true or false');
}

export function checkJobState(state: unknown): JobState {
  if (!JOB_STATES.includes(state as JobState)) throw new Error(`state must be one of ${JOB_STATES.join(', ')}`);
  return state as JobState;
}

/** Where the lifecycle finds a job and puts its new document (the store). */
export interface JobSlot extends JobWhere {
  job: JobOf[RestoreFamily];
  /** The job's cluster context, with an rng of its own for `label`. */
  context(label: string): JobContext;
  /** Serves `job` from now on, and drops the download files of the document it replaces. */
  replace(job: JobOf[RestoreFamily]): void;
}

export interface LifecycleHost {
  seed: number;
  now(): number;
  find(jobId: string): JobSlot | undefined;
}

/** Which job, and where it lives. */
export interface JobWhere {
  jobId: string;
  family: RestoreFamily;
  groupId: string;
  clusterName: string;
}

interface Track extends JobWhere {
  state: JobState;
  startedAt?: number;
  /** A scheduled flex job is QUEUED until then, RUNNING after. */
  queuedUntil?: number;
  settlesAt?: number;
  outcome?: Outcome;
  chosen?: boolean;
}

export class JobLifecycle {
  private current: RunningJobsOptions | undefined;
  private readonly tracks = new Map<string, Track>();
  /** How many times each job's document was changed: the new document's rng is forked by it. */
  private readonly changes = new Map<string, number>();

  constructor(private readonly host: LifecycleHost) {}

  options(): RunningJobsOptions | undefined {
    return this.current ? { ...this.current } : undefined;
  }

  setOptions(o: RunningJobsOptions | undefined): void {
    if (o) checkRunningJobsOptions(o);
    this.current = o ? { ...o } : undefined;
  }

  /** What a job added now would become: by the options' fail share. */
  outcome(jobId: string): Outcome {
    return outcomeFor(this.host.seed, jobId, this.current?.failShare ?? 0);
  }

  /** Runs a job from now for `runMs` (a flex job QUEUED for the first fifth), then makes it `outcome`. */
  schedule(jobId: string, runMs: number, outcome: Outcome, chosen = false): MovingJob {
    const slot = this.slot(jobId);
    const now = this.host.now();
    this.apply(slot, 'running', now, slot.family === 'flex' && runMs > 0 ? 'QUEUED' : 'RUNNING');
    const track = this.track(slot, 'running', now, { runMs, outcome, chosen });
    if (runMs <= 0) this.tick(now);
    return this.describe(track);
  }

  /** Puts a job built running just now (a new one) on a schedule as it is: `schedule` without rewriting it. */
  scheduleNew(where: JobWhere, runMs: number, outcome: Outcome): void {
    this.track(where, 'running', this.host.now(), { runMs, outcome });
  }

  /** Moves a job to `state` now; 'running' holds it there (flex: RUNNING) until it is moved or scheduled again. */
  move(jobId: string, state: JobState): MovingJob {
    const slot = this.slot(jobId);
    const now = this.host.now();
    this.apply(slot, state, now, 'RUNNING'); // throws for a state the family has not, before anything changes
    return this.describe(this.track(slot, state, now));
  }

  /** Settles every job whose time has come (and moves queued flex jobs on to RUNNING). */
  tick(now: number = this.host.now()): void {
    for (const t of this.tracks.values()) {
      if (t.state !== 'running' || t.settlesAt === undefined) continue;
      if (now >= t.settlesAt) {
        t.state = t.outcome ?? 'finished';
        this.apply(this.slot(t.jobId), t.state, t.settlesAt, 'RUNNING');
      } else if (t.queuedUntil !== undefined && now >= t.queuedUntil) {
        delete t.queuedUntil;
        this.apply(this.slot(t.jobId), 'running', now, 'RUNNING');
      }
    }
  }

  /** Every job moved or scheduled so far, in the order they were first touched. */
  list(): MovingJob[] {
    this.tick();
    return [...this.tracks.values()].map((t) => this.describe(t));
  }

  /** A new track for a job (replacing its old one), on a schedule from `now` when `run` is given. */
  private track(where: JobWhere, state: JobState, now: number, run?: { runMs: number; outcome: Outcome; chosen?: boolean }): Track {
    const { jobId, family, groupId, clusterName } = where;
    const track: Track = { jobId, family, groupId, clusterName, state };
    if (run) {
      Object.assign(track, { startedAt: now, settlesAt: now + run.runMs, outcome: run.outcome });
      if (run.chosen) track.chosen = true;
      if (family === 'flex' && run.runMs > 0) track.queuedUntil = now + run.runMs / 5;
    }
    this.tracks.set(jobId, track);
    return track;
  }

  private slot(jobId: string): JobSlot {
    const slot = this.host.find(jobId);
    if (!slot) throw new Error(`No restore job ${jobId} (read its cluster's restore jobs first)`);
    return slot;
  }

  /** Serves the job's document in `state` from now on. */
  private apply(slot: JobSlot, state: JobState, at: number, phase: FlexRunPhase): void {
    const n = this.changes.get(slot.jobId) ?? 0;
    const next = jobInState(slot.family, slot.context(`state:${slot.jobId}:${n}`), slot.job, state, at, phase);
    this.changes.set(slot.jobId, n + 1);
    slot.replace(next);
  }

  private describe(t: Track): MovingJob {
    const out: MovingJob = { jobId: t.jobId, family: t.family, groupId: t.groupId, clusterName: t.clusterName, state: t.state };
    if (t.startedAt !== undefined) out.startedAt = isoSeconds(t.startedAt);
    if (t.settlesAt !== undefined) out.settlesAt = isoSeconds(t.settlesAt);
    if (t.outcome !== undefined) out.outcome = t.outcome;
    if (t.chosen) out.chosen = true;
    return out;
  }
}

const FAMILY_WORDS: Record<RestoreFamily, string> = { legacy: 'legacy backup', cloudBackup: 'cloud backup', serverless: 'serverless', flex: 'flex' };

/**
 * One line per scheduled job for people: where it is, and when it settles as what, counted from `now`
 * ("finishes in 20 s", "fails in 50 s", "finished 3 s ago"). The CLI and `npm run demo` print these.
 */
export function movingJobLines(jobs: readonly MovingJob[], now: number, projectName: (groupId: string) => string): string[] {
  const rows = jobs
    .filter((j) => j.settlesAt !== undefined)
    .map((j) => {
      // settlesAt is in whole seconds, cut down: the time left rounds up, the time since down.
      const ms = Date.parse(j.settlesAt!) - now;
      const verb = j.outcome === 'failed' ? 'fails' : 'finishes';
      const when = j.state === 'running' ? `${verb} in ${Math.max(0, Math.ceil(ms / 1000))} s` : `${j.state} ${Math.max(0, Math.floor(-ms / 1000))} s ago`;
      return { where: `${projectName(j.groupId)} → ${j.clusterName} · ${FAMILY_WORDS[j.family]}`, what: `job ${j.jobId}: ${when} (${j.settlesAt})` };
    });
  const width = Math.max(0, ...rows.map((r) => r.where.length));
  return rows.map((r) => `${r.where.padEnd(width)}  ${r.what}`);
}
