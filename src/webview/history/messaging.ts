/** The history page's line to the extension: it names what it wants, the extension acts. */
import type { FromHistoryPage, HistoryPageState, HistoryScope, ToHistoryPage } from '../../historyPanel/historyProtocol';

interface VsCodeApi {
  postMessage(message: FromHistoryPage): void;
  setState(state: HistoryPageState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

// VS Code allows one acquisition per page, so this module holds the only one.
const vscode = acquireVsCodeApi();

export function send(message: FromHistoryPage): void {
  vscode.postMessage(message);
}

/** Kept so the panel comes back after a window reload; the scope holds ids and names, never a link. */
export function saveScope(scope: HistoryScope): void {
  vscode.setState({ scope });
}

export function onMessage(handle: (message: ToHistoryPage) => void): void {
  window.addEventListener('message', (event: MessageEvent<ToHistoryPage>) => {
    const m = event.data;
    if (typeof m !== 'object' || m === null || typeof m.type !== 'string') return;
    handle(m);
  });
}
