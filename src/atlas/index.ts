/**
 * The typed Atlas Administration API v2 client. Nothing here imports `vscode`: the extension, the tests
 * and scripts all use it the same way.
 */
export * from './types';
export type { AtlasCredentials } from './auth/types';
export {
  AtlasClient,
  type AtlasClientOptions,
  type AtlasRequestLimiter,
  type CallOptions,
  type LimiterState,
  type RateLimitPauseEvent,
  type RestoreJobListOptions,
} from './client';
export { collectAll, type Page, type PageOptions } from './paging';
export { AtlasError, isAtlasError, type AtlasErrorInit, type AtlasErrorKind } from './errors';
export { describeProxyText, type NetworkOptions } from './network';
export type { NetworkProblem } from './networkErrors';
export { networkFromSettings, splitPem, type CertificateSources, type HttpSettingValues, type NetworkSetup } from './networkFromSettings';
export {
  OPERATIONS,
  REQUIRED_ROLE_BY_FAMILY,
  SERVERLESS_RESTORE_SUNSET,
  RESTORE_JOB_ENDPOINTS,
  LIST_RESTORE_JOBS_OPERATION,
  GET_RESTORE_JOB_OPERATION,
  type RestoreJobEndpoints,
  type OperationId,
  type OperationSpec,
} from './operations';
export { ATLAS_SITES, normalizeBaseUrl } from './sites';
export { ID_PATTERN, CLUSTER_NAME_PATTERN, isValidId, isValidClusterName } from './validation';
export { redactText, type AtlasLogLevel, type AtlasLogEvent, type AtlasLogger } from './redaction';
