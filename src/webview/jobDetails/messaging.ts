/**
 * The page's line to the extension. The page only names what it wants (a copy target, a refresh); the
 * extension holds the job and decides what that means.
 */
import { jobKey } from '../../jobs/jobKey';
import type { CopyTarget, FromWebview, JobRef, PageState, ToWebview } from '../../panel/protocol';

interface VsCodeApi {
  postMessage(message: FromWebview): void;
  getState(): unknown;
  setState(state: PageState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

// VS Code allows one acquisition per page, so this module holds the only one.
const vscode = acquireVsCodeApi();

/** What an earlier load of this page kept (a reload after being hidden); the ref comes again from the host. */
function restoredState(): Partial<PageState> {
  const state = vscode.getState() as Partial<PageState> | undefined;
  return typeof state === 'object' && state !== null ? state : {};
}

let state: Partial<PageState> = restoredState();

export function send(message: FromWebview): void {
  vscode.postMessage(message);
}

export function copy(target: CopyTarget): void {
  send({ type: 'copy', target });
}

/** Merges `change` into what the page keeps; written to VS Code once there is a ref to restore the panel by. */
function remember(change: Partial<PageState>): void {
  state = { ...state, ...change };
  if (state.ref) vscode.setState({ ...state, ref: state.ref });
}

/** Keeps the ref across a reload (the serializer needs it), never the job: it holds signed URLs. */
export function saveRef(ref: JobRef, preview: boolean): void {
  remember({ ref, preview });
}

/** Whether the panel is the preview tab, kept with the ref (a kept panel comes back kept). */
export function savePreview(preview: boolean): void {
  remember({ preview });
}

/** Whether `ref` names another job than the one this page last showed (none yet counts as the same). */
export function isOtherJob(ref: JobRef): boolean {
  return state.ref !== undefined && jobKey(state.ref) !== jobKey(ref);
}

/** The hash filter the user typed, kept with the ref; blank is not kept. */
export function saveHashFilter(hashFilter: string): void {
  remember({ hashFilter: hashFilter || undefined });
}

export function savedHashFilter(): string {
  return typeof state.hashFilter === 'string' ? state.hashFilter : '';
}

/** Messages from the extension; anything without a type is not one of ours and is ignored. */
export function onMessage(handle: (message: ToWebview) => void): void {
  window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
    const m = event.data;
    if (typeof m !== 'object' || m === null || typeof m.type !== 'string') return;
    handle(m);
  });
}
