import type { Session } from '@magnum-ts/auth'
import { pools } from '../internal/collections.js'
import { type CallOptions, createOne, deleteOne, getOne, listAll } from '../internal/crud.js'
import type { Pool } from './types.js'

/** A pool belongs to a listener (as its default pool) or directly to a load balancer. */
export interface CreatePoolOptions {
  protocol: 'HTTP' | 'HTTPS' | 'PROXY' | 'PROXYV2' | 'TCP' | 'UDP' | 'SCTP'
  lbAlgorithm: 'ROUND_ROBIN' | 'LEAST_CONNECTIONS' | 'SOURCE_IP' | 'SOURCE_IP_PORT'
  listenerId?: string
  loadBalancerId?: string
  name?: string
  description?: string
  sessionPersistence?: { type: 'SOURCE_IP' | 'HTTP_COOKIE' | 'APP_COOKIE'; cookie_name?: string }
  adminStateUp?: boolean
  signal?: AbortSignal
}

/** Lists pools (`GET /v2/lbaas/pools`), across pages. */
export function listPools(
  session: Session,
  options: { loadBalancerId?: string; name?: string; limit?: number; signal?: AbortSignal } = {},
): AsyncGenerator<Pool> {
  return listAll<Pool>(
    session,
    pools,
    { loadbalancer_id: options.loadBalancerId, name: options.name, limit: options.limit },
    options,
  )
}

/** Gets one pool (`GET /v2/lbaas/pools/{id}`). */
export function getPool(session: Session, id: string, options: CallOptions = {}): Promise<Pool> {
  return getOne<Pool>(session, pools, id, options)
}

/** Creates a pool (`POST /v2/lbaas/pools`). */
export function createPool(session: Session, options: CreatePoolOptions): Promise<Pool> {
  return createOne<Pool>(
    session,
    pools,
    {
      protocol: options.protocol,
      lb_algorithm: options.lbAlgorithm,
      listener_id: options.listenerId,
      loadbalancer_id: options.loadBalancerId,
      name: options.name,
      description: options.description,
      session_persistence: options.sessionPersistence,
      admin_state_up: options.adminStateUp,
    },
    options,
  )
}

/** Deletes a pool and its members (`DELETE /v2/lbaas/pools/{id}`). */
export function deletePool(session: Session, id: string, options: CallOptions = {}): Promise<void> {
  return deleteOne(session, pools, id, options)
}
