import type { JobDetailsView, PageError, PageStrings } from '../../panel/protocol';

/** What the page last heard from the extension; the page draws itself from this alone. */
export interface PageModel {
  strings?: PageStrings;
  view?: JobDetailsView;
  loading: boolean;
  error?: PageError;
}

export const model: PageModel = { loading: false };
