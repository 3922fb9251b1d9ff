import type { Session } from '@magnum-ts/auth'
import { listeners } from '../internal/collections.js'
import { type CallOptions, createOne, deleteOne, getOne, listAll } from '../internal/crud.js'
import type { Listener } from './types.js'

export interface CreateListenerOptions {
  loadBalancerId: string
  protocol: 'HTTP' | 'HTTPS' | 'TCP' | 'UDP' | 'SCTP' | 'TERMINATED_HTTPS' | 'PROMETHEUS'
  protocolPort: number
  name?: string
  description?: string
  defaultPoolId?: string
  /** CIDRs allowed to connect (Octavia 2.12+). */
  allowedCidrs?: string[]
  timeoutClientData?: number
  timeoutMemberData?: number
  adminStateUp?: boolean
  signal?: AbortSignal
}

/** Lists listeners (`GET /v2/lbaas/listeners`), across pages. */
export function listListeners(
  session: Session,
  options: { loadBalancerId?: string; name?: string; limit?: number; signal?: AbortSignal } = {},
): AsyncGenerator<Listener> {
  return listAll<Listener>(
    session,
    listeners,
    { loadbalancer_id: options.loadBalancerId, name: options.name, limit: options.limit },
    options,
  )
}

/** Gets one listener (`GET /v2/lbaas/listeners/{id}`). */
export function getListener(session: Session, id: string, options: CallOptions = {}): Promise<Listener> {
  return getOne<Listener>(session, listeners, id, options)
}

/** Creates a listener on a load balancer (`POST /v2/lbaas/listeners`). */
export function createListener(session: Session, options: CreateListenerOptions): Promise<Listener> {
  return createOne<Listener>(
    session,
    listeners,
    {
      loadbalancer_id: options.loadBalancerId,
      protocol: options.protocol,
      protocol_port: options.protocolPort,
      name: options.name,
      description: options.description,
      default_pool_id: options.defaultPoolId,
      allowed_cidrs: options.allowedCidrs,
      timeout_client_data: options.timeoutClientData,
      timeout_member_data: options.timeoutMemberData,
      admin_state_up: options.adminStateUp,
    },
    options,
  )
}

/** Deletes a listener (`DELETE /v2/lbaas/listeners/{id}`). */
export function deleteListener(session: Session, id: string, options: CallOptions = {}): Promise<void> {
  return deleteOne(session, listeners, id, options)
}
