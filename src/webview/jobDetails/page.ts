import type { PageError, PageStrings } from '../../panel/protocol';
import { button, el, icon, placeChildren, type Child } from './dom';
import { deliverySection } from './deliverySection';
import { HashesSection } from './hashesSection';
import { header } from './header';
import { JsonSection } from './jsonSection';
import { mark, markWhenPainted } from './marks';
import { saveHashFilter, savedHashFilter, send } from './messaging';
import { model } from './state';
import { factList, progressBar, section } from './widgets';

const app = document.getElementById('app')!;

/** Inline above a job already shown; the whole page when there is no job to show. */
function errorBanner(e: PageError, s: PageStrings, inline: boolean): HTMLElement {
  return el(
    'div',
    { class: inline ? 'banner banner-error' : 'state state-error', attrs: { role: 'alert' } },
    icon('error', inline ? '' : 'state-icon'),
    el('div', { class: 'state-text' }, el(inline ? 'strong' : 'h1', { text: e.title }), el('p', { text: e.message })),
    e.canRetry && button({ label: s.retry, icon: 'refresh', variant: inline ? 'secondary' : 'primary', focusKey: 'retry', onClick: () => send({ type: 'refresh' }) }),
  );
}

// The two sections that grow with the document are built once (again only if the page's words change)
// and kept across renders; the rest is cheap and drawn afresh each time.
let hashes: HashesSection | undefined;
let json: JsonSection | undefined;

function sections(s: PageStrings): { hashes: HashesSection; json: JsonSection } {
  if (hashes?.strings !== s) {
    const query = hashes?.filterText ?? savedHashFilter();
    hashes?.dispose();
    hashes = new HashesSection(s, query, saveHashFilter);
  }
  if (json?.strings !== s) {
    json?.dispose();
    json = new JsonSection(s);
  }
  return { hashes, json };
}

/** Set when the page drops its job for another: the next drawing starts at the top. */
let scrollToTop = false;

/**
 * Forgets the job shown (a preview panel moves on to another): its view, hashes, document, error, the hash
 * filter typed for it and where the page was scrolled. The sections are built again for the next job.
 */
export function forgetJob(): void {
  model.view = undefined;
  model.hashes = undefined;
  model.document = undefined;
  model.error = undefined;
  hashes?.dispose();
  hashes = undefined;
  json?.dispose();
  json = undefined;
  saveHashFilter('');
  scrollToTop = true;
}

/** The document, unless it holds the auth value and the view no longer does (the user chose Hide). */
function shownDocument(): string | undefined {
  const doc = model.document;
  if (!doc) return undefined;
  return !doc.revealed || model.view?.delivery.authHeader?.revealed === true ? doc.json : undefined;
}

function content(): Child[] {
  const { strings: s, view, error, loading } = model;
  if (s && view) {
    const kept = sections(s);
    if (model.hashes) kept.hashes.setTable(model.hashes);
    kept.hashes.expect(view.hashCount);
    kept.json.setDocument(shownDocument());
    return [
      header(view, s, loading, model.preview),
      error && errorBanner(error, s, true),
      view.offline && el('div', { class: 'banner banner-warning offline-banner', attrs: { role: 'status' } }, icon('debug-disconnect'), el('span', { text: view.offline.note })),
      section('summary', s.summary, [], factList(view.summary, s, 'facts-summary')),
      deliverySection(view, s),
      view.hashCount > 0 && kept.hashes.element,
      kept.json.element,
      el('footer', { class: 'fetched' }, el('span', { text: view.fetched.label, attrs: { title: view.fetched.iso } })),
    ];
  }
  if (s && error) return [errorBanner(error, s, false)];
  if (s) return [el('div', { class: 'state state-loading' }, icon('loading', 'codicon-modifier-spin state-icon'), el('p', { text: s.loading }))];
  return [];
}

/** Draws the page from the model, keeping focus and scroll where the user had them. */
export function render(inAnimationFrame = false): void {
  const focusKey = (document.activeElement as HTMLElement | null)?.dataset?.focusKey;
  const scrollY = scrollToTop ? 0 : window.scrollY;
  scrollToTop = false;
  const nodes = [progressBar(model.loading, model.strings?.loading), ...content()].filter((n): n is Node => n instanceof Node);
  placeChildren(app, nodes);
  app.setAttribute('aria-busy', String(model.loading));
  app.classList.toggle('is-loading', model.loading);
  window.scrollTo(0, scrollY);
  hashes?.layout();
  json?.layout();
  if (focusKey && (document.activeElement as HTMLElement | null)?.dataset?.focusKey !== focusKey) {
    app.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(focusKey)}"]`)?.focus({ preventScroll: true });
  }
  if (model.view && model.freshView) {
    model.freshView = false;
    mark('content');
    markWhenPainted('painted', inAnimationFrame);
  }
}

let renderQueued = false;

/** The host sends a burst of messages (init, loading, error, render, hashes); draw once for all of them. */
export function scheduleRender(): void {
  if (renderQueued) return;
  renderQueued = true;
  requestAnimationFrame(() => {
    renderQueued = false;
    render(true);
  });
}
