// One-line progress messages with elapsed times, so every run shows where its time went.

export function say(message: string): void {
  process.stdout.write(`[real-vscode] ${message}\n`);
}

export function seconds(sinceMs: number): string {
  return `${((Date.now() - sinceMs) / 1000).toFixed(1)} s`;
}

/** Runs `work`, then prints "<label>: <what it returned> (<elapsed>)". */
export async function timed<T>(label: string, work: () => Promise<T>, describe?: (result: T) => string): Promise<T> {
  const started = Date.now();
  const result = await work();
  const detail = describe ? describe(result) : 'done';
  say(`${label}: ${detail} (${seconds(started)})`);
  return result;
}

export function isVerbose(): boolean {
  return process.env.REAL_VSCODE_VERBOSE === '1';
}
