import * as vscode from 'vscode';
import type { AnyRestoreJob } from '../atlas/types';
import { AtlasError } from '../atlas';
import { MissingSecretError, type AtlasClients } from '../connections/atlasClients';
import type { ConnectionStore } from '../connections/connectionStore';
import type { Settings } from '../config/settings';
import { errorMessage } from '../format/errorMessage';
import { jobFacts, type JobFacts } from '../jobs/facts';
import { getJobOfFamily, listJobsOfFamily } from '../jobs/families';
import { jobKey, type JobRef } from '../jobs/jobRef';
import { isSettled } from '../jobs/status';
import type { Log } from '../logging/log';
import { parseFollowed, serializeFollowed, type FollowedJob } from '../watch/followed';
import { WatchScheduler, type WatchClock, type WatchFetcher } from '../watch/scheduler';
import type { SettleNotifier } from './settleNotifier';

const STATE_KEY = 'atlasRestoreJobs.followedJobs';

export interface RestoreWatchDeps {
  clients: AtlasClients;
  store: ConnectionStore;
  log: Log;
  globalState: vscode.Memento;
  settings(): Settings;
  now(): Date;
  notifier: SettleNotifier;
  /** Tests drive the polling with their own clock. */
  clock?: WatchClock;
}

/** A fresh document of a followed job, for the rows and panels that show it. */
export interface JobUpdate {
  ref: JobRef;
  job: AnyRestoreJob;
  facts: JobFacts;
}

/**
 * Follows every unsettled job the view or a panel has shown (and those the user asks for) until it settles:
 * polls through the scheduler (which keeps to Atlas's limits), tells rows and panels about each new state,
 * keeps the list in globalState across reloads, and hands each ending to the notifier once.
 */
export class RestoreWatch implements vscode.Disposable {
  private scheduler: WatchScheduler;
  private readonly followed = new Map<string, FollowedJob>();
  private readonly latest = new Map<string, JobUpdate>();
  /** Documents already met, from lists and panels: telling a fresh fetch from a cached list re-shown. */
  private readonly met = new WeakSet<object>();
  /** Jobs the user stopped watching: not followed again automatically in this session. */
  private readonly stoppedByUser = new Set<string>();
  private readonly updated = new vscode.EventEmitter<JobUpdate>();
  private readonly changedList = new vscode.EventEmitter<void>();
  /** A job's new document (state or links changed). */
  readonly onDidUpdateJob = this.updated.event;
  /** The set of followed jobs changed. */
  readonly onDidChangeFollowed = this.changedList.event;

  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly deps: RestoreWatchDeps) {
    this.scheduler = this.createScheduler();
    this.subscriptions = [
      // Unfocused windows poll four times slower; coming back applies the normal pace at once.
      vscode.window.onDidChangeWindowState(() => this.scheduler.focusChanged()),
      // A removed connection's jobs cannot be polled any more.
      deps.store.onDidChange(() => {
        for (const [key, entry] of [...this.followed]) if (!deps.store.get(entry.ref.connectionId)) this.drop(key);
      }),
    ];
    this.resume();
  }

  /**
   * The document a row should show for `job` from a list: a document not met before was just fetched and is
   * the newest; one met before comes from a list loaded earlier, which a poll since may have overtaken.
   */
  current(ref: JobRef, job: AnyRestoreJob, facts?: JobFacts): AnyRestoreJob {
    if (!this.met.has(job)) {
      this.met.add(job);
      // A row has just read the document's facts: reading them again here doubled a list's cost.
      this.latest.set(jobKey(ref), { ref, job, facts: facts ?? jobFacts(job, this.deps.now()) });
      return job;
    }
    return this.latest.get(jobKey(ref))?.job ?? job;
  }

  /** Follows a job a row or a panel shows, if it is still running and following is on. */
  seen(ref: JobRef, job: AnyRestoreJob): void {
    const key = jobKey(ref);
    const shown = this.current(ref, job);
    const facts = this.latest.get(key)?.facts ?? jobFacts(shown, this.deps.now());
    if (!this.deps.settings().watchEnabled || this.stoppedByUser.has(key) || !facts.id) return;
    if (!isSettled(facts.status)) this.follow(ref);
  }

  /** Follows a job by hand (Watch Restore Job), whether or not it was followed before. */
  follow(ref: JobRef, job?: AnyRestoreJob): void {
    const key = jobKey(ref);
    this.stoppedByUser.delete(key);
    if (job) this.current(ref, job);
    if (this.followed.has(key)) return;
    const entry = { ref, since: this.deps.now().getTime() };
    this.followed.set(key, entry);
    this.scheduler.watch(ref, entry.since);
    if (!this.latest.has(key)) this.scheduler.pollSoon(ref);
    this.persist();
  }

  stop(ref: JobRef): void {
    const key = jobKey(ref);
    this.stoppedByUser.add(key);
    this.drop(key);
  }

  isFollowed(ref: JobRef): boolean {
    return this.followed.has(jobKey(ref));
  }

  /** The newest document this session has of a job, if any. */
  latestOf(ref: JobRef): JobUpdate | undefined {
    return this.latest.get(jobKey(ref));
  }

  /** What is followed now, oldest first, with the latest facts where known. */
  running(): { ref: JobRef; facts: JobFacts | undefined }[] {
    return [...this.followed.values()]
      .sort((a, b) => a.since - b.since)
      .map(({ ref }) => ({ ref, facts: this.latest.get(jobKey(ref))?.facts }));
  }

  /** After Sign In Again: the connection's jobs are polled again. */
  resumeConnection(connectionId: string): void {
    this.deps.notifier.signedIn(connectionId);
    this.scheduler.resumeConnection(connectionId);
  }

  /** Re-reads the settings: new intervals apply at once; turning following off stops it for every job. */
  restartPolling(): void {
    this.scheduler.dispose();
    this.scheduler = this.createScheduler();
    if (!this.deps.settings().watchEnabled) {
      this.followed.clear();
      this.persist();
      return;
    }
    for (const { ref, since } of this.followed.values()) this.scheduler.watch(ref, since);
  }

  /** As on activation: forget this session's state and resume what globalState holds. For tests of reloads. */
  reloadForTests(): void {
    this.scheduler.dispose();
    this.followed.clear();
    this.latest.clear();
    this.stoppedByUser.clear();
    this.scheduler = this.createScheduler();
    this.resume();
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.scheduler.dispose();
    this.updated.dispose();
    this.changedList.dispose();
  }

  private createScheduler(): WatchScheduler {
    const s = this.deps.settings();
    return new WatchScheduler(this.fetcher(), this.events(), {
      clock: this.deps.clock,
      isFocused: () => vscode.window.state.focused,
      firstIntervalMs: s.watchMinIntervalSeconds * 1000,
      maxIntervalMs: Math.max(s.watchMinIntervalSeconds, s.watchMaxIntervalSeconds) * 1000,
    });
  }

  private fetcher(): WatchFetcher {
    const { clients } = this.deps;
    const clientOf = async (ref: JobRef) => {
      try {
        return await clients.get(this.connectionOf(ref));
      } catch (error) {
        // A missing secret needs the user, like a 401: the scheduler pauses the connection and asks once.
        if (error instanceof MissingSecretError) throw new AtlasError({ kind: 'unauthorized', message: error.message });
        throw error;
      }
    };
    return {
      // No retries inside the client: the scheduler retries on its own schedule and counts every request it sends.
      getJob: async (ref, signal) =>
        getJobOfFamily(await clientOf(ref), ref.family, ref.groupId, ref.clusterName, ref.jobId, { signal, maxRetries: 0 }),
      listFirstPage: async (ref, itemsPerPage, signal) => {
        const page = await listJobsOfFamily(await clientOf(ref), ref.family, ref.groupId, ref.clusterName, {
          pageNum: 1,
          itemsPerPage,
          includeCount: false,
          signal,
          maxRetries: 0,
        });
        return page.results;
      },
    };
  }

  private connectionOf(ref: JobRef) {
    const connection = this.deps.store.get(ref.connectionId);
    if (!connection) throw new Error(vscode.l10n.t('The connection of this job was removed.'));
    return connection;
  }

  private events() {
    return {
      update: (ref: JobRef, job: AnyRestoreJob) => this.onPolled(ref, job),
      gone: (ref: JobRef, error: unknown) => {
        this.deps.log.info(`Watch: restore job ${ref.jobId} of ${ref.clusterName} is gone (${errorMessage(error)}); no longer followed`);
        this.drop(jobKey(ref));
      },
      unauthorized: (connectionId: string, error: unknown) => {
        this.deps.log.warn(`Watch: paused for connection ${connectionId}: ${errorMessage(error)}`);
        void this.deps.notifier.signInNeeded(connectionId, errorMessage(error));
      },
      retrying: (ref: JobRef, error: unknown, nextInMs: number) => {
        this.deps.log.info(`Watch: restore job ${ref.jobId} not checked (${errorMessage(error)}); next try in ${Math.round(nextInMs / 1000)} s`);
      },
    };
  }

  private onPolled(ref: JobRef, job: AnyRestoreJob): void {
    const key = jobKey(ref);
    if (!this.followed.has(key)) return;
    const facts = jobFacts(job, this.deps.now());
    const before = this.latest.get(key);
    const update = { ref, job, facts };
    this.met.add(job);
    this.latest.set(key, update);
    if (!before || JSON.stringify(before.job.job) !== JSON.stringify(job.job)) this.updated.fire(update);
    if (isSettled(facts.status)) {
      this.drop(key);
      this.deps.notifier.settled(ref, facts, this.running().map((r) => r.facts));
    }
  }

  private drop(key: string): void {
    const entry = this.followed.get(key);
    if (!entry) return;
    this.followed.delete(key);
    this.scheduler.unwatch(entry.ref);
    this.persist();
  }

  private resume(): void {
    if (!this.deps.settings().watchEnabled) return;
    for (const entry of parseFollowed(this.deps.globalState.get(STATE_KEY))) {
      this.followed.set(jobKey(entry.ref), entry);
      this.scheduler.watch(entry.ref, entry.since);
      this.scheduler.pollSoon(entry.ref);
    }
    this.changedList.fire();
  }

  private persist(): void {
    void this.deps.globalState.update(STATE_KEY, serializeFollowed(this.followed.values()));
    this.changedList.fire();
  }
}
