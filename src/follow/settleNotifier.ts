import * as vscode from 'vscode';
import type { Settings } from '../config/settings';
import type { JobFacts } from '../jobs/facts';
import type { JobRef } from '../jobs/jobRef';
import { batchSettleText, outcomeOf, settleText, type Outcome } from '../watch/settleText';

/** What a settle notification can lead to; the commands that do it are the extension's own. */
export interface SettleActions {
  copyDeliveryUrl(ref: JobRef): Promise<unknown>;
  openDetails(ref: JobRef): Promise<unknown>;
  openInAtlas(ref: JobRef): Promise<unknown>;
  signInAgain(connectionId: string): Promise<unknown>;
}

/** One notification as shown, kept (the last few) so that tests can see what a user saw. */
export interface ShownNotification {
  severity: 'info' | 'warning' | 'error';
  message: string;
  actions: string[];
}

type Present = (n: ShownNotification) => Thenable<string | undefined>;

const realPresent: Present = ({ severity, message, actions }) =>
  severity === 'error'
    ? vscode.window.showErrorMessage(message, ...actions)
    : severity === 'warning'
      ? vscode.window.showWarningMessage(message, ...actions)
      : vscode.window.showInformationMessage(message, ...actions);

interface Ended {
  ref: JobRef;
  facts: JobFacts;
}

/**
 * Says once how each followed job ended, with the next step as its actions. The jobs of one sharded
 * restore (a legacy batch) are one notification, sent when the last of them that is followed ends; a
 * connection that needs signing in again is one notification, however many of its jobs are followed.
 */
export class SettleNotifier {
  readonly shown: ShownNotification[] = [];
  private present: Present = realPresent;
  private readonly batches = new Map<string, Ended[]>();
  private readonly askedToSignIn = new Set<string>();

  constructor(
    private readonly settings: () => Settings,
    private readonly actions: SettleActions,
  ) {}

  /** `stillRunning`: the facts of the jobs still followed, to hold a batch's notification until its last job. */
  settled(ref: JobRef, facts: JobFacts, stillRunning: readonly (JobFacts | undefined)[]): void {
    if (facts.family === 'legacy' && facts.batchId) {
      const key = `${ref.connectionId}/${ref.groupId}/${ref.clusterName}/${facts.batchId}`;
      const ended = [...(this.batches.get(key) ?? []), { ref, facts }];
      if (stillRunning.some((f) => f?.batchId === facts.batchId)) {
        this.batches.set(key, ended);
        return;
      }
      this.batches.delete(key);
      if (ended.length > 1) return void this.announceBatch(ended);
    }
    void this.announce(ref, facts);
  }

  /** Once per connection until it signs in again (see signedIn). */
  async signInNeeded(connectionId: string, message: string): Promise<void> {
    if (this.askedToSignIn.has(connectionId)) return;
    this.askedToSignIn.add(connectionId);
    const signIn = vscode.l10n.t('Sign In Again…');
    const choice = await this.show({
      severity: 'warning',
      message: vscode.l10n.t('Following restore jobs is paused for this connection: {0}', message),
      actions: [signIn],
    });
    if (choice === signIn) await this.actions.signInAgain(connectionId);
  }

  signedIn(connectionId: string): void {
    this.askedToSignIn.delete(connectionId);
  }

  /** The test seam: answers notifications instead of showing them; undefined restores the real ones. */
  setPresentForTests(present: Present | undefined): void {
    this.present = present ?? realPresent;
  }

  private wanted(outcome: Outcome): boolean {
    const notify = this.settings().watchNotify;
    return notify === 'all' || (notify === 'failures' && outcome !== 'success');
  }

  private async announce(ref: JobRef, facts: JobFacts): Promise<void> {
    const outcome = outcomeOf(facts.status);
    if (!this.wanted(outcome)) return;
    const copy = vscode.l10n.t('Copy Delivery URL');
    const details = vscode.l10n.t('Open Details');
    const atlas = vscode.l10n.t('Open in Atlas');
    const hasLink = facts.delivery.links.length > 0;
    const actions = outcome === 'success' ? [...(hasLink ? [copy] : []), details] : [details, atlas];
    const choice = await this.show({
      severity: outcome === 'failure' ? 'error' : outcome === 'success' ? 'info' : 'warning',
      message: settleText(ref, facts, this.settings().timeZone),
      actions,
    });
    if (choice === copy) await this.actions.copyDeliveryUrl(ref);
    else if (choice === details) await this.actions.openDetails(ref);
    else if (choice === atlas) await this.actions.openInAtlas(ref);
  }

  private async announceBatch(ended: Ended[]): Promise<void> {
    const allWell = ended.every((e) => outcomeOf(e.facts.status) === 'success');
    if (!this.wanted(allWell ? 'success' : 'failure')) return;
    const details = vscode.l10n.t('Open Details');
    const atlas = vscode.l10n.t('Open in Atlas');
    const first = ended[0].ref;
    const choice = await this.show({
      severity: allWell ? 'info' : 'error',
      message: batchSettleText(first, ended.map((e) => e.facts), this.settings().timeZone),
      actions: allWell ? [details] : [details, atlas],
    });
    // The details of the job that needs looking at: the first that failed, else the first.
    const target = ended.find((e) => outcomeOf(e.facts.status) !== 'success')?.ref ?? first;
    if (choice === details) await this.actions.openDetails(target);
    else if (choice === atlas) await this.actions.openInAtlas(target);
  }

  private show(n: ShownNotification): Thenable<string | undefined> {
    this.shown.push(n);
    if (this.shown.length > 50) this.shown.shift();
    return this.present(n);
  }
}
