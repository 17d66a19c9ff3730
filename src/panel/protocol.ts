/**
 * Typed messages between the job details panel (extension host) and its webview page.
 * This file is imported by both sides, so it must not import `vscode` or anything Node-only.
 *
 * Every string in these messages is plain text: the page puts it into the DOM with
 * `textContent` and never parses HTML, so values from the API need no escaping here.
 */
import type { RestoreJobFamily } from '../atlas/types';
import type { JobStatus } from '../jobs/status';
import type { JobRef } from '../jobs/jobRef';

export type { JobRef } from '../jobs/jobRef';

/** Colour of a status or a fact, mapped by the page to `--vscode-*` theme variables. */
export type Tone = 'success' | 'error' | 'warning' | 'info' | 'muted';

/** Something the page can ask the extension to copy. The extension resolves it from its own copy of
 *  the job, so the page can never make the extension write arbitrary text to the clipboard. */
export type CopyTarget =
  | { kind: 'link'; index: number; private?: boolean }
  | { kind: 'allLinks' }
  | { kind: 'downloadCommand'; index: number }
  | { kind: 'hash'; index: number }
  | { kind: 'json' }
  | { kind: 'jobId' }
  | { kind: 'snapshotId' }
  | { kind: 'authHeader' };

/** A labelled fact in a grid. */
export interface FactRow {
  label: string;
  value: string;
  /** Monospace, e.g. ids and hashes. */
  mono?: boolean;
  /** ISO form of a date value, for a tooltip with the exact UTC time. */
  iso?: string;
  tone?: Tone;
  /** A copy button next to the value. */
  copy?: { target: CopyTarget; label: string };
}

export interface LinkView {
  index: number;
  /** Replica set or file name, so links can be told apart. */
  name: string;
  /** Signed URL: shown because the user needs it; never logged. */
  url: string;
  /** Where it came from in the document, e.g. "deliveryUrl[0]" or "delivery.urlV2". */
  source: string;
  endpointId?: string;
  /** Accessible name of the copy button, e.g. "Copy URL of shard0". */
  copyLabel: string;
  /** Legacy urlV2 only answers with the auth header: then a ready curl command is offered too. */
  commandLabel?: string;
  /** Accessible name of its Download button. */
  downloadLabel?: string;
}

export interface HashView {
  index: number;
  fileName: string;
  typeName: string;
  hash: string;
  copyLabel: string;
}

/**
 * The file hashes as the page gets them: one array per column, so 50,000 rows cost no repeated keys and no
 * labels (the page makes each copy button's from `PageStrings.copyHash`). A row's position is its copy index.
 */
export interface HashTable {
  fileNames: string[];
  typeNames: string[];
  hashes: string[];
}

export interface DeliveryView {
  links: LinkView[];
  /** PrivateLink variants, shown apart because they only work inside the VPC. */
  privateLinks: LinkView[];
  /** Expiry, downloads allowed, Atlas's delivery status, link lifetime. */
  facts: FactRow[];
  expired: boolean;
  /** Shown above the links when they no longer work. */
  expiredNote?: string;
  /** Legacy urlV2 header; `value` is the mask unless the user revealed it. */
  authHeader?: { name: string; value: string; revealed: boolean; toggleLabel: string; copyLabel: string };
  /** Why there is nothing to download, when there is nothing. */
  emptyReason?: string;
}

export interface JobDetailsView {
  /** The panel title, e.g. "prod-main · 6f3a…0c21". */
  title: string;
  heading: string;
  subheading: string;
  jobId: string;
  family: RestoreJobFamily;
  familyLabel: string;
  /** `icon` is a codicon name and `color` a theme colour id, both from src/jobs/statusIcons.ts. */
  status: { key: JobStatus; label: string; atlas: string; icon: string; spin: boolean; color: string };
  /** Where the job lives: connection › project › cluster. */
  breadcrumb: string[];
  summary: FactRow[];
  delivery: DeliveryView;
  hashes: HashView[];
  /** The full job document, pretty-printed, `authValue` masked unless revealed. */
  json: string;
  fetched: { label: string; iso: string };
  canOpenInAtlas: boolean;
  /** Set when the job is shown from the offline copy: the banner's words. */
  offline?: { note: string };
}

/**
 * What a `render` message carries: the view without the parts that grow with the document. The hash table
 * and the JSON come in messages of their own, sent only when they change, so a re-render (loading, the
 * minute's refresh of relative times) posts a few kilobytes whatever the job's size.
 */
export type PageView = Omit<JobDetailsView, 'hashes' | 'json'> & {
  /** Rows of the hash table, so the page can lay the table out before the table itself arrives. */
  hashCount: number;
};

/** The page's own words, localized by the extension (the page has no `vscode.l10n`). */
export interface PageStrings {
  loading: string;
  refresh: string;
  refreshing: string;
  openInAtlas: string;
  restoreHistory: string;
  retry: string;
  errorTitle: string;
  summary: string;
  delivery: string;
  downloadLinks: string;
  privateLinks: string;
  privateLinksHint: string;
  authHeader: string;
  copy: string;
  copyAll: string;
  copyAllLabel: string;
  copyCommand: string;
  download: string;
  downloadAll: string;
  downloadAllLabel: string;
  copied: string;
  hashes: string;
  hashFile: string;
  hashType: string;
  hashValue: string;
  /** Placeholder of the filter box over the hash table. */
  hashFilter: string;
  /** Accessible name of that box. */
  hashFilterLabel: string;
  /** "{0} files", {0} being the count as the page formats it; `hashCountOne` for a single file. */
  hashCount: string;
  hashCountOne: string;
  /** "{0} of {1} files match". */
  hashMatches: string;
  /** "No file name or hash contains “{0}”." */
  hashNoMatch: string;
  /** A hash's copy button, "Copy hash of {0}" with the file name (or the row's number). */
  copyHash: string;
  loadingDocument: string;
  json: string;
  copyJson: string;
  openJson: string;
  jobActions: string;
  /** The preview panel's button, and what it does. */
  keepOpen: string;
  keepOpenHint: string;
}

export interface PageError {
  title: string;
  /** Written for people; never holds a secret or a signed URL. */
  message: string;
  canRetry: boolean;
}

/** The page's persisted state: the ref and what the user typed, never the job (it holds signed URLs). */
export interface PageState {
  ref: JobRef;
  /** The hash table's filter, kept when the page is reloaded (hidden and shown again). */
  hashFilter?: string;
  /** The panel was the preview tab: a window reload brings it back as one. */
  preview?: boolean;
}

/** Extension → page. */
export type ToWebview =
  /**
   * Starts a full state; `seq` numbers the states the panel has sent, so a `sync` can name the last. A `ref`
   * other than the page's last is another job (a preview panel moved on): the page forgets the last one's.
   * `preview`: the next job opened from the tree replaces this one, until the user keeps the panel.
   */
  | { type: 'init'; ref: JobRef; strings: PageStrings; seq: number; preview: boolean }
  /** The panel was kept open (`preview: false`): it no longer gives way to the next job. */
  | { type: 'preview'; preview: boolean }
  /**
   * The answer to the `ready` of a page that was sent its state before it loaded: the page says `ready`
   * again unless its last `init` was `seq` (then it has everything, and nothing is sent twice).
   */
  | { type: 'sync'; seq: number }
  | { type: 'render'; view: PageView }
  /** The job's file hashes; sent after a `render` when the page has not got this job's yet. */
  | { type: 'hashes'; table: HashTable }
  /** The job document, pretty-printed, `authValue` masked unless `revealed`; sent when the page lacks it. */
  | { type: 'document'; json: string; revealed: boolean }
  | { type: 'loading'; loading: boolean }
  /** `error: null` clears a previous error. */
  | { type: 'error'; error: PageError | null }
  | { type: 'copied'; target: CopyTarget; description: string };

/** Page → extension. */
export type FromWebview =
  | { type: 'ready' }
  | { type: 'refresh' }
  | { type: 'copy'; target: CopyTarget }
  | { type: 'revealAuthValue'; reveal: boolean }
  | { type: 'openJson' }
  | { type: 'openInAtlas' }
  | { type: 'openHistory' }
  /** Downloads the public link at `index` (the private one when there are no public links), or all without an index. */
  | { type: 'download'; index?: number }
  /** Keep this preview panel: the next job opened from the tree gets a panel of its own. */
  | { type: 'keepOpen' };

function isIndex(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

export function isCopyTarget(value: unknown): value is CopyTarget {
  if (typeof value !== 'object' || value === null) return false;
  const t = value as Record<string, unknown>;
  switch (t.kind) {
    case 'link':
      return isIndex(t.index) && (t.private === undefined || typeof t.private === 'boolean');
    case 'downloadCommand':
    case 'hash':
      return isIndex(t.index);
    case 'allLinks':
    case 'json':
    case 'jobId':
    case 'snapshotId':
    case 'authHeader':
      return true;
    default:
      return false;
  }
}

/** Messages from the page are checked in full: a webview is a less trusted place than the host. */
export function isFromWebview(value: unknown): value is FromWebview {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
    case 'refresh':
    case 'openJson':
    case 'openInAtlas':
    case 'openHistory':
    case 'keepOpen':
      return true;
    case 'copy':
      return isCopyTarget(m.target);
    case 'revealAuthValue':
      return typeof m.reveal === 'boolean';
    case 'download':
      return m.index === undefined || isIndex(m.index);
    default:
      return false;
  }
}

/** The same key on both sides, so a "copied" answer finds the button that asked. */
export function copyTargetKey(target: CopyTarget): string {
  switch (target.kind) {
    case 'link':
      return `link:${target.private ? 'private:' : ''}${target.index}`;
    case 'downloadCommand':
    case 'hash':
      return `${target.kind}:${target.index}`;
    default:
      return target.kind;
  }
}
