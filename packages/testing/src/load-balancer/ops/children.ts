import { randomUUID } from 'node:crypto'
import { ApiError, badRequest, conflict } from '../../server/api-error.js'
import type { CloudState } from '../../state.js'
import { type LbStamp, lockForUpdate, octaviaNotFound, status } from './common.js'

/** Creates a listener on a load balancer (409 when the port is taken). */
export function createListener(
  s: CloudState,
  stamp: LbStamp,
  input: {
    loadbalancerId: string
    protocol: string
    protocolPort: number
    name?: string
    defaultPoolId?: string
    allowedCidrs?: string[]
  },
) {
  const lb = lockForUpdate(s, input.loadbalancerId, stamp)
  const clash = [...s.loadBalancer.listeners.values()].some(
    (l) => l.loadbalancerId === lb.id && l.protocol_port === input.protocolPort,
  )
  if (clash)
    throw conflict(
      `Another Listener on this Load Balancer is already using protocol_port ${input.protocolPort}`,
    )
  const listener = {
    id: randomUUID(),
    name: input.name ?? '',
    description: '',
    protocol: input.protocol,
    protocol_port: input.protocolPort,
    loadbalancerId: lb.id,
    default_pool_id: input.defaultPoolId ?? null,
    connection_limit: -1,
    admin_state_up: true,
    allowed_cidrs: input.allowedCidrs ?? null,
    timeout_client_data: 50000,
    timeout_member_connect: 5000,
    timeout_member_data: 50000,
    timeout_tcp_inspect: 0,
    tags: [],
    ...status(stamp),
  }
  s.loadBalancer.listeners.set(listener.id, listener)
  return listener
}

/** Creates a pool on a load balancer (and, with a listener, as its default pool). */
export function createPool(
  s: CloudState,
  stamp: LbStamp,
  input: {
    loadbalancerId?: string
    listenerId?: string
    protocol: string
    lbAlgorithm: string
    name?: string
  },
) {
  const listener = input.listenerId ? s.loadBalancer.listeners.get(input.listenerId) : undefined
  if (input.listenerId && !listener)
    throw badRequest(`Validation failure: Listener ${input.listenerId} not found.`)
  const lbId = input.loadbalancerId ?? listener?.loadbalancerId
  if (!lbId) throw badRequest('Validation failure: loadbalancer_id or listener_id must be specified.')
  const lb = lockForUpdate(s, lbId, stamp)
  if (listener?.default_pool_id) throw conflict(`Listener ${listener.id} already has a default pool.`)
  const algorithms = ['ROUND_ROBIN', 'LEAST_CONNECTIONS', 'SOURCE_IP', 'SOURCE_IP_PORT']
  if (!algorithms.includes(input.lbAlgorithm)) {
    throw badRequest(
      `Invalid input for field/attribute lb_algorithm. Value: '${input.lbAlgorithm}'. Value should be one of ${algorithms.join(', ')}`,
    )
  }
  if (lb.provider === 'ovn' && input.lbAlgorithm !== 'SOURCE_IP_PORT') {
    throw new ApiError(
      400,
      `Provider 'ovn' does not support a requested option: OVN provider does not support ${input.lbAlgorithm} algorithm`,
    )
  }
  const pool = {
    id: randomUUID(),
    name: input.name ?? '',
    description: '',
    protocol: input.protocol,
    lb_algorithm: input.lbAlgorithm,
    loadbalancerId: lb.id,
    listenerIds: listener ? [listener.id] : [],
    session_persistence: null,
    admin_state_up: true,
    tags: [],
    ...status(stamp),
  }
  s.loadBalancer.pools.set(pool.id, pool)
  if (listener) listener.default_pool_id = pool.id
  return pool
}

/** Adds a member to a pool. */
export function createMember(
  s: CloudState,
  stamp: LbStamp,
  input: {
    poolId: string
    address: string
    protocolPort: number
    subnetId?: string
    name?: string
    weight?: number
  },
) {
  const pool = s.loadBalancer.pools.get(input.poolId)
  if (!pool) throw octaviaNotFound('Pool', input.poolId)
  lockForUpdate(s, pool.loadbalancerId, stamp)
  const duplicate = [...s.loadBalancer.members.values()].some(
    (m) => m.poolId === pool.id && m.address === input.address && m.protocol_port === input.protocolPort,
  )
  if (duplicate) {
    throw conflict(
      `Another member on this pool is already using ip ${input.address} on protocol_port ${input.protocolPort}`,
    )
  }
  const member = {
    id: randomUUID(),
    poolId: pool.id,
    name: input.name ?? '',
    address: input.address,
    protocol_port: input.protocolPort,
    subnet_id: input.subnetId ?? null,
    weight: input.weight ?? 1,
    backup: false,
    admin_state_up: true,
    monitor_address: null,
    monitor_port: null,
    tags: [],
    ...status(stamp),
  }
  s.loadBalancer.members.set(member.id, member)
  return member
}

/** Adds a health monitor to a pool (409 when it has one). */
export function createHealthMonitor(
  s: CloudState,
  stamp: LbStamp,
  input: {
    poolId: string
    type: string
    delay: number
    timeout: number
    maxRetries: number
    maxRetriesDown?: number
    name?: string
    httpMethod?: string
    urlPath?: string
    expectedCodes?: string
  },
) {
  const pool = s.loadBalancer.pools.get(input.poolId)
  if (!pool) throw badRequest(`Validation failure: Pool ${input.poolId} not found.`)
  if ([...s.loadBalancer.healthMonitors.values()].some((h) => h.poolId === pool.id)) {
    throw conflict(`This Pool already has a Health Monitor`)
  }
  lockForUpdate(s, pool.loadbalancerId, stamp)
  const http = input.type === 'HTTP' || input.type === 'HTTPS'
  const monitor = {
    id: randomUUID(),
    poolId: pool.id,
    name: input.name ?? '',
    type: input.type,
    delay: input.delay,
    timeout: input.timeout,
    max_retries: input.maxRetries,
    max_retries_down: input.maxRetriesDown ?? 3,
    http_method: http ? (input.httpMethod ?? 'GET') : null,
    url_path: http ? (input.urlPath ?? '/') : null,
    expected_codes: http ? (input.expectedCodes ?? '200') : null,
    admin_state_up: true,
    tags: [],
    ...status(stamp),
  }
  s.loadBalancer.healthMonitors.set(monitor.id, monitor)
  return monitor
}
