import type { Cluster } from '../models/cluster.js'
import type { ClusterStatus } from '../models/common.js'

/** A cluster moved from one status to another (typed, in-process). */
export interface ClusterStatusEvent {
  clusterId: string
  name: string
  from: ClusterStatus | undefined
  to: ClusterStatus
  reason: string | undefined
  cluster: Cluster
}

type Listener = (event: ClusterStatusEvent) => void

/** The pipeline's in-process event stream: subscribe with `on`, which returns an unsubscribe. */
export interface ClusterEvents {
  on(listener: Listener): () => void
  emit(event: ClusterStatusEvent): void
}

export function createClusterEvents(): ClusterEvents {
  const listeners = new Set<Listener>()
  return {
    on(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    emit(event) {
      for (const listener of listeners) {
        // A listener's bug must not break the pipeline that emits.
        try {
          listener(event)
        } catch {}
      }
    },
  }
}
