/** SVG elements made the way dom.ts makes HTML ones: attributes by setAttribute, text as text, no markup. */
const SVG_NS = 'http://www.w3.org/2000/svg';
const FORBIDDEN_ATTRIBUTE = /^(on|style$|href$|xlink:href$)/i;

export function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number | undefined> = {},
  ...children: (Node | string | false | undefined)[]
): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (FORBIDDEN_ATTRIBUTE.test(name)) throw new Error(`attribute ${name} is not allowed`);
    if (value !== undefined) node.setAttribute(name, String(value));
  }
  for (const child of children) {
    if (child === false || child === undefined) continue;
    node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}
