import type { HashTable, PageError, PageStrings, PageView } from '../../panel/protocol';

/** What the page last heard from the extension; the page draws itself from this alone. */
export interface PageModel {
  strings?: PageStrings;
  view?: PageView;
  /** The job's file hashes, which come apart from the view (and only when they change). */
  hashes?: HashTable;
  /** The job document; `revealed` when it holds the auth value. */
  document?: { json: string; revealed: boolean };
  loading: boolean;
  error?: PageError;
  /** A `render` came since the page was last drawn: the next drawing is of a new view. */
  freshView: boolean;
  /** The `seq` of the last `init`: which of the panel's states this page has. */
  seq?: number;
  /** A preview panel: the next job opened from the tree takes it, unless the user keeps it open. */
  preview: boolean;
}

export const model: PageModel = { loading: false, freshView: false, preview: false };
