import type { WatchClock } from './types';

/**
 * The real clock. Timers are unref'd: the scheduler's next poll is never a reason for a process (a test
 * run, a script) to stay alive; in the extension host it makes no difference.
 */
export const systemClock: WatchClock = {
  now: () => Date.now(),
  setTimeout(fn, ms) {
    const handle = setTimeout(fn, ms) as unknown as { unref?: () => void };
    handle.unref?.();
    return handle;
  },
  clearTimeout(handle) {
    clearTimeout(handle as Parameters<typeof clearTimeout>[0]);
  },
};
