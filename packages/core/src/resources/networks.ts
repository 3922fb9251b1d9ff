import { looksLikeUuid, matchNameOrId, NotFoundError, type Session, toArray } from '@magnum-ts/auth'
import {
  findExternalNetwork,
  findNetwork,
  getSubnet,
  listSubnets,
  type Network,
  NotExternalNetworkError,
  type Subnet,
} from '@magnum-ts/network'
import {
  DuplicateResourceError,
  ExternalNetworkNotFoundError,
  FixedNetworkNotFoundError,
  FixedSubnetNotFoundError,
} from './errors.js'
import { type CheckOutcome, lookup } from './outcome.js'

type CallOptions = { signal?: AbortSignal }

/** Neutron: the external network exists, is unique and is `router:external`. */
export function checkExternalNetwork(
  session: Session,
  network: string,
  options: CallOptions,
): Promise<CheckOutcome<Network>> {
  return lookup(() => findExternalNetwork(session, network, options), {
    notFound: () => new ExternalNetworkNotFoundError(network, 'missing'),
    ambiguous: (error) =>
      new DuplicateResourceError('external_network', 'external_network_id', network, error.matches),
    other: (error) =>
      error instanceof NotExternalNetworkError
        ? new ExternalNetworkNotFoundError(network, { notExternal: error.networkId })
        : undefined,
  })
}

/** Neutron: the fixed network exists and is unique. */
export function checkFixedNetwork(
  session: Session,
  network: string,
  options: CallOptions,
): Promise<CheckOutcome<Network>> {
  return lookup(() => findNetwork(session, network, options), {
    notFound: () => new FixedNetworkNotFoundError(network),
    ambiguous: (error) =>
      new DuplicateResourceError('fixed_network', 'fixed_network', network, error.matches),
  })
}

/** Neutron: the fixed subnet exists and is unique (whether it sits on the network is checked once both resolve). */
export async function checkFixedSubnet(
  session: Session,
  subnet: string,
  options: CallOptions,
): Promise<CheckOutcome<Subnet>> {
  if (looksLikeUuid(subnet)) {
    try {
      return { value: await getSubnet(session, subnet, options), errors: [] }
    } catch (error) {
      // A UUID-shaped *name* is legal in Neutron, so a miss by id falls through to the name search.
      if (!(error instanceof NotFoundError)) throw error
    }
  }
  const candidates = await toArray(listSubnets(session, { name: subnet, ...options }))
  const match = matchNameOrId(candidates, subnet)
  switch (match.kind) {
    case 'id':
    case 'name':
      return { value: match.item, errors: [] }
    case 'ambiguous':
      return {
        errors: [
          new DuplicateResourceError(
            'fixed_subnet',
            'fixed_subnet',
            subnet,
            match.items.map((s) => ({ id: s.id, name: s.name })),
          ),
        ],
      }
    case 'none':
      return { errors: [new FixedSubnetNotFoundError(subnet)] }
  }
}

/** The subnet must be on the fixed network, or the servers' ports cannot be created. */
export function subnetOnNetwork(
  network: Network,
  subnet: Subnet,
  given: string,
): FixedSubnetNotFoundError | undefined {
  if (subnet.network_id === network.id) return undefined
  return new FixedSubnetNotFoundError(given, {
    network: network.name || network.id,
    subnetNetworkId: subnet.network_id,
  })
}
