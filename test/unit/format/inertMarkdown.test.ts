import * as assert from 'node:assert/strict';
import { inertMarkdown } from '../../../src/format/inertMarkdown';

/** Decodes what a Markdown renderer decodes in text: backslash escapes and character references. */
function rendered(markdown: string): string {
  return markdown
    .replace(/\\([\\`*_{}[\]()#+\-!~|<>])/g, '$1')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

describe('inertMarkdown', () => {
  const values = [
    'https://evil.example/steal?x=1',
    'see www.example.com now',
    'mail admin@example.com',
    'javascript:alert(1)',
    '[click](https://evil.example)',
    '<img src=x onerror=alert(1)>',
    "R&D-Tom's-Lab",
    '**bold** _it_ `code` # h',
    'a&#58;b',
  ];

  for (const value of values) {
    it(`renders ${JSON.stringify(value)} as itself`, () => {
      assert.equal(rendered(inertMarkdown(value)), value);
    });
  }

  it('leaves no pattern a renderer would autolink or format', () => {
    for (const value of values) {
      const md = inertMarkdown(value);
      assert.doesNotMatch(md, /:\/\/|www\.|@|\]\(|<[a-z]/i, md);
      assert.doesNotMatch(md, /(^|[^\\])[*_`[\]]/, md);
    }
  });

  it('keeps a row on one line', () => {
    assert.equal(rendered(inertMarkdown('a\nb\r\nc')), 'a b c');
  });
});
