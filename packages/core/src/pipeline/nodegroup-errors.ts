import { OpenStackError } from '@magnum-ts/auth'
import { MagnumValidationError } from '../errors.js'
import type { ClusterStatus } from '../models/common.js'

/**
 * The cluster's driver has no `nodeGroupStackRequest`, so it cannot build an extra nodegroup's
 * stack. Magnum accepts the request and the nodegroup ends CREATE_FAILED later; we refuse at
 * once (400, Magnum's `NotSupported`), before anything is stored.
 */
export class NodeGroupsNotSupportedError extends MagnumValidationError {
  readonly driver: string
  constructor(driverName: string) {
    super('NODEGROUPS_NOT_SUPPORTED', 400, {
      field: 'cluster_id',
      message: `Driver ${driverName} cannot create nodegroups`,
      fix: 'resize the default-worker nodegroup instead, or use a driver that implements nodeGroupStackRequest (e.g. Kubernetes)',
    })
    this.driver = driverName
  }
}

/** Heat is still busy with the nodegroup's stack (Magnum's `NgOperationInProgress`, 400). */
export class NodeGroupOperationInProgressError extends MagnumValidationError {
  readonly nodeGroup: string
  constructor(nodeGroupName: string) {
    super('NODEGROUP_OPERATION_IN_PROGRESS', 400, {
      field: 'nodegroup',
      message: `Nodegroup ${nodeGroupName} already has an operation in progress`,
      fix: 'wait until the nodegroup leaves its *_IN_PROGRESS status (nodegroups.waitFor), then retry',
    })
    this.nodeGroup = nodeGroupName
  }
}

/** `nodegroups.waitFor` saw the nodegroup reach a `*_FAILED` status (or vanish) it was not waiting for. */
export class NodeGroupFailedError extends OpenStackError {
  readonly clusterId: string
  readonly nodeGroupId: string
  readonly nodeGroupStatus: ClusterStatus
  readonly statusReason: string | undefined
  constructor(args: {
    clusterId: string
    nodeGroupId: string
    status: ClusterStatus
    reason: string | undefined
  }) {
    super(
      'NODEGROUP_FAILED',
      `Nodegroup ${args.nodeGroupId} of cluster ${args.clusterId} is ${args.status}${args.reason ? `: ${args.reason}` : ''}`,
    )
    this.clusterId = args.clusterId
    this.nodeGroupId = args.nodeGroupId
    this.nodeGroupStatus = args.status
    this.statusReason = args.reason
  }
}
