import type { ClusterContext, StackOutputs } from '@magnum-ts/core'
import { outputValues, type Stack } from '@magnum-ts/orchestration'

/** Marathon's port on the masters and the load balancer. */
export const MARATHON_PORT = 8080
/** The Mesos master's port. */
export const MESOS_MASTER_PORT = 5050

/**
 * Addresses and counts from a completed mesos stack: the API address as a bare IP, the masters'
 * and slaves' floating IPs (mesos has no private fallback), counts from the stack parameters.
 */
export function readMesosOutputs(stack: Stack, _ctx: ClusterContext): StackOutputs {
  const out = outputValues(stack.outputs)
  const api = out.api_address
  const n = (name: string) => Number.parseInt(stack.parameters?.[name] ?? '', 10)
  const counts: StackOutputs['counts'] = {}
  if (Number.isInteger(n('number_of_masters'))) counts.master = n('number_of_masters')
  if (Number.isInteger(n('number_of_slaves'))) counts.worker = n('number_of_slaves')
  return {
    apiAddress: typeof api === 'string' && api !== '' ? api : undefined,
    masterAddresses: ipList(out.mesos_master),
    nodeAddresses: ipList(out.mesos_slaves),
    counts,
  }
}

/** The slaves' private addresses (Marathon's task hosts, and what `slaves_to_remove` names). */
export function privateSlaveAddresses(stack: Stack): string[] {
  return ipList(outputValues(stack.outputs).mesos_slaves_private)
}

function ipList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v !== '') : []
}
