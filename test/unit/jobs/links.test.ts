import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { fileNameOfLink, fileNameOfUrl, linkProblem } from '../../../src/jobs/links';

/**
 * What links.ts answered when every link went through `new URL` (before its shortcuts for the common
 * forms): the reference the shortcuts must agree with on every input.
 */
const reference = {
  linkProblem(value: string): string | undefined {
    if (!/^https?:\/\//i.test(value)) return /^[a-z][a-z0-9+.-]*:/i.test(value) ? 'not an https link' : 'not a web address';
    if (/[\s\u0000-\u001f\u007f]/.test(value)) return 'contains spaces or control characters';
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return 'not a web address';
    }
    if (url.protocol === 'https:') return undefined;
    return new Set(['127.0.0.1', 'localhost', '[::1]']).has(url.hostname) ? undefined : 'plain http to another computer';
  },
  fileNameOfUrl(url: string): string {
    let path: string;
    try {
      path = new URL(url).pathname;
    } catch {
      return '';
    }
    const last = path.split('/').filter(Boolean).at(-1) ?? '';
    try {
      return decodeURIComponent(last);
    } catch {
      return last;
    }
  },
};

const CRAFTED = [
  'https://restore.s3.amazonaws.com/j/prod-shard-0.tar.gz?X-Amz-Signature=a',
  'HTTPS://Restore.S3.amazonaws.com/J/Prod.TGZ',
  'http://127.0.0.1:34385/__downloads/legacy/a/b/dedicated-500-20260107T214100.tar.gz?key=1&expires=2',
  'http://127.0.0.1/x.tgz',
  'http://127.0.0.1',
  'http://127.0.0.1:99999/x.tgz',
  'http://127.0.0.1:80@evil.example/x.tgz',
  'http://127.0.0.1.evil.example/x.tgz',
  'http://127.1/x.tgz',
  'http://0x7f.0.0.1/x.tgz',
  'http://localhost:8080/a/b.tgz',
  'http://LOCALHOST/a.tgz',
  'http://localhost.evil/a.tgz',
  'http://[::1]:9/a.tgz',
  'http://[::1]/a.tgz',
  'http://[0:0::1]/a.tgz',
  'http://evil.example/a.tgz',
  'http:///127.0.0.1/a.tgz',
  'http:\\\\127.0.0.1/a.tgz',
  'http://127.0.0.1\\a\\b.tgz',
  'https:///host/a.tgz',
  'https://host',
  'https://host?x=/a.tgz',
  'https://host#/a.tgz',
  'https://host/a/b/',
  'https://host/a/b//',
  'https://host//',
  'https://host/',
  'https://host/a%2Fb%zz.tgz',
  'https://host/a/./b.tgz',
  'https://host/a/b.tgz/..',
  'https://host/a/b.tgz/.',
  'https://host/a/%2e%2E',
  'https://host/a/.%2e/c',
  'https://host/a/%2F..%2Fetc.tgz',
  'https://host/%E2%82%AC.tgz',
  'https://host/%E2%82.tgz',
  'https://host/a%20b.tgz',
  'https://host/a"b<c>d`e{f}g^h|i.tgz',
  'https://host/a\\b.tgz',
  'https://host/ä.tgz',
  'https://user:pw@host/a.tgz',
  'https://ho st/a.tgz',
  'https://host:65536/a.tgz',
  'https://host:443/a.tgz',
  'https://1.2.3.999/a.tgz',
  'https://xn--/a.tgz',
  'https://host/a.tgz ',
  ' https://host/a.tgz',
  'https://host/a\t.tgz',
  'https://ho\tst/a.tgz',
  'https://host/a.tgz\n',
  'javascript:alert(1)',
  '/relative/a.tgz',
  'ftp://host/a.tgz',
  '',
  'not a url',
];

/** Random strings over the characters that decide these answers, in the shapes links take. */
function fuzzed(count: number): string[] {
  let seed = 11;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const prefixes = ['https://', 'http://', 'HTTP://', 'https:/', 'https:///', 'http://127.0.0.1', 'http://localhost', 'http://[::1]', 'https://h', ''];
  const alphabet = [...'ab.-_/?#%2eE@:\\ "<>`{}^|\t\n\u0000\u00a0é9', '%2e', '%2F', '..', '/..', '/.', '127.0.0.1', ':80', '%E2%82%AC'];
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    let s = pick(prefixes);
    const n = Math.floor(random() * 12);
    for (let j = 0; j < n; j++) s += pick(alphabet);
    out.push(s);
  }
  return out;
}

describe('download links (links.ts)', () => {
  it('judges a link as the URL parser does, on crafted and on random input', () => {
    for (const value of [...CRAFTED, ...fuzzed(20_000)]) {
      assert.equal(linkProblem(value), reference.linkProblem(value), JSON.stringify(value));
    }
  });

  it("reads a link's file name as the URL parser's path gives it, on crafted and on random input", () => {
    let links = 0;
    for (const value of [...CRAFTED, ...fuzzed(20_000)]) {
      assert.equal(fileNameOfUrl(value), reference.fileNameOfUrl(value), JSON.stringify(value));
      if (linkProblem(value) !== undefined) continue;
      links++;
      assert.equal(fileNameOfLink(value), reference.fileNameOfUrl(value), JSON.stringify(value));
    }
    assert.ok(links > 1_000, `only ${links} of the inputs are links`);
    assert.equal(fileNameOfLink(CRAFTED[2]!), 'dedicated-500-20260107T214100.tar.gz');
    assert.equal(fileNameOfUrl(CRAFTED[0]!), 'prod-shard-0.tar.gz');
    assert.equal(fileNameOfUrl('https://host/%E2%82%AC.tgz'), '€.tgz');
    assert.equal(fileNameOfUrl('https://host/a/b.tgz/..'), 'a');
  });
});
