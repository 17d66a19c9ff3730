/**
 * The demo's restore history (DEMO.history): months of restores of one sharded cluster, laid out so a
 * timeline of them is worth drawing — not one job per hour like the other demo clusters, but what a
 * team's history looks like:
 *
 *   cloud backup  routine restore drills every 5–9 days (an automated restore, two in five followed by a
 *                 download), ad-hoc downloads every 6–14 days, and four incidents: bursts of 3–5 restores
 *                 within hours of each other, the first of two of them failed and retried. Lengths (request
 *                 → `finishedAt`) are skewed: most 15–60 min, a fifth 1–3 h, one or two of 5–8 h. Five
 *                 failed (`failed: true`, no `finishedAt`, as the factory makes failed jobs), one or two
 *                 cancelled, old download links expired, and the newest one still running.
 *   legacy        three sharded batches (a job per shard and one for the config server, HTTP, FINISHED, their
 *                 links long EXPIRED), each job with its own completion: `expires` = completion +
 *                 `expirationHours` h exactly, as the spec defines `expirationHours`. In the latest batch one
 *                 shard is clearly the slow one (DEMO.history.latestBatchReadyMinutes).
 *
 * Everything is drawn from the store's seed (its own stream), relative to the anchor: the same seed and
 * "today" give the same history. Every job but the running one ended at least a day before the anchor.
 */
import type { CloudState, CloudVariant, LegacyVariant } from './job-factory';
import { forkRng, objectId, randInt, type Rng } from './prng';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

export interface HistoryOptions {
  /** How many days back the restores go. */
  days: number;
  /** How many cloud backup restore jobs, the running one included: the same whatever the seed (the counts printed do not move). */
  cloudBackupJobs: number;
  /** Minutes from request to ready of the latest legacy batch's jobs, one per replica set (shards, then the config server). */
  latestBatchReadyMinutes: readonly number[];
}

export interface HistoryPlan {
  /** Newest first, as the list answers them. */
  cloudBackup: CloudVariant[];
  /** Newest batch first; in a batch the shards, then the config server. */
  legacy: LegacyVariant[];
}

interface Restore {
  at: number;
  deliveryType: 'download' | 'automated';
  /** Which incident it belongs to, if any, and its place in it. */
  incident?: { n: number; place: number };
}

/** Midnight UTC `daysAgo` days before the anchor. */
function midnight(anchor: number, daysAgo: number): number {
  return Math.floor((anchor - daysAgo * DAY_MS) / DAY_MS) * DAY_MS;
}

function shuffle<T>(rng: Rng, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

/**
 * `count` lengths (ms) with a realistic skew, in random order: stratified so that the spread is the same
 * whatever the seed — 1–2 outliers of 5–8 h, a fifth of 65 min – 3 h, the rest 15–60 min, most of them short.
 */
function skewedLengths(rng: Rng, count: number): number[] {
  const outliers = Math.min(count, randInt(rng, 1, 2));
  const medium = Math.min(count - outliers, Math.round(count * 0.2));
  const short = count - outliers - medium;
  const q = (i: number, n: number) => (i + rng()) / n;
  const minutes = [
    ...Array.from({ length: short }, (_, i) => 15 + 45 * q(i, short) ** 1.7),
    ...Array.from({ length: medium }, (_, i) => 65 + 115 * q(i, medium)),
    ...Array.from({ length: outliers }, (_, i) => 300 + 180 * q(i, outliers)),
  ];
  return shuffle(
    rng,
    minutes.map((m) => Math.round(m * 60) * 1000),
  );
}

export function historyPlan(seed: number, anchor: number, replicaSets: readonly string[], options: HistoryOptions): HistoryPlan {
  const rng = forkRng(seed, 'demo:history');
  const first = options.days - 2; // days ago
  const restores: Restore[] = [];

  // Restore drills: an automated restore in working hours, two in five followed by a download.
  for (let day = first - randInt(rng, 0, 2); day >= 2; day -= randInt(rng, 5, 9)) {
    const at = midnight(anchor, day) + randInt(rng, 9 * 60, 16 * 60) * MINUTE_MS;
    restores.push({ at, deliveryType: 'automated' });
    if (rng() < 0.4) restores.push({ at: at + randInt(rng, 20, 120) * MINUTE_MS, deliveryType: 'download' });
  }
  // Ad-hoc downloads (someone needs last week's data).
  const adHoc = (day: number): Restore => ({ at: midnight(anchor, day) + randInt(rng, 8 * 60, 20 * 60) * MINUTE_MS, deliveryType: 'download' });
  const adHocs: Restore[] = [];
  for (let day = first - randInt(rng, 1, 5); day >= 2; day -= randInt(rng, 6, 14)) adHocs.push(adHoc(day));
  // Incidents, at any hour: a burst of 3–5 restores within hours, the first an automated restore.
  [0.88, 0.52, 0.28, 0.08].forEach((share, n) => {
    const day = Math.max(3, Math.round(options.days * share) + randInt(rng, -3, 3));
    let at = midnight(anchor, day) + randInt(rng, 0, 23 * 60) * MINUTE_MS;
    const count = randInt(rng, 3, 5);
    for (let place = 0; place < count; place++) {
      restores.push({ at, deliveryType: place === 0 || rng() < 0.4 ? 'automated' : 'download', incident: { n, place } });
      at += randInt(rng, 10, 75) * MINUTE_MS;
    }
  });
  // As many as asked whatever the seed: fewer or more ad-hoc downloads (a few at most either way).
  const wanted = options.cloudBackupJobs - 1 - restores.length;
  if (wanted < 0) throw new Error(`cloudBackupJobs: at least ${restores.length + 1}`);
  while (adHocs.length > wanted) adHocs.splice(Math.floor(rng() * adHocs.length), 1);
  while (adHocs.length < wanted) adHocs.push(adHoc(randInt(rng, 2, first)));
  restores.push(...adHocs);
  restores.sort((a, b) => b.at - a.at);

  // Outcomes: the first restore of two incidents failed (and was retried), three more failed, one or two cancelled.
  const states = new Map<Restore, CloudState>();
  for (const r of restores) if (r.incident && r.incident.place === 0 && r.incident.n % 2 === 0) states.set(r, 'failed');
  const routine = shuffle(rng, restores.filter((r) => !r.incident));
  for (const r of routine.slice(0, 3)) states.set(r, 'failed');
  for (const r of routine.slice(3, 3 + randInt(rng, 1, 2))) states.set(r, 'cancelled');

  const ended = restores.filter((r) => !states.has(r));
  const lengths = skewedLengths(rng, ended.length);
  const cloudBackup: CloudVariant[] = restores.map((r) => {
    const state = states.get(r);
    if (state) return { deliveryType: r.deliveryType, state, timing: { createdAt: r.at, readyAfterMs: randInt(rng, 5, 90) * MINUTE_MS } };
    const readyAfterMs = lengths[ended.indexOf(r)]!;
    // A download's link expired unless it finished in the last three days; an automated restore has none.
    const linkExpired = r.deliveryType === 'download' && r.at + readyAfterMs < anchor - 3 * DAY_MS;
    return { deliveryType: r.deliveryType, state: linkExpired ? 'expired' : 'finished', timing: { createdAt: r.at, readyAfterMs } };
  });
  // The newest restore is still running. "Today" is noon UTC (the anchor): requested 12 h and a bit before,
  // it is in the past of any clock on that UTC day, so a demo or UI test run in the morning still draws it.
  cloudBackup.unshift({ deliveryType: 'download', state: 'inProgress', timing: { createdAt: anchor - (12 * 60 + randInt(rng, 20, 55)) * MINUTE_MS, readyAfterMs: 0 } });

  // Legacy: three sharded batches over the months, the latest with one slow shard.
  if (options.latestBatchReadyMinutes.length !== replicaSets.length) throw new Error('latestBatchReadyMinutes: one per replica set');
  const legacy: LegacyVariant[] = [0.24, 0.56, 0.93].flatMap((share, b) => {
    const batchId = objectId(rng);
    const createdAt = midnight(anchor, Math.round(options.days * share) + randInt(rng, -3, 3)) + randInt(rng, 9 * 60, 17 * 60) * MINUTE_MS;
    return replicaSets.map((replicaSetName, i): LegacyVariant => {
      const config = i === replicaSets.length - 1;
      const minutes = b === 0 ? options.latestBatchReadyMinutes[i]! : config ? randInt(rng, 8, 16) : randInt(rng, 30, 55);
      return {
        method: 'HTTP',
        delivery: 'EXPIRED',
        status: 'FINISHED',
        batch: { batchId, replicaSetName },
        timing: { createdAt, readyAfterMs: minutes * MINUTE_MS },
      };
    });
  });
  return { cloudBackup, legacy };
}
