/** Draws the whole history page from the model the extension's messages build. */
import type { HistoryError, HistoryStrings, HistoryView } from '../../historyPanel/historyProtocol';
import { button, el, icon, refreshButton } from '../jobDetails/dom';
import { chart, type Chart } from './chart';
import { send } from './messaging';
import { batch, figures, legend, table } from './sections';

export interface HistoryModel {
  strings?: HistoryStrings;
  view?: HistoryView;
  loading: boolean;
  progress?: string;
  error?: HistoryError;
  /** The `seq` of the last `init`: which of the panel's states this page has. */
  seq?: number;
}

export const model: HistoryModel = { loading: true };

const open = (key: string) => send({ type: 'openJob', key });

let current: Chart | undefined;
let observer: ResizeObserver | undefined;

function header(v: HistoryView | undefined, s: HistoryStrings, loading: boolean): HTMLElement {
  return el(
    'header',
    { class: 'job-header' },
    el(
      'div',
      { class: 'job-title' },
      el('h1', {}, icon('graph', 'title-icon'), el('span', { text: v?.title ?? s.loading })),
      v ? el('div', { class: 'job-meta' }, el('span', { text: v.scope }), el('span', { class: 'tag', text: v.window }), el('span', { class: 'job-id', text: v.loadedAt })) : null,
    ),
    el(
      'div',
      { class: 'toolbar', attrs: { role: 'group', 'aria-label': s.actions } },
      button({ label: s.copyNote, icon: 'copy', variant: 'primary', focusKey: 'copyNote', disabled: !v || loading, onClick: () => send({ type: 'copyNote' }) }),
      refreshButton(s, loading, () => send({ type: 'refresh' })),
      button({ label: s.changeWindow, icon: 'settings-gear', focusKey: 'changeWindow', onClick: () => send({ type: 'changeWindow' }) }),
    ),
  );
}

function errorBanner(e: HistoryError, s: HistoryStrings): HTMLElement {
  return el(
    'div',
    { class: 'banner banner-error', attrs: { role: 'alert' } },
    icon('error'),
    el('div', { class: 'state-text' }, el('strong', { text: e.title }), el('p', { text: e.message })),
    e.canRetry ? button({ label: s.retry, icon: 'refresh', focusKey: 'retry', onClick: () => send({ type: 'refresh' }) }) : null,
  );
}

function notices(v: HistoryView, s: HistoryStrings): HTMLElement[] {
  const out: HTMLElement[] = [];
  if (v.problems.length) {
    out.push(
      el(
        'div',
        { class: 'banner banner-warning', attrs: { role: 'status' } },
        icon('warning'),
        el('div', { class: 'state-text' }, el('strong', { text: s.problemsTitle }), el('ul', { class: 'problems' }, ...v.problems.map((p) => el('li', { text: p })))),
        button({ label: s.retry, icon: 'refresh', focusKey: 'retryProblems', onClick: () => send({ type: 'refresh' }) }),
      ),
    );
  }
  for (const n of v.notes) out.push(el('p', { class: 'note' }, icon('info'), ' ', n));
  return out;
}

/** Draws the page again; focus stays on the control that had it (buttons carry a stable focus key). */
export function render(): void {
  const app = document.getElementById('app')!;
  const s = model.strings;
  if (!s) return;
  const focused = (document.activeElement as HTMLElement | null)?.getAttribute('data-focus-key');
  app.classList.toggle('is-loading', model.loading);
  app.setAttribute('aria-busy', String(model.loading));
  const v = model.view;
  const parts: (HTMLElement | null)[] = [el('div', { class: 'progress', attrs: { 'aria-hidden': 'true' } }, el('div', { class: 'progress-bit' }))];
  parts.push(header(v, s, model.loading));
  if (model.loading && model.progress) parts.push(el('p', { class: 'progress-text', attrs: { role: 'status' }, text: model.progress }));
  if (model.error) parts.push(errorBanner(model.error, s));
  current = undefined;
  if (v) {
    parts.push(...notices(v, s));
    parts.push(figures(v, s, open));
    if (v.empty) {
      parts.push(el('div', { class: 'empty' }, icon('info'), ' ', v.empty));
    } else {
      current = chart(v, s, open);
      parts.push(
        el(
          'section',
          { class: 'section', attrs: { 'aria-labelledby': 'chart-title' } },
          el('h2', { attrs: { id: 'chart-title' }, text: s.chartLabel }),
          el('p', { class: 'chart-help', text: s.chartHelp }),
          current.element,
          legend(v, s),
        ),
      );
      parts.push(batch(v, s, open));
      parts.push(table(v, s, open));
    }
  }
  app.replaceChildren(...parts.filter((p): p is HTMLElement => p !== null));
  // The plot knows its width only once it is in the page.
  current?.redraw();
  observer?.disconnect();
  if (current) {
    const chartNow = current;
    let width = chartNow.element.clientWidth;
    observer = new ResizeObserver(() => {
      if (chartNow.element.clientWidth === width) return;
      width = chartNow.element.clientWidth;
      chartNow.redraw();
    });
    observer.observe(chartNow.element);
  }
  if (focused) (app.querySelector(`[data-focus-key="${CSS.escape(focused)}"]`) as HTMLElement | null)?.focus();
}
