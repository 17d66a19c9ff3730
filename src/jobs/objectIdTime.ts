/**
 * Atlas ids are MongoDB ObjectIds, whose first four bytes are the creation time in seconds.
 * Cloud backup, serverless and flex restore jobs carry no "created" field, so this is the only
 * way to tell when such a job was requested.
 */
export function objectIdTime(id: string | undefined): Date | undefined {
  if (!id || !/^[a-f0-9]{24}$/.test(id)) {
    return undefined;
  }
  const seconds = Number.parseInt(id.slice(0, 8), 16);
  return seconds > 0 ? new Date(seconds * 1000) : undefined;
}
