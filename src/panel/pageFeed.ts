/**
 * What the panel posts to its page, and when. A `render` carries the view without the hash table and the
 * JSON; those follow in messages of their own only when the page has not got them (a refresh that brings
 * the same hashes sends none), so a re-render of a 50,000-hash job posts a few kilobytes instead of
 * megabytes. The JSON, the slow part for a big document, is made after the view has gone out, so the page
 * paints first. Pure (no `vscode`): the panel passes its `post`.
 */
import type { AnyRestoreJob } from '../atlas/types';
import { jobFacts } from '../jobs/facts';
import { jobJson } from '../jobs/masking';
import { hashTable } from './hashesView';
import { buildPageView } from './jobDetailsView';
import type { HashTable, PageView, ToWebview } from './protocol';
import type { ViewInput } from './viewInput';

/** Runs `task` once the messages posted so far are on their way; returns a cancel. */
export type Later = (task: () => void) => () => void;

// setImmediate, not setTimeout: the host flushes its posted messages in an immediate or an earlier timer,
// so the JSON is made only after the view has left.
const afterPosting: Later = (task) => {
  const handle = setImmediate(task);
  return () => clearImmediate(handle);
};

function sameTable(a: HashTable, b: HashTable): boolean {
  const same = (x: string[], y: string[]) => x.length === y.length && x.every((v, i) => v === y[i]);
  return same(a.hashes, b.hashes) && same(a.fileNames, b.fileNames) && same(a.typeNames, b.typeNames);
}

export class PageFeed {
  /** The job whose hash table the page has, and that table. */
  private hashesOf: AnyRestoreJob | undefined;
  private table: HashTable | undefined;
  /** The job and reveal state whose JSON the page has or is about to get, and the JSON it has. */
  private documentOf: { job: AnyRestoreJob; revealed: boolean } | undefined;
  private json: { text: string; revealed: boolean } | undefined;
  private cancelDocument: (() => void) | undefined;

  constructor(
    private readonly post: (message: ToWebview) => void,
    private readonly later: Later = afterPosting,
  ) {}

  /** A new page (first load, or reloaded after being hidden): it has nothing yet. */
  reset(): void {
    this.hashesOf = undefined;
    this.table = undefined;
    this.documentOf = undefined;
    this.json = undefined;
    this.cancelDocument?.();
    this.cancelDocument = undefined;
  }

  /** Posts the view, then whatever of the hash table and the JSON the page lacks. Returns the view. */
  send(input: ViewInput): PageView {
    const facts = jobFacts(input.job, input.now);
    const view = buildPageView(input, facts);
    this.post({ type: 'render', view });
    if (this.hashesOf !== input.job) {
      this.hashesOf = input.job;
      const table = hashTable(facts);
      if (!this.table || !sameTable(this.table, table)) {
        this.table = table;
        this.post({ type: 'hashes', table });
      }
    }
    const revealed = input.revealAuthValue === true;
    if (this.documentOf?.job !== input.job || this.documentOf.revealed !== revealed) {
      const job = input.job;
      this.documentOf = { job, revealed };
      this.cancelDocument?.();
      this.cancelDocument = this.later(() => {
        this.cancelDocument = undefined;
        const text = jobJson(job.job, revealed);
        if (this.json?.text === text && this.json.revealed === revealed) return;
        this.json = { text, revealed };
        this.post({ type: 'document', json: text, revealed });
      });
    }
    return view;
  }

  dispose(): void {
    this.reset();
  }
}
