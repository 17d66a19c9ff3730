import * as l10n from '@vscode/l10n';
import type { RestoreJobFamily } from '../atlas/types';

/** The states a search can ask for; each covers several of the tree's states (see match.ts). */
export const SEARCH_STATES = ['running', 'failed', 'completed', 'ready', 'expired', 'cancelled'] as const;
export type SearchState = (typeof SEARCH_STATES)[number];

/**
 * What a search looks for. Every part narrows it (AND); several states or families widen that part (OR).
 * Free words are matched, each, against the job's id, snapshot id, batch id, target cluster and target project.
 */
export interface SearchQuery {
  states: SearchState[];
  families: RestoreJobFamily[];
  /** Requested within the last this many days. */
  days?: number;
  words: string[];
  /** The query is one 24-hex id and nothing else: the job with that id (or snapshot or batch) is the answer. */
  id?: string;
  /** The text as typed, normalised, to show and to offer again. */
  text: string;
}

const FAMILY_WORDS: Readonly<Record<string, RestoreJobFamily>> = {
  legacy: 'legacy',
  cloud: 'cloudBackup',
  cloudbackup: 'cloudBackup',
  serverless: 'serverless',
  flex: 'flex',
};

const STATE_WORDS: Readonly<Record<string, SearchState>> = {
  running: 'running',
  inprogress: 'running',
  failed: 'failed',
  completed: 'completed',
  finished: 'completed',
  ready: 'ready',
  valid: 'ready',
  expired: 'expired',
  cancelled: 'cancelled',
  canceled: 'cancelled',
};

const OBJECT_ID = /^[0-9a-f]{24}$/i;
const MAX_DAYS = 3650;

export class QueryError extends Error {
  override readonly name = 'QueryError';
}

function values(key: string, value: string): string[] {
  const list = value.split(',').map((v) => v.trim().toLowerCase()).filter(Boolean);
  if (list.length === 0) throw new QueryError(l10n.t('"{0}:" needs a value.', key));
  return list;
}

function addOnce<T>(list: T[], value: T): void {
  if (!list.includes(value)) list.push(value);
}

/**
 * Reads a search as typed: `state:failed,cancelled family:legacy days:7 prod-analytics`. Keys are
 * `state:` (running, failed, completed, ready — a link still valid — expired, cancelled), `family:`
 * (legacy, cloud, serverless, flex) and `days:N`; the rest are words. Throws QueryError saying what is
 * wrong with a part, never guessing.
 */
export function parseQuery(input: string): SearchQuery {
  const q: SearchQuery = { states: [], families: [], words: [], text: '' };
  const tokens = input.trim().split(/\s+/).filter(Boolean);
  for (const token of tokens) {
    const m = /^([a-z]+):(.*)$/i.exec(token);
    const key = m?.[1]!.toLowerCase();
    if (m && (key === 'state' || key === 'is' || key === 'status')) {
      for (const v of values(key, m[2]!)) {
        const state = STATE_WORDS[v.replace(/[-_]/g, '')];
        if (!state) throw new QueryError(l10n.t('"{0}" is not a state to search for; use one of {1}.', v, SEARCH_STATES.join(', ')));
        addOnce(q.states, state);
      }
    } else if (m && key === 'family') {
      for (const v of values(key, m[2]!)) {
        const family = FAMILY_WORDS[v.replace(/[-_\s]/g, '')];
        if (!family) throw new QueryError(l10n.t('"{0}" is not a restore job family; use legacy, cloud, serverless or flex.', v));
        addOnce(q.families, family);
      }
    } else if (m && (key === 'days' || key === 'last')) {
      const v = m[2]!.toLowerCase().replace(/d$/, '');
      const n = Number(v);
      if (!/^\d+$/.test(v) || n < 1 || n > MAX_DAYS) throw new QueryError(l10n.t('"{0}" needs a whole number of days from 1 to {1}.', token, MAX_DAYS));
      q.days = n;
    } else {
      addOnce(q.words, token.toLowerCase());
    }
  }
  if (q.words.length === 1 && q.states.length === 0 && q.families.length === 0 && q.days === undefined && OBJECT_ID.test(q.words[0]!)) {
    q.id = q.words[0]!;
  }
  q.text = [
    ...(q.states.length ? [`state:${q.states.join(',')}`] : []),
    ...(q.families.length ? [`family:${q.families.map((f) => (f === 'cloudBackup' ? 'cloud' : f)).join(',')}`] : []),
    ...(q.days !== undefined ? [`days:${q.days}`] : []),
    ...q.words,
  ].join(' ');
  return q;
}

/** Whether the query narrows anything: an empty search would list every job of every cluster. */
export function isEmptyQuery(q: SearchQuery): boolean {
  return q.states.length === 0 && q.families.length === 0 && q.days === undefined && q.words.length === 0;
}
