/** The local Atlas emulator: see README.md in this folder and /work/notes/contract-emulator.md. */
export { startEmulator } from './server';
export {
  DEMO_API_KEY,
  DEMO_SERVICE_ACCOUNT,
  type EmulatorOptions,
  type Fault,
  type FaultControl,
  type FaultWithMatch,
  type ProjectRole,
  type RecordedRequest,
  type RunningEmulator,
} from './contract';
export {
  EmulatorStore,
  FAMILIES_BY_KIND,
  KIND_OF_FAMILY,
  type ClusterKind,
  type ClusterOptions,
  type ClusterRecord,
  type OrgRecord,
  type OrgRole,
  type ProjectRecord,
  type RestoreFamily,
} from './store';
export { DEMO, DEFAULT_LARGE } from './datasets';
export type { DocumentPatch, PatchTarget } from './patches';
export { JOB_STATES, type JobState } from './job-states';
export { movingJobLines, outcomeFor, type ChosenJob, type MovingJob, type Outcome, type RunningJobsOptions } from './lifecycle';
export { visibleCounts, type StoreCounts } from './visible';
export { SERVERLESS_LIST_EMPTY_FROM } from './views';
export { GONE_EXAMPLE } from './api-errors';
export { DIGEST_REALM } from './auth';
export { DEFAULT_RATE_LIMIT, type RateLimitOptions, type RateLimitSettings } from './rate-limit';
export {
  CLOUD_VARIANTS,
  DEFAULT_VARIANTS,
  FLEX_VARIANTS,
  LEGACY_VARIANTS,
  type CloudVariant,
  type FlexVariant,
  type LegacyVariant,
} from './job-factory';
export { STORAGE_LINK_SECONDS } from './storage-host';
export { LEGACY_AUTH_HEADER } from './download-files';
export { MAX_FILE_BYTES, type FileMark, type MarkedJob } from './file-marks';
export { formatByteSize, parseByteSize } from './byte-size';
