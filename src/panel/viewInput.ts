import type { AnyRestoreJob } from '../atlas/types';
import type { TimeZoneMode } from '../format/time';
import type { JobRef } from '../jobs/jobRef';

export interface ViewFormat {
  /** A date and time for people, e.g. "Mar 3, 2026, 10:15 AM". */
  dateTime(date: Date): string;
}

/** What the view model is built from. The extension passes its clock and date format in, so tests can pin both. */
export interface ViewInput {
  ref: JobRef;
  job: AnyRestoreJob;
  now: Date;
  /** When the document was fetched from Atlas. */
  fetchedAt: Date;
  format: ViewFormat;
  /** The `timeZone` setting, for the tab title (as the tree shows times); 'local' when not given. */
  timeZone?: TimeZoneMode;
  /** The user chose to see the legacy `authValue`. */
  revealAuthValue?: boolean;
  canOpenInAtlas?: boolean;
}
