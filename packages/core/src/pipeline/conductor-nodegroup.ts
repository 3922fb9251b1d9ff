import { randomUUID } from 'node:crypto'
import { ConflictError, NotFoundError } from '@magnum-ts/auth'
import { createStack, deleteStack, getStack } from '@magnum-ts/orchestration'
import { MagnumValidationError, throwIfInvalid } from '../errors.js'
import type { Cluster } from '../models/cluster.js'
import type { ClusterStatus } from '../models/common.js'
import { NODEGROUP_DEFAULTS, type NodeGroup } from '../models/nodegroup.js'
import { nodeGroupStackName, stackTimeoutMinutes } from '../naming/stack-name.js'
import { checkFlavor, checkImage } from '../resources/compute.js'
import type { NodeGroupCreateInput } from '../validation/nodegroup.js'
import { announce, type ClusterWork } from './cluster-work.js'
import { topLevelTemplate } from './conductor-create.js'
import type { PipelineDeps } from './deps.js'
import { ClusterOperationError } from './errors.js'
import { NodeGroupOperationInProgressError, NodeGroupsNotSupportedError } from './nodegroup-errors.js'
import type { RequestContext } from './request-context.js'
import { aggregateClusterStatus } from './status.js'
import { heatSessionFor } from './trustee-session.js'

/**
 * The row of a new nodegroup with Magnum's defaults (§3): image from the template, flavor and
 * docker_volume_size from the cluster else the template, labels from the cluster (or the given
 * ones, merged over the cluster's with `mergeLabels`). It belongs to the cluster's project.
 */
export function newNodeGroupRow(
  work: Pick<ClusterWork, 'cluster' | 'template'>,
  input: NodeGroupCreateInput,
): NodeGroup {
  const { cluster, template } = work
  const labels = input.labels
    ? { ...(input.mergeLabels ? cluster.labels : {}), ...input.labels }
    : { ...cluster.labels }
  return {
    uuid: randomUUID(),
    name: input.name,
    clusterId: cluster.uuid,
    projectId: cluster.projectId,
    dockerVolumeSize: input.dockerVolumeSize ?? cluster.dockerVolumeSize ?? template.dockerVolumeSize,
    labels,
    flavorId: input.flavorId ?? cluster.flavorId ?? template.flavorId,
    imageId: input.imageId ?? template.imageId,
    nodeAddresses: [],
    nodeCount: input.nodeCount ?? NODEGROUP_DEFAULTS.nodeCount,
    role: input.role ?? NODEGROUP_DEFAULTS.role,
    minNodeCount: input.minNodeCount ?? NODEGROUP_DEFAULTS.minNodeCount,
    maxNodeCount: input.maxNodeCount,
    isDefault: false,
    stackId: undefined,
    status: 'CREATE_IN_PROGRESS',
    statusReason: undefined,
    version: undefined,
    createdAt: undefined,
    updatedAt: undefined,
  }
}

/**
 * The image and flavor a nodegroup asks for exist, checked in parallel (400s naming the field,
 * as a cluster create's). The image is stored as its Glance uuid, like the default nodegroups';
 * without one the default worker's image is kept.
 */
async function checkNodeGroupResources(
  deps: PipelineDeps,
  work: Pick<ClusterWork, 'nodeGroups' | 'template'>,
  args: { input: NodeGroupCreateInput; signal?: AbortSignal | undefined },
): Promise<Pick<NodeGroup, 'imageId'>> {
  const options = args.signal ? { signal: args.signal } : {}
  const { imageId, flavorId } = args.input
  const [image, flavor] = await Promise.all([
    imageId ? checkImage(deps.session, imageId, options) : undefined,
    flavorId ? checkFlavor(deps.session, 'flavor_id', flavorId, options) : undefined,
  ])
  throwIfInvalid([...(image?.errors ?? []), ...(flavor?.errors ?? [])])
  const defaultWorker = work.nodeGroups.find((ng) => ng.isDefault && ng.role === 'worker')
  return { imageId: image?.value?.id ?? defaultWorker?.imageId ?? work.template.imageId }
}

/**
 * Magnum's nodegroup create, in two halves. Before anything is stored: the driver's stack
 * request, built from the cluster stack's outputs (a failure here stores nothing). Then the row
 * CREATE_IN_PROGRESS and the cluster UPDATE_IN_PROGRESS (so the status sync follows it), in one
 * transaction, and Heat's `POST /stacks`. When Heat refuses, the row stays CREATE_FAILED with the
 * reason, the cluster takes the aggregate status (UPDATE_FAILED, "<ng> failed"), and the
 * `ClusterOperationError` is thrown.
 */
export async function conductNodeGroupCreate(args: {
  deps: PipelineDeps
  caller: RequestContext
  work: ClusterWork
  input: NodeGroupCreateInput
  signal?: AbortSignal | undefined
}): Promise<NodeGroup> {
  const { deps, caller, work } = args
  const { driver, cluster } = work
  if (!driver.nodeGroupStackRequest) throw new NodeGroupsNotSupportedError(driver.name)
  const row = { ...newNodeGroupRow(work, args.input), ...(await checkNodeGroupResources(deps, work, args)) }
  const context = { ...work.context, nodeGroups: [...work.nodeGroups, row] }
  // A token of the cluster's project: the caller's, or (an admin of another project) the trustee's.
  const heat = heatSessionFor(deps, cluster, caller.projectId)
  let step = 'reading the cluster stack'
  let request: Awaited<ReturnType<typeof driver.nodeGroupStackRequest>>
  try {
    const clusterStack = await getStack(heat, cluster.stackId!, {
      resolveOutputs: true,
      ...(args.signal ? { signal: args.signal } : {}),
    })
    step = 'building the nodegroup stack request'
    request = await driver.nodeGroupStackRequest(context, row, clusterStack)
  } catch (cause) {
    // A driver's own refusal (a label or role it cannot serve) reaches the caller as it is.
    if (cause instanceof MagnumValidationError) throw cause
    throw new ClusterOperationError({ clusterId: cluster.uuid, step, cause })
  }

  const stored = await deps.store.transaction(async (tx) => {
    const ng = await tx.nodegroups.create(row)
    const current = (await tx.clusters.get(cluster.uuid)) ?? cluster
    const saved = await tx.clusters.update({
      ...current,
      status: 'UPDATE_IN_PROGRESS',
      statusReason: undefined,
    })
    return { ng, cluster: saved }
  })
  await announce(deps, {
    cluster: stored.cluster,
    from: cluster.status,
    action: 'update',
    outcome: 'pending',
    caller,
  })

  let stackId: string | undefined
  try {
    const stack = await createStack(heat, {
      name: nodeGroupStackName(cluster.name, row.name),
      template: topLevelTemplate(request),
      files: request.files,
      environmentFiles: request.environmentFiles,
      parameters: { ...request.parameters, is_cluster_stack: false },
      timeoutMins: stackTimeoutMinutes(cluster.createTimeout),
    })
    stackId = stack.id
    return await deps.store.nodegroups.update({ ...stored.ng, stackId })
  } catch (cause) {
    const error = new ClusterOperationError({
      clusterId: cluster.uuid,
      step: `creating the Heat stack of nodegroup ${row.name}`,
      cause,
    })
    if (stackId) await deleteStack(heat, stackId).catch(() => {})
    // The stack (if Heat made one) was removed above: the row keeps no stack id.
    await failNodeGroup(deps, caller, stored, 'CREATE_FAILED', error.message, { stackId: undefined })
    throw error
  }
}

/**
 * Magnum's nodegroup delete: the row DELETE_IN_PROGRESS and the cluster UPDATE_IN_PROGRESS, then
 * Heat's `DELETE /stacks`; the status sync destroys the row when the stack is gone. A nodegroup
 * whose stack was never created, or that Heat no longer knows, is destroyed at once (resolves
 * DELETE_COMPLETE). Heat busy with the stack (409) restores both rows and throws
 * `NodeGroupOperationInProgressError` (400); any other Heat error leaves the row DELETE_FAILED.
 */
export async function conductNodeGroupDelete(args: {
  deps: PipelineDeps
  caller: RequestContext
  cluster: Cluster
  nodeGroup: NodeGroup
}): Promise<NodeGroup> {
  const { deps, caller, cluster, nodeGroup } = args
  if (!nodeGroup.stackId) return destroyNow(deps, caller, nodeGroup)
  // A token of the cluster's project, so a 404 proves the stack gone (see conductNodeGroupCreate).
  const heat = heatSessionFor(deps, cluster, caller.projectId)
  const stored = await deps.store.transaction(async (tx) => {
    const ng = await tx.nodegroups.update({
      ...nodeGroup,
      status: 'DELETE_IN_PROGRESS',
      statusReason: undefined,
    })
    const current = (await tx.clusters.get(cluster.uuid)) ?? cluster
    const saved = await tx.clusters.update({
      ...current,
      status: 'UPDATE_IN_PROGRESS',
      statusReason: undefined,
    })
    return { ng, cluster: saved, before: current }
  })
  await announce(deps, {
    cluster: stored.cluster,
    from: cluster.status,
    action: 'update',
    outcome: 'pending',
    caller,
  })
  try {
    await deleteStack(heat, nodeGroup.stackId)
    return stored.ng
  } catch (cause) {
    if (cause instanceof NotFoundError) return destroyNow(deps, caller, stored.ng)
    if (cause instanceof ConflictError) {
      const restored = await deps.store.transaction(async (tx) => {
        const ng = (await tx.nodegroups.get(nodeGroup.uuid)) ?? stored.ng
        await tx.nodegroups.update({ ...ng, status: nodeGroup.status, statusReason: nodeGroup.statusReason })
        const current = (await tx.clusters.get(cluster.uuid)) ?? stored.cluster
        return tx.clusters.update({
          ...current,
          status: stored.before.status,
          statusReason: stored.before.statusReason,
        })
      })
      await announce(deps, { cluster: restored, from: stored.cluster.status, caller })
      throw new NodeGroupOperationInProgressError(nodeGroup.name)
    }
    const error = new ClusterOperationError({
      clusterId: cluster.uuid,
      step: `deleting the Heat stack of nodegroup ${nodeGroup.name}`,
      cause,
    })
    await failNodeGroup(deps, caller, stored, 'DELETE_FAILED', error.message)
    throw error
  }
}

/** Destroys a nodegroup row with no stack left and gives the cluster the status of the rest. */
async function destroyNow(
  deps: PipelineDeps,
  caller: RequestContext,
  nodeGroup: NodeGroup,
): Promise<NodeGroup> {
  const result = await deps.store.transaction(async (tx) => {
    await tx.nodegroups.delete(nodeGroup.uuid)
    const cluster = await tx.clusters.get(nodeGroup.clusterId)
    if (!cluster) throw new Error(`cluster ${nodeGroup.clusterId} vanished`)
    const aggregate = aggregateClusterStatus(
      cluster.status,
      await tx.nodegroups.list({ clusterId: cluster.uuid }),
    )
    const saved = await tx.clusters.update({
      ...cluster,
      status: aggregate.status,
      statusReason: aggregate.reason,
      faults: aggregate.faults,
    })
    return { from: cluster.status, cluster: saved }
  })
  await announce(deps, { cluster: result.cluster, from: result.from, caller })
  return { ...nodeGroup, status: 'DELETE_COMPLETE', statusReason: undefined }
}

/**
 * Marks one nodegroup failed and gives the cluster its aggregate status, in one transaction,
 * then sends the update's failure notification with the reason.
 */
async function failNodeGroup(
  deps: PipelineDeps,
  caller: RequestContext,
  stored: { ng: NodeGroup; cluster: Cluster },
  status: ClusterStatus,
  reason: string,
  extra: Partial<NodeGroup> = {},
): Promise<void> {
  const nodeGroup = stored.ng
  const failed = await deps.store.transaction(async (tx) => {
    const current = (await tx.nodegroups.get(nodeGroup.uuid)) ?? nodeGroup
    await tx.nodegroups.update({ ...current, ...extra, status, statusReason: reason })
    const cluster = await tx.clusters.get(nodeGroup.clusterId)
    if (!cluster) throw new Error(`cluster ${nodeGroup.clusterId} vanished`)
    const aggregate = aggregateClusterStatus(
      cluster.status,
      await tx.nodegroups.list({ clusterId: cluster.uuid }),
    )
    return tx.clusters.update({
      ...cluster,
      status: aggregate.status,
      statusReason: aggregate.reason,
      faults: aggregate.faults,
    })
  })
  await announce(deps, {
    cluster: failed,
    from: stored.cluster.status,
    action: 'update',
    outcome: 'failure',
    caller,
    reason,
  })
}
