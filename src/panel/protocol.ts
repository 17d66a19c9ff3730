/**
 * Typed messages between the job details panel (extension host) and its webview page.
 * This file is imported by both sides, so it must not import `vscode` or anything Node-only.
 */
import type { RestoreJobFamily } from '../atlas/types';
import type { JobStatus } from '../jobs/status';

/** A labelled fact in the summary grid. Values are plain text; the page never parses HTML. */
export interface SummaryRow {
  label: string;
  value: string;
  /** Monospace, e.g. ids and hashes. */
  mono?: boolean;
  /** ISO form of a date value, for a tooltip that shows the exact UTC time. */
  iso?: string;
}

export interface LinkView {
  index: number;
  name: string;
  /** Signed URL: shown because the user needs it; never logged. */
  url: string;
  /** Where it came from in the document, e.g. "deliveryUrl[0]" or "delivery.urlV2". */
  source: string;
  endpointId?: string;
  /** True when downloading needs the auth header below (legacy urlV2). */
  needsAuthHeader: boolean;
}

export interface JobDetailsView {
  /** The panel title, e.g. "prod-main · 6f3a…0c21". */
  title: string;
  family: RestoreJobFamily;
  familyLabel: string;
  status: { key: JobStatus; label: string; atlas: string };
  heading: string;
  /** Where the job lives: connection › project › cluster. */
  breadcrumb: string[];
  summary: SummaryRow[];
  delivery: {
    kindLabel: string;
    links: LinkView[];
    privateLinks: LinkView[];
    expiresLabel?: string;
    expiresIso?: string;
    expired: boolean;
    /** Free text: remaining or maximum downloads, delivery status. */
    notes: string[];
    /** Legacy urlV2 header; its value arrives only in a `authValue` message after the user asks. */
    authHeader?: { name: string; revealed: boolean; value?: string };
    /** Why there is nothing to download, when there is nothing. */
    emptyReason?: string;
  };
  hashes: { fileName: string; typeName: string; hash: string }[];
  /** The full job document, pretty-printed, `authValue` masked unless revealed. */
  json: string;
  fetchedAt: string;
  /** Localized labels for the page's static text. */
  strings: Record<string, string>;
}

export type CopyTarget =
  | { kind: 'link'; index: number; private?: boolean }
  | { kind: 'allLinks' }
  | { kind: 'downloadCommand'; index: number }
  | { kind: 'hash'; index: number }
  | { kind: 'json' }
  | { kind: 'jobId' }
  | { kind: 'authHeader' };

/** Extension → page. */
export type ToWebview =
  | { type: 'render'; view: JobDetailsView }
  | { type: 'loading'; loading: boolean }
  | { type: 'error'; message: string; canRetry: boolean }
  | { type: 'copied'; target: CopyTarget; description: string };

/** Page → extension. */
export type FromWebview =
  | { type: 'ready' }
  | { type: 'refresh' }
  | { type: 'copy'; target: CopyTarget }
  | { type: 'revealAuthValue'; reveal: boolean }
  | { type: 'openJson' }
  | { type: 'openInAtlas' };

export function isFromWebview(value: unknown): value is FromWebview {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return (
    type === 'ready' ||
    type === 'refresh' ||
    type === 'copy' ||
    type === 'revealAuthValue' ||
    type === 'openJson' ||
    type === 'openInAtlas'
  );
}
