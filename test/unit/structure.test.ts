import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * The layering the README's layout table promises, checked on the source itself so that a shortcut
 * (a `vscode` import in the client, an import cycle, a file that grew into several jobs) fails here
 * instead of in review.
 */
const SRC = resolve(__dirname, '../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

const files = sourceFiles(SRC);
const rel = (path: string) => relative(SRC, path).split('\\').join('/');

/** Module specifiers of `import … from '…'` and `export … from '…'`, type-only ones included. */
function specifiers(text: string): string[] {
  return [...text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+'([^']+)'/gms)].map((m) => m[1]);
}

function resolveLocal(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(from), specifier);
  for (const candidate of [`${base}.ts`, join(base, 'index.ts')]) {
    if (files.includes(candidate)) return candidate;
  }
  return undefined;
}

const graph = new Map(files.map((f) => [f, specifiers(readFileSync(f, 'utf8'))]));

describe('source structure', () => {
  it('finds the sources and their imports', () => {
    assert.ok(files.length > 40, `only ${files.length} files under src/`);
    assert.ok([...graph.values()].some((s) => s.includes('vscode')), 'the import parser found no vscode import at all');
  });

  it('keeps VS Code out of the client, the job vocabulary, the formatting, the watch scheduler, the downloader, the search, the restore history numbers and the page scripts', () => {
    const offenders = files
      .filter((f) => /^(atlas|jobs|format|watch|webview|download|search|history|cliImport|offline)\//.test(rel(f)))
      .filter((f) => graph.get(f)!.some((s) => s === 'vscode'))
      .map(rel);
    assert.deepEqual(offenders, []);
  });

  it('lets the client import nothing of the extension above it', () => {
    const offenders = files
      .filter((f) => rel(f).startsWith('atlas/'))
      .flatMap((f) =>
        graph
          .get(f)!
          .map((s) => resolveLocal(f, s))
          .filter((target): target is string => target !== undefined && !rel(target).startsWith('atlas/'))
          .map((target) => `${rel(f)} → ${rel(target)}`),
      );
    assert.deepEqual(offenders, []);
  });

  it('has no import cycle', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (file: string) => {
      state.set(file, 'open');
      stack.push(file);
      for (const spec of graph.get(file)!) {
        const target = resolveLocal(file, spec);
        if (!target) continue;
        if (state.get(target) === 'open') {
          cycles.push([...stack.slice(stack.indexOf(target)), target].map(rel).join(' → '));
        } else if (!state.has(target)) {
          visit(target);
        }
      }
      stack.pop();
      state.set(file, 'done');
    };
    for (const file of files) if (!state.has(file)) visit(file);
    assert.deepEqual(cycles, []);
  });

  it('keeps every module small enough to have one job (the spec mirror aside)', () => {
    const long = files
      .filter((f) => rel(f) !== 'atlas/types.ts')
      .map((f) => ({ file: rel(f), lines: readFileSync(f, 'utf8').split('\n').length }))
      .filter((f) => f.lines > 300)
      .map((f) => `${f.file}: ${f.lines} lines`);
    assert.deepEqual(long, []);
  });
});
