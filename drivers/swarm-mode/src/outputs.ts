import type { ClusterContext, StackOutputs } from '@magnum-ts/core'
import { outputValues, type Stack } from '@magnum-ts/orchestration'

/** The Docker API port swarm-mode managers (and the load balancer) listen on. */
export const SWARM_API_PORT = 2375

/**
 * Addresses and counts from a completed swarm-mode stack: `tcp://<ip>:2375` (also with TLS),
 * managers and workers — their floating IPs, or the private ones when floating IPs are off.
 */
export function readSwarmOutputs(stack: Stack, ctx: ClusterContext): StackOutputs {
  const out = outputValues(stack.outputs)
  const suffix = ctx.cluster.floatingIpEnabled ? '' : '_private'
  const api = out.api_address
  return {
    apiAddress: typeof api === 'string' && api !== '' ? `tcp://${api}:${SWARM_API_PORT}` : undefined,
    masterAddresses: [
      ...addresses(out[`swarm_primary_master${suffix}`]),
      ...addresses(out[`swarm_secondary_masters${suffix}`]),
    ],
    nodeAddresses: addresses(out[`swarm_nodes${suffix}`]),
    counts: counts(stack.parameters, { master: 'number_of_masters', worker: 'number_of_nodes' }),
  }
}

/** A list output's string members (stubbed or failed members come back as null). */
export function addresses(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v !== '') : []
}

/** Node counts from the stack's parameters, by nodegroup role. */
export function counts(
  parameters: Record<string, string> | undefined,
  names: { master: string; worker: string },
): { master?: number; worker?: number } {
  const result: { master?: number; worker?: number } = {}
  for (const role of ['master', 'worker'] as const) {
    const n = Number.parseInt(parameters?.[names[role]] ?? '', 10)
    if (Number.isInteger(n)) result[role] = n
  }
  return result
}
