import { getStack, listStacks, type StackSummary } from '@magnum-ts/orchestration'
import type { Cluster } from '../models/cluster.js'
import type { ClusterStatus } from '../models/common.js'
import type { NodeGroup } from '../models/nodegroup.js'
import { announce, loadClusterWork } from './cluster-work.js'
import { finishDelete } from './conductor-delete.js'
import type { PipelineDeps } from './deps.js'
import {
  aggregateClusterStatus,
  isInProgress,
  notificationActionFor,
  statusForMissingStack,
} from './status.js'

export interface SyncReport {
  /** Clusters this process held a lease on and synced. */
  clusters: number
  /** Heat list calls made (⌈stacks / page size⌉), plus one GET per cluster whose stack completed. */
  heatListCalls: number
  heatGetCalls: number
  transitions: { clusterId: string; from: ClusterStatus; to: ClusterStatus }[]
}

/** Reads the stacks of many clusters in pages of `pageSize` ids: never one GET per cluster. */
async function readStacks(deps: PipelineDeps, stackIds: string[], pageSize: number) {
  const byId = new Map<string, StackSummary>()
  let calls = 0
  for (let i = 0; i < stackIds.length; i += pageSize) {
    const ids = stackIds.slice(i, i + pageSize)
    calls++
    let found = 0
    for await (const stack of listStacks(deps.session, { ids, limit: pageSize })) {
      byId.set(stack.id, stack)
      // A full page holds every asked id: stop here, or the iterator asks Heat for an empty next page.
      if (++found === ids.length) break
    }
  }
  return { byId, calls }
}

/**
 * One status-sync cycle (§6 "Periodic status sync"): lease the in-progress clusters no other
 * process owns, read their stacks in batches, map stack → nodegroup → cluster status, write
 * outputs back through the driver, finish deletes, and announce every transition.
 */
export async function syncOnce(deps: PipelineDeps, ownerId: string): Promise<SyncReport> {
  const pageSize = deps.config.syncPageSize ?? 100
  const leases = await deps.store.leases.acquire(
    ownerId,
    { inProgress: true },
    deps.config.syncLeaseMs ?? 60_000,
  )
  const report: SyncReport = { clusters: 0, heatListCalls: 0, heatGetCalls: 0, transitions: [] }
  if (leases.length === 0) return report
  const leased = leases.map((l) => l.clusterId)
  try {
    // One query for the clusters and one for their nodegroups, whatever their number.
    const clusters = (await deps.store.clusters.list({ uuids: leased })).filter((c) => isInProgress(c.status))
    const groups = new Map<string, NodeGroup[]>()
    for (const ng of await deps.store.nodegroups.list({ clusterIds: clusters.map((c) => c.uuid) })) {
      groups.set(ng.clusterId, [...(groups.get(ng.clusterId) ?? []), ng])
    }
    const stackIds = [
      ...new Set([...groups.values()].flat().flatMap((ng) => (ng.stackId ? [ng.stackId] : []))),
    ]
    const stacks = await readStacks(deps, stackIds, pageSize)
    report.heatListCalls = stacks.calls

    for (const cluster of clusters) {
      report.clusters++
      const transition = await syncCluster(deps, cluster, groups.get(cluster.uuid) ?? [], stacks.byId, report)
      if (transition) report.transitions.push(transition)
    }
  } finally {
    await deps.store.leases.release(ownerId, leased)
  }
  return report
}

async function syncCluster(
  deps: PipelineDeps,
  cluster: Cluster,
  nodeGroups: NodeGroup[],
  stacks: Map<string, StackSummary>,
  report: SyncReport,
): Promise<SyncReport['transitions'][number] | undefined> {
  // A create whose stack id is not saved yet is still in the conductor's hands.
  if (nodeGroups.some((ng) => !ng.stackId)) return undefined
  const updated = nodeGroups.map((ng) => {
    const stack = stacks.get(ng.stackId!)
    const next = stack
      ? { status: stack.stack_status as ClusterStatus, reason: stack.stack_status_reason || undefined }
      : statusForMissingStack(ng.status ?? cluster.status, ng.stackId!)
    return { ...ng, status: next.status, statusReason: next.reason }
  })
  const aggregate = aggregateClusterStatus(cluster.status, updated)
  const caller = { userId: cluster.userId, projectId: cluster.projectId }

  if (aggregate.status === 'DELETE_COMPLETE') {
    await finishDelete(deps, cluster, caller)
    return { clusterId: cluster.uuid, from: cluster.status, to: 'DELETE_COMPLETE' }
  }

  let next: Cluster = {
    ...cluster,
    status: aggregate.status,
    statusReason: aggregate.reason ?? cluster.statusReason,
  }
  const clusterStack = cluster.stackId ? stacks.get(cluster.stackId) : undefined
  if (clusterStack?.stack_status.endsWith('_COMPLETE')) {
    const work = await loadClusterWork(deps, next, {
      userId: cluster.userId,
      userName: undefined,
      projectId: cluster.projectId,
      domainName: undefined,
      roles: [],
      isAdmin: false,
    })
    report.heatGetCalls++
    const stack = await getStack(deps.session, clusterStack.id, { resolveOutputs: true })
    const outputs = work.driver.readOutputs(stack, work.context)
    next = {
      ...next,
      // An output Heat has not filled keeps the previous value (§10 oracle 5).
      apiAddress: outputs.apiAddress ?? next.apiAddress,
      masterAddresses: outputs.masterAddresses,
      nodeAddresses: outputs.nodeAddresses,
      coeVersion: outputs.coeVersion ?? next.coeVersion,
      containerVersion: work.driver.containerVersion,
      ...(outputs.counts.master !== undefined ? { masterCount: outputs.counts.master } : {}),
      ...(outputs.counts.worker !== undefined ? { nodeCount: outputs.counts.worker } : {}),
    }
    for (const ng of updated) {
      const count =
        ng.role === 'master'
          ? outputs.counts.master
          : ng.role === 'worker' && ng.isDefault
            ? outputs.counts.worker
            : undefined
      if (count !== undefined) ng.nodeCount = count
      ng.nodeAddresses =
        ng.role === 'master'
          ? outputs.masterAddresses
          : ng.isDefault
            ? outputs.nodeAddresses
            : ng.nodeAddresses
    }
  }

  const saved = await deps.store.transaction(async (tx) => {
    for (const ng of updated) {
      const current = await tx.nodegroups.get(ng.uuid)
      if (current) await tx.nodegroups.update({ ...current, ...ng, updatedAt: current.updatedAt })
    }
    const current = (await tx.clusters.get(cluster.uuid)) ?? cluster
    return tx.clusters.update({ ...next, updatedAt: current.updatedAt })
  })
  if (saved.status === cluster.status) return undefined
  const final = !isInProgress(saved.status)
  await announce(deps, {
    cluster: saved,
    from: cluster.status,
    caller,
    ...(final
      ? {
          action: notificationActionFor(saved.status),
          outcome: saved.status.endsWith('_FAILED') ? 'failure' : 'success',
        }
      : {}),
    reason: saved.statusReason,
  })
  return { clusterId: cluster.uuid, from: cluster.status, to: saved.status }
}
