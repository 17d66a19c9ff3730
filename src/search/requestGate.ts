/**
 * How many of a search's requests are with the client at once, and which goes next: the deepest list
 * first (a cluster's jobs before the next project's clusters), in order of asking within a depth.
 *
 * The client serves its requests first come, first served. Handed everything at once, a search of 8
 * projects queues their ~24 cluster lists ahead of the first cluster's job lists, so the first match
 * waits for all of them; and anything else that uses the client meanwhile — the tree the user is
 * expanding — waits behind the whole queue. Holding the rest here, no more than the client's own bound
 * is ever waiting with it, and each answer lets the most useful next request go.
 */
export class RequestGate {
  private active = 0;
  /** Waiting turns, one list per depth; `depth` indexes it. */
  private readonly waiting: (() => void)[][] = [];

  constructor(private readonly limit: number) {}

  /** Runs `work` when its turn comes; refuses without running it when `signal` aborts while it waits. */
  async run<T>(depth: number, signal: AbortSignal | undefined, work: () => Promise<T>): Promise<T> {
    await this.turn(depth, signal);
    try {
      return await work();
    } finally {
      this.active--;
      this.next();
    }
  }

  private turn(depth: number, signal: AbortSignal | undefined): Promise<void> {
    signal?.throwIfAborted();
    if (this.active < this.limit && this.waiting.every((list) => list.length === 0)) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const list = (this.waiting[depth] ??= []);
      const go = () => {
        signal?.removeEventListener('abort', onAbort);
        this.active++;
        resolve();
      };
      const onAbort = () => {
        const at = list.indexOf(go);
        if (at >= 0) list.splice(at, 1);
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      list.push(go);
    });
  }

  private next(): void {
    for (let depth = this.waiting.length - 1; depth >= 0 && this.active < this.limit; depth--) {
      const list = this.waiting[depth];
      while (list && list.length > 0 && this.active < this.limit) list.shift()!();
    }
  }
}
