import { systemClock } from './clock';
import type { WatchClock, WatchOptions } from './types';

export interface ResolvedWatchOptions {
  clock: WatchClock;
  isFocused: () => boolean;
  budgetPerMinute: number;
  firstIntervalMs: number;
  maxIntervalMs: number;
  unfocusedFactor: number;
  listPageSize: number;
  maxInFlightPerConnection: number;
  batchLeadMs: number;
  rateLimitPauseMs: number;
}

export const WATCH_DEFAULTS = {
  budgetPerMinute: 30,
  firstIntervalMs: 5_000,
  maxIntervalMs: 60_000,
  unfocusedFactor: 4,
  listPageSize: 100,
  maxInFlightPerConnection: 2,
  batchLeadMs: 5_000,
  rateLimitPauseMs: 60_000,
} as const;

/** Atlas's largest page. */
const MAX_PAGE_SIZE = 500;

/**
 * The numbers come from settings the user can type, so a wrong one falls back to its default (or is
 * clamped) rather than throwing: watching must not fail to start over a typo. Whole numbers where a
 * count is meant; the longest interval is never shorter than the first.
 */
export function resolveWatchOptions(o: WatchOptions = {}): ResolvedWatchOptions {
  const d = WATCH_DEFAULTS;
  const firstIntervalMs = positive(o.firstIntervalMs, d.firstIntervalMs);
  return {
    clock: o.clock ?? systemClock,
    isFocused: o.isFocused ?? (() => true),
    budgetPerMinute: Math.max(1, Math.floor(positive(o.budgetPerMinute, d.budgetPerMinute))),
    firstIntervalMs,
    maxIntervalMs: Math.max(firstIntervalMs, positive(o.maxIntervalMs, d.maxIntervalMs)),
    unfocusedFactor: Math.max(1, positive(o.unfocusedFactor, d.unfocusedFactor)),
    listPageSize: Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(positive(o.listPageSize, d.listPageSize)))),
    maxInFlightPerConnection: Math.max(1, Math.floor(positive(o.maxInFlightPerConnection, d.maxInFlightPerConnection))),
    batchLeadMs: nonNegative(o.batchLeadMs, d.batchLeadMs),
    rateLimitPauseMs: positive(o.rateLimitPauseMs, d.rateLimitPauseMs),
  };
}

function positive(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}

function nonNegative(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : fallback;
}
