import { abortableSleep, ResourceNotFoundError } from '@magnum-ts/auth'
import { throwIfInvalid } from '../errors.js'
import type { ClusterStatus } from '../models/common.js'
import type { NodeGroup } from '../models/nodegroup.js'
import {
  type NodeGroupCreateInput,
  validateNodeGroupCreate,
  validateNodeGroupDelete,
  validateNodeGroupUpdate,
} from '../validation/nodegroup.js'
import { loadClusterWork } from './cluster-work.js'
import type { WaitForOptions } from './clusters.js'
import { conductNodeGroupCreate, conductNodeGroupDelete } from './conductor-nodegroup.js'
import type { PipelineDeps } from './deps.js'
import { ClusterStatusConflictError } from './errors.js'
import { NodeGroupFailedError } from './nodegroup-errors.js'
import { requireAdminOrOwner } from './policy.js'
import { requestContext } from './request-context.js'

/** `nodegroups.waitFor` options: those of `clusters.waitFor`, with progress reported per nodegroup. */
export interface NodeGroupWaitForOptions extends Omit<WaitForOptions, 'onProgress'> {
  /** Called with the nodegroup after each poll. */
  onProgress?: (nodeGroup: NodeGroup) => void
}

/** What a nodegroup PATCH may change (Magnum's rule); `maxNodeCount: null` removes the upper bound. */
export interface NodeGroupUpdateInput {
  minNodeCount?: number
  maxNodeCount?: number | null
}

/**
 * `magnum.nodegroups` (API 1.9): the nodegroups of a cluster. Every call runs under Magnum's
 * `admin_or_owner` rule: a project sees only its own clusters' nodegroups (another project's
 * cluster is not found), admins see all.
 */
export function nodegroupsService(deps: PipelineDeps, runSync: () => Promise<unknown>) {
  const findCluster = async (nameOrId: string, action: string) => {
    const ctx = await requestContext(deps.session)
    const cluster = await deps.store.clusters.find(nameOrId, ctx.isAdmin ? {} : { projectId: ctx.projectId })
    requireAdminOrOwner(ctx, cluster.projectId, `nodegroup:${action}`)
    return { ctx, cluster }
  }
  const find = async (clusterRef: string, nodegroupRef: string, action: string) => {
    const found = await findCluster(clusterRef, action)
    return { ...found, nodeGroup: await deps.store.nodegroups.find(found.cluster.uuid, nodegroupRef) }
  }

  return {
    /**
     * Validates (§3: 409 without an API address, for a duplicate name or counts outside
     * [min, max]; 400 for role master; 400 when the cluster is not in a `*_COMPLETE` status or
     * its driver cannot build nodegroups), stores the row CREATE_IN_PROGRESS and creates its
     * Heat stack; resolves with the row. The status sync carries it to CREATE_COMPLETE.
     */
    async create(
      cluster: string,
      input: NodeGroupCreateInput,
      options: { signal?: AbortSignal } = {},
    ): Promise<NodeGroup> {
      const found = await findCluster(cluster, 'create')
      const existing = await deps.store.nodegroups.list({ clusterId: found.cluster.uuid })
      throwIfInvalid(
        validateNodeGroupCreate(input, {
          apiAddress: found.cluster.apiAddress,
          nodeGroupNames: existing.map((ng) => ng.name),
        }),
      )
      // Magnum checks this in the conductor after answering 202; we refuse with the reason.
      if (!found.cluster.status.endsWith('_COMPLETE'))
        throw new ClusterStatusConflictError(
          'add a nodegroup to',
          found.cluster.status,
          'in a *_COMPLETE status',
        )
      const work = await loadClusterWork(deps, found.cluster, found.ctx, options.signal)
      return conductNodeGroupCreate({ deps, caller: found.ctx, work, input, signal: options.signal })
    },

    /** The cluster's nodegroups, oldest first (default-master and default-worker come first); `role` filters. */
    async list(cluster: string, options: { role?: string } = {}): Promise<NodeGroup[]> {
      const found = await findCluster(cluster, 'get_all')
      return deps.store.nodegroups.list({
        clusterId: found.cluster.uuid,
        ...(options.role !== undefined ? { role: options.role } : {}),
      })
    },

    /** One nodegroup by name or uuid. */
    async get(cluster: string, nodegroup: string): Promise<NodeGroup> {
      return (await find(cluster, nodegroup, 'get')).nodeGroup
    },

    /**
     * Magnum's nodegroup PATCH: only `minNodeCount` and `maxNodeCount` (null clears it) may
     * change, and the current node count must stay within them (409). Any other field is
     * refused with a 400 naming it.
     */
    async update(cluster: string, nodegroup: string, changes: NodeGroupUpdateInput): Promise<NodeGroup> {
      const { nodeGroup } = await find(cluster, nodegroup, 'update')
      throwIfInvalid(validateNodeGroupUpdate(nodeGroup, changes as Record<string, unknown>))
      return deps.store.nodegroups.update({
        ...nodeGroup,
        ...(changes.minNodeCount !== undefined ? { minNodeCount: changes.minNodeCount } : {}),
        ...(changes.maxNodeCount !== undefined ? { maxNodeCount: changes.maxNodeCount ?? undefined } : {}),
      })
    },

    /**
     * Starts deleting a non-default nodegroup's stack; resolves with it DELETE_IN_PROGRESS (or
     * DELETE_COMPLETE when it never had a stack). A default nodegroup is refused (400).
     */
    async delete(cluster: string, nodegroup: string): Promise<NodeGroup> {
      const found = await find(cluster, nodegroup, 'delete')
      const refused = validateNodeGroupDelete(found.nodeGroup)
      if (refused) throwIfInvalid([refused])
      if (found.nodeGroup.status === 'DELETE_IN_PROGRESS') return found.nodeGroup
      if (found.cluster.status === 'DELETE_IN_PROGRESS')
        throw new ClusterStatusConflictError(
          'delete a nodegroup of',
          found.cluster.status,
          'not being deleted',
        )
      return conductNodeGroupDelete({
        deps,
        caller: found.ctx,
        cluster: found.cluster,
        nodeGroup: found.nodeGroup,
      })
    },

    /**
     * Resolves when the nodegroup reaches one of `statuses` (a destroyed nodegroup counts as
     * DELETE_COMPLETE); rejects with `NodeGroupFailedError` on any `*_FAILED` not asked for.
     */
    async waitFor(
      cluster: string,
      nodegroup: string,
      statuses: ClusterStatus | ClusterStatus[],
      options: NodeGroupWaitForOptions = {},
    ): Promise<NodeGroup | undefined> {
      const wanted = new Set(Array.isArray(statuses) ? statuses : [statuses])
      let first: NodeGroup
      try {
        first = (await find(cluster, nodegroup, 'get')).nodeGroup
      } catch (error) {
        // Already gone: that is what waiting for DELETE_COMPLETE wants.
        if (error instanceof ResourceNotFoundError && wanted.has('DELETE_COMPLETE')) return undefined
        throw error
      }
      for (;;) {
        if (options.sync !== false) await runSync()
        const current = await deps.store.nodegroups.get(first.uuid)
        if (!current) {
          if (wanted.has('DELETE_COMPLETE')) return undefined
          throw new NodeGroupFailedError({
            clusterId: first.clusterId,
            nodeGroupId: first.uuid,
            status: 'DELETE_COMPLETE',
            reason: 'the nodegroup was deleted',
          })
        }
        options.onProgress?.(current)
        if (current.status && wanted.has(current.status)) return current
        if (current.status?.endsWith('_FAILED'))
          throw new NodeGroupFailedError({
            clusterId: current.clusterId,
            nodeGroupId: current.uuid,
            status: current.status,
            reason: current.statusReason,
          })
        await abortableSleep(options.intervalMs ?? 2000, options.signal)
      }
    },
  }
}
