import {
  AmbiguousResourceError,
  InvalidOptionError,
  matchNameOrId,
  ResourceNotFoundError,
} from '@magnum-ts/auth'
import { CLUSTER_FIELDS, type Cluster } from '../models/cluster.js'
import { CLUSTER_TEMPLATE_FIELDS, type ClusterTemplate } from '../models/cluster-template.js'
import { CLUSTER_STATUSES, type ClusterStatus } from '../models/common.js'
import { NODEGROUP_FIELDS, type NodeGroup } from '../models/nodegroup.js'
import type { ClusterQuery, ClusterTemplateQuery, NodeGroupQuery } from './types.js'

/** The statuses the status sync polls. */
export const IN_PROGRESS_STATUSES: readonly ClusterStatus[] = CLUSTER_STATUSES.filter((s) =>
  s.endsWith('_IN_PROGRESS'),
)

/** Cluster fields the API never shows but the store keeps. */
export const HIDDEN_CLUSTER_FIELDS = [
  'caCertRef',
  'magnumCertRef',
  'trustId',
  'trusteeUsername',
  'trusteeUserId',
] as const satisfies readonly (keyof Cluster)[]

export const ALL_CLUSTER_FIELDS: readonly string[] = [...CLUSTER_FIELDS, ...HIDDEN_CLUSTER_FIELDS]
export const ALL_TEMPLATE_FIELDS: readonly string[] = CLUSTER_TEMPLATE_FIELDS
export const ALL_NODEGROUP_FIELDS: readonly string[] = NODEGROUP_FIELDS

/** A record whose timestamps the store has set: `createdAt` kept when given, `updatedAt` always fresh. */
export function stampCreated<T extends { createdAt: string | undefined; updatedAt: string | undefined }>(
  record: T,
): T {
  const now = new Date().toISOString()
  return { ...record, createdAt: record.createdAt ?? now, updatedAt: now }
}

/**
 * The next `updatedAt` of a row: now, or 1 ms after the previous one when the clock has not
 * moved on, so that two writes in the same millisecond still get different versions.
 */
export function nextUpdatedAt(previous: string | undefined): string {
  const now = Date.now()
  const before = previous === undefined ? Number.NaN : Date.parse(previous)
  return new Date(Number.isNaN(before) || now > before ? now : before + 1).toISOString()
}

/** Every known field present (undefined when unset), so records read back have the same keys from every backend. */
export function withAllFields<T>(fields: readonly string[], data: Record<string, unknown>): T {
  const record: Record<string, unknown> = {}
  for (const field of fields) record[field] = undefined
  return Object.assign(record, data) as T
}

/** The one candidate `nameOrId` names: by uuid first, else the only one with that name. */
export function pickOne<T extends { uuid: string; name: string }>(
  resource: string,
  nameOrId: string,
  candidates: readonly T[],
): T {
  const match = matchNameOrId(
    candidates.map((c) => ({ id: c.uuid, name: c.name, item: c })),
    nameOrId,
  )
  if (match.kind === 'id' || match.kind === 'name') return match.item.item
  if (match.kind === 'ambiguous') {
    throw new AmbiguousResourceError({
      resource,
      searched: nameOrId,
      matches: match.items.map((m) => ({ id: m.id, name: m.name })),
    })
  }
  throw new ResourceNotFoundError({
    resource,
    searched: nameOrId,
    // Another project's private rows are invisible, not forbidden: say so, as Magnum's 404 does not.
    hint: `list the ${resource}s your project can see and use one of their names or uuids (names are case-sensitive)`,
  })
}

/** Whether a template is seen by a query (Magnum's list visibility). */
export function templateVisible(template: ClusterTemplate, query: ClusterTemplateQuery = {}): boolean {
  if (query.projectId !== undefined && template.projectId !== query.projectId) return false
  const project = query.visibleToProject
  if (project === undefined || template.projectId === project) return true
  return template.public && (!template.hidden || query.includeHidden === true)
}

/** A lookup by name or id sees hidden public templates too, as Magnum's GET does (only lists hide them). */
export function findable(query: ClusterTemplateQuery = {}): ClusterTemplateQuery {
  return { ...query, includeHidden: true }
}

/** Whether a cluster matches every filter of a query (`limit` aside). */
export function clusterMatches(cluster: Cluster, query: ClusterQuery = {}): boolean {
  if (query.uuids !== undefined && !query.uuids.includes(cluster.uuid)) return false
  if (query.projectId !== undefined && cluster.projectId !== query.projectId) return false
  if (query.clusterTemplateId !== undefined && cluster.clusterTemplateId !== query.clusterTemplateId)
    return false
  if (query.statuses !== undefined && !query.statuses.includes(cluster.status)) return false
  if (query.inProgress === true && !IN_PROGRESS_STATUSES.includes(cluster.status)) return false
  return true
}

/** Whether a nodegroup matches every filter of a query. */
export function nodeGroupMatches(nodegroup: NodeGroup, query: NodeGroupQuery = {}): boolean {
  if (query.clusterId !== undefined && nodegroup.clusterId !== query.clusterId) return false
  if (query.clusterIds !== undefined && !query.clusterIds.includes(nodegroup.clusterId)) return false
  if (query.projectId !== undefined && nodegroup.projectId !== query.projectId) return false
  if (query.role !== undefined && nodegroup.role !== query.role) return false
  if (query.isDefault !== undefined && nodegroup.isDefault !== query.isDefault) return false
  return true
}

/** Oldest first, then by key, so every backend lists in the same order. */
export function byCreation(
  a: { createdAt: string | undefined; uuid: string },
  b: { createdAt: string | undefined; uuid: string },
): number {
  const ca = a.createdAt ?? ''
  const cb = b.createdAt ?? ''
  if (ca !== cb) return ca < cb ? -1 : 1
  return a.uuid < b.uuid ? -1 : a.uuid > b.uuid ? 1 : 0
}

/** `limit` must be a positive integer when given (`InvalidOptionError` otherwise). */
export function checkLimit(limit: number | undefined): void {
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
    throw new InvalidOptionError(
      'limit',
      `${limit} is not a positive integer`,
      'pass a whole number ≥ 1, or leave it unset',
    )
  }
}

/** A lease duration must be a positive whole number of milliseconds (`InvalidOptionError` otherwise). */
export function checkTtl(ttlMs: number): void {
  if (!Number.isInteger(ttlMs) || ttlMs < 1) {
    throw new InvalidOptionError(
      'ttlMs',
      `${ttlMs} is not a positive whole number of milliseconds`,
      'pass e.g. 30000 (a few sync intervals)',
    )
  }
}
