// The files through which the in-extension-host suite (test/integration/index.ts) reports to its runner:
// a text report it appends to line by line (streamed to our stdout while it runs) and a JSON summary.
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../scripts/real-vscode/config';

export const RESULTS_DIR = join(REPO_ROOT, 'test-results');

export interface SuiteSummary {
  passes: number;
  failures: number;
  pending: number;
  tests: number;
  durationMs: number;
  failed: Array<{ title: string; error: string }>;
}

export interface SuiteFiles {
  reportFile: string;
  summaryFile: string;
}

/** Fresh (empty) report and summary paths under test-results/ for the run called `name`. */
export function suiteFiles(name: string): SuiteFiles {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const files = { reportFile: join(RESULTS_DIR, `${name}-report.txt`), summaryFile: join(RESULTS_DIR, `${name}-summary.json`) };
  rmSync(files.reportFile, { force: true });
  rmSync(files.summaryFile, { force: true });
  return files;
}

export function readSummary(file: string): SuiteSummary | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as SuiteSummary;
  } catch {
    return undefined;
  }
}

/** Follows a growing text file and hands each complete line to `onLine`. */
export class FileTail {
  private offset = 0;
  private partial = '';
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly file: string,
    private readonly onLine: (line: string) => void,
    intervalMs = 200,
  ) {
    this.timer = setInterval(() => this.poll(), intervalMs);
  }

  poll(): void {
    if (!existsSync(this.file)) return;
    const size = statSync(this.file).size;
    if (size <= this.offset) return;
    const fd = openSync(this.file, 'r');
    try {
      const buf = Buffer.alloc(size - this.offset);
      readSync(fd, buf, 0, buf.length, this.offset);
      this.offset = size;
      const lines = (this.partial + buf.toString('utf8')).split('\n');
      this.partial = lines.pop() ?? '';
      for (const line of lines) this.onLine(line);
    } finally {
      closeSync(fd);
    }
  }

  /** Reads what is left (including an unterminated last line) and stops following. */
  stop(): void {
    clearInterval(this.timer);
    this.poll();
    if (this.partial) this.onLine(this.partial);
    this.partial = '';
  }
}

export function describeSummary(s: SuiteSummary | undefined): string {
  if (!s) return 'no summary (the suite did not finish)';
  return `${s.passes} passing, ${s.failures} failing, ${s.pending} pending`;
}
