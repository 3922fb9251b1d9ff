import type { ClusterContext, StackOutputs } from '@magnum-ts/core'
import { outputValues, type Stack } from '@magnum-ts/orchestration'

/**
 * Addresses, counts and version from a completed k8s stack. `api_address` becomes
 * `https://<ip>:6443`, or `http://<ip>:8080` with TLS disabled; a null output leaves the stored
 * value (`undefined`). Node addresses are the floating IPs, or the private ones when floating
 * IPs are off. `coe_version` is the stack's `kube_version` parameter (kube_tag when set).
 */
export function readK8sOutputs(stack: Stack, ctx: ClusterContext): StackOutputs {
  const out = outputValues(stack.outputs)
  const suffix = ctx.cluster.floatingIpEnabled ? '' : '_private'
  const api = out.api_address
  const apiAddress =
    typeof api === 'string' && api !== ''
      ? ctx.clusterTemplate.tlsDisabled
        ? `http://${api}:8080`
        : `https://${api}:6443`
      : undefined
  const coeVersion = stack.parameters?.kube_version || undefined
  return {
    apiAddress,
    masterAddresses: addresses(out[`kube_masters${suffix}`]),
    nodeAddresses: addresses(out[`kube_minions${suffix}`]),
    ...(coeVersion ? { coeVersion } : {}),
    counts: counts(stack.parameters),
  }
}

/** A list output's string members (stubbed or failed members come back as null). */
function addresses(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v !== '') : []
}

function counts(parameters: Record<string, string> | undefined): { master?: number; worker?: number } {
  const result: { master?: number; worker?: number } = {}
  const names = { master: 'number_of_masters', worker: 'number_of_minions' } as const
  // An extra nodegroup's stack (is_cluster_stack false) builds workers only: its
  // number_of_masters is the cluster's, not a count of this stack's servers. Compared without
  // case: stack parameters come back as strings, and a boolean's spelling is Heat's to choose.
  const roles =
    parameters?.is_cluster_stack?.toLowerCase() === 'false'
      ? (['worker'] as const)
      : (['master', 'worker'] as const)
  for (const role of roles) {
    const n = Number.parseInt(parameters?.[names[role]] ?? '', 10)
    if (Number.isInteger(n)) result[role] = n
  }
  return result
}
