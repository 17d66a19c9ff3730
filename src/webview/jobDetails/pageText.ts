/**
 * Sentences the page finishes itself from the host's translated templates: counts it formats for its
 * language, and labels of rows it draws (50,000 copy labels are not worth sending). Pure, unit-tested.
 */
import { displayText } from '../../format/text';

/** `template` with {0}, {1}… replaced; split and join, so a `$` in a file name stays a `$`. */
export function fill(template: string, ...values: string[]): string {
  return values.reduce((text, value, i) => text.split(`{${i}}`).join(value), template);
}

/** A hash's copy button label, as the host's `hashViews` makes it: by the file name, else the row's number. */
export function copyHashLabel(template: string, fileName: string, index: number): string {
  return fill(template, displayText(fileName, 60) || String(index + 1));
}
