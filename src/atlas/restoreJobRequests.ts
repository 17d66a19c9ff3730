import type { CallOptions } from './clientOptions';
import { invalidInputError } from './errors';
import { getPage } from './getPage';
import { OPERATIONS, expandPath, restoreJobEndpoints, type RestoreJobEndpoints } from './operations';
import type { Page, PageOptions } from './paging';
import type { RequestPipeline } from './pipeline';
import type { RestoreJobFamily, RestoreJobOfFamily } from './types';
import { checkClusterName, checkId } from './validation';

/** What listRestoreJobs accepts: paging, and for 'legacy' only, Atlas's batchId filter. */
export type RestoreJobListOptions = PageOptions & { batchId?: string };

/** Checked at run time too: the client throws only AtlasError, even for a family no type checker saw. */
function endpointsOf(family: RestoreJobFamily): Readonly<RestoreJobEndpoints> {
  const endpoints = restoreJobEndpoints(family);
  if (!endpoints) throw invalidInputError(`Unknown restore job family ${String(family)}.`);
  return endpoints;
}

function clusterSubject(e: RestoreJobEndpoints, groupId: string, clusterName: string): string {
  return `${e.clusterWord} '${clusterName}' in project ${groupId}`;
}

export function listRestoreJobPage<F extends RestoreJobFamily>(
  pipeline: RequestPipeline,
  family: F,
  groupId: string,
  clusterName: string,
  opts: RestoreJobListOptions,
): Promise<Page<RestoreJobOfFamily[F]>> {
  const e = endpointsOf(family);
  checkId(groupId, 'project id', e.list);
  checkClusterName(clusterName, e.clusterWord, e.list);
  let extra: URLSearchParams | undefined;
  if (opts.batchId !== undefined) {
    if (family !== 'legacy') throw invalidInputError('Only legacy backup restore jobs can be filtered by batch id.', e.list);
    checkId(opts.batchId, 'batch id', e.list);
    extra = new URLSearchParams({ batchId: opts.batchId });
  }
  const params = { groupId, [e.clusterParam]: clusterName };
  return getPage<RestoreJobOfFamily[F]>(pipeline, e.list, params, opts, extra, clusterSubject(e, groupId, clusterName));
}

export function getRestoreJobOf<F extends RestoreJobFamily>(
  pipeline: RequestPipeline,
  family: F,
  groupId: string,
  clusterName: string,
  jobId: string,
  opts: CallOptions,
): Promise<RestoreJobOfFamily[F]> {
  const e = endpointsOf(family);
  checkId(groupId, 'project id', e.get);
  checkClusterName(clusterName, e.clusterWord, e.get);
  checkId(jobId, 'restore job id', e.get);
  const op = OPERATIONS[e.get];
  const params = { groupId, [e.clusterParam]: clusterName, [e.jobParam]: jobId };
  return pipeline.getJson<RestoreJobOfFamily[F]>(op, expandPath(op.path, params), undefined, opts, `restore job ${jobId} of ${clusterSubject(e, groupId, clusterName)}`);
}
