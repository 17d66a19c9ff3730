import { copyTargetKey, type LinkView, type PageStrings, type PageView } from '../../panel/protocol';
import { button, el, icon, type Child } from './dom';
import { copy, send } from './messaging';
import { copyButton, factList, section } from './widgets';

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
          l.downloadLabel &&
            button({
              label: s.download,
              icon: 'cloud-download',
              ariaLabel: l.downloadLabel,
              variant: 'primary',
              focusKey: `download:${isPrivate ? 'private:' : ''}${l.index}`,
              onClick: () => send({ type: 'download', index: l.index }),
            }),
          copyButton({ kind: 'link', index: l.index, private: isPrivate || undefined }, l.copyLabel, true, s),
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

/** The header's value is the mask until the user reveals it; the extension sends the value only then. */
function authHeaderBlock(v: PageView, s: PageStrings): HTMLElement | undefined {
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
      copyButton({ kind: 'authHeader' }, h.copyLabel, false, s),
    ),
  );
}

function downloadAllButton(s: PageStrings): HTMLButtonElement {
  return button({
    label: s.downloadAll,
    icon: 'cloud-download',
    ariaLabel: s.downloadAllLabel,
    variant: 'secondary',
    focusKey: 'download:all',
    onClick: () => send({ type: 'download' }),
  });
}

function copyAllButton(s: PageStrings): HTMLButtonElement {
  return button({
    label: s.copyAll,
    icon: 'copy',
    ariaLabel: s.copyAllLabel,
    variant: 'secondary',
    focusKey: 'copy:allLinks',
    copyKey: copyTargetKey({ kind: 'allLinks' }),
    onClick: () => copy({ kind: 'allLinks' }),
  });
}

export function deliverySection(v: PageView, s: PageStrings): HTMLElement {
  const d = v.delivery;
  // The delivery method is in the summary already; this section is about the download itself.
  const parts: Child[] = d.facts.length > 0 ? [factList(d.facts, s)] : [];
  if (d.expiredNote) parts.push(el('div', { class: 'banner banner-warning', attrs: { role: 'note' } }, icon('warning'), el('span', { text: d.expiredNote })));
  if (d.links.length > 0) {
    parts.push(
      el('div', { class: 'subsection-header' }, el('h3', { class: 'subheading', text: s.downloadLinks }), d.links.length > 1 && downloadAllButton(s), d.links.length > 1 && copyAllButton(s)),
      linkList(d.links, false, s),
    );
  }
  parts.push(authHeaderBlock(v, s));
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
