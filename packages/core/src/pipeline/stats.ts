import { throwIfInvalid } from '../errors.js'
import type { Stats } from '../models/stats.js'
import { validateStatsType } from '../validation/quota.js'
import type { PipelineDeps } from './deps.js'
import { requireAdminOrOwner } from './policy.js'
import { requestContext } from './request-context.js'

export interface StatsOptions {
  /** Another project's stats (admins only). */
  projectId?: string
  /** Only `cluster` exists (the default). */
  type?: string
}

/**
 * `GET /v1/stats`: the number of clusters in a project and the sum of `node_count` over all
 * their nodegroups, masters included (Magnum's formula). Without `projectId` an admin sees
 * every project and anyone else their own; another project needs the admin role (403).
 */
export async function clusterStats(deps: PipelineDeps, options: StatsOptions = {}): Promise<Stats> {
  const invalid = validateStatsType(options.type)
  if (invalid) throwIfInvalid([invalid])
  const caller = await requestContext(deps.session)
  if (options.projectId !== undefined)
    requireAdminOrOwner(caller, options.projectId, 'magnum-service:get_stats')
  const projectId = options.projectId ?? (caller.isAdmin ? undefined : caller.projectId)
  const scope = projectId === undefined ? {} : { projectId }
  const clusters = await deps.store.clusters.list(scope)
  const ids = new Set(clusters.map((c) => c.uuid))
  const groups = await deps.store.nodegroups.list(scope)
  const nodes = groups.filter((ng) => ids.has(ng.clusterId)).reduce((sum, ng) => sum + ng.nodeCount, 0)
  return { clusters: clusters.length, nodes }
}
