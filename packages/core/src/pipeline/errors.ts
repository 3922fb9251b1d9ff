import { OpenStackError } from '@magnum-ts/auth'
import { MagnumValidationError } from '../errors.js'
import type { ClusterStatus } from '../models/common.js'

/**
 * The cluster's status does not allow the operation. Magnum logs this in the conductor after
 * answering 202; we refuse synchronously so the caller learns why (status 400, NotSupported).
 */
export class ClusterStatusConflictError extends MagnumValidationError {
  readonly clusterStatus: ClusterStatus
  constructor(operation: string, status: ClusterStatus, allowed: string) {
    super('CLUSTER_STATUS_CONFLICT', 400, {
      field: 'status',
      message: `Cannot ${operation} a cluster in status ${status}`,
      fix: `wait until the cluster is ${allowed} (magnum-ts cluster show), then retry`,
    })
    this.clusterStatus = status
  }
}

/** The selected driver is a descriptor only: it has no Heat templates to build clusters with. */
export class DriverNotImplementedError extends MagnumValidationError {
  constructor(driverName: string) {
    super('DRIVER_NOT_IMPLEMENTED', 400, {
      field: 'cluster_template_id',
      message: `Driver ${driverName} validates templates but cannot build clusters yet`,
      fix: 'install a driver package version that provides the Heat part, or register another driver for this COE',
    })
  }
}

/**
 * A conductor step failed after validation (trustee, certificates, Heat). The cluster is left
 * CREATE_FAILED/UPDATE_FAILED/DELETE_FAILED with this reason, and what the step created is removed.
 */
export class ClusterOperationError extends OpenStackError {
  readonly clusterId: string
  readonly step: string
  /**
   * The HTTP status an API would answer: 400 when Heat rejected the request, 409 when the
   * driver's pre-delete could not clear the way (Magnum's PreDeletionFailed), else 500.
   */
  readonly status: number
  constructor(args: { clusterId: string; step: string; cause: unknown }) {
    const reason = args.cause instanceof Error ? args.cause.message : String(args.cause)
    super('CLUSTER_OPERATION_FAILED', `Cluster ${args.clusterId}: ${args.step} failed: ${reason}`, {
      cause: args.cause,
    })
    this.clusterId = args.clusterId
    this.step = args.step
    const causeStatus = (args.cause as { status?: unknown } | undefined)?.status
    this.status = causeStatus === 400 || causeStatus === 409 ? causeStatus : 500
  }
}

/** `waitFor` saw the cluster reach a `*_FAILED` status. */
export class ClusterFailedError extends OpenStackError {
  readonly clusterId: string
  readonly clusterStatus: ClusterStatus
  readonly statusReason: string | undefined
  /** `{nodegroup: Heat's reason}`: why each failed nodegroup failed. */
  readonly faults: Record<string, string>
  constructor(
    clusterId: string,
    status: ClusterStatus,
    reason: string | undefined,
    faults: Record<string, string> = {},
  ) {
    // Magnum's status_reason only says "<ng> failed"; the cause (quota, a resource) is in the faults.
    const causes = Object.entries(faults)
      .filter(([, why]) => why)
      .map(([ng, why]) => `${ng}: ${why}`)
    const detail = causes.length > 0 ? ` (${causes.join('; ')})` : ''
    super('CLUSTER_FAILED', `Cluster ${clusterId} is ${status}${reason ? `: ${reason}` : ''}${detail}`)
    this.clusterId = clusterId
    this.clusterStatus = status
    this.statusReason = reason
    this.faults = faults
  }
}
