/**
 * The job details page with a big legacy job (issue #11), run by hand (not part of npm run bench):
 *   node --import tsx bench/experiments/panel-page.ts [HASHES, default 5000] [--runs N]
 * Both halves of "answer → first paint" without code-server around them, so each can be looked at alone:
 *  - host: what the panel does with a fetched job before posting (view model, masking, JSON), and the size of
 *    what it posts, JSON.stringify standing in for VS Code's own serialization of a webview message;
 *  - page: the webview bundle in headless Chromium (a stub `acquireVsCodeApi`, the real CSP and stylesheet),
 *    given those messages (the JSON as late as the host made it); times from the page's own performance
 *    marks: post → content in the DOM, → painted, → every hash row reachable, → JSON shown; then a scroll
 *    to the last hash row and a filter pasted.
 * code-server adds the trip from the extension host to the webview (a websocket and two iframes) on top.
 * Medians of N runs (default 3) after one warm-up, each in a fresh page.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as esbuild from 'esbuild';
import { launchChromium } from '../../scripts/real-vscode/browser';
import { PageFeed } from '../../src/panel/pageFeed';
import { pageStrings } from '../../src/panel/pageStrings';
import type { ToWebview } from '../../src/panel/protocol';
import type { LegacyRestoreJob } from '../../src/atlas/types';
import { legacyJob, legacyRef } from '../../test/unit/panel/fixtures';
import { median } from '../lib/stats';

const ROOT = join(__dirname, '..', '..');
const { values: opts, positionals } = parseArgs({ allowPositionals: true, options: { runs: { type: 'string', default: '3' } } });
const count = Number(positionals[0] ?? 5000);
const runs = Number(opts.runs);

const hashes: NonNullable<LegacyRestoreJob['hashes']> = Array.from({ length: count }, (_, i) => ({
  fileName: `${i % 2 ? 'index' : 'collection'}-${i}--${(8_123_456_789_012_345_678n + BigInt(i) * 7919n).toString()}.wt`,
  hash: (Math.imul(i + 1, 2654435761) >>> 0).toString(16).padStart(8, '0').repeat(5),
  typeName: 'SHA1' as const,
}));
const job = { family: 'legacy' as const, job: { ...legacyJob, hashes } };

/** The panel's posts for a job it has just fetched, as its PageFeed makes them; the JSON timed on its own. */
function hostSide(): { viewMs: number; documentMs: number; viewBytes: number; documentBytes: number; messages: ToWebview[] } {
  const messages: ToWebview[] = [{ type: 'init', ref: legacyRef, strings: pageStrings(), seq: 1, preview: false }, { type: 'loading', loading: false }, { type: 'error', error: null }];
  let deferred: (() => void) | undefined;
  const feed = new PageFeed((m) => messages.push(m), (task) => ((deferred = task), () => undefined));
  let started = performance.now();
  feed.send({ ref: legacyRef, job, now: new Date(), fetchedAt: new Date(), format: { dateTime: (d) => d.toISOString() } });
  const viewBytes = messages.reduce<number>((n, m) => n + JSON.stringify(m).length, 0);
  const viewMs = performance.now() - started;
  started = performance.now();
  deferred?.();
  const documentBytes = JSON.stringify(messages.at(-1)).length;
  return { viewMs, documentMs: performance.now() - started, viewBytes, documentBytes, messages };
}

async function main(): Promise<void> {
  const out = mkdtempSync(join(tmpdir(), 'panel-page-'));
  const { shippedBundles } = await import('../../scripts/bundles.mjs');
  const webview = shippedBundles({ root: ROOT, production: true }).find((b) => b.name === 'webview')!;
  await esbuild.build({ ...webview.options, outdir: out });
  const files: Record<string, { type: string; body: Buffer }> = {
    '/jobDetails.js': { type: 'text/javascript', body: readFileSync(join(out, 'jobDetails.js')) },
    '/jobDetails.css': { type: 'text/css', body: readFileSync(join(ROOT, 'media', 'jobDetails.css')) },
    '/codicon.css': { type: 'text/css', body: readFileSync(join(ROOT, 'node_modules', '@vscode', 'codicons', 'dist', 'codicon.css')) },
    '/codicon.ttf': { type: 'font/ttf', body: readFileSync(join(ROOT, 'node_modules', '@vscode', 'codicons', 'dist', 'codicon.ttf')) },
    '/': {
      type: 'text/html',
      body: Buffer.from(`<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src http://panel.bench; font-src http://panel.bench; img-src http://panel.bench data:; script-src 'nonce-bench';">
<link rel="stylesheet" href="/codicon.css" id="vscode-codicon-stylesheet"><link rel="stylesheet" href="/jobDetails.css"></head>
<body><main id="app" aria-busy="true"></main><div id="announcer" class="visually-hidden" role="status" aria-live="polite"></div>
<script nonce="bench">window.__name = (f) => f; window.acquireVsCodeApi = () => ({ postMessage: () => {}, getState: () => undefined, setState: () => {} });</script>
<script nonce="bench" src="/jobDetails.js"></script></body></html>`),
    },
  };
  const browser = await launchChromium({ viewport: { width: 1200, height: 900 } });
  await browser.context.route('http://panel.bench/**', (route) => {
    const f = files[new URL(route.request().url()).pathname];
    return f ? route.fulfill({ status: 200, contentType: f.type, body: f.body }) : route.fulfill({ status: 404 });
  });
  const rows: Record<string, number[]> = {};
  const add = (k: string, v: number) => (rows[k] ??= []).push(v);
  try {
    for (let run = 0; run <= runs; run++) {
      const host = hostSide();
      const page = browser.page;
      await page.goto('http://panel.bench/');
      await page.evaluate(([m, delay]) => Object.assign(window, { pending: m, documentDelay: delay }), [host.messages, host.documentMs] as const);
      const t = await page.evaluate(async () => {
        const at = (name: string) => new Promise<number>((resolve) => {
          const look = () => {
            const m = performance.getEntriesByName(name).at(-1);
            if (m) resolve(m.startTime);
            else if (performance.now() - start > 60_000) resolve(NaN);
            else setTimeout(look, 5);
          };
          look();
        });
        const start = performance.now();
        // As the host posts them: the view at once, the JSON once the host has made it.
        const { pending, documentDelay } = window as unknown as { pending: Array<{ type: string }>; documentDelay: number };
        for (const m of pending) if (m.type !== 'document') window.postMessage(m, '*');
        setTimeout(() => window.postMessage(pending.at(-1), '*'), documentDelay);
        const [content, painted, hashesReady, json] = await Promise.all(['jobDetails:content', 'jobDetails:painted', 'jobDetails:hashes', 'jobDetails:json'].map(at));
        return { content: content! - start, painted: painted! - start, hashes: hashesReady! - start, json: json! - start };
      });
      const scrolled = await page.evaluate(async () => {
        const table = document.querySelector('table.hashes')!;
        const start = performance.now();
        window.scrollBy(0, table.getBoundingClientRect().bottom - window.innerHeight);
        const last = table.getAttribute('aria-rowcount');
        for (let frames = 0; frames < 600; frames++) {
          const found = table.querySelector(`tr[aria-rowindex="${last}"]`);
          if (found && found.getBoundingClientRect().bottom <= window.innerHeight + 1) break;
          await new Promise((r) => requestAnimationFrame(r));
        }
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r)));
        return performance.now() - start;
      });
      // Typed as one input event, as a paste is: the row found, drawn and painted.
      const filtered = await page.evaluate(async (needle) => {
        const box = document.querySelector<HTMLInputElement>('input.hash-filter');
        if (!box) return NaN;
        const start = performance.now();
        box.value = needle;
        box.dispatchEvent(new Event('input'));
        while (!Array.from(document.querySelectorAll('.hash-value')).some((c) => c.textContent === needle)) await new Promise((r) => requestAnimationFrame(r));
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r)));
        return performance.now() - start;
      }, hashes[Math.floor(count * 0.87)]!.hash!);
      if (run === 0) continue;
      add('host: view and hash table, serialized (ms)', host.viewMs);
      add('host: posted before the JSON (KB)', host.viewBytes / 1024);
      add('host: JSON, serialized (ms)', host.documentMs);
      add('host: JSON posted (KB)', host.documentBytes / 1024);
      add('page: post → content in the DOM (ms)', t.content);
      add('page: post → first paint (ms)', t.painted);
      add('page: post → every hash row reachable (ms)', t.hashes);
      add('page: post → JSON shown (ms)', t.json);
      add('page: scroll to the last hash row, painted (ms)', scrolled);
      add('page: filter pasted → the row painted (ms)', filtered);
    }
  } finally {
    await browser.close();
    rmSync(out, { recursive: true, force: true });
  }
  console.log(`${count.toLocaleString('en')} hashes, median of ${runs}:`);
  for (const [k, v] of Object.entries(rows)) console.log(`  ${k.padEnd(60)} ${median(v).toFixed(1).padStart(9)}   (${v.map((x) => x.toFixed(0)).join(', ')})`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
