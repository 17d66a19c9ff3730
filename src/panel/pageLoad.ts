/**
 * Where a panel's page is in loading, and so whether what the panel posts reaches it. VS Code holds what is
 * posted to a webview's first page until that page has loaded, so a new panel posts its state at once
 * instead of after the page's "ready" (bench:ui: a messaging round trip, 50–100 ms, off every open). It does
 * not hold messages for a page loaded again (a panel hidden and shown): nothing is posted to one until it
 * says "ready". Each full state is numbered, so that a page that was sent its state early can check, when
 * the panel answers its "ready" with a `sync`, that it has the last one, and say "ready" again if not.
 * Pure (no `vscode`).
 */
export class PageLoad {
  private state: 'early' | 'loading' | 'ready' = 'early';
  private states = 0;

  /** Whether a message posted now reaches the page (now, or once it has loaded). */
  get canPost(): boolean {
    return this.state !== 'loading';
  }

  /** The number of a new full state, for its `init`. */
  nextState(): number {
    return ++this.states;
  }

  /** The panel's page is loading again (shown after being hidden): it will say "ready" once it can listen. */
  reloaded(): void {
    this.state = 'loading';
  }

  /**
   * The page said "ready". `sync`: it was sent a state before it loaded, the last numbered `seq`; post it a
   * `sync` and nothing more. `resend`: it has nothing; post it everything.
   */
  ready(): { sync: number } | 'resend' {
    const early = this.state === 'early' && this.states > 0;
    this.state = 'ready';
    return early ? { sync: this.states } : 'resend';
  }
}
