import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const PAGE_DIR = join(__dirname, '../../../src/webview');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}

describe('job details page source', () => {
  it('never parses HTML: no innerHTML, outerHTML, insertAdjacentHTML, document.write or inline styles', () => {
    const sources = files(PAGE_DIR).filter((f) => f.endsWith('.ts'));
    assert.ok(sources.length >= 3, 'found the page sources');
    for (const f of sources) {
      const text = readFileSync(f, 'utf8');
      assert.doesNotMatch(text, /\.(innerHTML|outerHTML)\b|insertAdjacentHTML|document\.write|\.style\.|setAttribute\(\s*['"](style|on\w+)['"]/, f);
    }
  });
});
