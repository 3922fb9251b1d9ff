import type { Session } from '@magnum-ts/auth'
import { getStack } from '@magnum-ts/orchestration'
import { InvalidParameterValueError, throwIfInvalid } from '../errors.js'
import type { Cluster } from '../models/cluster.js'
import { DEFAULT_WORKER_NODEGROUP, type NodeGroup } from '../models/nodegroup.js'
import { validateResize } from '../validation/nodegroup.js'
import { announce, type ClusterWork, loadClusterWork } from './cluster-work.js'
import type { PipelineDeps } from './deps.js'
import { ClusterStatusConflictError } from './errors.js'
import type { RequestContext } from './request-context.js'
import { updateClusterStack } from './stack-update.js'
import { heatSessionFor } from './trustee-session.js'

export interface ResizeInput {
  nodeCount: number
  /** Server names or ids to remove first (k8s and mesos honour it; swarm-mode ignores it). */
  nodesToRemove?: string[]
  /** A nodegroup name or uuid; default: the default worker nodegroup. */
  nodegroup?: string
}

/** What a resize will send: the nodegroup, its stack and the driver's scale parameters. */
export interface ResizePlan {
  work: ClusterWork
  nodeGroup: NodeGroup
  stackId: string
  parameters: Record<string, unknown>
  /** Heat, with a token of the cluster's project: the caller's, or (an admin's) the cluster trustee's. */
  heat: Session
}

/**
 * The checks a resize (or, with `update`'s stricter status rule, an update) runs before it
 * writes anything — status, nodegroup, bounds, a stack to update — then the nodes to remove
 * and the driver's scale parameters. `undefined` when the count does not change (nothing to send).
 * Shared by `conductResize` and the dry-run preview, so both decide the same way.
 */
export async function planResize(args: {
  deps: PipelineDeps
  caller: RequestContext
  cluster: Cluster
  input: ResizeInput
  operation: 'resize' | 'update'
}): Promise<ResizePlan | undefined> {
  const { deps, caller, input } = args
  const allowed = (s: string) =>
    s.endsWith('_COMPLETE') ||
    (args.operation === 'resize' && (s === 'UPDATE_FAILED' || s === 'UPDATE_IN_PROGRESS'))
  if (!allowed(args.cluster.status)) {
    const hint =
      args.operation === 'resize'
        ? 'in a *_COMPLETE status, UPDATE_FAILED or UPDATE_IN_PROGRESS'
        : 'in a *_COMPLETE status'
    throw new ClusterStatusConflictError(args.operation, args.cluster.status, hint)
  }
  const work = await loadClusterWork(deps, args.cluster, caller)
  const nodeGroup = await deps.store.nodegroups.find(
    args.cluster.uuid,
    input.nodegroup ?? DEFAULT_WORKER_NODEGROUP,
  )
  const invalid = validateResize(nodeGroup, input.nodeCount)
  if (invalid) throwIfInvalid([invalid])
  const heat = heatSessionFor(deps, args.cluster, caller.projectId)
  let nodesToRemove = input.nodesToRemove ?? []
  if (input.nodeCount === nodeGroup.nodeCount && nodesToRemove.length === 0) return undefined
  // Default nodegroups live on the cluster stack; an extra one only on its own.
  const stackId = nodeGroup.isDefault ? (nodeGroup.stackId ?? args.cluster.stackId) : nodeGroup.stackId
  if (!stackId) {
    throw new InvalidParameterValueError({
      field: 'nodegroup',
      message: `Nodegroup ${nodeGroup.name} has no Heat stack to resize (status ${nodeGroup.status})`,
      fix: 'delete the nodegroup and create it again',
    })
  }
  if (
    input.nodeCount < nodeGroup.nodeCount &&
    nodesToRemove.length === 0 &&
    work.driver.selectNodesToRemove
  ) {
    const stack = await getStack(heat, stackId, { resolveOutputs: true })
    nodesToRemove = await work.driver.selectNodesToRemove(
      work.context,
      { nodeGroup, nodeCount: input.nodeCount, nodesToRemove },
      stack,
    )
  }
  const parameters = work.driver.scaleParameters(work.context, {
    nodeGroup,
    nodeCount: input.nodeCount,
    nodesToRemove,
  })
  return { work, nodeGroup, stackId, parameters, heat }
}

/**
 * Resize (or update) one nodegroup's node count: the driver's scale parameters go to Heat as
 * an update-existing; the stored count changes with it and is restored if Heat refuses
 * (§6 "Update, resize and upgrade").
 */
export async function conductResize(args: {
  deps: PipelineDeps
  caller: RequestContext
  cluster: Cluster
  input: ResizeInput
  operation: 'resize' | 'update'
}): Promise<Cluster> {
  const { deps, caller, input } = args
  const plan = await planResize(args)
  if (!plan) return args.cluster
  const { work, nodeGroup, stackId, parameters, heat } = plan
  await announce(deps, {
    cluster: work.cluster,
    from: work.cluster.status,
    action: 'update',
    outcome: 'pending',
    caller,
  })
  const before = { cluster: work.cluster, nodeGroup }
  const isDefaultWorker = nodeGroup.isDefault && nodeGroup.role === 'worker'
  const cluster = await deps.store.transaction(async (tx) => {
    await tx.nodegroups.update({
      ...nodeGroup,
      nodeCount: input.nodeCount,
      status: 'UPDATE_IN_PROGRESS',
      statusReason: undefined,
    })
    return tx.clusters.update({
      ...work.cluster,
      ...(isDefaultWorker ? { nodeCount: input.nodeCount } : {}),
      status: 'UPDATE_IN_PROGRESS',
      statusReason: undefined,
    })
  })
  await announce(deps, { cluster, from: before.cluster.status, caller })
  return updateClusterStack({
    deps: { ...deps, session: heat },
    caller,
    cluster,
    stackId,
    parameters,
    // Heat refused: the stored counts go back to what they were, the rows say UPDATE_FAILED.
    rollBack: async (tx, error) => {
      const ng = await tx.nodegroups.get(nodeGroup.uuid)
      if (ng) {
        await tx.nodegroups.update({
          ...ng,
          nodeCount: before.nodeGroup.nodeCount,
          status: 'UPDATE_FAILED',
          statusReason: error.message,
        })
      }
      const c = (await tx.clusters.get(cluster.uuid)) ?? cluster
      return tx.clusters.update({
        ...c,
        nodeCount: before.cluster.nodeCount,
        status: 'UPDATE_FAILED',
        statusReason: error.message,
      })
    },
  })
}
