/** `gc`, which `node --expose-gc` installs (lib/searchChild.ts runs so). */
function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) throw new Error('Heap figures need node --expose-gc');
  collect();
}

/** Live objects only: two collections, since the first can leave objects whose finalizers free more. */
export function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/**
 * The heap's used size, read every `everyMs` while a step runs: the highest reading is the peak, garbage not
 * yet collected included (what the process really held at that moment).
 */
export class HeapSampler {
  private peak = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(everyMs = 20) {
    this.sample();
    this.timer = setInterval(() => this.sample(), everyMs);
  }

  private sample(): void {
    this.peak = Math.max(this.peak, process.memoryUsage().heapUsed);
  }

  stop(): number {
    clearInterval(this.timer);
    this.sample();
    return this.peak;
  }
}

export const MB = 1e6;
