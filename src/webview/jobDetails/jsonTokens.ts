/**
 * Splits pretty-printed JSON into coloured runs for the page. The page turns each run into a text
 * node inside a span, so colouring never involves parsing HTML. Concatenating the runs' text gives
 * back the input unchanged.
 */
export type JsonTokenKind = 'key' | 'string' | 'number' | 'literal' | 'punctuation';

export interface JsonToken {
  kind: JsonTokenKind;
  text: string;
}

const TOKEN = /("(?:\\.|[^"\\])*")(\s*:)?|\b(?:true|false|null)\b|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;

export function jsonTokens(json: string): JsonToken[] {
  const out: JsonToken[] = [];
  let last = 0;
  for (const m of json.matchAll(TOKEN)) {
    const start = m.index ?? 0;
    if (start > last) out.push({ kind: 'punctuation', text: json.slice(last, start) });
    if (m[1] !== undefined) {
      out.push({ kind: m[2] ? 'key' : 'string', text: m[1] });
      if (m[2]) out.push({ kind: 'punctuation', text: m[2] });
    } else {
      out.push({ kind: /^[tfn]/.test(m[0]) ? 'literal' : 'number', text: m[0] });
    }
    last = start + m[0].length;
  }
  if (last < json.length) out.push({ kind: 'punctuation', text: json.slice(last) });
  return out;
}
