/**
 * The page's line to the extension. The page only names what it wants (a copy target, a refresh); the
 * extension holds the job and decides what that means.
 */
import type { CopyTarget, FromWebview, JobRef, PageState, ToWebview } from '../../panel/protocol';

interface VsCodeApi {
  postMessage(message: FromWebview): void;
  getState(): unknown;
  setState(state: PageState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

// VS Code allows one acquisition per page, so this module holds the only one.
const vscode = acquireVsCodeApi();

export function send(message: FromWebview): void {
  vscode.postMessage(message);
}

export function copy(target: CopyTarget): void {
  send({ type: 'copy', target });
}

/** Keeps only the ref across a reload: the serializer needs it, and the job itself holds signed URLs. */
export function saveRef(ref: JobRef): void {
  vscode.setState({ ref });
}

/** Messages from the extension; anything without a type is not one of ours and is ignored. */
export function onMessage(handle: (message: ToWebview) => void): void {
  window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
    const m = event.data;
    if (typeof m !== 'object' || m === null || typeof m.type !== 'string') return;
    handle(m);
  });
}
