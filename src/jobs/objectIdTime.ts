/**
 * Atlas ids are MongoDB ObjectIds, whose first four bytes are the creation time in seconds.
 * Cloud backup, serverless and flex restore jobs carry no "created" field, so this is the only
 * way to tell when such a job was requested.
 */
export function objectIdTime(id: string | undefined): Date | undefined {
  if (id === undefined || id.length !== 24) return undefined;
  // Read by hand rather than a regular expression and parseInt: this runs for every job of every list.
  let seconds = 0;
  for (let i = 0; i < 24; i++) {
    const digit = hexDigit(id.charCodeAt(i));
    if (digit < 0) return undefined;
    if (i < 8) seconds = seconds * 16 + digit;
  }
  return seconds > 0 ? new Date(seconds * 1000) : undefined;
}

/** A lower-case hex digit's value, or -1 (ObjectIds are written in lower case). */
function hexDigit(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 102) return code - 87;
  return -1;
}
