export {
  CaRotationNotSupportedError,
  ClusterHasNoCaError,
} from './certificates.js'
export { CERT_FILE_NAMES, ClusterConfigExistsError, type ClusterConfigOptions } from './cluster-config.js'
export {
  applicationCredentialName,
  CLUSTER_CREDENTIAL_MODES,
  type ClusterApplicationCredential,
  type ClusterCredentialMode,
  clusterCredentialMode,
} from './cluster-credential.js'
export type { ClusterUpdateChanges, WaitForOptions } from './clusters.js'
export type { ResizeInput } from './conductor-scale.js'
export {
  NodeGroupTemplateConflictError,
  type UpgradeInput,
  UpgradeNotSupportedError,
} from './conductor-upgrade.js'
export { createMagnum, type Magnum, type MagnumOptions } from './create-magnum.js'
export type { MagnumConfig } from './deps.js'
export {
  ClusterFailedError,
  ClusterOperationError,
  ClusterStatusConflictError,
  DriverNotImplementedError,
} from './errors.js'
export type { ClusterEvents, ClusterHealthEvent, ClusterStatusEvent } from './events.js'
export {
  HEALTH_MONITORED_STATUSES,
  type HealthOptions,
  type HealthReport,
  type HealthResult,
} from './health.js'
export {
  NodeGroupFailedError,
  NodeGroupOperationInProgressError,
  NodeGroupsNotSupportedError,
} from './nodegroup-errors.js'
export type { NodeGroupUpdateInput, NodeGroupWaitForOptions } from './nodegroups.js'
export { type ClusterNotification, clusterNotification, type Notifier } from './notifications.js'
export { PolicyNotAuthorizedError } from './policy.js'
export { CREATED_AT_CREATE_TIME, EXISTING_STACK_TEMPLATE, type StackRequestPreview } from './preview.js'
export type { QuotaCreateInput } from './quotas.js'
export type { StatsOptions } from './stats.js'
export { aggregateClusterStatus, statusForMissingStack } from './status.js'
export type { SyncReport } from './sync.js'
export type { ClusterTrust, TrusteeSettings } from './trustee.js'
export { TrusteeCredentialsMissingError } from './trustee-session.js'
