import type { PageView, PageStrings } from '../../panel/protocol';
import { button, el, icon, refreshButton } from './dom';
import { send } from './messaging';

/** Theme colour id → a class of media/jobDetails.css (`testing.iconPassed` → `color-testing-iconPassed`). */
function statusColorClass(color: string): string {
  return /^[A-Za-z0-9.]+$/.test(color) ? `color-${color.replace(/\./g, '-')}` : '';
}

function toolbar(v: PageView, s: PageStrings, loading: boolean, preview: boolean): HTMLElement {
  return el(
    'div',
    { class: 'toolbar', attrs: { role: 'group', 'aria-label': s.jobActions } },
    preview && button({ label: s.keepOpen, icon: 'pin', variant: 'secondary', title: s.keepOpenHint, focusKey: 'keepOpen', onClick: () => send({ type: 'keepOpen' }) }),
    refreshButton(s, loading, () => send({ type: 'refresh' })),
    button({ label: s.restoreHistory, icon: 'graph', variant: 'secondary', focusKey: 'openHistory', onClick: () => send({ type: 'openHistory' }) }),
    v.canOpenInAtlas &&
      button({ label: s.openInAtlas, icon: 'link-external', variant: 'secondary', focusKey: 'openInAtlas', onClick: () => send({ type: 'openInAtlas' }) }),
  );
}

/** Where the job lives, its cluster, status and family, and the page's actions. */
export function header(v: PageView, s: PageStrings, loading: boolean, preview: boolean): HTMLElement {
  const crumbs = el('ol', { class: 'breadcrumb' });
  v.breadcrumb.forEach((c) => crumbs.appendChild(el('li', { text: c })));
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
    toolbar(v, s, loading, preview),
  );
}
