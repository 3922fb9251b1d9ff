import type { Session } from '@magnum-ts/auth'
import type { components } from '../generated/network.js'
import { routers } from '../internal/collections.js'
import { type CallOptions, createOne, deleteOne, getOne, listAll } from '../internal/crud.js'
import { NETWORK, neutronPath } from '../internal/services.js'

/** A Neutron router as Neutron sends it. */
export type Router = NonNullable<components['schemas']['RouterShowResponse']['router']> & {
  id: string
  name: string
}

/** What add/remove interface answer: the router, subnet and port involved. */
export type RouterInterface = NonNullable<
  components['schemas']['RoutersAdd_Router_InterfaceAdd_Router_InterfaceResponse']
>

export interface CreateRouterOptions {
  name: string
  description?: string
  adminStateUp?: boolean
  /** The external network that gives the router its gateway (and SNAT). */
  externalNetworkId?: string
  /** SNAT on the gateway (admin-only to change; Neutron's default is on). */
  enableSnat?: boolean
  availabilityZoneHints?: string[]
  signal?: AbortSignal
}

/** Exactly one of `subnetId` or `portId`. */
export type RouterInterfaceOptions = (
  | { subnetId: string; portId?: never }
  | { portId: string; subnetId?: never }
) & {
  signal?: AbortSignal
}

/** Lists routers (`GET /v2.0/routers`), across pages. */
export function listRouters(
  session: Session,
  options: { name?: string; projectId?: string; limit?: number; signal?: AbortSignal } = {},
): AsyncGenerator<Router> {
  return listAll<Router>(
    session,
    routers,
    { name: options.name, project_id: options.projectId, limit: options.limit },
    options,
  )
}

/** Gets one router (`GET /v2.0/routers/{id}`). */
export function getRouter(session: Session, id: string, options: CallOptions = {}): Promise<Router> {
  return getOne<Router>(session, routers, id, options)
}

/** Creates a router (`POST /v2.0/routers`), with its gateway on an external network when given. */
export function createRouter(session: Session, options: CreateRouterOptions): Promise<Router> {
  const gateway =
    options.externalNetworkId === undefined
      ? undefined
      : {
          network_id: options.externalNetworkId,
          ...(options.enableSnat === undefined ? {} : { enable_snat: options.enableSnat }),
        }
  return createOne<Router>(
    session,
    routers,
    {
      name: options.name,
      description: options.description,
      admin_state_up: options.adminStateUp,
      external_gateway_info: gateway,
      availability_zone_hints: options.availabilityZoneHints,
    },
    options,
  )
}

/** Attaches a subnet or port to a router (`PUT /v2.0/routers/{id}/add_router_interface`). */
export function addRouterInterface(session: Session, routerId: string, options: RouterInterfaceOptions) {
  return routerInterface(session, routerId, 'add_router_interface', options)
}

/** Detaches a subnet or port from a router (`PUT /v2.0/routers/{id}/remove_router_interface`). */
export function removeRouterInterface(session: Session, routerId: string, options: RouterInterfaceOptions) {
  return routerInterface(session, routerId, 'remove_router_interface', options)
}

/** Deletes a router (`DELETE /v2.0/routers/{id}`); its interfaces must be removed first. */
export function deleteRouter(session: Session, id: string, options: CallOptions = {}): Promise<void> {
  return deleteOne(session, routers, id, options)
}

async function routerInterface(
  session: Session,
  routerId: string,
  action: string,
  options: RouterInterfaceOptions,
): Promise<RouterInterface> {
  const path = await neutronPath(session, `/routers/${encodeURIComponent(routerId)}/${action}`)
  const body = options.subnetId !== undefined ? { subnet_id: options.subnetId } : { port_id: options.portId }
  const response = await session.request<RouterInterface>(NETWORK, 'PUT', path, {
    body,
    ...(options.signal ? { signal: options.signal } : {}),
  })
  return response.body
}
