import type { Session } from '@magnum-ts/auth'
import type { components } from '../generated/network.js'
import { subnets } from '../internal/collections.js'
import { type CallOptions, createOne, deleteOne, getOne, listAll, listQuery } from '../internal/crud.js'

/** A Neutron subnet as Neutron sends it. */
export type Subnet = NonNullable<components['schemas']['SubnetShowResponse']['subnet']> & {
  id: string
  name: string
  network_id: string
}

export interface ListSubnetsOptions {
  networkId?: string
  name?: string
  ipVersion?: 4 | 6
  cidr?: string
  /** Page size; every page is fetched regardless. */
  limit?: number
  filters?: Record<string, string | number | boolean | string[]>
  signal?: AbortSignal
}

export interface CreateSubnetOptions {
  networkId: string
  cidr: string
  ipVersion?: 4 | 6
  name?: string
  description?: string
  /** `null` creates a subnet without a gateway. */
  gatewayIp?: string | null
  enableDhcp?: boolean
  dnsNameservers?: string[]
  allocationPools?: { start: string; end: string }[]
  signal?: AbortSignal
}

/** Lists subnets (`GET /v2.0/subnets`) with filters, across pages. */
export function listSubnets(session: Session, options: ListSubnetsOptions = {}): AsyncGenerator<Subnet> {
  return listAll<Subnet>(
    session,
    subnets,
    listQuery(
      {
        network_id: options.networkId,
        name: options.name,
        ip_version: options.ipVersion,
        cidr: options.cidr,
        limit: options.limit,
      },
      options.filters,
    ),
    options,
  )
}

/** Gets one subnet (`GET /v2.0/subnets/{id}`). */
export function getSubnet(session: Session, id: string, options: CallOptions = {}): Promise<Subnet> {
  return getOne<Subnet>(session, subnets, id, options)
}

/** Creates a subnet (`POST /v2.0/subnets`); IPv4 unless `ipVersion` says otherwise. */
export function createSubnet(session: Session, options: CreateSubnetOptions): Promise<Subnet> {
  return createOne<Subnet>(
    session,
    subnets,
    {
      network_id: options.networkId,
      cidr: options.cidr,
      ip_version: options.ipVersion ?? 4,
      name: options.name,
      description: options.description,
      gateway_ip: options.gatewayIp,
      enable_dhcp: options.enableDhcp,
      dns_nameservers: options.dnsNameservers,
      allocation_pools: options.allocationPools,
    },
    options,
  )
}

/** Deletes a subnet (`DELETE /v2.0/subnets/{id}`). */
export function deleteSubnet(session: Session, id: string, options: CallOptions = {}): Promise<void> {
  return deleteOne(session, subnets, id, options)
}
