import { AuthError, NotFoundError, type Session } from '@magnum-ts/auth'
import { deleteStack, getStack, listStacks, type StackSummary } from '@magnum-ts/orchestration'
import type { Cluster } from '../models/cluster.js'
import type { ClusterStatus } from '../models/common.js'
import type { NodeGroup } from '../models/nodegroup.js'
import { announce, type ClusterWork, loadClusterWork } from './cluster-work.js'
import { finishDelete } from './conductor-delete.js'
import type { PipelineDeps } from './deps.js'
import { requestContext } from './request-context.js'
import {
  aggregateClusterStatus,
  isInProgress,
  notificationActionFor,
  statusForMissingStack,
} from './status.js'

export interface SyncReport {
  /** Clusters this process held a lease on and synced. */
  clusters: number
  /** Heat list calls made: ⌈stacks / page size⌉ per project. */
  heatListCalls: number
  /** The same calls by project id (each project's stacks are read with a token scoped to it). */
  heatListCallsByProject: Record<string, number>
  /** One GET per cluster whose stack completed (its outputs). */
  heatGetCalls: number
  /**
   * Clusters of another project whose trustee could not authenticate (trust revoked or expired,
   * trustee user gone, no trustee stored). When no trustee of a project works, its clusters are
   * left as they are this cycle, with the reason stored as their status reason.
   */
  trusteeFailures: { clusterId: string; projectId: string; reason: string }[]
  transitions: { clusterId: string; from: ClusterStatus; to: ClusterStatus }[]
}

/** Reads the stacks of many clusters in pages of `pageSize` ids: never one GET per cluster. */
async function readStacks(session: Session, stackIds: string[], pageSize: number) {
  const byId = new Map<string, StackSummary>()
  let calls = 0
  for (let i = 0; i < stackIds.length; i += pageSize) {
    const ids = stackIds.slice(i, i + pageSize)
    calls++
    let found = 0
    for await (const stack of listStacks(session, { ids, limit: pageSize })) {
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
  const report: SyncReport = {
    clusters: 0,
    heatListCalls: 0,
    heatListCallsByProject: {},
    heatGetCalls: 0,
    transitions: [],
    trusteeFailures: [],
  }
  // Every project's clusters (one store query): Heat shows a token only its project's stacks, so
  // another project's are read as one of its cluster trustees (as Magnum's poller does).
  const leases = await deps.store.leases.acquire(
    ownerId,
    { inProgress: true },
    deps.config.syncLeaseMs ?? 60_000,
  )
  if (leases.length === 0) return report
  const leased = leases.map((l) => l.clusterId)
  try {
    const { projectId: ownProject } = await requestContext(deps.session)
    // One query for the clusters and one for their nodegroups, whatever their number.
    const clusters = (await deps.store.clusters.list({ uuids: leased })).filter((c) => isInProgress(c.status))
    const groups = new Map<string, NodeGroup[]>()
    for (const ng of await deps.store.nodegroups.list({ clusterIds: clusters.map((c) => c.uuid) })) {
      groups.set(ng.clusterId, [...(groups.get(ng.clusterId) ?? []), ng])
    }
    const byProject = new Map<string, Cluster[]>()
    for (const c of clusters) byProject.set(c.projectId, [...(byProject.get(c.projectId) ?? []), c])

    for (const [projectId, members] of byProject) {
      const stackIds = [
        ...new Set(
          members.flatMap((c) =>
            (groups.get(c.uuid) ?? []).flatMap((ng) => (ng.stackId ? [ng.stackId] : [])),
          ),
        ),
      ]
      // Without stacks (creates not yet sent, deletes of never-created stacks) Heat is not asked.
      const read =
        projectId === ownProject || stackIds.length === 0
          ? { session: deps.session, ...(await readStacks(deps.session, stackIds, pageSize)) }
          : await readAsTrustee(deps, projectId, members.filter(hasStack), stackIds, pageSize, report)
      if (!read) continue
      report.heatListCalls += read.calls
      report.heatListCallsByProject[projectId] = read.calls
      for (const cluster of members) {
        report.clusters++
        const transition = await syncCluster(
          deps,
          read.session,
          cluster,
          groups.get(cluster.uuid) ?? [],
          read.byId,
          report,
        )
        if (transition) report.transitions.push(transition)
      }
    }
  } finally {
    await deps.store.leases.release(ownerId, leased)
  }
  return report
}

/** A cluster with a Heat stack already has its trustee and trust stored (they come first). */
const hasStack = (c: Cluster) => Boolean(c.stackId)

/**
 * Reads another project's stacks through one of its clusters' trustees: any of them sees the
 * whole project. The leased clusters' trustees are tried first, then (one store query) those of
 * the project's other clusters. A trustee that cannot authenticate is reported — and, for a
 * leased cluster, stored as its status reason — and the next is tried; `undefined` when none works.
 */
async function readAsTrustee(
  deps: PipelineDeps,
  projectId: string,
  members: readonly Cluster[],
  stackIds: string[],
  pageSize: number,
  report: SyncReport,
) {
  const attempt = async (clusters: readonly Cluster[], leased: boolean) => {
    for (const candidate of deps.trusteeSessions.candidatesFor(projectId, clusters)) {
      let reason: string
      if (candidate.session) {
        try {
          const read = await readStacks(candidate.session, stackIds, pageSize)
          deps.trusteeSessions.worked(candidate.cluster)
          return { session: candidate.session, ...read }
        } catch (error) {
          if (!(error instanceof AuthError)) throw error
          deps.trusteeSessions.forget(candidate.cluster)
          const c = candidate.cluster
          const as = c.applicationCredentialId
            ? `application credential ${c.applicationCredentialId}`
            : `the cluster's trustee (trust ${c.trustId})`
          reason = `Status sync cannot act as ${as}: ${error.message}`
        }
      } else {
        reason = candidate.error.message
      }
      report.trusteeFailures.push({ clusterId: candidate.cluster.uuid, projectId, reason })
      // Only a row this process holds the lease of is written.
      const current = leased ? await deps.store.clusters.get(candidate.cluster.uuid) : undefined
      if (current && current.statusReason !== reason)
        await deps.store.clusters.update({ ...current, statusReason: reason })
    }
    return undefined
  }
  const leasedIds = new Set(members.map((c) => c.uuid))
  return (
    (await attempt(members, true)) ??
    (await attempt(
      (await deps.store.clusters.list({ projectId })).filter((c) => hasStack(c) && !leasedIds.has(c.uuid)),
      false,
    ))
  )
}

async function syncCluster(
  deps: PipelineDeps,
  heat: Session,
  cluster: Cluster,
  nodeGroups: NodeGroup[],
  stacks: Map<string, StackSummary>,
  report: SyncReport,
): Promise<SyncReport['transitions'][number] | undefined> {
  // A create whose stack id is not saved yet is still in the conductor's hands.
  if (nodeGroups.some((ng) => !ng.stackId && isInProgress(ng.status) && ng.status !== 'DELETE_IN_PROGRESS'))
    return undefined
  const clusterStack = cluster.stackId ? stacks.get(cluster.stackId) : undefined
  // A cluster delete deletes the extra nodegroups' stacks first; the cluster stack (whose network
  // their nodes sit on) is deleted once they are gone, so meanwhile it is not read as a status.
  const clusterStackWaits =
    cluster.status === 'DELETE_IN_PROGRESS' &&
    clusterStack !== undefined &&
    !clusterStack.stack_status.startsWith('DELETE_')
  const read = nodeGroups.map((ng): NodeGroup => {
    // Without a stack (Heat refused its create) there is nothing to read, and nothing to delete.
    if (!ng.stackId)
      return ng.status === 'DELETE_IN_PROGRESS'
        ? { ...ng, status: 'DELETE_COMPLETE', statusReason: undefined }
        : { ...ng }
    if (clusterStackWaits && ng.stackId === cluster.stackId) return { ...ng }
    const stack = stacks.get(ng.stackId)
    const next = stack
      ? { status: stack.stack_status as ClusterStatus, reason: stack.stack_status_reason || undefined }
      : statusForMissingStack(ng.status ?? cluster.status, ng.stackId)
    return { ...ng, status: next.status, statusReason: next.reason }
  })
  // A non-default nodegroup whose stack is deleted is destroyed (§6 "Per nodegroup").
  const destroyed = read.filter((ng) => !ng.isDefault && ng.status === 'DELETE_COMPLETE')
  const updated = read.filter((ng) => !destroyed.includes(ng))
  // The last extra nodegroup is gone: now the cluster stack goes.
  if (clusterStackWaits && destroyed.length > 0 && updated.every((ng) => ng.isDefault)) {
    let status: ClusterStatus = 'DELETE_IN_PROGRESS'
    let reason: string | undefined
    try {
      await deleteStack(heat, cluster.stackId!)
    } catch (error) {
      if (error instanceof NotFoundError) status = 'DELETE_COMPLETE'
      else [status, reason] = ['DELETE_FAILED', String((error as Error).message)]
    }
    for (const ng of updated) Object.assign(ng, { status, statusReason: reason })
  }
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
    faults: aggregate.faults,
  }
  let work: ClusterWork | undefined
  // The poller runs with the cluster owner's identity (Magnum's trustee), not a caller's.
  const loadWork = async () =>
    (work ??= await loadClusterWork(deps, next, {
      userId: cluster.userId,
      userName: undefined,
      projectId: cluster.projectId,
      domainName: undefined,
      roles: [],
      isAdmin: false,
    }))
  const wasInProgress = new Map(nodeGroups.map((ng) => [ng.uuid, isInProgress(ng.status)]))
  // Outputs are read (one GET) only when a stack's nodegroups finish an operation.
  const finished = (ng: NodeGroup) =>
    wasInProgress.get(ng.uuid) === true && ng.status?.endsWith('_COMPLETE') && ng.status !== 'DELETE_COMPLETE'
  if (
    clusterStack?.stack_status.endsWith('_COMPLETE') &&
    updated.some((ng) => ng.stackId === cluster.stackId && finished(ng))
  ) {
    const { driver, context } = await loadWork()
    report.heatGetCalls++
    const stack = await getStack(heat, clusterStack.id, { resolveOutputs: true })
    const outputs = driver.readOutputs(stack, context)
    next = {
      ...next,
      // An output Heat has not filled keeps the previous value (§10 oracle 5).
      apiAddress: outputs.apiAddress ?? next.apiAddress,
      masterAddresses: outputs.masterAddresses,
      nodeAddresses: outputs.nodeAddresses,
      coeVersion: outputs.coeVersion ?? next.coeVersion,
      containerVersion: driver.containerVersion,
      ...(outputs.counts.master !== undefined ? { masterCount: outputs.counts.master } : {}),
      ...(outputs.counts.worker !== undefined ? { nodeCount: outputs.counts.worker } : {}),
    }
    for (const ng of updated) {
      if (!ng.isDefault) continue
      const count = ng.role === 'master' ? outputs.counts.master : outputs.counts.worker
      if (count !== undefined) ng.nodeCount = count
      ng.nodeAddresses = ng.role === 'master' ? outputs.masterAddresses : outputs.nodeAddresses
    }
  }
  // An extra nodegroup's own stack: its workers' addresses and count.
  for (const ng of updated) {
    if (ng.isDefault || !ng.stackId || !finished(ng)) continue
    const { driver, context } = await loadWork()
    report.heatGetCalls++
    const stack = await getStack(heat, ng.stackId, { resolveOutputs: true })
    const outputs = driver.readOutputs(stack, context)
    ng.nodeAddresses = outputs.nodeAddresses
    if (outputs.counts.worker !== undefined) ng.nodeCount = outputs.counts.worker
  }

  const saved = await deps.store.transaction(async (tx) => {
    for (const ng of destroyed) await tx.nodegroups.delete(ng.uuid)
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
