import { copyTargetKey, type JobDetailsView, type PageStrings } from '../../panel/protocol';
import { button, el } from './dom';
import { jsonTokens } from './jsonTokens';
import { copy, send } from './messaging';
import { section } from './widgets';

/** Coloured by text runs in spans, so the document is never parsed as HTML. */
function jsonBlock(json: string, label: string): HTMLElement {
  const code = el('code', {});
  for (const t of jsonTokens(json)) {
    code.appendChild(t.kind === 'punctuation' ? document.createTextNode(t.text) : el('span', { class: `json-${t.kind}`, text: t.text }));
  }
  return el('pre', { class: 'json', attrs: { tabindex: '0', 'aria-label': label } }, code);
}

export function jsonSection(v: JobDetailsView, s: PageStrings): HTMLElement {
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
    jsonBlock(v.json, s.json),
  );
}
