import { OpenStackError } from '@magnum-ts/auth'

/** `findExternalNetwork` matched a network that is not `router:external`. */
export class NotExternalNetworkError extends OpenStackError {
  readonly networkId: string
  readonly networkName: string
  constructor(args: { id: string; name: string; searched: string }) {
    super(
      'NETWORK_NOT_EXTERNAL',
      `Network "${args.name}" (${args.id}), matched by "${args.searched}", is not an external network (router:external is false), so it cannot carry floating IPs or router gateways. Fix: pass an external network (openstack network list --external), or have an admin run: openstack network set --external ${args.id}`,
    )
    this.networkId = args.id
    this.networkName = args.name
  }
}

/** A load balancer went to provisioning_status ERROR while we waited for it. */
export class LoadBalancerFailedError extends OpenStackError {
  readonly loadBalancerId: string
  readonly provisioningStatus: string
  readonly operatingStatus: string | undefined
  constructor(args: {
    id: string
    provisioningStatus: string
    operatingStatus?: string | undefined
    waitingFor: string
  }) {
    super(
      'LOAD_BALANCER_FAILED',
      `Load balancer ${args.id} reached provisioning_status ${args.provisioningStatus} while waiting for ${args.waitingFor}${
        args.operatingStatus ? ` (operating_status ${args.operatingStatus})` : ''
      }. Fix: see the Octavia worker and amphora logs, then delete it (cascade) and retry.`,
    )
    this.loadBalancerId = args.id
    this.provisioningStatus = args.provisioningStatus
    this.operatingStatus = args.operatingStatus
  }
}

/** A wait ran out of time before the resource reached the wanted state. */
export class WaitTimeoutError extends OpenStackError {
  readonly resource: string
  readonly id: string
  readonly waitingFor: string
  readonly lastStatus: string | undefined
  constructor(args: {
    resource: string
    id: string
    waitingFor: string
    lastStatus?: string | undefined
    timeoutMs: number
  }) {
    super(
      'WAIT_TIMEOUT',
      `${args.resource} ${args.id} did not reach ${args.waitingFor} within ${Math.round(args.timeoutMs / 1000)} s (last status: ${
        args.lastStatus ?? 'unknown'
      }). Fix: raise timeoutMs, or check the service for a stuck operation.`,
    )
    this.resource = args.resource
    this.id = args.id
    this.waitingFor = args.waitingFor
    this.lastStatus = args.lastStatus
  }
}
