import { ResourceNotFoundError } from '@magnum-ts/auth'
import type { X509KeyPairRecord } from '@magnum-ts/certs'
import type { Cluster } from '../../models/cluster.js'
import type { ClusterTemplate } from '../../models/cluster-template.js'
import type { NodeGroup } from '../../models/nodegroup.js'
import type { Quota, QuotaResource } from '../../models/quota.js'
import { ClusterQuotaExceededError, StoreConflictError, StoreDuplicateError } from '../errors.js'
import { Mutex } from '../mutex.js'
import {
  byCreation,
  checkLimit,
  checkTtl,
  clusterMatches,
  findable,
  IN_PROGRESS_STATUSES,
  nextUpdatedAt,
  nodeGroupMatches,
  pickOne,
  stampCreated,
  templateVisible,
} from '../records.js'
import type { Lease, Store, StoreTables, UpdateOptions } from '../types.js'
import { Journal, JournaledMap } from './journal.js'

interface State {
  templates: Map<string, ClusterTemplate>
  clusters: Map<string, Cluster>
  nodegroups: Map<string, NodeGroup>
  /** Keyed by `projectId NUL resource`: one quota per project and resource. */
  quotas: Map<string, Quota>
  keypairs: Map<string, X509KeyPairRecord>
  leases: Map<string, Lease>
  nextQuotaId: number
  /** Undoes a failed transaction or multi-row write. */
  journal: Journal
}

const copy = <T>(value: T): T => structuredClone(value)
const quotaKey = (projectId: string, resource: QuotaResource): string => `${projectId}\u0000${resource}`

/**
 * A store in this process's memory: for tests, benchmarks and one-shot CLI runs. Nothing
 * survives the process, and other processes cannot share it.
 */
export function memoryStore(): Store {
  const journal = new Journal()
  const state: State = {
    templates: new JournaledMap(journal),
    clusters: new JournaledMap(journal),
    nodegroups: new JournaledMap(journal),
    quotas: new JournaledMap(journal),
    keypairs: new JournaledMap(journal),
    leases: new JournaledMap(journal),
    nextQuotaId: 1,
    journal,
  }
  const lock = new Mutex()
  let closed = false
  const guard = <T>(job: () => T | Promise<T>): Promise<T> =>
    lock.run(() => {
      if (closed) throw new Error('memoryStore: the store is closed')
      return job()
    })
  const outside = tables(state, guard)
  return {
    kind: 'memory',
    ...outside,
    transaction: (fn) =>
      // Inside the transaction the lock is already held: its jobs run directly.
      guard(() => journal.atomically(() => fn(tables(state, async (job) => job())))),
    close: async () => {
      closed = true
    },
  }
}

type Run = <T>(job: () => T) => Promise<T>

function tables(state: State, run: Run): StoreTables {
  /** Replaces a row after checking its version; returns the stored copy. */
  function replace<T extends { createdAt: string | undefined; updatedAt: string | undefined }>(
    table: string,
    map: Map<string, T>,
    key: string,
    record: T,
    options: UpdateOptions = {},
  ): T {
    const current = map.get(key)
    if (current === undefined) throw new StoreConflictError(table, key, record.updatedAt, undefined)
    if (options.force !== true && current.updatedAt !== record.updatedAt) {
      throw new StoreConflictError(table, key, record.updatedAt, current.updatedAt)
    }
    const stored = {
      ...copy(record),
      createdAt: current.createdAt,
      updatedAt: nextUpdatedAt(current.updatedAt),
    }
    map.set(key, stored)
    return copy(stored)
  }

  /** Nodegroup names are unique within a cluster (Magnum's `uniq_nodegroup0cluster_id0name`). */
  function checkNameFree(nodegroup: NodeGroup): void {
    for (const other of state.nodegroups.values()) {
      if (other.clusterId === nodegroup.clusterId && other.name === nodegroup.name) {
        throw new StoreDuplicateError('nodegroup', `${nodegroup.name} in cluster ${nodegroup.clusterId}`)
      }
    }
  }

  function insertNodeGroup(nodegroup: NodeGroup): NodeGroup {
    if (!state.clusters.has(nodegroup.clusterId)) {
      throw new ResourceNotFoundError({ resource: 'cluster', searched: nodegroup.clusterId })
    }
    if (state.nodegroups.has(nodegroup.uuid)) throw new StoreDuplicateError('nodegroup', nodegroup.uuid)
    checkNameFree(nodegroup)
    const stored = stampCreated(copy(nodegroup))
    state.nodegroups.set(stored.uuid, stored)
    return copy(stored)
  }

  function liveLease(clusterId: string, now: number): Lease | undefined {
    const lease = state.leases.get(clusterId)
    return lease !== undefined && lease.expiresAt > now ? lease : undefined
  }

  return {
    clusterTemplates: {
      create: (template) =>
        run(() => {
          if (state.templates.has(template.uuid))
            throw new StoreDuplicateError('cluster template', template.uuid)
          const stored = stampCreated(copy(template))
          state.templates.set(stored.uuid, stored)
          return copy(stored)
        }),
      get: (uuid) => run(() => copy(state.templates.get(uuid))),
      find: (nameOrId, query) =>
        run(() =>
          copy(
            pickOne(
              'cluster template',
              nameOrId,
              [...state.templates.values()]
                .filter((t) => templateVisible(t, findable(query)))
                .sort(byCreation),
            ),
          ),
        ),
      list: (query) =>
        run(() =>
          copy([...state.templates.values()].filter((t) => templateVisible(t, query)).sort(byCreation)),
        ),
      update: (template, options) =>
        run(() => replace('cluster template', state.templates, template.uuid, template, options)),
      delete: (uuid) => run(() => state.templates.delete(uuid)),
    },
    clusters: {
      create: (cluster, nodegroups = [], options = {}) =>
        run(() => {
          if (state.clusters.has(cluster.uuid)) throw new StoreDuplicateError('cluster', cluster.uuid)
          const limit = options.maxClustersInProject
          if (limit !== undefined) {
            const inProject = [...state.clusters.values()].filter(
              (c) => c.projectId === cluster.projectId,
            ).length
            if (inProject >= limit) throw new ClusterQuotaExceededError(cluster.projectId, limit)
          }
          return state.journal.atomicallySync(() => {
            const stored = stampCreated(copy(cluster))
            state.clusters.set(stored.uuid, stored)
            for (const nodegroup of nodegroups) insertNodeGroup(nodegroup)
            return copy(stored)
          })
        }),
      get: (uuid) => run(() => copy(state.clusters.get(uuid))),
      find: (nameOrId, query = {}) =>
        run(() =>
          copy(
            pickOne(
              'cluster',
              nameOrId,
              [...state.clusters.values()]
                .filter((c) => clusterMatches(c, { projectId: query.projectId }))
                .sort(byCreation),
            ),
          ),
        ),
      list: (query = {}) =>
        run(() => {
          checkLimit(query.limit)
          const rows = [...state.clusters.values()].filter((c) => clusterMatches(c, query)).sort(byCreation)
          return copy(rows.slice(0, query.limit ?? rows.length))
        }),
      count: (query = {}) =>
        run(() => [...state.clusters.values()].filter((c) => clusterMatches(c, query)).length),
      update: (cluster, options) =>
        run(() => replace('cluster', state.clusters, cluster.uuid, cluster, options)),
      delete: (uuid) =>
        run(() => {
          for (const [key, nodegroup] of state.nodegroups)
            if (nodegroup.clusterId === uuid) state.nodegroups.delete(key)
          state.leases.delete(uuid)
          return state.clusters.delete(uuid)
        }),
    },
    nodegroups: {
      create: (nodegroup) => run(() => insertNodeGroup(nodegroup)),
      get: (uuid) => run(() => copy(state.nodegroups.get(uuid))),
      find: (clusterId, nameOrId) =>
        run(() =>
          copy(
            pickOne(
              'nodegroup',
              nameOrId,
              [...state.nodegroups.values()].filter((n) => n.clusterId === clusterId).sort(byCreation),
            ),
          ),
        ),
      list: (query) =>
        run(() =>
          copy([...state.nodegroups.values()].filter((n) => nodeGroupMatches(n, query)).sort(byCreation)),
        ),
      update: (nodegroup, options) =>
        run(() => {
          const current = state.nodegroups.get(nodegroup.uuid)
          if (current !== undefined && current.name !== nodegroup.name) {
            checkNameFree(nodegroup)
          }
          return replace('nodegroup', state.nodegroups, nodegroup.uuid, nodegroup, options)
        }),
      delete: (uuid) => run(() => state.nodegroups.delete(uuid)),
    },
    quotas: {
      create: (quota) =>
        run(() => {
          const key = quotaKey(quota.projectId, quota.resource)
          if (state.quotas.has(key))
            throw new StoreDuplicateError('quota', `${quota.resource} of project ${quota.projectId}`)
          const stored: Quota = stampCreated({ ...copy(quota), id: state.nextQuotaId++ })
          state.quotas.set(key, stored)
          return copy(stored)
        }),
      get: (projectId, resource = 'Cluster') =>
        run(() => copy(state.quotas.get(quotaKey(projectId, resource)))),
      list: (query = {}) =>
        run(() =>
          copy(
            [...state.quotas.values()]
              .filter((q) => query.projectId === undefined || q.projectId === query.projectId)
              .sort((a, b) => (a.id ?? 0) - (b.id ?? 0)),
          ),
        ),
      update: (quota, options) =>
        run(() => replace('quota', state.quotas, quotaKey(quota.projectId, quota.resource), quota, options)),
      delete: (projectId, resource = 'Cluster') =>
        run(() => state.quotas.delete(quotaKey(projectId, resource))),
    },
    x509KeyPairs: {
      get: (uuid) => run(() => copy(state.keypairs.get(uuid))),
      put: (record) =>
        run(() => {
          state.keypairs.set(record.uuid, copy(record))
        }),
      delete: (uuid) =>
        run(() => {
          state.keypairs.delete(uuid)
        }),
    },
    leases: {
      acquire: (ownerId, target, ttlMs) =>
        run(() => {
          checkTtl(ttlMs)
          const now = Date.now()
          let ids: string[]
          if (Array.isArray(target)) {
            ids = (target as readonly string[]).filter((id) => state.clusters.has(id))
          } else {
            const limit = (target as { limit?: number | undefined }).limit
            checkLimit(limit)
            ids = [...state.clusters.values()]
              .filter((c) => IN_PROGRESS_STATUSES.includes(c.status))
              .filter((c) => {
                const lease = liveLease(c.uuid, now)
                return lease === undefined || lease.ownerId === ownerId
              })
              .sort(byCreation)
              .slice(0, limit ?? Number.POSITIVE_INFINITY)
              .map((c) => c.uuid)
          }
          const granted: Lease[] = []
          for (const clusterId of new Set(ids)) {
            const lease = liveLease(clusterId, now)
            if (lease !== undefined && lease.ownerId !== ownerId) continue
            const next = { clusterId, ownerId, expiresAt: now + ttlMs }
            state.leases.set(clusterId, next)
            granted.push({ ...next })
          }
          return granted
        }),
      renew: (ownerId, clusterIds, ttlMs) =>
        run(() => {
          checkTtl(ttlMs)
          const now = Date.now()
          const renewed: Lease[] = []
          for (const clusterId of new Set(clusterIds)) {
            if (state.leases.get(clusterId)?.ownerId !== ownerId) continue
            const next = { clusterId, ownerId, expiresAt: now + ttlMs }
            state.leases.set(clusterId, next)
            renewed.push({ ...next })
          }
          return renewed
        }),
      release: (ownerId, clusterIds) =>
        run(() => {
          for (const clusterId of clusterIds) {
            if (state.leases.get(clusterId)?.ownerId === ownerId) state.leases.delete(clusterId)
          }
        }),
      get: (clusterId) => run(() => copy(liveLease(clusterId, Date.now()))),
    },
  }
}
