import type { Session } from '@magnum-ts/auth'
import type { components } from '../generated/network.js'
import { ports } from '../internal/collections.js'
import { type CallOptions, createOne, deleteOne, getOne, listAll, listQuery } from '../internal/crud.js'

/** A Neutron port as Neutron sends it. */
export type Port = NonNullable<components['schemas']['PortShowResponse']['port']> & {
  id: string
  network_id: string
}

export interface ListPortsOptions {
  networkId?: string
  deviceId?: string
  deviceOwner?: string
  name?: string
  /** Ports holding this fixed IP (`fixed_ips=ip_address=…`). */
  fixedIp?: string
  /** Page size; every page is fetched regardless. */
  limit?: number
  filters?: Record<string, string | number | boolean | string[]>
  signal?: AbortSignal
}

export interface CreatePortOptions {
  networkId: string
  name?: string
  description?: string
  fixedIps?: { subnet_id?: string; ip_address?: string }[]
  securityGroups?: string[]
  portSecurityEnabled?: boolean
  adminStateUp?: boolean
  allowedAddressPairs?: { ip_address: string; mac_address?: string }[]
  signal?: AbortSignal
}

/** Lists ports (`GET /v2.0/ports`) with filters, across pages. */
export function listPorts(session: Session, options: ListPortsOptions = {}): AsyncGenerator<Port> {
  return listAll<Port>(
    session,
    ports,
    listQuery(
      {
        network_id: options.networkId,
        device_id: options.deviceId,
        device_owner: options.deviceOwner,
        name: options.name,
        fixed_ips: options.fixedIp === undefined ? undefined : `ip_address=${options.fixedIp}`,
        limit: options.limit,
      },
      options.filters,
    ),
    options,
  )
}

/** Gets one port (`GET /v2.0/ports/{id}`). */
export function getPort(session: Session, id: string, options: CallOptions = {}): Promise<Port> {
  return getOne<Port>(session, ports, id, options)
}

/** Creates a port (`POST /v2.0/ports`). */
export function createPort(session: Session, options: CreatePortOptions): Promise<Port> {
  return createOne<Port>(
    session,
    ports,
    {
      network_id: options.networkId,
      name: options.name,
      description: options.description,
      fixed_ips: options.fixedIps,
      security_groups: options.securityGroups,
      port_security_enabled: options.portSecurityEnabled,
      admin_state_up: options.adminStateUp,
      allowed_address_pairs: options.allowedAddressPairs,
    },
    options,
  )
}

/** Deletes a port (`DELETE /v2.0/ports/{id}`). */
export function deletePort(session: Session, id: string, options: CallOptions = {}): Promise<void> {
  return deleteOne(session, ports, id, options)
}
