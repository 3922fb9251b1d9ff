export {
  CaRotationNotSupportedError,
  ClusterHasNoCaError,
} from './certificates.js'
export { ClusterConfigExistsError, type ClusterConfigOptions } from './cluster-config.js'
export type { WaitForOptions } from './clusters.js'
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
export type { ClusterEvents, ClusterStatusEvent } from './events.js'
export { type ClusterNotification, clusterNotification, type Notifier } from './notifications.js'
export { PolicyNotAuthorizedError } from './policy.js'
export type { QuotaCreateInput } from './quotas.js'
export type { StatsOptions } from './stats.js'
export { aggregateClusterStatus, statusForMissingStack } from './status.js'
export type { SyncReport } from './sync.js'
export type { ClusterTrust, TrusteeSettings } from './trustee.js'
