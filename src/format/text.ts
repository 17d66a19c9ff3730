/**
 * Text from Atlas as a label shows it: one line, without the characters that reorder or hide text,
 * and at most `max` characters with an ellipsis. Values stay whole where they are copied or shown as
 * JSON; only labels are shortened.
 */
// Line breaks and other C0/C1 controls, and the bidirectional overrides and isolates that could make
// a name read backwards.
const UNSHOWABLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]+/g;

export function displayText(value: unknown, max = 200): string {
  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number' || typeof value === 'boolean') text = String(value);
  else return '';
  // Cheap on a 20,000-character value: only the part that can be shown is cleaned.
  if (text.length > max * 2) text = text.slice(0, max * 2);
  text = text.replace(UNSHOWABLE, ' ');
  if (text.length <= max) return text;
  let end = Math.max(0, max - 1);
  // Never split a surrogate pair.
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}
