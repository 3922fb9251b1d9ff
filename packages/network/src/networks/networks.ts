import type { Session } from '@magnum-ts/auth'
import { looksLikeUuid } from '@magnum-ts/auth'
import { NotExternalNetworkError } from '../errors.js'
import { networks } from '../internal/collections.js'
import { type CallOptions, createOne, deleteOne, getOne, listAll, listQuery } from '../internal/crud.js'
import { pickOne } from '../internal/find.js'
import { NETWORK, neutronPath } from '../internal/services.js'
import type { CreateNetworkOptions, ListNetworksOptions, Network } from './types.js'

/** Lists networks (`GET /v2.0/networks`) with filters, across pages. */
export function listNetworks(session: Session, options: ListNetworksOptions = {}): AsyncGenerator<Network> {
  return listAll<Network>(
    session,
    networks,
    listQuery(
      {
        name: options.name,
        'router:external': options.routerExternal,
        shared: options.shared,
        status: options.status,
        project_id: options.projectId,
        tags: options.tags?.join(','),
        limit: options.limit,
      },
      options.filters,
    ),
    options,
  )
}

/** Gets one network (`GET /v2.0/networks/{id}`); a missing one throws `NotFoundError`. */
export function getNetwork(session: Session, id: string, options: CallOptions = {}): Promise<Network> {
  return getOne<Network>(session, networks, id, options)
}

/** Creates a network (`POST /v2.0/networks`). */
export function createNetwork(session: Session, options: CreateNetworkOptions): Promise<Network> {
  return createOne<Network>(
    session,
    networks,
    {
      name: options.name,
      description: options.description,
      admin_state_up: options.adminStateUp,
      mtu: options.mtu,
      port_security_enabled: options.portSecurityEnabled,
      shared: options.shared,
      'router:external': options.routerExternal,
      availability_zone_hints: options.availabilityZoneHints,
    },
    options,
  )
}

/** Deletes a network (`DELETE /v2.0/networks/{id}`). */
export function deleteNetwork(session: Session, id: string, options: CallOptions = {}): Promise<void> {
  return deleteOne(session, networks, id, options)
}

/** Finds a network by id (UUID-shaped arguments) or exact name; ambiguity and absence are typed errors. */
export async function findNetwork(
  session: Session,
  nameOrId: string,
  options: CallOptions = {},
): Promise<Network> {
  if (looksLikeUuid(nameOrId)) {
    const path = await neutronPath(session, `/networks/${encodeURIComponent(nameOrId)}`)
    const direct = await session.request<{ network?: Network }>(NETWORK, 'GET', path, {
      okStatuses: [404],
      ...(options.signal ? { signal: options.signal } : {}),
    })
    if (direct.status === 200 && direct.body?.network) return direct.body.network
  }
  const candidates: Network[] = []
  for await (const network of listNetworks(session, { name: nameOrId, ...options })) candidates.push(network)
  return pickOne(candidates, nameOrId, 'network', {
    hint: 'check the name (openstack network list), or that the network is visible to this project.',
  })
}

/**
 * Finds the external network Magnum will take floating IPs and router gateways from. The
 * match must have `router:external: true`; otherwise `NotExternalNetworkError` says so and
 * how to fix it (Heat would fail much later with a less helpful message).
 */
export async function findExternalNetwork(
  session: Session,
  nameOrId: string,
  options: CallOptions = {},
): Promise<Network> {
  const network = await findNetwork(session, nameOrId, options)
  if (network['router:external'] !== true) {
    throw new NotExternalNetworkError({ id: network.id, name: network.name, searched: nameOrId })
  }
  return network
}
