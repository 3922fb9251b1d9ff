import type { WireObject } from './common.js'
import { pickFromWire, pickToWire } from './wire.js'

/** The only quota resource Magnum knows. */
export type QuotaResource = 'Cluster'

/** A per-project limit on the number of clusters. */
export interface Quota {
  id: number | undefined
  projectId: string
  resource: QuotaResource
  /** ≥ 1. */
  hardLimit: number
  createdAt: string | undefined
  updatedAt: string | undefined
}

/** `hard_limit` when a quota row is created without one. */
export const QUOTA_DEFAULT_HARD_LIMIT = 1
/** The limit used for a project that has no quota row (Magnum's `[quotas]max_clusters_per_project`). */
export const DEFAULT_MAX_CLUSTERS_PER_PROJECT = 20

export const QUOTA_FIELDS = [
  'id',
  'projectId',
  'resource',
  'hardLimit',
  'createdAt',
  'updatedAt',
] as const satisfies readonly (keyof Quota)[]

/** Quota → Magnum's JSON. */
export function quotaToWire(quota: Partial<Quota>): WireObject {
  return pickToWire(quota, QUOTA_FIELDS)
}

/** Magnum's JSON → a partial Quota (no validation). */
export function quotaFromWire(wire: WireObject): Partial<Quota> {
  return pickFromWire(wire, QUOTA_FIELDS) as Partial<Quota>
}
