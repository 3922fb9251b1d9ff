import type { Cluster } from '../models/cluster.js'
import type { ClusterStatus, HealthStatus } from '../models/common.js'

/** A cluster moved from one status to another (typed, in-process). */
export interface ClusterStatusEvent {
  clusterId: string
  name: string
  from: ClusterStatus | undefined
  to: ClusterStatus
  reason: string | undefined
  cluster: Cluster
}

/** The health monitor saw a cluster's health status or reason change (typed, in-process). */
export interface ClusterHealthEvent {
  clusterId: string
  name: string
  /** Undefined the first time the cluster is probed. */
  from: HealthStatus | undefined
  to: HealthStatus
  reason: Record<string, unknown>
  cluster: Cluster
}

type Listener = (event: ClusterStatusEvent) => void
type HealthListener = (event: ClusterHealthEvent) => void

/**
 * The pipeline's in-process event streams: status transitions (`on`) and health changes
 * (`onHealth`); each subscription returns an unsubscribe.
 */
export interface ClusterEvents {
  on(listener: Listener): () => void
  emit(event: ClusterStatusEvent): void
  onHealth(listener: HealthListener): () => void
  emitHealth(event: ClusterHealthEvent): void
}

/** A set of listeners; a listener's bug must not break the pipeline that emits. */
function channel<E>() {
  const listeners = new Set<(event: E) => void>()
  return {
    on(listener: (event: E) => void) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    emit(event: E) {
      for (const listener of listeners) {
        try {
          listener(event)
        } catch {}
      }
    },
  }
}

export function createClusterEvents(): ClusterEvents {
  const status = channel<ClusterStatusEvent>()
  const health = channel<ClusterHealthEvent>()
  return {
    on: (listener) => status.on(listener),
    emit: (event) => status.emit(event),
    onHealth: (listener) => health.on(listener),
    emitHealth: (event) => health.emit(event),
  }
}
