import { abortableSleep, ResourceNotFoundError } from '@magnum-ts/auth'
import { throwIfInvalid } from '../errors.js'
import type { Cluster, ClusterCreateInput } from '../models/cluster.js'
import type { ClusterStatus } from '../models/common.js'
import { DEFAULT_MAX_CLUSTERS_PER_PROJECT } from '../models/quota.js'
import { validateOpenStackResources } from '../resources/validate.js'
import { ClusterQuotaExceededError } from '../store/errors.js'
import { resolveClusterCreate, validateClusterCreateInput } from '../validation/cluster.js'
import { type ClusterConfigOptions, clusterConfig } from './cluster-config.js'
import { announce, clusterDriverFor, loadClusterWork } from './cluster-work.js'
import { conductCreate, newClusterRows } from './conductor-create.js'
import { conductDelete } from './conductor-delete.js'
import { conductResize, type ResizeInput } from './conductor-scale.js'
import { conductUpgrade, type UpgradeInput } from './conductor-upgrade.js'
import { driverConfig, type PipelineDeps } from './deps.js'
import { ClusterFailedError } from './errors.js'
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
      const ctx = await requestContext(deps.session)
      const visible = ctx.isAdmin ? {} : { visibleToProject: ctx.projectId }
      // A body without a template reference is refused with the field named, before any lookup.
      if (!input.clusterTemplateId) throwIfInvalid(validateClusterCreateInput(input))
      const template = await deps.store.clusterTemplates.find(input.clusterTemplateId!, visible)
      const config = driverConfig(deps)
      const first = resolveClusterCreate(input, template, { registry: deps.registry, config })
      throwIfInvalid(first.errors)

      const quota = await deps.store.quotas.get(ctx.projectId, 'Cluster')
      const limit = quota?.hardLimit ?? DEFAULT_MAX_CLUSTERS_PER_PROJECT
      // Checked before any cloud call (as Magnum), and again atomically when the row is inserted.
      if ((await deps.store.clusters.count({ projectId: ctx.projectId })) >= limit) {
        throw new ClusterQuotaExceededError(ctx.projectId, limit)
      }

      const resources = await validateOpenStackResources(deps.session, {
        template,
        cluster: { ...input, keypair: first.cluster.keypair },
        needs: {
          keypair: true,
          ...(deps.config.certStoreSpec ? { certStore: deps.config.certStoreSpec } : {}),
          ...(deps.config.volumeTypeDefaults ? { volumeTypeDefaults: deps.config.volumeTypeDefaults } : {}),
        },
        ...(options.signal ? { signal: options.signal } : {}),
      })
      const osDistro = resources.image?.osDistro ?? template.clusterDistro
      const resolved = resolveClusterCreate(input, template, { registry: deps.registry, config, osDistro })
      throwIfInvalid(resolved.errors)
      const driver = clusterDriverFor(deps, template, osDistro)

      const rows = newClusterRows(resolved.cluster, template, ctx, resources.image?.id)
      const stored = await deps.store.clusters.create(rows.cluster, rows.nodeGroups, {
        maxClustersInProject: limit,
      })
      await announce(deps, { cluster: stored, from: undefined, caller: ctx })
      return conductCreate({
        deps,
        caller: ctx,
        cluster: stored,
        nodeGroups: rows.nodeGroups,
        template,
        driver,
        resolved: {
          externalNetworkId: resources.externalNetwork?.id,
          fixedNetworkId: resources.fixedNetwork?.id,
          fixedNetworkName: resources.fixedNetwork?.name ?? undefined,
          fixedSubnetId: resources.fixedSubnet?.id,
        },
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

    /** Magnum's cluster PATCH: only `node_count` may change (scales the default worker nodegroup). */
    async update(nameOrId: string, changes: { nodeCount: number }): Promise<Cluster> {
      const { ctx, cluster } = await find(nameOrId)
      return conductResize({
        deps,
        caller: ctx,
        cluster,
        input: { nodeCount: changes.nodeCount },
        operation: 'update',
      })
    },

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
          throw new ClusterFailedError(current.uuid, current.status, current.statusReason)
        await abortableSleep(options.intervalMs ?? 2000, options.signal)
      }
    },
  }
}
