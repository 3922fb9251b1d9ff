import { abortableSleep, OpenStackError, type Session } from '@magnum-ts/auth'
import type { ClusterContext } from '@magnum-ts/core'
import { deleteLoadBalancer, type LoadBalancer, listLoadBalancers } from '@magnum-ts/network'

/** Magnum's `[cluster] pre_delete_lb_timeout`: seconds to wait for the load balancers to go. */
export const DEFAULT_PRE_DELETE_LB_TIMEOUT_SECONDS = 60
/** Milliseconds between two looks at Octavia while waiting. */
export const DEFAULT_PRE_DELETE_LB_POLL_INTERVAL_MS = 2_000

/**
 * Magnum's `PreDeletionFailed` (409): the load balancers Kubernetes made for the cluster could
 * not be removed, so the stack is left alone (deleting it would fail on the subnet the load
 * balancers still use) and the cluster ends DELETE_FAILED.
 */
export class PreDeletionFailedError extends OpenStackError {
  readonly status = 409
  readonly clusterId: string
  /** The load balancers still in the way. */
  readonly loadBalancerIds: string[]
  constructor(args: { clusterId: string; loadBalancerIds: string[]; reason: string; cause?: unknown }) {
    const ids = args.loadBalancerIds.length > 0 ? args.loadBalancerIds.join(', ') : '(none found yet)'
    super(
      'PRE_DELETION_FAILED',
      `Failed to pre-delete resources for cluster ${args.clusterId}: load balancers ${ids}: ${args.reason}. ` +
        'Fix: delete them yourself (openstack loadbalancer delete --cascade <id>) or find out why Octavia ' +
        'keeps them (openstack loadbalancer show <id>), then delete the cluster again',
      args.cause === undefined ? undefined : { cause: args.cause },
    )
    this.clusterId = args.clusterId
    this.loadBalancerIds = args.loadBalancerIds
  }
}

/**
 * Whether Kubernetes' OpenStack cloud provider made this load balancer for the cluster: it
 * describes them `Kubernetes external service <ns/name> from cluster <cluster-name>`, and the
 * controller manager runs with `--cluster-name=<cluster uuid>` (configure-kubernetes.sh).
 * Matched from the start of the description, as Magnum does.
 */
export function isClusterLoadBalancer(description: string | null | undefined, clusterUuid: string): boolean {
  const uuid = clusterUuid.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return new RegExp(`^Kubernetes .+ from cluster ${uuid}`).test(description ?? '')
}

function positiveNumber(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback
}

async function clusterLoadBalancers(session: Session, ctx: ClusterContext): Promise<LoadBalancer[]> {
  const found: LoadBalancer[] = []
  const options = { projectId: ctx.cluster.projectId, ...(ctx.signal ? { signal: ctx.signal } : {}) }
  for await (const lb of listLoadBalancers(session, options)) {
    if (isClusterLoadBalancer(lb.description, ctx.cluster.uuid)) found.push(lb)
  }
  return found
}

/**
 * Magnum's k8s pre-delete: with Octavia in the catalog, deletes (cascade) the load balancers
 * the cloud provider created for the cluster's Services, then waits until Octavia no longer
 * lists them. Load balancers already PENDING_DELETE are waited for, not deleted again.
 *
 * Bounded by `config.preDeleteLbTimeout` (seconds, default 60) and polled every
 * `config.preDeleteLbPollIntervalMs` (default 2000). Any failure, or the timeout, throws
 * `PreDeletionFailedError`; an aborted `ctx.signal` throws its reason.
 */
export async function deleteClusterLoadBalancers(ctx: ClusterContext): Promise<void> {
  if (!ctx.services.octavia) return
  const clusterId = ctx.cluster.uuid
  const session = ctx.session
  if (!session) {
    throw new PreDeletionFailedError({
      clusterId,
      loadBalancerIds: [],
      reason: 'the driver was given no session to reach Octavia with',
    })
  }
  const timeoutMs =
    positiveNumber(ctx.config.preDeleteLbTimeout, DEFAULT_PRE_DELETE_LB_TIMEOUT_SECONDS) * 1000
  const intervalMs = positiveNumber(
    ctx.config.preDeleteLbPollIntervalMs,
    DEFAULT_PRE_DELETE_LB_POLL_INTERVAL_MS,
  )
  const signalOption = ctx.signal ? { signal: ctx.signal } : {}
  let pending: string[] = []
  const fail = (reason: string, cause?: unknown): never => {
    throw new PreDeletionFailedError({ clusterId, loadBalancerIds: pending, reason, cause })
  }
  try {
    const candidates = await clusterLoadBalancers(session, ctx)
    pending = candidates.map((lb) => lb.id)
    for (const lb of candidates) {
      if (lb.provisioning_status === 'PENDING_DELETE') continue
      await deleteLoadBalancer(session, lb.id, { cascade: true, ...signalOption })
    }
    const deadline = Date.now() + timeoutMs
    while (pending.length > 0) {
      const remaining = deadline - Date.now()
      if (remaining <= 0) fail(`still present after ${timeoutMs / 1000}s`)
      await abortableSleep(Math.min(intervalMs, remaining), ctx.signal)
      const left = new Map((await clusterLoadBalancers(session, ctx)).map((lb) => [lb.id, lb]))
      pending = pending.filter((id) => left.has(id) && left.get(id)?.provisioning_status !== 'DELETED')
      const broken = pending.filter((id) => left.get(id)?.provisioning_status === 'ERROR')
      if (broken.length > 0) {
        pending = broken
        fail('Octavia put them in ERROR while deleting')
      }
    }
  } catch (error) {
    if (error instanceof PreDeletionFailedError) throw error
    if (ctx.signal?.aborted) throw ctx.signal.reason
    fail((error as Error).message ?? String(error), error)
  }
}
