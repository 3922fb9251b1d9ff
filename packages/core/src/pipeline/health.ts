import { loadCa, loadConductorCertificate } from '@magnum-ts/certs'
import type { ClusterCredentials, ClusterDriver, Health } from '../drivers/contract.js'
import type { Cluster } from '../models/cluster.js'
import type { ClusterTemplate } from '../models/cluster-template.js'
import type { ClusterStatus, HealthStatus } from '../models/common.js'
import { StoreConflictError } from '../store/errors.js'
import { clusterDriverFor } from './cluster-work.js'
import type { PipelineDeps } from './deps.js'

/** The statuses Magnum's health monitor covers (§6 "Health"): a cluster whose API should answer. */
export const HEALTH_MONITORED_STATUSES: readonly ClusterStatus[] = [
  'CREATE_COMPLETE',
  'UPDATE_COMPLETE',
  'UPDATE_IN_PROGRESS',
  'ROLLBACK_IN_PROGRESS',
]

/** How the health monitor probes (`createMagnum({ health })`). */
export interface HealthOptions {
  /** Probes running at once (default 10). */
  concurrency?: number
  /** A probe still running after this is aborted and counted UNKNOWN (default 10 s). */
  probeTimeoutMs?: number
  /** How long a cycle holds its clusters' leases (default 60 s): a crashed process's are picked up after it. */
  leaseMs?: number
}

/** One cluster's probe in a cycle. */
export interface HealthResult {
  clusterId: string
  status: HealthStatus
  reason: Record<string, unknown>
  /** The stored health status before the probe (undefined when never probed). */
  previous: HealthStatus | undefined
  /** The status or the reason differs from what was stored (an event was emitted). */
  changed: boolean
}

export interface HealthReport {
  /** Clusters this process leased and probed. */
  clusters: number
  /** Monitored clusters another process held this cycle (it probes them). */
  skipped: number
  results: HealthResult[]
}

/**
 * One health cycle (Magnum's monitor, §6 "Health"): lease the monitored clusters whose driver
 * has a `health` probe, call it with the cluster CA and the conductor's client certificate
 * (bounded concurrency, each probe under a timeout), store `healthStatus`/`healthStatusReason`
 * and announce changes. A probe that throws or times out is UNKNOWN with the error as reason:
 * one broken cluster never fails the cycle.
 */
export async function healthOnce(
  deps: PipelineDeps,
  ownerId: string,
  options: HealthOptions = {},
): Promise<HealthReport> {
  const report: HealthReport = { clusters: 0, skipped: 0, results: [] }
  const monitored = await monitoredClusters(deps)
  if (monitored.length === 0) return report
  const leases = await deps.store.leases.acquire(
    ownerId,
    monitored.map((m) => m.cluster.uuid),
    options.leaseMs ?? 60_000,
  )
  const leased = new Set(leases.map((l) => l.clusterId))
  report.skipped = monitored.length - leased.size
  const mine = monitored.filter((m) => leased.has(m.cluster.uuid))
  try {
    const results = await mapLimited(mine, options.concurrency ?? 10, async ({ cluster, driver }) => {
      const health = await probe(deps, cluster, driver, options.probeTimeoutMs ?? 10_000)
      return saveHealth(deps, cluster, health)
    })
    report.results = results.filter((r): r is HealthResult => r !== undefined)
    report.clusters = mine.length
  } finally {
    await deps.store.leases.release(ownerId, [...leased])
  }
  return report
}

/** Monitored clusters whose driver has a probe; templates are read once per cycle. */
async function monitoredClusters(deps: PipelineDeps): Promise<{ cluster: Cluster; driver: ClusterDriver }[]> {
  const clusters = await deps.store.clusters.list({ statuses: HEALTH_MONITORED_STATUSES })
  const templates = new Map<string, Promise<ClusterTemplate | undefined>>()
  const picked: { cluster: Cluster; driver: ClusterDriver }[] = []
  for (const cluster of clusters) {
    if (!templates.has(cluster.clusterTemplateId)) {
      templates.set(cluster.clusterTemplateId, deps.store.clusterTemplates.get(cluster.clusterTemplateId))
    }
    const template = await templates.get(cluster.clusterTemplateId)
    if (!template) continue
    let driver: ClusterDriver
    try {
      driver = clusterDriverFor(deps, template, template.clusterDistro)
    } catch {
      // A disabled or descriptor-only driver has no monitor: its clusters stay untouched.
      continue
    }
    // The monitor's reachability rule needs the effective master LB choice (older rows lack it).
    const withLb = { ...cluster, masterLbEnabled: cluster.masterLbEnabled ?? template.masterLbEnabled }
    if (driver.health) picked.push({ cluster: withLb, driver })
  }
  return picked
}

/** The credentials the monitor uses: the cluster CA and the conductor's client certificate. */
export async function conductorCredentials(
  deps: PipelineDeps,
  cluster: Cluster,
): Promise<ClusterCredentials> {
  if (!cluster.caCertRef || !cluster.magnumCertRef) {
    throw new Error(`cluster ${cluster.uuid} has no CA or conductor certificate reference`)
  }
  const [ca, conductor] = await Promise.all([
    loadCa(deps.certStore, cluster.caCertRef),
    loadConductorCertificate(deps.certStore, cluster.magnumCertRef),
  ])
  return { ca: ca.certificatePem, cert: conductor.certificatePem, key: conductor.privateKeyPem }
}

/** Runs the driver's probe under a timeout; any failure becomes UNKNOWN with the error as reason. */
async function probe(
  deps: PipelineDeps,
  cluster: Cluster,
  driver: ClusterDriver,
  timeoutMs: number,
): Promise<Health> {
  const controller = new AbortController()
  let timer: ReturnType<typeof setTimeout> | undefined
  // The race ends the wait even for a driver that ignores the signal.
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new Error(`the health probe did not answer within ${timeoutMs} ms`)
      controller.abort(error)
      reject(error)
    }, timeoutMs)
    timer.unref?.()
  })
  timedOut.catch(() => {})
  try {
    const credentials = await conductorCredentials(deps, cluster)
    return await Promise.race([driver.health!(cluster, credentials, { signal: controller.signal }), timedOut])
  } catch (error) {
    return { status: 'UNKNOWN', reason: { api: `health probe failed: ${(error as Error).message ?? error}` } }
  } finally {
    clearTimeout(timer)
  }
}

/**
 * Writes the probe's result on the cluster as it is now (other writers may have changed it since
 * the cycle read it: only the health fields are ours), retrying when a concurrent write wins.
 */
async function saveHealth(
  deps: PipelineDeps,
  read: Cluster,
  health: Health,
): Promise<HealthResult | undefined> {
  for (let attempt = 0; ; attempt++) {
    try {
      const outcome = await deps.store.transaction(async (tx) => {
        const current = await tx.clusters.get(read.uuid)
        // Deleted, or moved out of the monitored statuses while probing: the probe no longer applies.
        if (!current || !HEALTH_MONITORED_STATUSES.includes(current.status)) return undefined
        const changed =
          current.healthStatus !== health.status ||
          JSON.stringify(current.healthStatusReason ?? null) !== JSON.stringify(health.reason)
        if (!changed) return { current, saved: current, changed }
        const saved = await tx.clusters.update({
          ...current,
          healthStatus: health.status,
          healthStatusReason: health.reason,
        })
        return { current, saved, changed }
      })
      if (!outcome) return undefined
      if (outcome.changed) {
        deps.events.emitHealth({
          clusterId: read.uuid,
          name: read.name,
          from: outcome.current.healthStatus,
          to: health.status,
          reason: health.reason,
          cluster: outcome.saved,
        })
      }
      return {
        clusterId: read.uuid,
        status: health.status,
        reason: health.reason,
        previous: outcome.current.healthStatus,
        changed: outcome.changed,
      }
    } catch (error) {
      if (!(error instanceof StoreConflictError) || attempt >= 2) throw error
    }
  }
}

/** `fn` over `items`, at most `limit` at a time, results in input order. */
async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const index = next++
      results[index] = await fn(items[index]!)
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker))
  return results
}
