import { invalidInputError } from './errors';
import type { OperationId } from './operations';

/** Project, organization, restore job and batch ids: 24 lower-case hexadecimal digits. */
export const ID_PATTERN = /^[a-f0-9]{24}$/;
/** Dedicated cluster, serverless instance and flex cluster names, as the spec's path parameters define them. */
export const CLUSTER_NAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9-]*$/;

export const MAX_ITEMS_PER_PAGE = 500;

export function isValidId(s: string): boolean {
  return typeof s === 'string' && ID_PATTERN.test(s);
}

export function isValidClusterName(s: string): boolean {
  return typeof s === 'string' && CLUSTER_NAME_PATTERN.test(s);
}

function show(value: unknown): string {
  const text = typeof value === 'string' ? value : String(value);
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 37)}...` : text);
}

export type IdName = 'project id' | 'organization id' | 'restore job id' | 'batch id';

export function checkId(value: string, what: IdName, operation?: OperationId): void {
  if (!isValidId(value)) {
    throw invalidInputError(
      `${show(value)} is not a valid ${what}: Atlas ids are 24 lower-case hexadecimal characters (0-9, a-f).`,
      operation,
    );
  }
}

export function checkClusterName(value: string, what: string, operation?: OperationId): void {
  if (!isValidClusterName(value)) {
    throw invalidInputError(
      `${show(value)} is not a valid ${what} name: it must start with a letter or digit and contain only ` +
        'letters, digits and hyphens.',
      operation,
    );
  }
}

export interface PagingInput {
  itemsPerPage?: number;
  pageNum?: number;
}

export function checkPaging(opts: PagingInput, operation?: OperationId): void {
  const { itemsPerPage, pageNum } = opts;
  if (itemsPerPage !== undefined && !(Number.isInteger(itemsPerPage) && itemsPerPage >= 1 && itemsPerPage <= MAX_ITEMS_PER_PAGE)) {
    throw invalidInputError(
      `Items per page must be a whole number from 1 to ${MAX_ITEMS_PER_PAGE}, not ${show(itemsPerPage)}.`,
      operation,
    );
  }
  if (pageNum !== undefined && !(Number.isInteger(pageNum) && pageNum >= 1)) {
    throw invalidInputError(`The page number must be a whole number of at least 1, not ${show(pageNum)}.`, operation);
  }
}
