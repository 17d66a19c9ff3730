import { RequestWindow } from './requestWindow';

/**
 * What the scheduler knows about one connection: its budget, its requests in flight, and why its
 * watching is paused. The two pauses are separate because they end differently: a 429 ends by itself,
 * a 401 only when the user signs in again (resumeConnection).
 */
export class ConnectionState {
  readonly window: RequestWindow;
  inFlight = 0;
  /** Until when Atlas asked this connection to wait (429). */
  rateLimitedUntil = 0;
  /** Atlas refused the credentials or the address (401): nothing is sent until resumeConnection. */
  needsUser = false;

  constructor(budgetPerMinute: number) {
    this.window = new RequestWindow(budgetPerMinute);
  }

  /** The earliest time a request may be sent, from the budget and a 429 alone (in-flight slots aside). */
  nextSendAt(now: number): number {
    return Math.max(this.rateLimitedUntil, this.window.nextSlot(now));
  }
}
