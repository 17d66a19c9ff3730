/**
 * Writing answers: paging with links, `envelope`, `pretty`, the RateLimit headers, and the body
 * faults (`malformedJson`, `slowBody`) that only make sense on a successful answer.
 */
import type { ServerResponse } from 'node:http';
import type { ApiFailure } from './api-errors';

export interface PageParams {
  itemsPerPage: number;
  pageNum: number;
  includeCount: boolean;
}

export function pageBody(items: unknown[], p: PageParams, requestUrl: URL, baseUrl: string): Record<string, unknown> {
  const start = (p.pageNum - 1) * p.itemsPerPage;
  const results = items.slice(start, start + p.itemsPerPage);
  const link = (pageNum: number, rel: string) => {
    const q = new URLSearchParams(requestUrl.searchParams);
    q.set('pageNum', String(pageNum));
    q.set('itemsPerPage', String(p.itemsPerPage));
    return { href: `${baseUrl}${requestUrl.pathname}?${q.toString()}`, rel };
  };
  const links = [link(p.pageNum, 'self')];
  if (start + p.itemsPerPage < items.length) links.push(link(p.pageNum + 1, 'next'));
  if (p.pageNum > 1) links.push(link(p.pageNum - 1, 'previous'));
  return { links, results, ...(p.includeCount ? { totalCount: items.length } : {}) };
}

export interface BodyFaults {
  malformed: boolean;
  slowMs?: number;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Sends a 200 JSON answer, honouring pretty and the body faults. */
export async function sendJson(
  res: ServerResponse,
  status: number,
  contentType: string,
  body: unknown,
  options: { pretty?: boolean; headers?: Record<string, string>; faults?: BodyFaults } = {},
): Promise<void> {
  let text = JSON.stringify(body, null, options.pretty ? 2 : undefined);
  if (options.faults?.malformed) text = `${text.slice(0, Math.max(1, Math.floor(text.length / 2)))}\u0000{"truncated`;
  const data = Buffer.from(text, 'utf8');
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': String(data.length), ...options.headers });
  const slow = options.faults?.slowMs;
  if (slow === undefined || data.length < 2) {
    res.end(data);
    return;
  }
  res.flushHeaders();
  const chunks = Math.min(20, data.length);
  const size = Math.ceil(data.length / chunks);
  for (let i = 0; i < data.length; i += size) {
    await sleep(slow / chunks);
    if (res.destroyed) return;
    res.write(data.subarray(i, i + size));
  }
  res.end();
}

export function sendFailure(res: ServerResponse, failure: ApiFailure, pretty = false): Promise<void> {
  return sendJson(res, failure.status, 'application/json', failure.body(), { pretty, headers: failure.extra.headers ?? {} });
}
