import type { ClusterDriver } from '@magnum-ts/core'
import { swarmClusterConfig } from './config.js'
import { swarmModeDescriptor } from './descriptor.js'
import { readSwarmOutputs } from './outputs.js'
import { swarmStackRequest } from './stack-request.js'

/**
 * The complete swarm-mode driver: the descriptor plus its Heat stack, scaling (Magnum's
 * `{ number_of_nodes }`; swarm-mode picks no servers to remove), outputs and cluster config.
 */
export const swarmModeDriver: ClusterDriver = {
  ...swarmModeDescriptor,
  stackRequest: async (ctx) => swarmStackRequest(ctx),
  scaleParameters: (_ctx, change) => ({ number_of_nodes: change.nodeCount }),
  readOutputs: readSwarmOutputs,
  clusterConfig: (cluster, credentials) => swarmClusterConfig(cluster, credentials),
}
