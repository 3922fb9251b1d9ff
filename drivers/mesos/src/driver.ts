import type { Cluster, ClusterContext, ClusterDriver, ScaleChange } from '@magnum-ts/core'
import type { Stack } from '@magnum-ts/orchestration'
import { mesosClusterConfig } from './config.js'
import { mesosDescriptor } from './descriptor.js'
import { privateSlaveAddresses, readMesosOutputs } from './outputs.js'
import { leastLoadedSlaves } from './scale.js'
import { mesosStackRequest } from './stack-request.js'

/** What `slavesToRemove` needs besides the cluster. */
export interface SlavesToRemoveOptions {
  /** The cluster stack, fetched with its outputs (for the slaves' private addresses). */
  stack: Stack
  /** The new slave count. */
  nodeCount: number
  fetch?: typeof globalThis.fetch
  signal?: AbortSignal
}

/** The mesos driver: the descriptor plus its Heat stack, scaling, outputs and cluster config. */
export interface MesosDriver extends ClusterDriver {
  /**
   * Magnum's Marathon scale manager: on scale-down, which slaves to name in `slaves_to_remove`
   * (least loaded first). Call it before `scaleParameters` and put the result in
   * `change.nodesToRemove`; an empty list on scale-up.
   */
  slavesToRemove(cluster: Cluster, options: SlavesToRemoveOptions): Promise<string[]>
}

/** Side effects the mesos driver can be given instead of its defaults. */
export interface MesosDriverOptions {
  /** Reaches Marathon for the least-loaded scale-down; the global fetch by default. */
  fetch?: typeof globalThis.fetch
}

/** The mesos_ubuntu_v1 driver with its Heat part, with an injectable fetch for Marathon. */
export function createMesosDriver(options: MesosDriverOptions = {}): MesosDriver {
  return {
    ...mesosDescriptor,
    stackRequest: async (ctx) => mesosStackRequest(ctx),
    scaleParameters: (_ctx: ClusterContext, change: ScaleChange) => ({
      number_of_slaves: change.nodeCount,
      slaves_to_remove: change.nodesToRemove,
    }),
    readOutputs: readMesosOutputs,
    clusterConfig: (cluster) => mesosClusterConfig(cluster),
    // Core's scale-down hook: Magnum's Marathon scale manager.
    selectNodesToRemove(ctx, change, stack) {
      return this.slavesToRemove(ctx.cluster, {
        stack,
        nodeCount: change.nodeCount,
        ...(ctx.signal ? { signal: ctx.signal } : {}),
      })
    },
    async slavesToRemove(cluster, call) {
      const slaves = privateSlaveAddresses(call.stack)
      const count = slaves.length - call.nodeCount
      if (count <= 0 || !cluster.apiAddress) return []
      const fetch = call.fetch ?? options.fetch
      return leastLoadedSlaves({
        apiAddress: cluster.apiAddress,
        slaves,
        count,
        ...(fetch ? { fetch } : {}),
        ...(call.signal ? { signal: call.signal } : {}),
      })
    },
  }
}

/** Mesos + Marathon on Ubuntu VMs, ready to register: `createDriverRegistry([mesosDriver])`. */
export const mesosDriver: MesosDriver = createMesosDriver()
