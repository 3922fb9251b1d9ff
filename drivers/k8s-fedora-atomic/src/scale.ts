import type { ScaleChange } from '@magnum-ts/core'

/**
 * The parameters of a scale or resize: the new minion count, and the minions the ResourceGroup's
 * `removal_policies` remove first when some are named. The same for an extra nodegroup's stack:
 * its `kube_minions` is the group that scales, and core's update with `existing: true` keeps
 * the fixed_network, fixed_subnet and existing_* parameters the stack was created with.
 */
export function k8sScaleParameters(change: ScaleChange): Record<string, unknown> {
  return {
    ...(change.nodesToRemove.length > 0 ? { minions_to_remove: [...change.nodesToRemove] } : {}),
    number_of_minions: change.nodeCount,
  }
}
