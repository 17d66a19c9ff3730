// `npm run bench:ui [-- --atlas-sessions N] [-- --floor-sessions N] [-- --latency MS] [-- --no-build] [-- --trace FILE] [-- --profile DIR] [-- --floor-fixture DIR]`
//   experiments: [-- --floor-beside] [-- --static-details] [-- --atlas-settings JSON] [-- --scratch-patch FILE]
//
// A stopwatch in real VS Code (code-server + headless Chromium, driven by playwright-core through the UI harness):
// click → rows in the DOM for the Restore Jobs view against the Atlas emulator (demo dataset, latency fault on every
// API path), and the same clicks on a fixture extension with one static row (bench/ui/fixtures/floor-extension),
// VS Code's own floor. Every time is taken in this process with performance.now(): from just before the mouse
// click (coordinates looked up beforehand, so no Playwright actionability checks are inside the time) to the
// moment a requestAnimationFrame-polled check in the page sees the rows (webviews: polled every ~10 ms).
// The emulator runs in this process, so its request log (receivedAt/answeredAt, epoch ms) lines up with the clicks.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { CDPSession, Frame, Page } from 'playwright-core';
import { REPO_ROOT } from '../../scripts/real-vscode/config';
import { demoEnvironment } from '../../scripts/demo/demo';
import { startEmulator, type RunningEmulator } from '../../test/atlas-emulator';
import type { RecordedRequest } from '../../test/atlas-emulator/contract';
import { launchVsCode, type VsCodeSession } from '../../test/ui/harness';
import { AUTHS, newClient } from '../lib/clients';
import { ms, table } from '../lib/table';
import { median } from '../lib/stats';

const DEFAULT_FLOOR_FIXTURE = join(REPO_ROOT, 'bench', 'ui', 'fixtures', 'floor-extension');
const ROW = '.part.sidebar .monaco-list-row';

const { values: opts } = parseArgs({
  options: {
    'atlas-sessions': { type: 'string', default: '4' },
    'floor-sessions': { type: 'string', default: '2' },
    latency: { type: 'string', default: '50' },
    'no-build': { type: 'boolean', default: false },
    /** Diagnostics: the scratch copy (never the working tree) writes timestamps of tree calls to this file. */
    trace: { type: 'string' },
    /** Diagnostics: a CPU profile and a Chrome trace of the workbench page for every timed step, written to this folder. */
    profile: { type: 'string' },
    /** Experiments: a variant of the floor fixture (more menus, deeper rows, other panel options) in its place. */
    'floor-fixture': { type: 'string' },
    /**
     * Experiments: the floor fixture's view also in the Atlas session, in the Atlas view's container, and its
     * static panel opened there after the jobs' details: VS Code's cost of a panel in the same workbench state.
     */
    'floor-beside': { type: 'boolean', default: false },
    /** Experiments: user settings (JSON) for the Atlas sessions, e.g. '{"workbench.tree.renderIndentGuides":"none"}'. */
    'atlas-settings': { type: 'string' },
    /** Experiments: the job row's command opens the floor's static panel instead of the job's details. */
    'static-details': { type: 'boolean', default: false },
    /** Experiments: a JSON file of [{ file, anchor, replace }] edits made to the scratch copy's sources before it is built. */
    'scratch-patch': { type: 'string' },
  },
});
const ATLAS_SESSIONS = Number(opts['atlas-sessions']);
const FLOOR_SESSIONS = Number(opts['floor-sessions']);
const LATENCY = Number(opts.latency);
const FLOOR_FIXTURE = opts['floor-fixture'] ?? DEFAULT_FLOOR_FIXTURE;

const say = (line: string) => process.stdout.write(`[bench:ui] ${line}\n`);

// ---- what one timed step records ----------------------------------------------------------------------------

interface TimedRequest {
  method: string;
  path: string;
  status: number;
  /** ms after the click that the emulator received / answered it. */
  at: number;
  answered?: number;
}

interface Sample {
  step: string;
  session: number;
  what: string;
  ms: number;
  requests: TimedRequest[];
  /** Epoch ms of the click (to line up a --trace file). */
  clickedAt: number;
  /** Requests that arrived after the rows were visible (within a 300 ms look). */
  late: number;
  /** For a webview step: the page's own navigation and resource timings, in ms after the click. */
  page?: { what: string; at: number }[];
  /**
   * The renderer's main thread during the step (Chrome's Performance.getMetrics, read before the click and
   * after the rows): ms spent in tasks, of it in style recalculation, layout and script. Less at the mercy of
   * other processes than the wall time, so variants can be told apart in a few runs.
   */
  renderer?: { taskMs: number; styleMs: number; layoutMs: number; scriptMs: number };
}

type RendererMetrics = Record<string, number>;

const metricsSessions = new WeakMap<Page, CDPSession>();

async function rendererMetrics(page: Page): Promise<RendererMetrics> {
  let cdp = metricsSessions.get(page);
  if (!cdp) {
    cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    metricsSessions.set(page, cdp);
  }
  const { metrics } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
}

const samples: Sample[] = [];

function short(path: string): string {
  return path
    .replace(/^\/api\/atlas\/v2/, '')
    .replace(/[0-9a-f]{24}/g, '{id}')
    .replace(/^\/api\/oauth\/token$/, 'TOKEN');
}

async function timed(
  ctx: { page: Page; emulator?: RunningEmulator; session: number },
  step: string,
  what: string,
  click: () => Promise<void>,
  seen: () => Promise<unknown>,
): Promise<Sample> {
  const before = ctx.emulator?.requests.length ?? 0;
  const profiler = opts.profile ? await startProfile(ctx.page) : undefined;
  const m0 = await rendererMetrics(ctx.page);
  const epoch = Date.now();
  const t0 = performance.now();
  await click();
  await seen();
  const elapsed = performance.now() - t0;
  const m1 = await rendererMetrics(ctx.page);
  const spent = (name: string) => ((m1[name] ?? 0) - (m0[name] ?? 0)) * 1000;
  if (profiler) await profiler.stop(`${step}-${ctx.session}-${what}`);
  const log: readonly RecordedRequest[] = ctx.emulator?.requests ?? [];
  const during = log.slice(before);
  let late = 0;
  if (ctx.emulator) {
    await ctx.page.waitForTimeout(300);
    late = ctx.emulator.requests.length - before - during.length;
  }
  const sample: Sample = {
    step,
    session: ctx.session,
    what,
    ms: elapsed,
    clickedAt: epoch,
    requests: during.map((r) => ({
      method: r.method,
      path: short(r.path),
      status: r.status,
      at: (r.receivedAt ?? epoch) - epoch,
      answered: r.answeredAt !== undefined ? r.answeredAt - epoch : undefined,
    })),
    late,
    renderer: { taskMs: spent('TaskDuration'), styleMs: spent('RecalcStyleDuration'), layoutMs: spent('LayoutDuration'), scriptMs: spent('ScriptDuration') },
  };
  samples.push(sample);
  const r = sample.renderer!;
  say(
    `  ${step} (${what}): ${ms(elapsed)} ms, ${during.length} requests${late ? ` (+${late} after)` : ''}; ` +
      `renderer tasks ${ms(r.taskMs)} ms (style ${ms(r.styleMs)}, layout ${ms(r.layoutMs)}, script ${ms(r.scriptMs)})`,
  );
  return sample;
}

/**
 * `--profile DIR`: the renderer's CPU profile (Chrome DevTools Protocol) from before the click to the rows,
 * one .cpuprofile per step, for DevTools or a script. Sampled every 100 µs: the steps last a few hundred ms.
 */
async function startProfile(page: Page): Promise<{ stop: (name: string) => Promise<void> }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  // And the renderer's own work (style, layout, paint), which a CPU profile only shows as "(program)".
  const browser = page.context().browser();
  await browser?.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', ...(process.env.UI_BENCH_INVALIDATIONS ? ['disabled-by-default-devtools.timeline.invalidationTracking'] : []), ...(process.env.UI_BENCH_TRACE_CATEGORIES?.split(',').filter(Boolean) ?? [])] });
  return {
    stop: async (name) => {
      const { profile } = await cdp.send('Profiler.stop');
      await cdp.detach();
      const trace = await browser?.stopTracing();
      mkdirSync(opts.profile!, { recursive: true });
      const file = join(opts.profile!, name.replace(/[^\w.-]+/g, '_'));
      writeFileSync(`${file}.cpuprofile`, JSON.stringify(profile));
      if (trace) writeFileSync(`${file}.trace.json`, trace);
    },
  };
}

// ---- the page side: rows by text, twisties, children ---------------------------------------------------------

/** data-index and aria-level of the first sidebar row whose text matches. */
async function rowInfo(page: Page, pattern: RegExp): Promise<{ index: number; level: number }> {
  const handle = await page.waitForFunction(
    ({ sel, src, flags }) => {
      const re = new RegExp(src, flags);
      const row = Array.from(document.querySelectorAll<HTMLElement>(sel)).find((r) => re.test(r.textContent ?? ''));
      return row ? { index: Number(row.dataset.index), level: Number(row.getAttribute('aria-level')) } : false;
    },
    { sel: ROW, src: pattern.source, flags: pattern.flags },
    { polling: 'raf', timeout: 60_000 },
  );
  return (await handle.jsonValue()) as { index: number; level: number };
}

async function centerOf(page: Page, selector: string): Promise<{ x: number; y: number }> {
  const box = await page.locator(selector).first().boundingBox();
  if (!box) throw new Error(`not on screen: ${selector}`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

const rowSel = (index: number) => `${ROW}[data-index="${index}"]`;

/** Waits until the row at `at` (a Load more… row) is a row of the list it was in, not Load more… any more. */
async function rowReplaced(page: Page, at: { index: number; level: number }): Promise<void> {
  await page.waitForFunction(
    ({ sel, index, level }) => {
      const row = document.querySelector(`${sel}[data-index="${index}"]`);
      return !!row && Number(row.getAttribute('aria-level')) === level && !/^Load more/.test(row.textContent ?? '');
    },
    { sel: ROW, index: at.index, level: at.level },
    { polling: 'raf', timeout: 60_000 },
  );
}

/** Waits until the row at `index` has its first child (level + 1) rendered right below it. */
function childShown(page: Page, index: number, level: number, minChildren = 1): Promise<unknown> {
  return page.waitForFunction(
    ({ sel, index, level, minChildren }) => {
      for (let k = 1; k <= minChildren; k++) {
        const next = document.querySelector(`${sel}[data-index="${index + k}"]`);
        if (!next || Number(next.getAttribute('aria-level')) !== level + 1) return false;
      }
      return true;
    },
    { sel: ROW, index, level, minChildren },
    { polling: 'raf', timeout: 60_000 },
  );
}

/** Finds a row by text, clicks its twistie, waits for its first child row. */
async function expand(
  ctx: { page: Page; emulator?: RunningEmulator; session: number },
  step: string,
  pattern: RegExp,
  what: string,
): Promise<{ index: number; level: number }> {
  const { page } = ctx;
  const row = await rowInfo(page, pattern);
  const at = await centerOf(page, `${rowSel(row.index)} .monaco-tl-twistie`);
  await timed(ctx, step, what, () => page.mouse.click(at.x, at.y), () => childShown(page, row.index, row.level));
  return row;
}

async function openView(ctx: { page: Page; emulator?: RunningEmulator; session: number }, step: string, container: string, firstRow: RegExp) {
  const { page } = ctx;
  const at = await centerOf(page, `.part.activitybar .action-item a[aria-label^="${container}"]`);
  await timed(
    ctx,
    step,
    container,
    () => page.mouse.click(at.x, at.y),
    () =>
      page.waitForFunction(
        ({ sel, src }) => Array.from(document.querySelectorAll(sel)).some((r) => new RegExp(src).test(r.textContent ?? '')),
        { sel: ROW, src: firstRow.source },
        { polling: 'raf', timeout: 60_000 },
      ),
  );
}

/** The webview frame in which webviewShowing last found what it waited for, for pageTimings. */
let lastWebviewFrame: Frame | undefined;

/**
 * Polls every frame (webviews are nested iframes, other origins) until `shows(arg)`, run in the frame, is true.
 * `shows` is sent to the page as its source: a plain arrow function using only `arg` and the page's globals.
 */
async function webviewShowing(page: Page, what: string, shows: (arg: string) => boolean, arg: string, timeoutMs = 60_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue;
      if (await frame.evaluate(shows, arg).catch(() => false)) {
        lastWebviewFrame = frame;
        return;
      }
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`no webview showed ${what} within ${timeoutMs} ms`);
}

/** Until a webview holds `selector`. */
function webviewContent(page: Page, selector: string): Promise<void> {
  return webviewShowing(page, selector, (s) => !!document.querySelector(s), selector);
}

/**
 * Until a webview's page shows the job whose row has the accessible name `rowLabel`: its header's request
 * time is the row's label (the page's JSON may hold the same time for another job only by chance).
 */
function webviewTitle(page: Page, rowLabel: string | null): Promise<void> {
  const time = /requested (\d{4}-\d\d-\d\d \d\d:\d\d)/.exec(rowLabel ?? '')?.[1];
  if (!time) throw new Error(`no request time in the row's label: ${rowLabel}`);
  return webviewShowing(page, `the job requested ${time}`, (t) => Array.from(document.querySelectorAll('.fact-value')).some((e) => e.textContent?.trim() === t), time);
}

/**
 * Where a webview page's own time went, read after the step (untimed) from the frame that showed it: its
 * navigation (document requested, received, parsed) and each resource it loaded, in ms after `clickedAt`
 * (the browser runs on this machine: its epoch clock is ours).
 */
async function pageTimings(clickedAt: number): Promise<{ what: string; at: number }[] | undefined> {
  const frame = lastWebviewFrame;
  lastWebviewFrame = undefined;
  const page = await frameTimings(frame, clickedAt, 'page');
  // VS Code's webview host page, which frames the extension's page: when the webview itself was made.
  const host = await frameTimings(frame?.parentFrame() ?? undefined, clickedAt, 'webview host');
  return page || host ? [...(host ?? []), ...(page ?? [])] : undefined;
}

async function frameTimings(frame: Frame | undefined, clickedAt: number, who: string): Promise<{ what: string; at: number }[] | undefined> {
  const t = await frame
    ?.evaluate(() => {
      // The page's own Performance: a bare `performance` would be this module's node:perf_hooks import, which
      // the compiled function names and the page has not; bench/ has Node's types only.
      type Entry = { name: string; startTime: number; responseEnd: number; domInteractive: number; domContentLoadedEventEnd: number; loadEventEnd: number };
      const perf = (globalThis as unknown as { performance: { timeOrigin: number; getEntriesByType(type: string): Entry[] } }).performance;
      const nav = perf.getEntriesByType('navigation')[0];
      return {
        origin: perf.timeOrigin,
        nav: nav ? { start: nav.startTime, response: nav.responseEnd, interactive: nav.domInteractive, loaded: nav.domContentLoadedEventEnd, load: nav.loadEventEnd } : undefined,
        // The page's own milestones (src/webview/jobDetails/marks.ts), in the document VS Code writes into the frame.
        marks: perf.getEntriesByType('mark').map((m) => ({ name: m.name, at: m.startTime })),
        resources: perf.getEntriesByType('resource').map((r) => ({ name: r.name.split('/').pop() ?? r.name, start: r.startTime, end: r.responseEnd })),
      };
    })
    .catch((e: unknown) => void say(`page timings not read: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`));
  if (!t) return undefined;
  const at = (ms: number) => t.origin + ms - clickedAt;
  return [
    ...(t.nav
      ? [
          { what: `${who}: document requested`, at: at(t.nav.start) },
          { what: `${who}: document received`, at: at(t.nav.response) },
          { what: `${who}: DOM interactive`, at: at(t.nav.interactive) },
          { what: `${who}: DOMContentLoaded done`, at: at(t.nav.loaded) },
          ...(t.nav.load > 0 ? [{ what: `${who}: load event done`, at: at(t.nav.load) }] : []),
        ]
      : []),
    ...t.marks.map((m) => ({ what: `${who}: mark ${m.name}`, at: at(m.at) })),
    ...t.resources.flatMap((r) => [
      { what: `${who}: ${r.name} requested`, at: at(r.start) },
      { what: `${who}: ${r.name} received`, at: at(r.end) },
    ]),
  ];
}

async function closeEditors(vsc: VsCodeSession): Promise<void> {
  await vsc.workbench.runCommand('View: Close All Editors');
  await vsc.browser.page.waitForFunction(() => document.querySelectorAll('iframe.webview').length === 0, undefined, { timeout: 10_000 }).catch(() => undefined);
}

/** Scrolls the tree until a row matching `pattern` is rendered (the list renders only what is on screen). */
async function scrollTo(page: Page, pattern: RegExp): Promise<void> {
  const tree = await centerOf(page, '.part.sidebar .monaco-list');
  await page.mouse.move(tree.x, tree.y);
  for (let i = 0; i < 80; i++) {
    const found = await page.evaluate(
      ({ sel, src }) => {
        const row = Array.from(document.querySelectorAll<HTMLElement>(sel)).find((r) => new RegExp(src).test(r.textContent ?? ''));
        if (!row) return false;
        const list = row.closest('.monaco-list')!.getBoundingClientRect();
        const box = row.getBoundingClientRect();
        return box.top >= list.top && box.bottom <= list.bottom;
      },
      { sel: ROW, src: pattern.source },
    );
    if (found) return;
    await page.mouse.wheel(0, 400);
    await page.waitForTimeout(60);
  }
  throw new Error(`row ${pattern} never scrolled into view`);
}

// ---- the extension under test, built outside the working tree -------------------------------------------------

/**
 * scripts/build.mjs deletes dist/ and out/test/integration before it writes, which a test run in the working
 * tree may be reading; so it runs in a scratch copy, and that copy is what code-server links as installed.
 */
function buildScratchExtension(): string {
  const scratch = mkdtempSync(join(tmpdir(), 'atlas-bench-ui-'));
  for (const d of ['src', 'scripts', 'media', 'l10n']) cpSync(join(REPO_ROOT, d), join(scratch, d), { recursive: true });
  for (const f of ['package.json', 'package.nls.json', 'tsconfig.json', 'LICENSE']) cpSync(join(REPO_ROOT, f), join(scratch, f));
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(scratch, 'node_modules'), 'dir');
  if (opts.trace) addTrace(scratch, opts.trace);
  if (opts['static-details']) {
    const path = join(scratch, 'src/panel/jobDetailsPanels.ts');
    const anchor = '  async show(ref: JobRef, job?: AnyRestoreJob, options: { preview?: boolean } = {}): Promise<void> {';
    const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"></head><body><pre class="json">{"static": 1}</pre></body></html>`;
    const text = readFileSync(path, 'utf8');
    if (!text.includes(anchor)) throw new Error('--static-details: no show() in jobDetailsPanels.ts');
    writeFileSync(path, text.replace(anchor, `${anchor}\n    if (ref || job || options) { vscode.window.createWebviewPanel('uiBenchStatic', 'Static', vscode.ViewColumn.Active, {}).webview.html = ${JSON.stringify(html)}; return; }`));
  }
  if (opts['scratch-patch']) {
    for (const { file, anchor, replace } of JSON.parse(readFileSync(opts['scratch-patch'], 'utf8')) as { file: string; anchor: string; replace: string }[]) {
      const text = readFileSync(join(scratch, file), 'utf8');
      if (!text.includes(anchor)) throw new Error(`--scratch-patch: no "${anchor}" in ${file}`);
      writeFileSync(join(scratch, file), text.replace(anchor, replace));
    }
  }
  execFileSync(process.execPath, ['scripts/build.mjs', '--production'], { cwd: scratch, stdio: 'inherit' });
  return scratch;
}

/**
 * `--trace FILE`: the scratch copy's activate(), RestoreJobsExplorer.getChildren and loadMore append
 * `<epoch ms> <what>` lines to FILE (the extension host runs on this machine, so its clock is this process's).
 */
function addTrace(scratch: string, file: string): void {
  writeFileSync(file, '');
  const t = (what: string) => `require('node:fs').appendFileSync(${JSON.stringify(file)}, \`\${Date.now()} ${what}\\n\`);`;
  const patch = (rel: string, anchor: string, insert: string, after = true) => {
    const path = join(scratch, rel);
    const text = readFileSync(path, 'utf8');
    if (!text.includes(anchor)) throw new Error(`--trace: no "${anchor}" in ${rel}`);
    writeFileSync(path, text.replace(anchor, after ? anchor + insert : insert + anchor));
  };
  patch('src/extension.ts', '{ testing?: TestApi } {', t('activate'));
  patch(
    'src/tree/restoreJobsExplorer.ts',
    '  async getChildren(node?: TreeNode): Promise<TreeNode[]> {',
    `\n    ${t('getChildren ${node?.id ?? "(root)"} called')}\n    const tracedResult = await this.tracedGetChildren(node);\n    ${t('getChildren ${node?.id ?? "(root)"} returns ${tracedResult.length}')}\n    return tracedResult;\n  }\n  private async tracedGetChildren(node?: TreeNode): Promise<TreeNode[]> {`,
  );
  patch('src/tree/restoreJobsExplorer.ts', '  async loadMore(node: LoadMoreNode): Promise<void> {', `\n    ${t('loadMore called')}`);
  // Every change the view is told of: VS Code's tree refreshes at once, then at most one refresh per 200 ms.
  patch(
    'src/tree/restoreJobsExplorer.ts',
    '  readonly onDidChangeTreeData = this.emitter.event;',
    `\n  private readonly tracedFire = ((fire) => (node?: TreeNode) => {\n    ${t('tree change fired for ${node?.id ?? "(root)"}')}\n    fire(node);\n  })(this.emitter.fire.bind(this.emitter));\n  private readonly tracedPatch = ((this.emitter as { fire: unknown }).fire = this.tracedFire);`,
  );
  patch('src/panel/jobDetailsPanels.ts', '  async show(ref: JobRef, job?: AnyRestoreJob, options: { preview?: boolean } = {}): Promise<void> {', `\n    ${t('job details: show called')}`);
  patch('src/panel/jobDetailsPanel.ts', '  private onReady(): void {', `\n    ${t('job details: the page said ready')}`);
  patch('src/panel/jobDetailsPanel.ts', '  moveTo(ref: JobRef, job?: AnyRestoreJob): void {', `\n    ${t('job details: the preview panel moves to the next job')}`);
  patch('src/panel/jobDetailsPanels.ts', '    const panel = this.adopt(webviewPanel, ref);', `\n    ${t('job details: panel created and adopted')}`);
  patch('src/panel/jobDetailsPanels.ts', '    this.services.log.info(`Job details: opened ${describeJob(ref)}`);', `\n    ${t('job details: createWebviewPanel returned')}`);
  patch('src/panel/jobDetailsPanel.ts', '    void this.panel.webview.postMessage(message);', `\n    ${t('job details: posted ${message.type}')}`);
  patch(
    'src/tree/restoreJobsExplorer.ts',
    '  getTreeItem(node: TreeNode): vscode.TreeItem {',
    `\n    const tracedT0 = performance.now();\n    try {\n      return this.tracedGetTreeItem(node);\n    } finally {\n      const tracedMs = (performance.now() - tracedT0).toFixed(2);\n      ${t('getTreeItem ${tracedMs}')}\n    }\n  }\n  private tracedGetTreeItem(node: TreeNode): vscode.TreeItem {`,
  );
}

/**
 * The emulator builds data on first read and validates on first answer; a real Atlas does neither in front of
 * the user. One pass through the same lists with a client of its own, so those costs stay out of the steps.
 */
async function warmEmulator(emulator: RunningEmulator): Promise<void> {
  for (const c of emulator.store.clusters()) {
    for (const family of ['cloudBackup', 'legacy', 'serverless', 'flex'] as const) {
      try {
        emulator.store.restoreJobs(c.groupId, c.name, family);
      } catch {
        // not a family of this kind of cluster
      }
    }
  }
  try {
    const client = newClient(emulator, AUTHS[0]!.credentials);
    await client.listOrganizations({ itemsPerPage: 500 });
    const projects = await client.listProjects({ itemsPerPage: 100, includeCount: true });
    const prod = projects.results.find((p) => p.name === 'Production');
    if (prod?.id) {
      await client.listClusters(prod.id, { itemsPerPage: 100 });
      await client.listRestoreJobs('legacy', prod.id, 'prod-rs', { pageNum: 1, itemsPerPage: 100, includeCount: true });
      await client.listRestoreJobs('cloudBackup', prod.id, 'prod-rs', { pageNum: 1, itemsPerPage: 100, includeCount: true });
    }
    client.dispose();
  } catch (error) {
    say(`  (emulator warm-up through the client failed, store warmed only: ${String(error)})`);
  }
}

// ---- sessions -----------------------------------------------------------------------------------------------

async function atlasSession(session: number, extension: string): Promise<void> {
  const emulator = await startEmulator({ dataset: 'demo' });
  emulator.faults.add({ kind: 'latency', ms: LATENCY });
  let vsc: VsCodeSession | undefined;
  try {
    vsc = await launchVsCode({
      extension: { linkedPath: extension },
      env: { ...demoEnvironment(emulator.baseUrl), ...(opts.trace && opts['floor-beside'] ? { UI_BENCH_TRACE: opts.trace } : {}) },
      alsoLinked: opts['floor-beside'] ? [floorBesideAtlas()] : undefined,
      settings: opts['atlas-settings'] ? (JSON.parse(opts['atlas-settings']) as Record<string, unknown>) : undefined,
    });
    const page = vsc.browser.page;
    const ctx = { page, emulator, session };
    await page.waitForTimeout(1500); // let the workbench finish starting up (built-in extensions, layout)
    await vsc.workbench.widenSideBar(560); // the side bar (Explorer) is open at start; its width carries over
    await warmEmulator(emulator);
    emulator.clearRequests();
    await openView(ctx, 'open view', 'Atlas', /^Environment/);
    // Odd sessions: no pause, as a person clicks the connection as soon as it shows (the extension has just
    // activated). Even sessions: 3 s of quiet first, which tells VS Code's start-up from the extension's own work.
    const idle = session % 2 === 0;
    if (idle) await page.waitForTimeout(3000);
    await expand(ctx, idle ? 'expand connection (first, 3 s after)' : 'expand connection (first)', /^Environment/, 'Environment');
    await expand(ctx, 'expand project', /^Production/, 'Production');
    await expand(ctx, 'expand cluster', /^prod-rs/, 'prod-rs');
    const legacy = await expand(ctx, 'expand Legacy backup (page 1)', /^Legacy backup.*130/, 'prod-rs legacy');

    // Open a job's details: three different jobs of the legacy list, one panel at a time.
    for (let k = 1; k <= 3; k++) {
      const at = await centerOf(page, `${rowSel(legacy.index + k)} .monaco-tl-contents`);
      const opened = await timed(ctx, 'open job details', `legacy job #${k}`, () => page.mouse.click(at.x, at.y), () => webviewContent(page, 'pre.json'));
      if (opts.trace) opened.page = await pageTimings(opened.clickedAt);
      await closeEditors(vsc);
    }
    // The next jobs with the details tab still open, as a person looks through a list: the preview tab (VS
    // Code's preview editors, on by default) shows each in place. The first opens it (untimed).
    const first = await centerOf(page, `${rowSel(legacy.index + 4)} .monaco-tl-contents`);
    await page.mouse.click(first.x, first.y);
    await webviewContent(page, 'pre.json');
    for (let k = 5; k <= 7; k++) {
      const id = await page.locator(`${rowSel(legacy.index + k)}`).first().getAttribute('aria-label');
      const at = await centerOf(page, `${rowSel(legacy.index + k)} .monaco-tl-contents`);
      const opened = await timed(ctx, 'open job details (preview tab open)', `legacy job #${k}`, () => page.mouse.click(at.x, at.y), () => webviewTitle(page, id));
      if (opts.trace) opened.page = await pageTimings(opened.clickedAt);
    }
    await closeEditors(vsc);
    if (opts['floor-beside']) await staticPanelBeside(ctx, vsc);

    // Load more…: scroll it into view (untimed), click, wait for the 101st job under Legacy backup.
    await scrollTo(page, /^Load more….*100/);
    const more = await rowInfo(page, /^Load more….*100/);
    const atMore = await centerOf(page, `${rowSel(more.index)} .monaco-tl-contents`);
    await timed(
      ctx,
      'Load more…',
      'prod-rs legacy page 2',
      () => page.mouse.click(atMore.x, atMore.y),
      () => rowReplaced(page, more),
    );

    // Later expands in the warm session: the other projects, and a cluster of one. Back to the top first.
    const list = await centerOf(page, '.part.sidebar .monaco-list');
    await page.mouse.move(list.x, list.y);
    for (let i = 0; i < 30; i++) await page.mouse.wheel(0, -2000);
    await page.waitForTimeout(200);
    const prod = await rowInfo(page, /^Production/);
    const prodTwistie = await centerOf(page, `${rowSel(prod.index)} .monaco-tl-twistie`);
    await page.mouse.click(prodTwistie.x, prodTwistie.y);
    await page.waitForTimeout(300);
    await expand(ctx, 'expand project', /^Staging/, 'Staging');
    const staging = await rowInfo(page, /^Staging/);
    // Staging's first cluster, then collapse Staging and try the lab project.
    const firstCluster = await page.evaluate(
      ({ sel, index }) => document.querySelector(`${sel}[data-index="${index + 1}"] .label-name`)?.textContent ?? '',
      { sel: ROW, index: staging.index },
    );
    if (firstCluster) await expand(ctx, 'expand cluster', new RegExp(`^${firstCluster.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`), `Staging/${firstCluster}`);
    const stTwistie = await centerOf(page, `${rowSel(staging.index)} .monaco-tl-twistie`);
    await page.mouse.click(stTwistie.x, stTwistie.y);
    await page.waitForTimeout(300);
    await expand(ctx, 'expand project', /^R&D/, "R&D-Tom's-Lab");
  } finally {
    await vsc?.close();
    await emulator.close();
  }
}

/** Clicks the floor's row at `index`, times its static panel to `pre.json`, and closes it again. */
async function openStaticPanel(ctx: { page: Page; session: number }, vsc: VsCodeSession, index: number, step: string, what: string): Promise<void> {
  const at = await centerOf(ctx.page, `${rowSel(index)} .monaco-tl-contents`);
  const opened = await timed(ctx, step, what, () => ctx.page.mouse.click(at.x, at.y), () => webviewContent(ctx.page, 'pre.json'));
  if (opts.trace) opened.page = await pageTimings(opened.clickedAt);
  await closeEditors(vsc);
  // A click on the already-selected row runs its command again; move the selection away and back.
  await ctx.page.keyboard.press('Escape');
}

/** A copy of the floor fixture whose view sits in the Atlas view's container, below the Atlas tree. */
function floorBesideAtlas(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ui-bench-floor-beside-'));
  cpSync(FLOOR_FIXTURE, dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { contributes: Record<string, unknown> };
  const views = manifest.contributes.views as Record<string, unknown>;
  manifest.contributes.views = { atlasRestoreJobs: views.uiBenchFloor };
  delete manifest.contributes.viewsContainers;
  writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  return dir;
}

/** The floor's static panel, opened three times from the floor's view beside the Atlas tree as it is now. */
async function staticPanelBeside(ctx: { page: Page; session: number }, vsc: VsCodeSession): Promise<void> {
  const pane = ctx.page.locator('.part.sidebar .pane', { has: ctx.page.locator('.pane-header', { hasText: /Floor Tree/i }) });
  const root = pane.locator('.monaco-list-row', { hasText: /^Floor row/ }).first();
  await root.waitFor({ state: 'visible', timeout: 30_000 });
  await root.locator('.monaco-tl-twistie').click();
  const child = pane.locator('.monaco-list-row', { hasText: /^Floor child/ }).first();
  await child.waitFor({ state: 'visible' });
  for (let k = 1; k <= 3; k++) {
    const box = (await child.locator('.monaco-tl-contents').boundingBox())!;
    const opened = await timed(ctx, 'open static panel beside the Atlas tree', `static webview #${k}`, () => ctx.page.mouse.click(box.x + box.width / 2, box.y + box.height / 2), () => webviewContent(ctx.page, 'pre.json'));
    if (opts.trace) opened.page = await pageTimings(opened.clickedAt);
    await closeEditors(vsc);
    await ctx.page.keyboard.press('Escape');
  }
}

async function floorSession(session: number): Promise<void> {
  const vsc = await launchVsCode({ extension: { linkedPath: FLOOR_FIXTURE }, env: opts.trace ? { UI_BENCH_TRACE: opts.trace } : {} });
  try {
    const page = vsc.browser.page;
    const ctx = { page, session };
    await page.waitForTimeout(1500);
    await openView(ctx, 'open view', 'Floor', /^Floor row/);
    const root = await expand(ctx, 'expand connection (first)', /^Floor row/, 'Floor row');
    // Warm expands: collapse (the fixture then forgets the child), wait, expand again.
    for (let k = 1; k <= 3; k++) {
      const twistie = await centerOf(page, `${rowSel(root.index)} .monaco-tl-twistie`);
      await page.mouse.click(twistie.x, twistie.y);
      await page.waitForFunction((sel) => !document.querySelector(sel), `${rowSel(root.index + 1)}[aria-level="2"]`, { timeout: 10_000 });
      await page.waitForTimeout(500);
      await expand(ctx, 'expand (warm)', /^Floor row/, `Floor row again #${k}`);
    }
    for (let k = 1; k <= 3; k++) await openStaticPanel(ctx, vsc, root.index + 1, 'open job details', `static webview #${k}`);
    // Load more… on a static list: 100 rows, then 30 more, nothing behind them (not a floor the targets use).
    for (let k = 1; k <= 2; k++) {
      const list = await rowInfo(page, /^Floor list/);
      const twistie = await centerOf(page, `${rowSel(list.index)} .monaco-tl-twistie`);
      await page.mouse.click(twistie.x, twistie.y);
      await scrollTo(page, /^Load more…/);
      const more = await rowInfo(page, /^Load more…/);
      const atMore = await centerOf(page, `${rowSel(more.index)} .monaco-tl-contents`);
      await page.waitForTimeout(300);
      await timed(ctx, 'Load more… (static list)', `static list #${k}`, () => page.mouse.click(atMore.x, atMore.y), () => rowReplaced(page, more));
      // Collapsed, the list shows 100 again (the fixture resets it); back to the top for the next round.
      const top = await centerOf(page, '.part.sidebar .monaco-list');
      await page.mouse.move(top.x, top.y);
      for (let i = 0; i < 30; i++) await page.mouse.wheel(0, -2000);
      await page.waitForTimeout(200);
      const again = await rowInfo(page, /^Floor list/);
      const twistieAgain = await centerOf(page, `${rowSel(again.index)} .monaco-tl-twistie`);
      await page.mouse.click(twistieAgain.x, twistieAgain.y);
      await page.waitForTimeout(300);
    }
    // The static panel again, opened from rows of the expanded list, as a job's is from its list (not a floor
    // the targets use): whether a full list of rows makes VS Code's part of opening a panel dearer.
    const list = await rowInfo(page, /^Floor list/);
    const listTwistie = await centerOf(page, `${rowSel(list.index)} .monaco-tl-twistie`);
    await page.mouse.click(listTwistie.x, listTwistie.y);
    await page.waitForTimeout(500);
    for (let k = 1; k <= 3; k++) await openStaticPanel(ctx, vsc, list.index + k, 'open job details (static list row)', `static list row #${k}`);
  } finally {
    await vsc.close();
  }
}

// ---- report -------------------------------------------------------------------------------------------------

const STEPS = [
  'open view',
  'expand connection (first)',
  'expand connection (first, 3 s after)',
  'expand project',
  'expand cluster',
  'expand Legacy backup (page 1)',
  'Load more…',
  'open job details',
  'open job details (preview tab open)',
] as const;
/** What each floor step is, in the report. */
const FLOOR_LABEL: Readonly<Record<string, string>> = {
  'expand connection (first)': 'expand the static row, at once',
  'expand (warm)': 'expand it again (warm)',
  'open job details': 'open a static webview panel',
  'Load more… (static list)': 'Load more… on a static list (100 rows, 30 more)',
  'open job details (static list row)': 'open the static panel from a row of that list',
};

/** The floor step each Atlas step is compared with. */
const FLOOR_OF: Record<string, string> = {
  'open view': 'open view',
  'expand connection (first)': 'expand connection (first)',
  'expand connection (first, 3 s after)': 'expand (warm)',
  'expand project': 'expand (warm)',
  'expand cluster': 'expand (warm)',
  'expand Legacy backup (page 1)': 'expand (warm)',
  'Load more…': 'expand (warm)',
  'open job details': 'open job details',
  'open job details (preview tab open)': 'open job details',
};

async function main(): Promise<void> {
  const started = performance.now();
  const extension = opts['no-build'] ? REPO_ROOT : buildScratchExtension();
  const atlas: Sample[] = [];
  const floor: Sample[] = [];
  try {
    for (let s = 1; s <= FLOOR_SESSIONS; s++) {
      say(`floor session ${s}/${FLOOR_SESSIONS}`);
      const n = samples.length;
      await floorSession(s);
      floor.push(...samples.slice(n));
    }
    for (let s = 1; s <= ATLAS_SESSIONS; s++) {
      say(`Atlas session ${s}/${ATLAS_SESSIONS} (latency ${LATENCY} ms)`);
      const n = samples.length;
      await atlasSession(s, extension);
      atlas.push(...samples.slice(n));
    }
  } finally {
    if (extension !== REPO_ROOT) rmSync(extension, { recursive: true, force: true });
  }

  const floorMedian = (step: string) => median(floor.filter((x) => x.step === step).map((x) => x.ms));
  const rows: string[][] = [];
  const summary: string[] = [];
  const stepsOut: unknown[] = [];
  const targetAbove = 2 * LATENCY + 150;
  for (const step of STEPS) {
    const xs = atlas.filter((x) => x.step === step);
    if (xs.length === 0) continue;
    const m = median(xs.map((x) => x.ms));
    const f = floorMedian(FLOOR_OF[step]!);
    const reqs = xs.map((x) => x.requests.length);
    const reqText = Math.min(...reqs) === Math.max(...reqs) ? String(reqs[0]) : `${Math.min(...reqs)}–${Math.max(...reqs)}`;
    const target = f + targetAbove;
    const distance = m - target;
    // Where the time goes, per sample: click → first request received (VS Code, the extension, the client before
    // any network), first received → last answered (Atlas, with whatever waits between requests), last answered
    // → rows in the DOM (the extension building rows, VS Code carrying them to the page and rendering).
    const phases = xs.filter((x) => x.requests.length > 0).map((x) => {
      const firstAt = Math.min(...x.requests.map((r) => r.at));
      const lastAnswer = Math.max(...x.requests.map((r) => r.answered ?? r.at));
      return { before: firstAt, atlas: lastAnswer - firstAt, after: x.ms - lastAnswer };
    });
    const phase = (k: 'before' | 'atlas' | 'after') => (phases.length ? ms(median(phases.map((p) => p[k]))) : '');
    // The run nearest the median, for its request sequence.
    const first = [...xs].sort((a, b) => Math.abs(a.ms - m) - Math.abs(b.ms - m))[0]!;
    rows.push([
      step,
      String(xs.length),
      ms(m),
      `${ms(Math.min(...xs.map((x) => x.ms)))}–${ms(Math.max(...xs.map((x) => x.ms)))}`,
      reqText,
      phase('before'),
      phase('atlas'),
      phase('after'),
      ms(f),
      ms(target),
      `${distance >= 0 ? '+' : ''}${ms(distance)}`,
    ]);
    const seq = first.requests.map((r) => `${r.method} ${r.path} @${r.at}→${r.answered ?? '?'}`).join(', ');
    summary.push(
      `${step}: ${ms(m)} ms median of ${xs.length}, ${reqText} Atlas request(s); floor ${ms(f)} ms + 2 round trips + 150 ms = ${ms(target)} ms → ` +
        `${distance >= 0 ? `${ms(distance)} ms over` : `${ms(-distance)} ms under`}` +
        (seq ? `. Requests of one run (ms after the click, received→answered): ${seq}` : ''),
    );
    stepsOut.push({ step, runs: xs.length, medianMs: m, phasesMs: phases, samplesMs: xs.map((x) => x.ms), requests: reqs, floorStep: FLOOR_OF[step], floorMs: f, targetMs: target, distanceMs: distance });
  }
  const floorRows = [...new Set(floor.map((x) => x.step))].map((step) => {
    const xs = floor.filter((x) => x.step === step).map((x) => x.ms);
    return [`floor: ${FLOOR_LABEL[step] ?? step}`, String(xs.length), ms(median(xs)), `${ms(Math.min(...xs))}–${ms(Math.max(...xs))}`, '0', '', '', '', '', '', ''];
  });
  const rendered = table(
    [
      { title: 'step (click → rows in the DOM)' },
      { title: 'runs', align: 'right' },
      { title: 'median ms', align: 'right' },
      { title: 'min–max ms', align: 'right' },
      { title: 'requests', align: 'right' },
      { title: 'click→1st req', align: 'right' },
      { title: 'Atlas span', align: 'right' },
      { title: 'answer→rows', align: 'right' },
      { title: 'floor ms', align: 'right' },
      { title: `target ms (floor + ${targetAbove})`, align: 'right' },
      { title: 'vs target', align: 'right' },
    ],
    [...floorRows, ...rows],
  );
  process.stdout.write(`\nUI stopwatch, code-server + Chromium, emulator latency ${LATENCY} ms per Atlas answer\n\n${rendered}\n\n`);
  for (const line of summary) process.stdout.write(`${line}\n`);

  if (opts.trace) {
    // The extension host's side of chosen steps, in ms after the click, with the Atlas requests interleaved.
    const lines = readFileSync(opts.trace, 'utf8').trim().split('\n').map((l) => {
      const [at, ...what] = l.split(' ');
      return { at: Number(at), what: what.join(' ') };
    });
    process.stdout.write('\nTimelines (--trace; ms after the click):\n');
    const floorPanels = floor.filter((f) => f.step.startsWith('open job details')).map((f) => ({ ...f, step: `floor: ${FLOOR_LABEL[f.step]}` }));
    for (const x of [...floorPanels, ...atlas.filter((a) => /^expand connection|^Load more|^expand cluster|^expand Legacy|^open job details|^open static panel/.test(a.step))]) {
      const events = [
        ...(x.page ?? []),
        ...lines.filter((l) => l.at >= x.clickedAt - 5 && l.at <= x.clickedAt + x.ms + 50).map((l) => ({ at: l.at - x.clickedAt, what: `ext host: ${l.what}` })),
        ...x.requests.flatMap((r) => [
          { at: r.at, what: `Atlas received ${r.method} ${r.path}` },
          ...(r.answered !== undefined ? [{ at: r.answered, what: `Atlas answered ${r.method} ${r.path} ${r.status}` }] : []),
        ]),
        { at: x.ms, what: /open job details|webview panel|static panel/.test(x.step) ? 'pre.json in the page' : 'rows in the DOM' },
      ].sort((a, b) => a.at - b.at);
      process.stdout.write(`  ${x.step} — ${x.what}, session ${x.session}: ${ms(x.ms)} ms\n`);
      // Runs of getTreeItem calls as one line: how many, from when to when, and their summed duration.
      for (let i = 0; i < events.length; i++) {
        const e = events[i]!;
        if (!e.what.startsWith('ext host: getTreeItem ')) {
          process.stdout.write(`    ${String(Math.round(e.at)).padStart(6)}  ${e.what}\n`);
          continue;
        }
        let j = i;
        let sum = 0;
        while (j < events.length && events[j]!.what.startsWith('ext host: getTreeItem ')) sum += Number(events[j++]!.what.split(' ').pop());
        process.stdout.write(`    ${String(Math.round(e.at)).padStart(6)}  ext host: getTreeItem ×${j - i} until ${Math.round(events[j - 1]!.at)}, ${sum.toFixed(1)} ms inside\n`);
        i = j - 1;
      }
    }
  }

  const out = join(REPO_ROOT, 'bench', 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(
    join(out, 'ui-latest.json'),
    `${JSON.stringify({ date: new Date().toISOString(), latencyMs: LATENCY, atlasSessions: ATLAS_SESSIONS, floorSessions: FLOOR_SESSIONS, steps: stepsOut, samples }, null, 2)}\n`,
  );
  say(`wrote bench/results/ui-latest.json (${((performance.now() - started) / 1000).toFixed(0)} s)`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
