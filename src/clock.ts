/**
 * The extension's idea of "now", for expiry and relative times. Integration tests move it to the
 * emulator's date (through the test API) so that link expiry in the data and on screen agree.
 */
let current: () => Date = () => new Date();

export function now(): Date {
  return current();
}

export function setClockForTests(clock: (() => Date) | undefined): void {
  current = clock ?? (() => new Date());
}
