import type { AnyRestoreJob, AtlasClient } from '../../src/atlas';
import { getJobOfFamily, listJobsOfFamily } from '../../src/jobs/families';
import type { JobRef } from '../../src/jobs/jobRef';
import type { WatchFetcher } from '../../src/watch/scheduler';
import { FakeClock, flushPromises } from '../../test/unit/watch/fakeClock';

/**
 * The watch scheduler in virtual time against real HTTP: the unit tests' clock moves from timer to timer,
 * and before each next timer every request sent so far is answered by the emulator and handled. So a
 * request takes no virtual time, and ten minutes of polling run in as long as their requests take.
 * Requests go through the real AtlasClient, as the extension's fetcher sends them (getJobOfFamily, and
 * listJobsOfFamily for page 1 without the count).
 */
export class VirtualTimeAtlas implements WatchFetcher {
  readonly clock: FakeClock;
  /** Every request the scheduler sent: its connection and virtual time. */
  readonly sent: { connectionId: string; at: number }[] = [];
  private readonly pending = new Set<Promise<unknown>>();

  constructor(private readonly clients: ReadonlyMap<string, AtlasClient>) {
    this.clock = new FakeClock(0, () => this.settle());
  }

  getJob(ref: JobRef, signal: AbortSignal): Promise<AnyRestoreJob> {
    return this.track(ref, (client) => getJobOfFamily(client, ref.family, ref.groupId, ref.clusterName, ref.jobId, { signal }));
  }

  listFirstPage(ref: JobRef, itemsPerPage: number, signal: AbortSignal): Promise<AnyRestoreJob[]> {
    return this.track(ref, async (client) => {
      const page = await listJobsOfFamily(client, ref.family, ref.groupId, ref.clusterName, { itemsPerPage, pageNum: 1, includeCount: false, signal });
      return page.results;
    });
  }

  private track<T>(ref: JobRef, call: (client: AtlasClient) => Promise<T>): Promise<T> {
    const client = this.clients.get(ref.connectionId);
    if (!client) throw new Error(`No client for connection ${ref.connectionId}`);
    this.sent.push({ connectionId: ref.connectionId, at: this.clock.now() });
    const answer = call(client);
    const done = answer.then(
      () => undefined,
      () => undefined,
    );
    this.pending.add(done);
    void done.then(() => this.pending.delete(done));
    return answer;
  }

  /** Until every request sent so far is answered and its answer handled (which may send more). */
  private async settle(): Promise<void> {
    await flushPromises();
    while (this.pending.size > 0) {
      await Promise.all([...this.pending]);
      await flushPromises();
    }
  }
}
