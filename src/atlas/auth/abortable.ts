import { TransportFailure } from '../http';

/**
 * Lets one caller stop waiting for a promise shared with others (a token request, a Digest challenge)
 * without cancelling it for the rest. Rejects as the transport does when a request is cancelled.
 */
export function raceWithSignal<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new TransportFailure('cancelled', undefined, 0));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new TransportFailure('cancelled', undefined, 0));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}
