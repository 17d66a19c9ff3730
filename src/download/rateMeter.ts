/**
 * Transfer rate over the last few seconds, and the time left at that rate. A whole-download average
 * would keep showing the speed before a stall long after it; a single sample jumps about with every
 * chunk. Knows nothing of VS Code.
 */
export class RateMeter {
  private samples: { at: number; received: number }[] = [];

  constructor(private readonly windowMs = 5_000) {}

  /** Records `received` bytes (a running total) at time `at` (ms). A total that went down (a restart) starts afresh. */
  sample(received: number, at: number): void {
    const last = this.samples.at(-1);
    if (last && received < last.received) this.samples = [];
    this.samples.push({ at, received });
    while (this.samples.length > 2 && at - this.samples[1]!.at >= this.windowMs) this.samples.shift();
  }

  /** Bytes per second, or undefined until there is half a second to measure over. */
  bytesPerSecond(): number | undefined {
    const first = this.samples[0];
    const last = this.samples.at(-1);
    if (!first || !last || last.at - first.at < 500) return undefined;
    return ((last.received - first.received) * 1000) / (last.at - first.at);
  }

  /** Seconds until `total` at the current rate; undefined when the rate is unknown or zero. */
  secondsLeft(total: number | undefined): number | undefined {
    const rate = this.bytesPerSecond();
    const last = this.samples.at(-1);
    if (total === undefined || !rate || !last) return undefined;
    return Math.max(0, (total - last.received) / rate);
  }
}
