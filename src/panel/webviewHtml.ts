import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';

/**
 * The folders the page may load from; nothing else of the extension is reachable from the webview. Its
 * script and styles come inside the HTML (see pageHtml): only the codicon font is loaded.
 */
export function localResourceRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'dist', 'codicons')];
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return {
    enableScripts: true,
    enableFindWidget: true,
    // The page re-renders from its state and the host's copy of the job, so it need not stay alive.
    retainContextWhenHidden: false,
    localResourceRoots: localResourceRoots(extensionUri),
  };
}

export function newNonce(): string {
  return randomBytes(18).toString('base64');
}

/** What differs between the extension's pages: their script, their stylesheets and their title. */
export interface PageShell {
  title: string;
  /** Under dist/webview. */
  script: string;
  /** Under media, in order. */
  styles: string[];
}

/** The extension's own files a page carries inline: read once, since they only change with the extension. */
const inlined = new Map<string, string>();

function fileText(extensionUri: vscode.Uri, ...path: string[]): string {
  const file = vscode.Uri.joinPath(extensionUri, ...path).fsPath;
  let text = inlined.get(file);
  if (text === undefined) {
    text = readFileSync(file, 'utf8');
    inlined.set(file, text);
  }
  return text;
}

/** Text that cannot close the element it is inlined in (`</script`, `</style`). */
function inElement(text: string, tag: 'script' | 'style'): string {
  return text.replace(new RegExp(`</(${tag})`, 'gi'), '<\\/$1');
}

/**
 * A page's HTML shell. It carries no data from Atlas: the data arrives by message (for a panel's first page,
 * posted as the panel is made; see src/panel/pageLoad.ts), so no signed URL or auth value is ever part of
 * the HTML. A fresh nonce per load.
 *
 * The page's script and styles (codicons' too, its font URL made absolute) are inline, under the nonce: as
 * files, each took a trip through the webview's service worker to the extension host and back, 110–150 ms
 * on every open before the page could even start (`npm run bench:ui -- --trace`). Only the font is a file.
 */
export function pageHtml(webview: vscode.Webview, extensionUri: vscode.Uri, language: string, shell: PageShell, nonce = newNonce()): string {
  const uri = (...path: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...path)).toString();
  const csp = [
    `default-src 'none'`,
    `style-src 'nonce-${nonce}'`,
    `font-src ${webview.cspSource}`,
    `img-src ${webview.cspSource} data:`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  const lang = /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(language) ? language : 'en';
  const codicons = fileText(extensionUri, 'dist', 'codicons', 'codicon.css').replace(/url\((["']?)\.\/codicon\.ttf/g, (_m, quote: string) => `url(${quote}${uri('dist', 'codicons', 'codicon.ttf')}`);
  const styles = [codicons, ...shell.styles.map((file) => fileText(extensionUri, 'media', file))]
    .map((css) => `<style nonce="${nonce}">${inElement(css, 'style')}</style>`)
    .join('\n');
  const script = inElement(fileText(extensionUri, 'dist', 'webview', shell.script), 'script');
  const title = shell.title.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp};">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${styles}
<title>${title}</title>
</head>
<body>
<main id="app" aria-busy="true"></main>
<div id="announcer" class="visually-hidden" role="status" aria-live="polite"></div>
<script nonce="${nonce}">${script}</script>
</body>
</html>`;
}

/** The job details page. */
export function jobDetailsHtml(webview: vscode.Webview, extensionUri: vscode.Uri, language: string, nonce = newNonce()): string {
  return pageHtml(webview, extensionUri, language, { title: 'Restore job', script: 'jobDetails.js', styles: ['jobDetails.css'] }, nonce);
}

/** The Restore History page: the details page's styles, and its own. */
export function restoreHistoryHtml(webview: vscode.Webview, extensionUri: vscode.Uri, language: string, nonce = newNonce()): string {
  return pageHtml(webview, extensionUri, language, { title: 'Restore history', script: 'restoreHistory.js', styles: ['jobDetails.css', 'restoreHistory.css'] }, nonce);
}
