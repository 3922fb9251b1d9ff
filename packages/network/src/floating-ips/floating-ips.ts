import type { Session } from '@magnum-ts/auth'
import type { components } from '../generated/network.js'
import { floatingIps } from '../internal/collections.js'
import { type CallOptions, createOne, deleteOne, getOne, listAll, updateOne } from '../internal/crud.js'

/** A Neutron floating IP as Neutron sends it; `port_id` is null while unassociated. */
export type FloatingIp = NonNullable<components['schemas']['FloatingipShowResponse']['floatingip']> & {
  id: string
  floating_ip_address: string
  floating_network_id: string
}

export interface CreateFloatingIpOptions {
  /** The external network to allocate from. */
  floatingNetworkId: string
  /** Associate at once with this port. */
  portId?: string
  fixedIpAddress?: string
  floatingIpAddress?: string
  subnetId?: string
  description?: string
  signal?: AbortSignal
}

/** Lists floating IPs (`GET /v2.0/floatingips`), across pages. */
export function listFloatingIps(
  session: Session,
  options: {
    floatingNetworkId?: string
    portId?: string
    floatingIpAddress?: string
    limit?: number
    signal?: AbortSignal
  } = {},
): AsyncGenerator<FloatingIp> {
  return listAll<FloatingIp>(
    session,
    floatingIps,
    {
      floating_network_id: options.floatingNetworkId,
      port_id: options.portId,
      floating_ip_address: options.floatingIpAddress,
      limit: options.limit,
    },
    options,
  )
}

/** Gets one floating IP (`GET /v2.0/floatingips/{id}`). */
export function getFloatingIp(session: Session, id: string, options: CallOptions = {}): Promise<FloatingIp> {
  return getOne<FloatingIp>(session, floatingIps, id, options)
}

/** Allocates a floating IP from an external network (`POST /v2.0/floatingips`). */
export function createFloatingIp(session: Session, options: CreateFloatingIpOptions): Promise<FloatingIp> {
  return createOne<FloatingIp>(
    session,
    floatingIps,
    {
      floating_network_id: options.floatingNetworkId,
      port_id: options.portId,
      fixed_ip_address: options.fixedIpAddress,
      floating_ip_address: options.floatingIpAddress,
      subnet_id: options.subnetId,
      description: options.description,
    },
    options,
  )
}

/** Associates a floating IP with a port (`PUT /v2.0/floatingips/{id}` with `port_id`). */
export function associateFloatingIp(
  session: Session,
  id: string,
  options: { portId: string; fixedIpAddress?: string; signal?: AbortSignal },
): Promise<FloatingIp> {
  return updateOne<FloatingIp>(
    session,
    floatingIps,
    id,
    { port_id: options.portId, fixed_ip_address: options.fixedIpAddress },
    options,
  )
}

/** Disassociates a floating IP (`PUT /v2.0/floatingips/{id}` with `port_id: null`). */
export function disassociateFloatingIp(
  session: Session,
  id: string,
  options: CallOptions = {},
): Promise<FloatingIp> {
  return updateOne<FloatingIp>(session, floatingIps, id, { port_id: null }, options)
}

/** Releases a floating IP (`DELETE /v2.0/floatingips/{id}`). */
export function deleteFloatingIp(session: Session, id: string, options: CallOptions = {}): Promise<void> {
  return deleteOne(session, floatingIps, id, options)
}
