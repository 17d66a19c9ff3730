import type { PageError, PageStrings } from '../../panel/protocol';
import { append, button, el, icon, type Child } from './dom';
import { deliverySection } from './deliverySection';
import { hashesSection } from './hashesSection';
import { header } from './header';
import { jsonSection } from './jsonSection';
import { send } from './messaging';
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

function content(): Child[] {
  const { strings: s, view, error, loading } = model;
  if (s && view) {
    return [
      header(view, s, loading),
      error && errorBanner(error, s, true),
      section('summary', s.summary, [], factList(view.summary, s, 'facts-summary')),
      deliverySection(view, s),
      hashesSection(view.hashes, s),
      jsonSection(view, s),
      el('footer', { class: 'fetched' }, el('span', { text: view.fetched.label, attrs: { title: view.fetched.iso } })),
    ];
  }
  if (s && error) return [errorBanner(error, s, false)];
  if (s) return [el('div', { class: 'state state-loading' }, icon('loading', 'codicon-modifier-spin state-icon'), el('p', { text: s.loading }))];
  return [];
}

/** Draws the whole page from the model, keeping focus and scroll where the user had them. */
export function render(): void {
  const focusKey = (document.activeElement as HTMLElement | null)?.dataset?.focusKey;
  const scrollY = window.scrollY;
  app.replaceChildren();
  append(app, progressBar(model.loading, model.strings?.loading), ...content());
  app.setAttribute('aria-busy', String(model.loading));
  app.classList.toggle('is-loading', model.loading);
  if (focusKey) {
    const again = Array.from(app.querySelectorAll<HTMLElement>('[data-focus-key]')).find((n) => n.dataset.focusKey === focusKey);
    again?.focus({ preventScroll: true });
  }
  window.scrollTo(0, scrollY);
}

let renderQueued = false;

/** The host sends a burst of messages (init, loading, error, render); draw once for all of them. */
export function scheduleRender(): void {
  if (renderQueued) return;
  renderQueued = true;
  requestAnimationFrame(() => {
    renderQueued = false;
    render();
  });
}
