/**
 * The job details page. It shows what the extension sends and asks the extension for everything
 * else (copy, refresh, open), through the typed messages of `src/panel/protocol.ts`.
 */
import {
  copyTargetKey,
  type CopyTarget,
  type FactRow,
  type FromWebview,
  type HashView,
  type JobDetailsView,
  type LinkView,
  type PageError,
  type PageState,
  type PageStrings,
  type ToWebview,
} from '../../panel/protocol';
import { append, button, el, icon, type Child } from './dom';
import { jsonTokens } from './jsonTokens';

interface VsCodeApi {
  postMessage(message: FromWebview): void;
  getState(): unknown;
  setState(state: PageState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const app = document.getElementById('app')!;
const announcer = document.getElementById('announcer')!;

const COPIED_FEEDBACK_MS = 1600;

let strings: PageStrings | undefined;
let view: JobDetailsView | undefined;
let loading = false;
let error: PageError | undefined;

function send(message: FromWebview): void {
  vscode.postMessage(message);
}

function copy(target: CopyTarget): void {
  send({ type: 'copy', target });
}

// ------------------------------------------------------------------------------------------------
// Pieces

function progressBar(): HTMLElement {
  return el('div', { class: 'progress', attrs: { role: 'progressbar', 'aria-hidden': loading ? undefined : 'true', 'aria-label': strings?.loading } }, el('div', { class: 'progress-bit' }));
}

function copyButton(target: CopyTarget, ariaLabel: string, withLabel: boolean): HTMLButtonElement {
  const key = copyTargetKey(target);
  return button({
    label: withLabel ? strings!.copy : undefined,
    icon: 'copy',
    ariaLabel,
    variant: withLabel ? 'secondary' : 'icon',
    focusKey: `copy:${key}`,
    copyKey: key,
    onClick: () => copy(target),
  });
}

function factList(rows: FactRow[], extraClass = ''): HTMLElement {
  return el(
    'dl',
    { class: `facts ${extraClass}` },
    ...rows.map((row) =>
      el(
        'div',
        { class: `fact${row.tone ? ` tone-${row.tone}` : ''}` },
        el('dt', { text: row.label }),
        el(
          'dd',
          {},
          el('span', { class: `fact-value${row.mono ? ' mono' : ''}`, text: row.value, attrs: { title: row.iso } }),
          row.copy && copyButton(row.copy.target, row.copy.label, false),
        ),
      ),
    ),
  );
}

function section(id: string, title: string, actions: Child[], ...body: Child[]): HTMLElement {
  const headingId = `${id}-heading`;
  return el(
    'section',
    { class: `section section-${id}`, attrs: { 'aria-labelledby': headingId } },
    el('div', { class: 'section-header' }, el('h2', { text: title, attrs: { id: headingId } }), el('div', { class: 'section-actions' }, ...actions)),
    ...body,
  );
}

/** Theme colour id → a class of media/jobDetails.css (`testing.iconPassed` → `color-testing-iconPassed`). */
function statusColorClass(color: string): string {
  return /^[A-Za-z0-9.]+$/.test(color) ? `color-${color.replace(/\./g, '-')}` : '';
}

function header(v: JobDetailsView, s: PageStrings): HTMLElement {
  const crumbs = el('ol', { class: 'breadcrumb' });
  v.breadcrumb.forEach((c) => crumbs.appendChild(el('li', { text: c })));
  const toolbar = el(
    'div',
    { class: 'toolbar', attrs: { role: 'group', 'aria-label': s.jobActions } },
    button({
      label: loading ? s.refreshing : s.refresh,
      icon: loading ? 'loading' : 'refresh',
      variant: 'secondary',
      focusKey: 'refresh',
      disabled: loading,
      onClick: () => send({ type: 'refresh' }),
    }),
    v.canOpenInAtlas &&
      button({ label: s.openInAtlas, icon: 'link-external', variant: 'secondary', focusKey: 'openInAtlas', onClick: () => send({ type: 'openInAtlas' }) }),
  );
  if (loading) toolbar.querySelector('.codicon-loading')?.classList.add('codicon-modifier-spin');
  return el(
    'header',
    { class: 'job-header' },
    el(
      'div',
      { class: 'job-title' },
      el('nav', { attrs: { 'aria-label': 'Breadcrumb' } }, crumbs),
      el('h1', {}, icon('archive', 'title-icon'), el('span', { text: v.heading })),
      el(
        'div',
        { class: 'job-meta' },
        el(
          'span',
          { class: `status-badge ${statusColorClass(v.status.color)}`, attrs: { title: v.status.atlas } },
          icon(v.status.icon, v.status.spin ? 'codicon-modifier-spin' : ''),
          el('span', { text: v.status.label }),
        ),
        el('span', { class: 'tag', text: v.familyLabel }),
        el('span', { class: 'job-id', text: v.subheading }),
      ),
    ),
    toolbar,
  );
}

function linkList(links: LinkView[], isPrivate: boolean, s: PageStrings): HTMLElement {
  return el(
    'ul',
    { class: 'links' },
    ...links.map((l) =>
      el(
        'li',
        { class: 'link' },
        el(
          'div',
          { class: 'link-text' },
          el(
            'div',
            { class: 'link-name' },
            icon(isPrivate ? 'lock' : 'cloud-download'),
            el('span', { class: 'link-title', text: l.name }),
            el('span', { class: 'link-source mono', text: l.source }),
            l.endpointId && el('span', { class: 'tag mono', text: l.endpointId }),
          ),
          el('code', { class: 'link-url', text: l.url, attrs: { title: l.url } }),
        ),
        el(
          'div',
          { class: 'link-actions' },
          copyButton({ kind: 'link', index: l.index, private: isPrivate || undefined }, l.copyLabel, true),
          l.commandLabel &&
            button({
              label: s.copyCommand,
              icon: 'terminal',
              ariaLabel: l.commandLabel,
              variant: 'secondary',
              focusKey: `copy:downloadCommand:${l.index}`,
              copyKey: copyTargetKey({ kind: 'downloadCommand', index: l.index }),
              onClick: () => copy({ kind: 'downloadCommand', index: l.index }),
            }),
        ),
      ),
    ),
  );
}

function authHeaderBlock(v: JobDetailsView, s: PageStrings): HTMLElement | undefined {
  const h = v.delivery.authHeader;
  if (!h) return undefined;
  return el(
    'div',
    { class: 'auth-header' },
    el('div', { class: 'subheading', text: s.authHeader }),
    el(
      'div',
      { class: 'auth-row' },
      el('code', { class: `auth-value${h.revealed ? '' : ' masked'}` }, el('span', { class: 'auth-name', text: `${h.name}: ` }), el('span', { text: h.value })),
      button({
        icon: h.revealed ? 'eye-closed' : 'eye',
        ariaLabel: h.toggleLabel,
        variant: 'icon',
        focusKey: 'revealAuth',
        pressed: h.revealed,
        onClick: () => send({ type: 'revealAuthValue', reveal: !h.revealed }),
      }),
      copyButton({ kind: 'authHeader' }, h.copyLabel, false),
    ),
  );
}

function deliverySection(v: JobDetailsView, s: PageStrings): HTMLElement {
  const d = v.delivery;
  // The delivery method is in the summary already; this section is about the download itself.
  const parts: Child[] = d.facts.length > 0 ? [factList(d.facts)] : [];
  if (d.expiredNote) parts.push(el('div', { class: 'banner banner-warning', attrs: { role: 'note' } }, icon('warning'), el('span', { text: d.expiredNote })));
  if (d.links.length > 0) {
    parts.push(
      el(
        'div',
        { class: 'subsection-header' },
        el('h3', { class: 'subheading', text: s.downloadLinks }),
        d.links.length > 1 &&
          button({
            label: s.copyAll,
            icon: 'copy',
            ariaLabel: s.copyAllLabel,
            variant: 'secondary',
            focusKey: 'copy:allLinks',
            copyKey: copyTargetKey({ kind: 'allLinks' }),
            onClick: () => copy({ kind: 'allLinks' }),
          }),
      ),
      linkList(d.links, false, s),
    );
  }
  const auth = authHeaderBlock(v, s);
  if (auth) parts.push(auth);
  if (d.privateLinks.length > 0) {
    parts.push(
      el('div', { class: 'subsection-header' }, el('h3', { class: 'subheading', text: s.privateLinks })),
      el('p', { class: 'hint', text: s.privateLinksHint }),
      linkList(d.privateLinks, true, s),
    );
  }
  if (d.emptyReason) parts.push(el('p', { class: 'empty' }, icon('info'), el('span', { text: d.emptyReason })));
  return section('delivery', s.delivery, [], ...parts);
}

function hashesSection(hashes: HashView[], s: PageStrings): HTMLElement | undefined {
  if (hashes.length === 0) return undefined;
  const table = el(
    'table',
    { class: 'hashes' },
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        el('th', { text: s.hashFile, attrs: { scope: 'col' } }),
        el('th', { text: s.hashType, attrs: { scope: 'col' } }),
        el('th', { text: s.hashValue, attrs: { scope: 'col' } }),
        el('th', { class: 'col-actions', attrs: { scope: 'col' } }, el('span', { class: 'visually-hidden', text: s.copy })),
      ),
    ),
    el(
      'tbody',
      {},
      ...hashes.map((h) =>
        el(
          'tr',
          {},
          el('td', { class: 'hash-file', text: h.fileName }),
          el('td', { class: 'hash-type', text: h.typeName }),
          el('td', { class: 'hash-value mono', text: h.hash }),
          el('td', { class: 'col-actions' }, h.hash ? copyButton({ kind: 'hash', index: h.index }, h.copyLabel, false) : null),
        ),
      ),
    ),
  );
  return section('hashes', s.hashes, [], el('div', { class: 'table-scroll' }, table));
}

function jsonBlock(json: string): HTMLElement {
  const code = el('code', {});
  for (const t of jsonTokens(json)) {
    code.appendChild(t.kind === 'punctuation' ? document.createTextNode(t.text) : el('span', { class: `json-${t.kind}`, text: t.text }));
  }
  return el('pre', { class: 'json', attrs: { tabindex: '0', 'aria-label': strings?.json } }, code);
}

function jsonSection(v: JobDetailsView, s: PageStrings): HTMLElement {
  return section(
    'json',
    s.json,
    [
      button({
        label: s.copyJson,
        icon: 'copy',
        variant: 'secondary',
        focusKey: 'copy:json',
        copyKey: copyTargetKey({ kind: 'json' }),
        onClick: () => copy({ kind: 'json' }),
      }),
      button({ label: s.openJson, icon: 'json', variant: 'secondary', focusKey: 'openJson', onClick: () => send({ type: 'openJson' }) }),
    ],
    jsonBlock(v.json),
  );
}

function errorBanner(e: PageError, s: PageStrings, inline: boolean): HTMLElement {
  return el(
    'div',
    { class: inline ? 'banner banner-error' : 'state state-error', attrs: { role: 'alert' } },
    icon('error', inline ? '' : 'state-icon'),
    el('div', { class: 'state-text' }, el(inline ? 'strong' : 'h1', { text: e.title }), el('p', { text: e.message })),
    e.canRetry && button({ label: s.retry, icon: 'refresh', variant: inline ? 'secondary' : 'primary', focusKey: 'retry', onClick: () => send({ type: 'refresh' }) }),
  );
}

// ------------------------------------------------------------------------------------------------
// Whole page

function render(): void {
  const focusKey = (document.activeElement as HTMLElement | null)?.dataset?.focusKey;
  const scrollY = window.scrollY;
  const children: Child[] = [progressBar()];
  const s = strings;
  if (s && view) {
    children.push(
      header(view, s),
      error && errorBanner(error, s, true),
      section('summary', s.summary, [], factList(view.summary, 'facts-summary')),
      deliverySection(view, s),
      hashesSection(view.hashes, s),
      jsonSection(view, s),
      el('footer', { class: 'fetched' }, el('span', { text: view.fetched.label, attrs: { title: view.fetched.iso } })),
    );
  } else if (s && error) {
    children.push(errorBanner(error, s, false));
  } else if (s) {
    children.push(el('div', { class: 'state state-loading' }, icon('loading', 'codicon-modifier-spin state-icon'), el('p', { text: s.loading })));
  }
  app.replaceChildren();
  append(app, ...children);
  app.setAttribute('aria-busy', String(loading));
  app.classList.toggle('is-loading', loading);
  if (focusKey) {
    const again = Array.from(app.querySelectorAll<HTMLElement>('[data-focus-key]')).find((n) => n.dataset.focusKey === focusKey);
    again?.focus({ preventScroll: true });
  }
  window.scrollTo(0, scrollY);
}

let renderQueued = false;

/** The host sends a burst of messages (init, loading, error, render); draw once for all of them. */
function scheduleRender(): void {
  if (renderQueued) return;
  renderQueued = true;
  requestAnimationFrame(() => {
    renderQueued = false;
    render();
  });
}

const copiedTimers = new Map<string, ReturnType<typeof setTimeout>>();

function showCopied(target: CopyTarget, description: string): void {
  const key = copyTargetKey(target);
  announcer.textContent = description;
  for (const b of Array.from(app.querySelectorAll<HTMLButtonElement>('button[data-copy-key]'))) {
    if (b.dataset.copyKey !== key) continue;
    b.classList.add('copied');
    const label = b.querySelector('.btn-label');
    const glyph = b.querySelector('.btn-icon');
    const before = label?.textContent ?? '';
    if (label && strings) label.textContent = strings.copied;
    glyph?.classList.replace('codicon-copy', 'codicon-check');
    glyph?.classList.replace('codicon-terminal', 'codicon-check');
    clearTimeout(copiedTimers.get(key));
    copiedTimers.set(
      key,
      setTimeout(() => {
        b.classList.remove('copied');
        if (label) label.textContent = before;
        glyph?.classList.replace('codicon-check', key.startsWith('downloadCommand') ? 'codicon-terminal' : 'codicon-copy');
      }, COPIED_FEEDBACK_MS),
    );
  }
}

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const m = event.data;
  if (typeof m !== 'object' || m === null || typeof m.type !== 'string') return;
  switch (m.type) {
    case 'init':
      strings = m.strings;
      // Only the ref is kept: the serializer needs it, and the job itself holds signed URLs.
      vscode.setState({ ref: m.ref });
      break;
    case 'render':
      view = m.view;
      break;
    case 'loading':
      loading = m.loading;
      break;
    case 'error':
      error = m.error ?? undefined;
      break;
    case 'copied':
      showCopied(m.target, m.description);
      return;
    default:
      return;
  }
  scheduleRender();
});

render();
send({ type: 'ready' });
