import { abortableSleep, ResourceNotFoundError } from '@magnum-ts/auth'
import type { Cluster, ClusterCreateInput } from '../models/cluster.js'
import type { ClusterStatus } from '../models/common.js'
import { type ClusterConfigOptions, clusterConfig } from './cluster-config.js'
import { checkClusterCreate } from './cluster-create-checks.js'
import { announce, loadClusterWork } from './cluster-work.js'
import { conductCreate, newClusterRows } from './conductor-create.js'
import { conductDelete } from './conductor-delete.js'
import { conductResize, type ResizeInput } from './conductor-scale.js'
import { conductUpgrade, type UpgradeInput } from './conductor-upgrade.js'
import type { PipelineDeps } from './deps.js'
import { ClusterFailedError } from './errors.js'
import { checkClusterUpdate, clusterPreviewService } from './preview.js'
import { requestContext } from './request-context.js'

export interface WaitForOptions {
  signal?: AbortSignal
  /** Called with the cluster after each poll. */
  onProgress?: (cluster: Cluster) => void
  /** Poll interval (default 2 s). */
  intervalMs?: number
  /** Run a sync cycle before each poll (default true): set false when other processes sync. */
  sync?: boolean
}

/** A cluster PATCH as fields: `nodeCount` is the only one Magnum accepts; others are refused by name. */
export type ClusterUpdateChanges = { nodeCount: number } & Record<string, unknown>

/** `magnum.clusters`: create, list, get, update, resize, delete, config and waitFor. */
export function clustersService(deps: PipelineDeps, runSync: () => Promise<unknown>) {
  const find = async (nameOrId: string) => {
    const ctx = await requestContext(deps.session)
    const cluster = await deps.store.clusters.find(nameOrId, ctx.isAdmin ? {} : { projectId: ctx.projectId })
    return { ctx, cluster }
  }

  return {
    /**
     * Validates (fields, quota, cloud resources in parallel, driver rules), stores the cluster
     * CREATE_IN_PROGRESS, then runs the conductor's create up to Heat's `POST /stacks`. Any
     * failure is thrown to the caller; the status sync carries the stack to CREATE_COMPLETE.
     */
    async create(input: ClusterCreateInput, options: { signal?: AbortSignal } = {}): Promise<Cluster> {
      const checked = await checkClusterCreate(deps, input, options.signal)
      const { caller: ctx, template } = checked
      const rows = newClusterRows(checked.cluster, template, ctx, checked.imageId)
      const stored = await deps.store.clusters.create(rows.cluster, rows.nodeGroups, {
        maxClustersInProject: checked.limit,
      })
      await announce(deps, { cluster: stored, from: undefined, caller: ctx })
      return conductCreate({
        deps,
        caller: ctx,
        cluster: stored,
        nodeGroups: rows.nodeGroups,
        template,
        driver: checked.driver,
        resolved: checked.networks,
        signal: options.signal,
      })
    },

    /** The caller's project's clusters (every cluster for admins). */
    async list(): Promise<Cluster[]> {
      const ctx = await requestContext(deps.session)
      return deps.store.clusters.list(ctx.isAdmin ? {} : { projectId: ctx.projectId })
    },

    /** One cluster by name or uuid. */
    async get(nameOrId: string): Promise<Cluster> {
      return (await find(nameOrId)).cluster
    },

    /**
     * Magnum's cluster PATCH: only `node_count` may change (scales the default worker nodegroup);
     * any other field is refused with a 400 naming it.
     */
    async update(nameOrId: string, changes: ClusterUpdateChanges): Promise<Cluster> {
      checkClusterUpdate(changes)
      const { ctx, cluster } = await find(nameOrId)
      return conductResize({
        deps,
        caller: ctx,
        cluster,
        input: { nodeCount: changes.nodeCount },
        operation: 'update',
      })
    },

    /**
     * The Heat request `create`, `update` or `resize` would send, after the same checks, with
     * nothing created or changed (`--dry-run`).
     */
    preview: clusterPreviewService(deps),

    /** Resizes a nodegroup (default worker), removing the named nodes first when scaling down. */
    async resize(nameOrId: string, input: ResizeInput): Promise<Cluster> {
      const { ctx, cluster } = await find(nameOrId)
      return conductResize({ deps, caller: ctx, cluster, input, operation: 'resize' })
    },

    /**
     * Upgrades a cluster (or one nodegroup) to another template of the same COE with the
     * driver's upgrade parameters; resolves with it UPDATE_IN_PROGRESS.
     */
    async upgrade(nameOrId: string, input: UpgradeInput): Promise<Cluster> {
      const { ctx, cluster } = await find(nameOrId)
      return conductUpgrade({ deps, caller: ctx, cluster, input })
    },

    /** Starts deleting a cluster; resolves with it DELETE_IN_PROGRESS, or undefined when already gone. */
    async delete(nameOrId: string): Promise<Cluster | undefined> {
      const { ctx, cluster } = await find(nameOrId)
      if (cluster.status === 'DELETE_IN_PROGRESS') return cluster
      return conductDelete({ deps, caller: ctx, cluster })
    },

    /** Kubeconfig (or docker/mesos env) files and exports for the cluster, signed by its CA. */
    async config(nameOrId: string, options: ClusterConfigOptions = {}) {
      const { ctx, cluster } = await find(nameOrId)
      const work = await loadClusterWork(deps, cluster, ctx)
      return clusterConfig(deps, cluster, work.driver, options)
    },

    /**
     * Resolves when the cluster reaches one of `statuses` (a deleted cluster counts as
     * DELETE_COMPLETE); rejects with `ClusterFailedError` on any `*_FAILED` not asked for.
     */
    async waitFor(nameOrId: string, statuses: ClusterStatus | ClusterStatus[], options: WaitForOptions = {}) {
      const wanted = new Set(Array.isArray(statuses) ? statuses : [statuses])
      let first: Cluster
      try {
        first = (await find(nameOrId)).cluster
      } catch (error) {
        // Already gone: that is what waiting for DELETE_COMPLETE wants.
        if (error instanceof ResourceNotFoundError && wanted.has('DELETE_COMPLETE')) return undefined
        throw error
      }
      for (;;) {
        if (options.sync !== false) await runSync()
        const current = await deps.store.clusters.get(first.uuid)
        if (!current) {
          if (wanted.has('DELETE_COMPLETE')) return undefined
          throw new ClusterFailedError(first.uuid, 'DELETE_COMPLETE', 'the cluster was deleted')
        }
        options.onProgress?.(current)
        if (wanted.has(current.status)) return current
        if (current.status.endsWith('_FAILED'))
          throw new ClusterFailedError(current.uuid, current.status, current.statusReason, current.faults)
        await abortableSleep(options.intervalMs ?? 2000, options.signal)
      }
    },
  }
}
