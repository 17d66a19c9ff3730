/** The budget's window: "at most N requests in any sliding minute". */
export const BUDGET_WINDOW_MS = 60_000;

/**
 * The send times of one connection's watch requests within the last minute. A request sent at t counts
 * until t + 60 s (excluded), so any half-open minute holds at most `limit` of them.
 */
export class RequestWindow {
  private readonly sent: number[] = [];

  constructor(private readonly limit: number) {}

  record(now: number): void {
    this.prune(now);
    this.sent.push(now);
  }

  /** When the next request may go: `now` while the minute has room, else when its oldest request leaves it. */
  nextSlot(now: number): number {
    this.prune(now);
    return this.sent.length < this.limit ? now : this.sent[this.sent.length - this.limit]! + BUDGET_WINDOW_MS;
  }

  private prune(now: number): void {
    while (this.sent.length > 0 && now - this.sent[0]! >= BUDGET_WINDOW_MS) this.sent.shift();
  }
}
