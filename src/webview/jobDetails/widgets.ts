/** Pieces every section of the page is made of. */
import { copyTargetKey, type CopyTarget, type FactRow, type PageStrings } from '../../panel/protocol';
import { button, el, type Child } from './dom';
import { copy } from './messaging';

export function progressBar(loading: boolean, label: string | undefined): HTMLElement {
  return el('div', { class: 'progress', attrs: { role: 'progressbar', 'aria-hidden': loading ? undefined : 'true', 'aria-label': label } }, el('div', { class: 'progress-bit' }));
}

/** Keyed by its target, so the "copied" answer finds it again after a re-render. */
export function copyButton(target: CopyTarget, ariaLabel: string, withLabel: boolean, s: PageStrings): HTMLButtonElement {
  const key = copyTargetKey(target);
  return button({
    label: withLabel ? s.copy : undefined,
    icon: 'copy',
    ariaLabel,
    variant: withLabel ? 'secondary' : 'icon',
    focusKey: `copy:${key}`,
    copyKey: key,
    onClick: () => copy(target),
  });
}

export function factList(rows: FactRow[], s: PageStrings, extraClass = ''): HTMLElement {
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
          row.copy && copyButton(row.copy.target, row.copy.label, false, s),
        ),
      ),
    ),
  );
}

export function section(id: string, title: string, actions: Child[], ...body: Child[]): HTMLElement {
  const headingId = `${id}-heading`;
  return el(
    'section',
    { class: `section section-${id}`, attrs: { 'aria-labelledby': headingId } },
    el('div', { class: 'section-header' }, el('h2', { text: title, attrs: { id: headingId } }), el('div', { class: 'section-actions' }, ...actions)),
    ...body,
  );
}
