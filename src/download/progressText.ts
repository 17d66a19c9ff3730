import * as l10n from '@vscode/l10n';
import { bytesText, rateText, timeLeftText } from '../format/bytes';

export interface ProgressFacts {
  fileName: string;
  /** 1-based, and how many files the download has. */
  index: number;
  count: number;
  received: number;
  total?: number;
  bytesPerSecond?: number;
  secondsLeft?: number;
  /** Bytes that were on disk from an earlier run when this one began. */
  resumedFrom?: number;
}

/** "2/3 · shard0.tar.gz — 12.3 MB of 1.00 GB · 45.1 MB/s · 22 s left": one line, the file first. */
export function progressText(p: ProgressFacts): string {
  const parts: string[] = [];
  const of = p.total !== undefined ? l10n.t('{0} of {1}', bytesText(p.received), bytesText(p.total)) : bytesText(p.received);
  parts.push(of);
  if (p.bytesPerSecond !== undefined) parts.push(rateText(p.bytesPerSecond));
  if (p.secondsLeft !== undefined && p.total !== undefined && p.received < p.total) parts.push(timeLeftText(p.secondsLeft));
  if (p.resumedFrom) parts.push(l10n.t('resumed at {0}', bytesText(p.resumedFrom)));
  const file = p.count > 1 ? `${p.index}/${p.count} · ${p.fileName}` : p.fileName;
  return `${file} — ${parts.join(' · ')}`;
}

/** Share of the whole download done, 0–100: each file an equal part, since sizes are known only once each starts. */
export function percentDone(index: number, count: number, received: number, total: number | undefined): number {
  const within = total ? Math.min(1, received / total) : 0;
  return ((index - 1 + within) / count) * 100;
}
