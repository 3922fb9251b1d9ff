import type { ClusterStatus } from '../models/common.js'
import type { NodeGroup } from '../models/nodegroup.js'

/** A nodegroup's status after reading its stack (§6 "Per nodegroup"). */
export interface NodeGroupStatus {
  status: ClusterStatus
  reason: string | undefined
}

/**
 * The status a nodegroup takes when its stack is missing from Heat: a delete has finished,
 * a create or update has failed (§6, "If the stack is missing").
 */
export function statusForMissingStack(previous: ClusterStatus, stackId: string): NodeGroupStatus {
  const reason = `Stack with id ${stackId} not found in Heat.`
  if (previous === 'DELETE_IN_PROGRESS') return { status: 'DELETE_COMPLETE', reason }
  if (previous === 'CREATE_IN_PROGRESS') return { status: 'CREATE_FAILED', reason }
  if (previous === 'UPDATE_IN_PROGRESS') return { status: 'UPDATE_FAILED', reason }
  return { status: previous, reason }
}

/**
 * The cluster's status from its nodegroups' (§6 "Cluster status"): the suffix is IN_PROGRESS
 * if any nodegroup is in progress, else FAILED if any failed, else COMPLETE; with only default
 * nodegroups the master's action is copied, otherwise DELETE (when every nodegroup is being
 * deleted) or UPDATE; CREATE_COMPLETE reads UPDATE_COMPLETE unless the cluster was creating.
 */
export function aggregateClusterStatus(
  previous: ClusterStatus,
  nodeGroups: readonly Pick<NodeGroup, 'name' | 'role' | 'isDefault' | 'status' | 'statusReason'>[],
): { status: ClusterStatus; reason: string | undefined; faults: Record<string, string> | undefined } {
  const statuses = nodeGroups.map((ng) => ng.status ?? previous)
  const suffix = statuses.some((s) => s.endsWith('_IN_PROGRESS'))
    ? 'IN_PROGRESS'
    : statuses.some((s) => s.endsWith('_FAILED'))
      ? 'FAILED'
      : 'COMPLETE'
  let action: string
  if (nodeGroups.every((ng) => ng.isDefault)) {
    const master = nodeGroups.find((ng) => ng.role === 'master') ?? nodeGroups[0]
    action = (master?.status ?? previous).split('_')[0]!
  } else {
    action = statuses.every((s) => s.startsWith('DELETE_')) ? 'DELETE' : 'UPDATE'
  }
  let status = `${action}_${suffix}` as ClusterStatus
  if (status === 'CREATE_COMPLETE' && !previous.startsWith('CREATE_')) status = 'UPDATE_COMPLETE'
  const failedGroups = nodeGroups.filter((ng) => ng.status?.endsWith('_FAILED'))
  const failed = failedGroups.map((ng) => `${ng.name} failed`)
  // Magnum's `faults` (9.x): each failed nodegroup's own reason, only while the cluster is failed.
  const faults = status.endsWith('_FAILED')
    ? Object.fromEntries(failedGroups.map((ng) => [ng.name, ng.statusReason ?? '']))
    : undefined
  return { status, reason: failed.length ? failed.join(', ') : undefined, faults }
}

/** True for statuses the status sync still has to follow. */
export function isInProgress(status: ClusterStatus | undefined): boolean {
  return status?.endsWith('_IN_PROGRESS') ?? false
}

/** The notification action of a final status: CREATE → create, DELETE → delete, UPDATE and ROLLBACK → update. */
export function notificationActionFor(status: ClusterStatus): 'create' | 'update' | 'delete' {
  if (status.startsWith('CREATE_')) return 'create'
  if (status.startsWith('DELETE_')) return 'delete'
  return 'update'
}
