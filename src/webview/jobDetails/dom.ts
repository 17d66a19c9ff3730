/**
 * The page's only way to make DOM. Text goes in through text nodes and attributes through
 * setAttribute, so a value from Atlas such as `<img src=x onerror=alert(1)>.tar.gz` is shown as
 * the text it is; there is no innerHTML anywhere in the page.
 */

export type Child = Node | string | false | null | undefined;

export interface Props {
  class?: string;
  text?: string;
  attrs?: Record<string, string | undefined>;
}

const FORBIDDEN_ATTRIBUTE = /^(on|style$|srcdoc$)/i;

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.class) node.className = props.class;
  for (const [name, value] of Object.entries(props.attrs ?? {})) {
    // Handlers are attached with addEventListener and styles live in the stylesheet (CSP has no 'unsafe-inline').
    if (FORBIDDEN_ATTRIBUTE.test(name)) throw new Error(`attribute ${name} is not allowed`);
    if (value !== undefined) node.setAttribute(name, value);
  }
  if (props.text !== undefined) node.textContent = props.text;
  append(node, ...children);
  return node;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === false || child === null || child === undefined) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

const CODICON_NAME = /^[a-z0-9-]+$/;

/** A decorative codicon; the text or aria-label next to it says what it means. */
export function icon(name: string, extraClass = ''): HTMLSpanElement {
  const safe = CODICON_NAME.test(name) ? name : 'circle-outline';
  return el('span', { class: `codicon codicon-${safe}${extraClass ? ` ${extraClass}` : ''}`, attrs: { 'aria-hidden': 'true' } });
}

export interface ButtonOptions {
  label?: string;
  icon?: string;
  /** Required when the button shows only an icon. */
  ariaLabel?: string;
  title?: string;
  variant?: 'primary' | 'secondary' | 'icon';
  /** Stable across re-renders, so focus comes back to the same button. */
  focusKey: string;
  copyKey?: string;
  disabled?: boolean;
  pressed?: boolean;
  onClick: () => void;
}

export function button(o: ButtonOptions): HTMLButtonElement {
  const variant = o.variant ?? 'secondary';
  const b = el('button', {
    class: `btn btn-${variant}`,
    attrs: {
      type: 'button',
      'aria-label': o.ariaLabel,
      title: o.title ?? o.ariaLabel,
      'data-focus-key': o.focusKey,
      'data-copy-key': o.copyKey,
      'aria-pressed': o.pressed === undefined ? undefined : String(o.pressed),
    },
  });
  if (o.icon) b.appendChild(icon(o.icon, 'btn-icon'));
  if (o.label) b.appendChild(el('span', { class: 'btn-label', text: o.label }));
  b.disabled = o.disabled === true;
  b.addEventListener('click', (e) => {
    e.preventDefault();
    o.onClick();
  });
  return b;
}

/**
 * The Refresh button of a panel's toolbar: disabled with a spinning icon while its panel loads. One for the
 * job details and the history pages, so both say and show loading alike.
 */
export function refreshButton(labels: { refresh: string; refreshing: string }, loading: boolean, onClick: () => void): HTMLButtonElement {
  const b = button({
    label: loading ? labels.refreshing : labels.refresh,
    icon: loading ? 'loading' : 'refresh',
    focusKey: 'refresh',
    disabled: loading,
    onClick,
  });
  if (loading) b.querySelector('.codicon-loading')?.classList.add('codicon-modifier-spin');
  return b;
}

/**
 * Makes `nodes` the children of `parent`, in order, leaving in place the ones it already holds: a node kept
 * is never detached, so a kept section keeps its focus, its caret and its drawn rows across a re-render.
 */
export function placeChildren(parent: Node, nodes: Node[]): void {
  const keep = new Set(nodes);
  for (const old of Array.from(parent.childNodes)) if (!keep.has(old)) parent.removeChild(old);
  let cursor = parent.firstChild;
  for (const node of nodes) {
    if (node === cursor) cursor = cursor.nextSibling;
    else parent.insertBefore(node, cursor);
  }
}
