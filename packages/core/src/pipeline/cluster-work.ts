import { type ClusterContext, type ClusterDriver, isClusterDriver } from '../drivers/contract.js'
import type { Cluster } from '../models/cluster.js'
import type { ClusterTemplate } from '../models/cluster-template.js'
import type { ClusterStatus } from '../models/common.js'
import type { NodeGroup } from '../models/nodegroup.js'
import { buildClusterContext, readCloudFacts } from './cluster-context.js'
import { driverConfig, type PipelineDeps } from './deps.js'
import { DriverNotImplementedError } from './errors.js'
import { clusterNotification, type NotificationAction, type NotificationOutcome } from './notifications.js'
import type { RequestContext } from './request-context.js'

/** Everything an operation on one existing cluster needs. */
export interface ClusterWork {
  cluster: Cluster
  template: ClusterTemplate
  nodeGroups: NodeGroup[]
  driver: ClusterDriver
  context: ClusterContext
}

/** The full driver for a template (a descriptor-only driver cannot build clusters). */
export function clusterDriverFor(
  deps: PipelineDeps,
  template: ClusterTemplate,
  osDistro: string | undefined,
): ClusterDriver {
  const driver = deps.registry.get({
    serverType: template.serverType,
    os: osDistro ?? template.clusterDistro ?? '',
    coe: template.coe,
  })
  if (!isClusterDriver(driver)) throw new DriverNotImplementedError(driver.name)
  return driver
}

/** Loads a cluster's template, nodegroups and driver, and builds the driver context. */
export async function loadClusterWork(
  deps: PipelineDeps,
  cluster: Cluster,
  caller: RequestContext,
  signal?: AbortSignal,
): Promise<ClusterWork> {
  const [template, nodeGroups, facts] = await Promise.all([
    deps.store.clusterTemplates.find(cluster.clusterTemplateId),
    deps.store.nodegroups.list({ clusterId: cluster.uuid }),
    readCloudFacts(deps.session, deps.config.magnumUrl),
  ])
  const driver = clusterDriverFor(deps, template, template.clusterDistro)
  const context = buildClusterContext({
    cluster,
    template,
    nodeGroups,
    facts,
    caller,
    session: deps.session,
    config: driverConfig(deps),
    signal,
  })
  return { cluster, template, nodeGroups, driver, context }
}

/** Sends a CADF notification and the matching in-process event for a status change. */
export async function announce(
  deps: PipelineDeps,
  args: {
    cluster: Cluster
    from: ClusterStatus | undefined
    action?: NotificationAction
    outcome?: NotificationOutcome
    caller: { userId: string; projectId: string | undefined }
    reason?: string | undefined
  },
): Promise<void> {
  if (args.from !== args.cluster.status) {
    deps.events.emit({
      clusterId: args.cluster.uuid,
      name: args.cluster.name,
      from: args.from,
      to: args.cluster.status,
      reason: args.cluster.statusReason,
      cluster: args.cluster,
    })
  }
  if (args.action && args.outcome) {
    await deps.notify(
      clusterNotification({
        action: args.action,
        outcome: args.outcome,
        cluster: args.cluster,
        initiator: args.caller,
        now: deps.now(),
        reason: args.reason,
      }),
    )
  }
}

/** Writes a cluster and its nodegroups with one status, in one transaction. */
export async function setStatus(
  deps: PipelineDeps,
  cluster: Cluster,
  nodeGroups: readonly NodeGroup[],
  status: ClusterStatus,
  reason: string | undefined,
  extra: Partial<Cluster> = {},
): Promise<{ cluster: Cluster; nodeGroups: NodeGroup[] }> {
  return deps.store.transaction(async (tx) => {
    const fresh = await tx.clusters.get(cluster.uuid)
    const saved = await tx.clusters.update({ ...(fresh ?? cluster), ...extra, status, statusReason: reason })
    const groups: NodeGroup[] = []
    for (const ng of nodeGroups) {
      const current = (await tx.nodegroups.get(ng.uuid)) ?? ng
      groups.push(await tx.nodegroups.update({ ...current, status, statusReason: reason }))
    }
    return { cluster: saved, nodeGroups: groups }
  })
}
