import { AtlasError } from './errors';
import { OPERATIONS, expandPath, type OperationId } from './operations';
import { pageQuery, toPage, type Page, type PageOptions } from './paging';
import type { RequestPipeline } from './pipeline';
import type { PaginatedView } from './types';
import { checkPaging } from './validation';

/**
 * One page of a list operation. `extra` carries the operation's own filters (the legacy batchId);
 * `subject` names what is listed, for not-found messages.
 */
export async function getPage<T>(
  pipeline: RequestPipeline,
  id: OperationId,
  params: Record<string, string>,
  opts: PageOptions,
  extra?: URLSearchParams,
  subject?: string,
): Promise<Page<T>> {
  checkPaging(opts, id);
  const op = OPERATIONS[id];
  const q = pageQuery(opts);
  const query = new URLSearchParams({
    itemsPerPage: String(q.itemsPerPage),
    pageNum: String(q.pageNum),
    includeCount: String(q.includeCount),
  });
  for (const [k, v] of extra ?? []) query.append(k, v);
  const view = await pipeline.getJson<PaginatedView<T>>(op, expandPath(op.path, params), query, opts, subject);
  // A 200 without results would otherwise surface later as a TypeError far from the request.
  if (!Array.isArray(view.results)) {
    throw new AtlasError({
      kind: 'badResponse',
      message: `Atlas answered the request to ${op.action} without a list of results. Try again; if it keeps happening, report it with the log.`,
      operation: id,
    });
  }
  return toPage(view, q);
}
