import { type BlockStorageState, emptyBlockStorageState } from './block-storage/state.js'
import { type ComputeState, emptyComputeState } from './compute/state.js'
import { emptyIdentityState, type IdentityState } from './identity/state.js'
import { emptyImageState, type ImageState } from './image/state.js'
import { emptyKeyManagerState, type KeyManagerState } from './key-manager/state.js'
import { emptyLoadBalancerState, type LoadBalancerState } from './load-balancer/state.js'
import { emptyNetworkState, type NetworkState } from './network/state.js'
import { emptyOrchestrationState, type OrchestrationState } from './orchestration/state.js'

/**
 * Everything the fake cloud holds, one slice per service. Services (and the mini Heat engine)
 * create objects through each slice's `ops.ts`, so every route sees the same world.
 */
export interface CloudState {
  identity: IdentityState
  compute: ComputeState
  image: ImageState
  network: NetworkState
  loadBalancer: LoadBalancerState
  blockStorage: BlockStorageState
  keyManager: KeyManagerState
  /** Heat's stacks (the mini Heat engine). */
  orchestration: OrchestrationState
}

/** A cloud with nothing in it. */
export function emptyCloudState(): CloudState {
  return {
    identity: emptyIdentityState(),
    compute: emptyComputeState(),
    image: emptyImageState(),
    network: emptyNetworkState(),
    loadBalancer: emptyLoadBalancerState(),
    blockStorage: emptyBlockStorageState(),
    keyManager: emptyKeyManagerState(),
    orchestration: emptyOrchestrationState(),
  }
}
